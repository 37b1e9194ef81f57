// A small persistent pool so large kernels can use every core. Workers are created on first use
// and then sleep on a condition variable between jobs; the calling thread always takes part.
#pragma once
#include <algorithm>
#include <cstddef>

namespace ts {

int thread_count();

// Runs fn(ctx, task) for every task in [0, tasks) and returns when all are done. If another
// parallel region is already running (a nested call, or a second JS thread using the addon), the
// tasks run inline on the caller instead of waiting for the pool.
void run_tasks(size_t tasks, void (*fn)(void* ctx, size_t task), void* ctx);

// Splits [0, n) into at most thread_count() ranges of at least `grain` items, with boundaries on
// multiples of `align` so threads never share a cache line of output, and calls f(begin, end).
template <typename F>
void parallel_for(size_t n, size_t grain, size_t align, F&& f) {
  size_t chunks = std::min<size_t>((size_t)thread_count(), grain ? n / grain : n);
  if (chunks <= 1) {
    if (n) f(size_t{0}, n);
    return;
  }
  struct Job {
    F* f;
    size_t n, chunks, align;
    size_t bound(size_t t) const {
      if (t == chunks) return n;
      size_t b = n / chunks * t;
      return b - b % align;
    }
  } job{&f, n, chunks, align};
  run_tasks(
      chunks,
      [](void* ctx, size_t t) {
        const Job& j = *static_cast<Job*>(ctx);
        size_t b = j.bound(t), e = j.bound(t + 1);
        if (b < e) (*j.f)(b, e);
      },
      &job);
}

}  // namespace ts
