// Ctrl-C for the REPL's inputs as `addon.sigint` (src/kernel/sigint.ts). Node's vm `breakOnSigint` swaps
// the process's SIGINT handler at each script's start and end and removes every JS listener meanwhile, so a
// second SIGINT just after the first (a terminal's, then the copy `npm start` or `timeout` relays) can meet
// the default action and end the process; and a SIGINT that comes while an input compiles waits in the event
// loop where no watchdog sees it. Here one handler stays installed for the life of the process:
//   - idle: the signal goes on to libuv's handler, which process.on('SIGINT') listeners hear;
//   - an input preparing (prepare() → run()): it is counted, and run() stops the input before its script;
//   - a script running (run()): a watchdog thread calls TerminateExecution, and run() turns the termination
//     into Node's ERR_SCRIPT_EXECUTION_INTERRUPTED error, as breakOnSigint would.
// A signal within 100 ms of the previous one is a relayed copy of it and is dropped.
#include <nan.h>
#include <semaphore.h>
#include <signal.h>
#include <time.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <mutex>
#include <thread>

namespace {

enum State : int { kIdle = 0, kPreparing = 1, kRunning = 2 };

constexpr int64_t kCopyNs = 100'000'000;

v8::Isolate* g_isolate = nullptr;
struct sigaction g_chain;  // the handler before ours: libuv's, kept while a JS listener exists
sem_t g_wake;
std::atomic<int> g_state{kIdle};
std::atomic<uint32_t> g_count{0};
std::atomic<int64_t> g_last_ns{INT64_MIN / 2};
// The watchdog thread and run() agree under this lock on whether the running script was terminated.
std::mutex g_mutex;
uint32_t g_token = 0;
bool g_terminated = false;

int64_t now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

void chain(int sig, siginfo_t* info, void* context) {
  if (g_chain.sa_flags & SA_SIGINFO) {
    if (g_chain.sa_sigaction != nullptr) g_chain.sa_sigaction(sig, info, context);
  } else if (g_chain.sa_handler == SIG_DFL) {
    signal(SIGINT, SIG_DFL);
    raise(SIGINT);
  } else if (g_chain.sa_handler != SIG_IGN) {
    g_chain.sa_handler(sig);
  }
}

// Async-signal-safe: atomics, clock_gettime, sem_post and libuv's own handler only.
void on_sigint(int sig, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  const int64_t t = now_ns();
  int64_t last = g_last_ns.load();
  // Only an accepted signal starts a new copy window (another thread may take one at the same time).
  if (t - last >= kCopyNs && g_last_ns.compare_exchange_strong(last, t)) {
    if (g_state.load() == kIdle) {
      chain(sig, info, context);
    } else {
      // Counted before the state is read again: run() stores kRunning before it reads the count, so
      // either it sees this signal or this sees it running (and wakes the watchdog).
      g_count.fetch_add(1);
      if (g_state.load() == kRunning) sem_post(&g_wake);
    }
  }
  errno = saved_errno;
}

void watch() {
  for (;;) {
    while (sem_wait(&g_wake) != 0) {
    }
    std::lock_guard<std::mutex> lock(g_mutex);
    // A late wake-up from an earlier input's signal finds the count equal to this input's token.
    if (g_state.load() == kRunning && !g_terminated && g_count.load() != g_token) {
      g_terminated = true;
      g_isolate->TerminateExecution();
    }
  }
}

void throw_interrupted() {
  v8::Local<v8::Value> error = Nan::Error("Script execution was interrupted by `SIGINT`");
  Nan::Set(error.As<v8::Object>(), Nan::New("code").ToLocalChecked(),
           Nan::New("ERR_SCRIPT_EXECUTION_INTERRUPTED").ToLocalChecked());
  Nan::ThrowError(error);
}

// install(): true once the handler is in place (call it while a process.on('SIGINT') listener exists, so
// the handler it finds is libuv's, and keep that listener for good). Only the main thread's isolate.
NAN_METHOD(Install) {
  if (g_isolate != nullptr) return info.GetReturnValue().Set(g_isolate == info.GetIsolate());
  struct sigaction ours = {};
  ours.sa_sigaction = on_sigint;
  ours.sa_flags = SA_SIGINFO | SA_RESTART;
  sigfillset(&ours.sa_mask);
  if (sem_init(&g_wake, 0, 0) != 0) return info.GetReturnValue().Set(false);
  if (sigaction(SIGINT, nullptr, &g_chain) != 0) return info.GetReturnValue().Set(false);
  g_isolate = info.GetIsolate();
  try {
    std::thread(watch).detach();
  } catch (...) {
    g_isolate = nullptr;
    return info.GetReturnValue().Set(false);
  }
  sigaction(SIGINT, &ours, nullptr);
  info.GetReturnValue().Set(true);
}

// prepare(): an input starts; returns its token. A signal from now on belongs to it.
NAN_METHOD(Prepare) {
  g_state.store(kPreparing);
  info.GetReturnValue().Set(g_count.load());
}

// idle(): the input's synchronous part is over (an `await` it waits in is the JS listeners' again).
NAN_METHOD(Idle) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_state.store(kIdle);
}

