// What this build and CPU run: the GEMM variant, chosen once at load (TENSORSHELL_KERNELS may
// narrow it), with the `simd` name that reports it; and the guard that stops an AVX2 build from
// running (and dying on an illegal instruction) on a CPU without AVX2/FMA, e.g. when a build
// directory is copied to another machine.
#include <cstdlib>
#include <string>

#include "../kernels.h"
#include "gemm.h"

namespace ts {
namespace {

const char* const kNames[] = {"portable", "avx2", "avx512"};  // GemmKernel order

// libgcc reports AVX-512 only when XCR0 says the OS saves the opmask and zmm state (GCC 12 checks
// bits 1-2 and 5-7), so no XGETBV of our own.
bool available(GemmKernel k) {
  if (k == GemmKernel::Avx512) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("fma");
#else
    return false;
#endif
  }
#ifndef TS_AVX2
  if (k == GemmKernel::Avx2) return false;
#endif
  return true;  // an AVX2 build runs only where cpu_runs_this_build()
}

struct Choice {
  GemmKernel kernel;
  std::string name;
};

// The widest variant available, no wider than TENSORSHELL_KERNELS asks; a request not met exactly,
// or not understood, is noted in the name.
Choice choose() {
  const char* env = std::getenv("TENSORSHELL_KERNELS");
  const std::string want = env ? env : "";
  int cap = 2;
  if (!want.empty()) {
    cap = -1;
    for (int i = 0; i < 3; ++i)
      if (want == kNames[i]) cap = i;
  }
  int k = cap < 0 ? 2 : cap;
  while (k > 0 && !available((GemmKernel)k)) --k;
  std::string name = kNames[k];
  const std::string asked = " (TENSORSHELL_KERNELS=" + want;
  if (cap < 0) name += asked + " ignored: expected avx512, avx2 or portable)";
  else if (!want.empty() && k != cap) name += asked + ": not available here)";
  return {(GemmKernel)k, name};
}

const Choice& choice() {
  static const Choice c = choose();
  return c;
}

}  // namespace

GemmKernel gemm_kernel() { return choice().kernel; }

const char* simd_name() { return choice().name.c_str(); }

bool cpu_runs_this_build() {
#if defined(TS_AVX2) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return true;
#endif
}

}  // namespace ts
