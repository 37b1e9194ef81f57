// Process allocator tuning for large tensors.
//
// V8 allocates ArrayBuffers with calloc. glibc serves anything above 32 MiB with a fresh mmap, so every
// 16M-element result (64 MiB) page-faults its way in and is unmapped again when collected: a measured 3×
// slowdown of a large add (6 GB/s instead of 20). Keeping big blocks on the heap lets freed tensor memory
// be reused without faults. The top of the heap is still given back to the OS above 256 MiB of slack.
// TENSORSHELL_MALLOC=default leaves glibc's settings alone, and V8's ArrayBuffer sweeping (binding.cc).
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "../kernels.h"

namespace ts {

bool allocation_tuning_allowed() {
  const char* choice = std::getenv("TENSORSHELL_MALLOC");
  return choice == nullptr || std::strcmp(choice, "default") != 0;
}

bool tune_allocator() {
  static bool done = false;
  if (done) return true;
  done = true;
  if (!allocation_tuning_allowed()) return false;
#if defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  return true;
#else
  return false;
#endif
}

}  // namespace ts
