// Growable per-thread scratch memory (the conv-net kernels, the GEMMs' packing buffers): it grows once
// and is reused, so a warmed-up training step allocates nothing. get() returns null when the memory
// cannot be had.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "thread_pool.h"

namespace ts {

struct Scratch {
  float* data = nullptr;
  size_t capacity = 0;
  float* get(size_t floats) {
    if (floats > capacity) {
      std::free(data);
      size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
      data = floats < (size_t{1} << 60) ? static_cast<float*>(std::aligned_alloc(64, bytes))
                                         : nullptr;
      capacity = data ? floats : 0;
    }
    return data;
  }
  ~Scratch() { std::free(data); }
};

// A window's kernel offsets [k0, k1) along one axis that land inside [0, in) for output index o
// (dilation 1); empty (k0 == k1) when the window lies entirely in padding.
inline void window_range(int64_t o, int64_t stride, int64_t pad, int64_t k, int64_t in,
                         int64_t* k0, int64_t* k1) {
  int64_t start = o * stride - pad;
  *k0 = start < 0 ? std::min(-start, k) : 0;
  *k1 = std::max(*k0, std::min(k, in - start));
}

// Runs f(task) for task in [0, tasks) on the pool (inline when tasks == 1).
template <typename F>
void run_each(size_t tasks, F f) {
  if (tasks <= 1) {
    if (tasks) f(size_t{0});
    return;
  }
  run_tasks(tasks, [](void* ctx, size_t t) { (*static_cast<F*>(ctx))(t); }, &f);
}

// How many tasks `work` multiply-adds (or comparable steps) deserve, at most `items` and
// `per_thread` times the thread count: one below 64^3, where waking a thread costs about as much as
// the work. More than one a thread lets the caller take over the share of a worker that starts
// late or loses its core (thread_pool.cc), where the split does not change the result.
inline size_t task_count(double work, size_t items, size_t per_thread = 1) {
  if (work < 64.0 * 64 * 64) return items ? 1 : 0;
  size_t t = (size_t)thread_count() * per_thread;
  return t < items ? t : items;
}

}  // namespace ts
