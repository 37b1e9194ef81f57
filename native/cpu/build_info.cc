// Facts fixed at build time that the addon reports, and the guard that stops an AVX2 build from
// running (and dying on an illegal instruction) on a CPU without AVX2/FMA, e.g. when a build
// directory is copied to another machine.
#include "../kernels.h"

namespace ts {

const char* simd_name() {
#ifdef TS_AVX2
  return "avx2";
#else
  return "portable";
#endif
}

bool cpu_runs_this_build() {
#if defined(TS_AVX2) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return true;
#endif
}

}  // namespace ts
