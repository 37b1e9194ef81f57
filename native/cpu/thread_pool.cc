// See thread_pool.h. One job at a time lives in the pool. `ticket_` packs the job's generation, its
// task count and the next unclaimed task; a thread claims a task with one compare-exchange that
// names the generation it read the job under, so a worker that wakes after its region ended can
// never take a task of the next one. The caller therefore waits only for tasks a worker has
// actually started, never for a wake-up: on two busy cores, where a sleeping worker may take
// milliseconds to be scheduled, a region costs at worst about what the caller alone would take.
//
// Two cores shared with other processes also decide where threads run. A worker that finds itself
// on the caller's CPU takes nothing (it could only run there by taking the CPU from the caller);
// sleeping workers are woken with the caller's CPU excluded from their affinity; and a region in
// which a worker shared the caller's CPU, or held the caller up for longer than the caller's own
// share took, makes the pool run the next regions inline for a while (1 ms, doubling while that
// keeps happening, up to 64 ms). All that is for short regions, where sharing a core only adds
// switches; once the caller's first task shows the whole region would take kLongRegion on one
// thread (its time times the task count), the region is long: workers take
// tasks wherever they run (the scheduler then spreads the threads, and a busy machine gives a
// process with two runnable threads more of itself than one with one), a back-off in force
// publishes the tasks left, and nothing in it starts a back-off. None of this changes a result:
// only who runs a task.
#include "thread_pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <thread>

#include "pool_os.h"

namespace ts {
namespace {

using pool_os::Clock;

constexpr int kMaxThreads = 64;
constexpr size_t kMaxTasks = 0xffff;
// How long a worker polls for the next job before sleeping, and the caller for the last task
// before sleeping. Back-to-back eager ops arrive within tens of microseconds, so a worker that
// polls that long skips the futex wake-up; the bound keeps it from holding a core that the main
// thread, V8's threads or other processes want (TENSORSHELL_SPIN_US overrides; 0 sleeps at once).
constexpr int kDefaultSpinUs = 100;
constexpr auto kStall = std::chrono::microseconds(50);
constexpr auto kBackoffMin = std::chrono::milliseconds(1);
constexpr auto kBackoffMax = std::chrono::milliseconds(64);
// Above a few scheduler slices the scheduler can spread two threads over the cores; below, they
// only take turns.
constexpr auto kLongRegion = std::chrono::microseconds(3000);

Clock::duration spin_budget() {
  static const auto d = std::chrono::microseconds(
      pool_os::env_int("TENSORSHELL_SPIN_US", kDefaultSpinUs, 0, 100000));
  return d;
}

constexpr uint32_t gen_of(uint64_t t) { return (uint32_t)(t >> 32); }
constexpr size_t tasks_of(uint64_t t) { return (size_t)(t >> 16) & kMaxTasks; }
constexpr size_t next_of(uint64_t t) { return (size_t)t & kMaxTasks; }

thread_local bool tl_worker = false;

class Pool {
 public:
  explicit Pool(int workers) {
    for (int w = 0; w < kMaxThreads; ++w) task_cpu_[w].store(-1), tids_[w].store(0);
    // Thread creation can fail under tight limits; the pool then simply has fewer workers.
    for (int i = 0; i < workers; ++i) {
      try {
        std::thread([this, i] { work(i); }).detach();
      } catch (const std::system_error&) {
        break;
      }
      ++started_;
    }
  }

  int workers() const { return started_; }

  // False, having run nothing, when another region holds the pool. While the pool backs off (and
  // `force` is not set) the caller runs the tasks itself, unless the first one shows the region
  // long.
  bool run(size_t tasks, void (*fn)(void*, size_t), void* ctx, bool force = false,
           bool long_region = false) {
    std::unique_lock<std::mutex> region(region_, std::try_to_lock);
    if (!region.owns_lock() || started_ == 0) return false;
    auto start = Clock::now();
    size_t first = 0;
    if (!force && !long_region && start < backoff_until_) {
      fn(ctx, 0);
      const auto now = Clock::now();
      if ((now - start) * (int64_t)tasks < kLongRegion) {
        for (size_t t = 1; t < tasks; ++t) fn(ctx, t);
        return true;
      }
      first = 1, start = now;
    }
    const uint32_t gen = publish(tasks, first, fn, ctx, long_region);
    const size_t mine = drain(gen, fn, ctx, -1, start);
    const bool stalled = wait_done(tasks, Clock::now() - start);
    const bool colocated = colocated_.exchange(false, std::memory_order_relaxed);
    if (!long_.load(std::memory_order_relaxed) && (colocated || stalled)) back_off();
    else if (mine < tasks - first) backoff_ = kBackoffMin;  // the workers helped
    return true;
  }

