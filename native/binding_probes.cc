// The bench's machine probes (cpu/probes.cc) and the pool's wake-up probe as `addon.probes`,
// checked as in binding.cc: a wrong type is a TypeError, a value out of range a RangeError.
#include <nan.h>

#include <cstring>
#include <string>

#include "args.h"
#include "cpu/probes.h"
#include "cpu/thread_pool.h"

namespace {

using namespace ts::js;

constexpr double kMaxProbeThreads = 256;
constexpr double kMaxProbeBytes = 68719476736.0;  // 64 GiB per array

bool probe_threads(const Args& args, int i, int* out) {
  uint64_t t;
  CHECK_ARG(args.integer(i, "threads", kMaxProbeThreads, &t));
  if (t == 0) return args.range_error("argument 'threads' must be at least 1");
  *out = (int)t;
  return true;
}

// fmaPeak(threads, roundMs = 20): best GFLOP/s of `threads` threads of FMA chains at once.
NAN_METHOD(FmaPeak) {
  Args args(info, "probes.fmaPeak");
  int threads;
  CHECK(probe_threads(args, 0, &threads));
  float round_ms = 20;
  if (!info[1]->IsUndefined()) {
    CHECK(args.number(1, "roundMs", &round_ms));
    if (!(round_ms >= 0.1f && round_ms <= 10000))
      return (void)args.range_error("argument 'roundMs' must be in [0.1, 10000]" + args.got(1));
  }
  info.GetReturnValue().Set(ts::fma_peak_gflops(threads, round_ms));
}

constexpr const char* kKinds = "argument 'kind' must be 'copy', 'add', 'triad' or 'read'";

// bandwidth(kind, bytesPerArray, threads): best GB/s of one STREAM kernel (cpu/probes.h).
NAN_METHOD(Bandwidth) {
  Args args(info, "probes.bandwidth");
  if (!info[0]->IsString())
    return (void)args.type_error(kKinds + args.got(0));
  const Nan::Utf8String kind_name(info[0]);
  ts::StreamKind kind;
  if (std::strcmp(*kind_name, "copy") == 0) kind = ts::StreamKind::Copy;
  else if (std::strcmp(*kind_name, "add") == 0) kind = ts::StreamKind::Add;
  else if (std::strcmp(*kind_name, "triad") == 0) kind = ts::StreamKind::Triad;
  else if (std::strcmp(*kind_name, "read") == 0) kind = ts::StreamKind::Read;
  else return (void)args.range_error(std::string(kKinds) + " (got '" + *kind_name + "')");
  uint64_t bytes;
  CHECK(args.integer(1, "bytesPerArray", kMaxProbeBytes, &bytes));
  if (bytes < 64) return (void)args.range_error("argument 'bytesPerArray' must be at least 64");
  int threads;
  CHECK(probe_threads(args, 2, &threads));
  const double gbps = ts::stream_gbps(kind, (size_t)bytes, threads);
  if (gbps < 0)
    return Nan::ThrowError(("probes.bandwidth: cannot allocate 3 arrays of " +
                            std::to_string(bytes) + " bytes").c_str());
  info.GetReturnValue().Set(gbps);
}

// poolWake(): microseconds from publishing a parallel region to a worker starting it, or -1
// (cpu/thread_pool.h).
NAN_METHOD(PoolWake) { info.GetReturnValue().Set(ts::pool_wake_us()); }

void set(v8::Local<v8::Object> target, const char* name, Nan::FunctionCallback fn) {
  Nan::Set(target, Nan::New(name).ToLocalChecked(),
           Nan::GetFunction(Nan::New<v8::FunctionTemplate>(fn)).ToLocalChecked());
}

}  // namespace

namespace ts {
namespace js {

void set_probe_functions(v8::Local<v8::Object> target) {
  v8::Local<v8::Object> probes = Nan::New<v8::Object>();
  Nan::Set(probes, Nan::New("fmaUnit").ToLocalChecked(), Nan::New(ts::fma_unit()).ToLocalChecked());
  set(probes, "fmaPeak", FmaPeak);
  set(probes, "bandwidth", Bandwidth);
  set(probes, "poolWake", PoolWake);
  Nan::Set(target, Nan::New("probes").ToLocalChecked(), probes);
}

}  // namespace js
}  // namespace ts
