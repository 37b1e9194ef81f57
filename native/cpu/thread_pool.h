// A small persistent pool so large kernels can use every core. Workers are created on first use;
// between jobs they spin briefly (TENSORSHELL_SPIN_US, 100 by default), then sleep on a condition
// variable. The calling thread always takes part, and it never waits for a worker that has not
// started: a worker that wakes late finds the tasks already taken and goes back to sleep (see
// thread_pool.cc, which also says how the pool keeps off a core it would only share).
#pragma once
#include <algorithm>
#include <cstddef>

namespace ts {

int thread_count();

// Runs fn(ctx, task) for every task in [0, tasks) and returns when all are done. Which thread
// runs which task is not fixed, so a result may depend on the task count, never on scheduling. If
// another parallel region is already running (a nested call, or a second JS thread using the
// addon), the tasks run inline on the caller instead of waiting for the pool.
// `long_region` says the region belongs to a longer computation (a big product's panels) that the
// caller knows takes at least a few milliseconds on one thread, whatever this region's own length:
// it is then treated as long (see thread_pool.cc) from its first task.
void run_tasks(size_t tasks, void (*fn)(void* ctx, size_t task), void* ctx,
               bool long_region = false);

// Microseconds from publishing a region until a worker starts a task of it: about the wake-up
// cost a parallel kernel pays. -1 when there is no worker or none started within 10 ms (also
// when the only worker ran on the caller's CPU, where it takes no tasks: see thread_pool.cc).
double pool_wake_us();

// Splits [0, n) into at most `pieces` (default thread_count()) ranges of at least `grain` items,
// with boundaries on multiples of `align` so threads never share a cache line of output, and calls
// f(begin, end) for each, on whichever thread takes it.
template <typename F>
void parallel_for(size_t n, size_t grain, size_t align, F&& f, size_t pieces = 0) {
  if (pieces == 0) pieces = (size_t)thread_count();
  size_t chunks = std::min<size_t>(pieces, grain ? n / grain : n);
  if (chunks <= 1 || thread_count() == 1) {
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