 private:
  // Publishes tasks [first, tasks) of a job (the ones before it already ran).
  uint32_t publish(size_t tasks, size_t first, void (*fn)(void*, size_t), void* ctx,
                   bool long_region) {
    const uint32_t gen = gen_of(ticket_.load(std::memory_order_relaxed)) + 1;
    fn_.store(fn, std::memory_order_relaxed);
    ctx_.store(ctx, std::memory_order_relaxed);
    done_.store(first, std::memory_order_relaxed);
    long_.store(first > 0 || long_region, std::memory_order_relaxed);
    const int cpu = pool_os::current_cpu();
    caller_cpu_.store(cpu, std::memory_order_relaxed);
    ticket_.store((uint64_t)gen << 32 | (uint64_t)tasks << 16 | first, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      if (cpu != kept_off_) {
        for (int w = 0; w < started_; ++w) pool_os::keep_off_cpu(tids_[w].load(), cpu);
        kept_off_ = cpu;
      }
      { std::lock_guard<std::mutex> lock(mu_); }  // a worker between its check and its wait
      work_cv_.notify_all();
    }
    return gen;
  }

  // Waits for the tasks workers still run; true when that took longer than the caller's own
  // share (`own`) and kStall: a worker lost its core to another process mid-task.
  bool wait_done(size_t tasks, Clock::duration own) {
    auto finished = [&] { return done_.load(std::memory_order_seq_cst) == tasks; };
    if (finished()) return false;
    const auto drained = Clock::now();
    auto shared = [&] {
      const int cpu = pool_os::current_cpu();
      for (int w = 0; w < started_; ++w)
        if (cpu >= 0 && task_cpu_[w].load(std::memory_order_relaxed) == cpu) return true;
      return false;
    };
    if (!pool_os::poll(spin_budget(), finished, shared)) {
      std::unique_lock<std::mutex> lock(mu_);
      caller_waiting_.store(true, std::memory_order_seq_cst);
      done_cv_.wait(lock, finished);
      caller_waiting_.store(false, std::memory_order_relaxed);
    }
    return Clock::now() - drained > std::max<Clock::duration>(own, kStall);
  }

  void back_off() {
    const auto now = Clock::now();
    // Failing again soon after the last back-off ended: the other cores are still busy.
    const bool again = now < backoff_until_ + 2 * backoff_;
    backoff_ = again ? std::min<Clock::duration>(2 * backoff_, kBackoffMax) : kBackoffMin;
    backoff_until_ = now + backoff_;
  }

  // Claims the next task of generation `gen`, if it has one left, and says how many it has.
  bool claim(uint32_t gen, size_t* task, size_t* tasks) {
    uint64_t t = ticket_.load(std::memory_order_acquire);
    while (gen_of(t) == gen && next_of(t) < tasks_of(t)) {
      if (ticket_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) {
        *task = next_of(t);
        *tasks = tasks_of(t);
        return true;
      }
    }
    return false;
  }

  // Runs tasks of `gen` until none are left and returns how many this thread ran. Every task's
  // completion is counted, so done_ reaching the task count means no thread still runs, or will
  // run, a task of this job. `worker` is a worker's index; the caller (-1) passes when it started,
  // and marks the job long when its first task shows the region long (see the top of the file).
  size_t drain(uint32_t gen, void (*fn)(void*, size_t), void* ctx, int worker,
               Clock::time_point start = {}) {
    size_t task = 0, tasks = 0, ran = 0;
    for (;; ++ran) {
      if (worker < 0 && ran == 1 && (Clock::now() - start) * (int64_t)tasks >= kLongRegion)
        long_.store(true, std::memory_order_relaxed);
      if (worker >= 0) {
        const int cpu = pool_os::current_cpu();
        if (cpu >= 0 && cpu == caller_cpu_.load(std::memory_order_relaxed) &&
            !long_.load(std::memory_order_relaxed)) {
          colocated_.store(true, std::memory_order_relaxed);
          break;
        }
        task_cpu_[worker].store(cpu, std::memory_order_relaxed);
      }
      if (!claim(gen, &task, &tasks)) break;
      fn(ctx, task);
      if (done_.fetch_add(1, std::memory_order_seq_cst) + 1 == tasks &&
          caller_waiting_.load(std::memory_order_seq_cst)) {
        std::lock_guard<std::mutex> lock(mu_);
        done_cv_.notify_one();
      }
    }
    if (worker >= 0) task_cpu_[worker].store(-1, std::memory_order_relaxed);
    return ran;
  }