// run(token, script): script() unless a signal came since prepare() returned `token`; a signal while it
// runs terminates it. Either way the result is ERR_SCRIPT_EXECUTION_INTERRUPTED.
NAN_METHOD(Run) {
  if (!info[0]->IsUint32() || !info[1]->IsFunction())
    return Nan::ThrowTypeError("sigint.run(token, script): a token from prepare() and a function");
  const uint32_t token = Nan::To<uint32_t>(info[0]).FromJust();
  v8::Local<v8::Function> script = info[1].As<v8::Function>();
  v8::Local<v8::Object> receiver = Nan::GetCurrentContext()->Global();
  if (g_isolate != info.GetIsolate() || g_state.load() == kRunning) {
    // Another thread's isolate, or a script inside a script: the outer run() answers for Ctrl-C.
    Nan::MaybeLocal<v8::Value> result = Nan::Call(script, receiver, 0, nullptr);
    if (!result.IsEmpty()) info.GetReturnValue().Set(result.ToLocalChecked());
    return;
  }
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_token = token;
    g_terminated = false;
    g_state.store(kRunning);
  }
  if (g_count.load() != token) {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_state.store(kIdle);
    return throw_interrupted();
  }
  bool interrupted = false;
  {
    v8::TryCatch try_catch(info.GetIsolate());
    Nan::MaybeLocal<v8::Value> result = Nan::Call(script, receiver, 0, nullptr);
    bool terminated;
    {
      std::lock_guard<std::mutex> lock(g_mutex);
      g_state.store(kIdle);
      terminated = g_terminated;
      g_terminated = false;
    }
    if (terminated) {
      interrupted = try_catch.HasTerminated();
      // Also clears a termination requested just as the script returned: its result stands then.
      g_isolate->CancelTerminateExecution();
      if (interrupted) try_catch.Reset();
    } else if (try_catch.HasTerminated()) {
      return;  // someone else's termination (the process ending): let it go on
    }
    if (!interrupted) {
      if (try_catch.HasCaught()) return (void)try_catch.ReThrow();
      if (!result.IsEmpty()) info.GetReturnValue().Set(result.ToLocalChecked());
      return;
    }
  }
  throw_interrupted();
}

// signals(): how many signals were counted for inputs (for tests).
NAN_METHOD(Signals) {
  info.GetReturnValue().Set(g_count.load());
}

void set(v8::Local<v8::Object> target, const char* name, Nan::FunctionCallback f) {
  Nan::Set(target, Nan::New(name).ToLocalChecked(), Nan::GetFunction(Nan::New<v8::FunctionTemplate>(f)).ToLocalChecked());
}

}  // namespace

namespace ts {
namespace js {

void set_sigint_functions(v8::Local<v8::Object> target) {
  v8::Local<v8::Object> sigint = Nan::New<v8::Object>();
  set(sigint, "install", Install);
  set(sigint, "prepare", Prepare);
  set(sigint, "idle", Idle);
  set(sigint, "run", Run);
  set(sigint, "signals", Signals);
  Nan::Set(target, Nan::New("sigint").ToLocalChecked(), sigint);
}

}  // namespace js
}  // namespace ts
