// What thread_pool.cc needs from the OS and the CPU: the CPUs this process may use, the CPU a thread
// runs on, CPU affinity for a worker, a spin-wait hint, and a bounded poll loop.
#pragma once
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#ifdef __linux__
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace ts {
namespace pool_os {

using Clock = std::chrono::steady_clock;

inline void pause() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#else
  std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
}

// An integer environment variable in [lo, hi] (clamped above), else `fallback`.
inline int env_int(const char* name, int fallback, int lo, int hi) {
  const char* env = std::getenv(name);
  if (!env || !*env) return fallback;
  int n = std::atoi(env);
  return n < lo ? fallback : std::min(n, hi);
}

// The CPUs this process may run on, which in a container can be fewer than the machine has.
inline int available_cpus() {
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

// The CPU the calling thread runs on, or -1 where that cannot be known.
inline int current_cpu() {
#ifdef __linux__
  return sched_getcpu();
#else
  return -1;
#endif
}

// The calling thread's id for keep_off_cpu, or 0.
inline long thread_id() {
#ifdef __linux__
  return (long)syscall(SYS_gettid);
#else
  return 0;
#endif
}

// Lets thread `tid` run on every CPU the process started with but `cpu`. False where it cannot.
inline bool keep_off_cpu(long tid, int cpu) {
#ifdef __linux__
  static cpu_set_t all;
  static const bool known = sched_getaffinity(0, sizeof(all), &all) == 0;
  if (!known || tid <= 0 || cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &all) || CPU_COUNT(&all) < 2)
    return false;
  cpu_set_t set = all;
  CPU_CLR(cpu, &set);
  return sched_setaffinity((pid_t)tid, sizeof(set), &set) == 0;
#else
  (void)tid, (void)cpu;
  return false;
#endif
}

// Polls `ready` for up to `budget`; true once it held. It stops early, false, once `shared()` says
// the thread it waits for runs on this very CPU: spinning there only keeps that thread off it. It
// never yields inside the budget: on a busy machine sched_yield hands the core to another process
// for a whole time slice (measured: 2-8 ms before a yielding worker saw the next job).
template <typename Ready, typename Shared>
bool poll(Clock::duration budget, Ready ready, Shared shared) {
  const auto deadline = Clock::now() + budget;
  for (unsigned i = 1;; ++i) {
    if (ready()) return true;
    pause();
    if (i % 64 == 0 && (Clock::now() >= deadline || shared())) return ready();
  }
}

}  // namespace pool_os
}  // namespace ts