  void work(int index) {
    tl_worker = true;
    tids_[index].store(pool_os::thread_id());
    uint32_t seen = 0;
    auto fresh = [&] { return gen_of(ticket_.load(std::memory_order_seq_cst)) != seen; };
    // On the caller's CPU the caller cannot run while this worker spins.
    auto shared = [&] {
      const int cpu = pool_os::current_cpu();
      return cpu >= 0 && cpu == caller_cpu_.load(std::memory_order_relaxed);
    };
    for (;;) {
      if (!pool_os::poll(spin_budget(), fresh, shared)) {
        std::unique_lock<std::mutex> lock(mu_);
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        work_cv_.wait(lock, fresh);
        sleepers_.fetch_sub(1, std::memory_order_relaxed);
      }
      seen = gen_of(ticket_.load(std::memory_order_acquire));
      // Read under `seen`; a later job may have replaced them, but then claim() fails.
      auto fn = fn_.load(std::memory_order_relaxed);
      void* ctx = ctx_.load(std::memory_order_relaxed);
      drain(seen, fn, ctx, index);
    }
  }

  std::mutex region_;  // one parallel region at a time
  std::atomic<uint64_t> ticket_{0};  // generation:32 | tasks:16 | next:16
  std::atomic<void (*)(void*, size_t)> fn_{nullptr};
  std::atomic<void*> ctx_{nullptr};
  std::atomic<size_t> done_{0};
  std::atomic<int> sleepers_{0};
  std::atomic<bool> caller_waiting_{false};
  std::atomic<int> caller_cpu_{-1};
  std::atomic<bool> colocated_{false};      // a worker found itself on the caller's CPU
  std::atomic<bool> long_{false};           // this job would take kLongRegion on one thread
  std::atomic<int> task_cpu_[kMaxThreads];  // each worker's CPU while it runs tasks, else -1
  std::atomic<long> tids_[kMaxThreads];     // each worker's thread id, for its affinity
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  // Under region_:
  Clock::time_point backoff_until_{};
  Clock::duration backoff_ = kBackoffMin;
  int kept_off_ = -1;  // the CPU sleeping workers were last kept off
  int started_ = 0;
};

// Never destroyed: the detached workers sleep until the process exits, which avoids joining
// threads from a static destructor while Node is tearing down.
Pool& pool() {
  static Pool* p = new Pool(thread_count() - 1);
  return *p;
}

}  // namespace

int thread_count() {
  static const int n =
      pool_os::env_int("TENSORSHELL_THREADS", std::min(pool_os::available_cpus(), kMaxThreads), 1,
                       kMaxThreads);
  return n;
}

void run_tasks(size_t tasks, void (*fn)(void*, size_t), void* ctx, bool long_region) {
  if (tasks == 0) return;
  if (tasks == 1 || tasks > kMaxTasks || thread_count() == 1 ||
      !pool().run(tasks, fn, ctx, /*force=*/false, long_region)) {
    for (size_t t = 0; t < tasks; ++t) fn(ctx, t);
  }
}

double pool_wake_us() {
  if (thread_count() == 1 || pool().workers() == 0) return -1;
  struct Probe {
    Clock::time_point start;
    std::atomic<int64_t> worker_ns{-1};
    bool caller_waited = false;
  } probe;
  // The caller's task waits (once) for a worker to start the other one.
  auto fn = [](void* ctx, size_t) {
    Probe& p = *static_cast<Probe*>(ctx);
    if (tl_worker) {
      const auto waited = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - p.start);
      p.worker_ns.store(waited.count(), std::memory_order_release);
    } else if (!p.caller_waited) {
      p.caller_waited = true;
      const auto deadline = p.start + std::chrono::milliseconds(10);
      while (p.worker_ns.load(std::memory_order_acquire) < 0 && Clock::now() < deadline)
        pool_os::pause();
    }
  };
  probe.start = Clock::now();
  if (!pool().run(2, fn, &probe, /*force=*/true)) return -1;
  const int64_t ns = probe.worker_ns.load(std::memory_order_acquire);
  return ns < 0 ? -1 : ns / 1000.0;
}

}  // namespace ts
