// See thread_pool.h. Workers wait on a generation counter: each parallel region bumps it, every
// worker checks in once per generation, and tasks are handed out through one atomic counter.
#include "thread_pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

#ifdef __linux__
#include <sched.h>
#endif

namespace ts {
namespace {

constexpr int kMaxThreads = 64;

// The CPUs this process may run on, which in a container can be fewer than the machine has.
int available_cpus() {
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  unsigned n = std::thread::hardware_concurrency();
  return n ? (int)n : 1;
}

int configured_threads() {
  if (const char* env = std::getenv("TENSORSHELL_THREADS")) {
    int n = std::atoi(env);
    if (n >= 1) return std::min(n, kMaxThreads);
  }
  return std::min(available_cpus(), kMaxThreads);
}

class Pool {
 public:
  explicit Pool(int workers) {
    // Thread creation can fail under tight limits; the pool then simply has fewer workers.
    for (int i = 0; i < workers; ++i) {
      try {
        std::thread([this] { work(); }).detach();
      } catch (const std::system_error&) {
        break;
      }
      ++started_;
    }
  }

  void run(size_t tasks, void (*fn)(void*, size_t), void* ctx) {
    std::unique_lock<std::mutex> region(region_, std::try_to_lock);
    if (!region.owns_lock() || started_ == 0) {
      for (size_t t = 0; t < tasks; ++t) fn(ctx, t);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      fn_ = fn;
      ctx_ = ctx;
      tasks_ = tasks;
      next_.store(0, std::memory_order_relaxed);
      pending_ = started_;
      ++generation_;
    }
    wake_.notify_all();
    drain();
    // Every worker checks in for every generation, so none can still be reading this job's
    // fn/ctx when the next one is published.
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  void drain() {
    for (size_t t; (t = next_.fetch_add(1, std::memory_order_relaxed)) < tasks_;) fn_(ctx_, t);
  }

  void work() {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
      }
      drain();
      std::lock_guard<std::mutex> lock(mu_);
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex region_;  // one parallel region at a time
  std::mutex mu_;
  std::condition_variable wake_, done_;
  uint64_t generation_ = 0;
  int started_ = 0;
  int pending_ = 0;
  void (*fn_)(void*, size_t) = nullptr;
  void* ctx_ = nullptr;
  size_t tasks_ = 0;
  std::atomic<size_t> next_{0};
};

// Never destroyed: the detached workers sleep until the process exits, which avoids joining
// threads from a static destructor while Node is tearing down.
Pool& pool() {
  static Pool* p = new Pool(thread_count() - 1);
  return *p;
}

}  // namespace

int thread_count() {
  static const int n = configured_threads();
  return n;
}

void run_tasks(size_t tasks, void (*fn)(void*, size_t), void* ctx) {
  if (tasks == 0) return;
  if (tasks == 1 || thread_count() == 1) {
    for (size_t t = 0; t < tasks; ++t) fn(ctx, t);
    return;
  }
  pool().run(tasks, fn, ctx);
}

}  // namespace ts
