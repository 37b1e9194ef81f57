// The JS face of the kernels (binding_nn.cc adds the conv-net ones; args.h holds the shared
// argument reader). Every argument is checked before any kernel runs, so no JS value can crash the
// process: wrong types throw TypeError, wrong sizes or values throw RangeError, with the function
// and argument named. The checks are cheap instance-type tests, so a length-1 call stays around
// 100-200 ns.
#include <nan.h>

#include <string>

#include "args.h"
#include "kernels.h"
#include "validate.h"
#ifdef TS_CUDA
#include "cuda/kernels_cuda.h"
#endif

namespace ts {
namespace js {
void set_io_functions(v8::Local<v8::Object> target);     // binding_io.cc
void set_probe_functions(v8::Local<v8::Object> target);  // binding_probes.cc
void set_sigint_functions(v8::Local<v8::Object> target);  // binding_sigint.cc
}  // namespace js
}  // namespace ts

namespace {

using namespace ts::js;
using ts::Array;
using ts::DType;
using v8::Local;
using v8::Value;

// Runs a kernel on the CPU, or on the GPU for functions registered under `gpu`.
#ifdef TS_CUDA
#define RUN(args, fn, ...)                                                      \
  do {                                                                          \
    if ((args).gpu()) {                                                         \
      if (const char* err = ts::cuda::fn(__VA_ARGS__)) return Nan::ThrowError(err); \
    } else {                                                                    \
      ts::fn(__VA_ARGS__);                                                      \
    }                                                                           \
  } while (0)
#else
#define RUN(args, fn, ...) ts::fn(__VA_ARGS__)
#endif

// ---- Kernels ---------------------------------------------------------------------------------

// op, a and b (same type, op defined for it), then the type `out` must have.
bool binary_inputs(const Args& args, int* op, Array* a, Array* b, DType* out_dtype) {
  CHECK_ARG(args.op(0, (int)ts::BinaryOp::Count, op));
  CHECK_ARG(args.array(1, "a", a));
  CHECK_ARG(args.array_of(2, "b", a->dtype, b, ", like 'a',"));
  auto bop = (ts::BinaryOp)*op;
  if (!ts::binary_supports(bop, a->dtype))
    return args.type_error(std::string("op ") + std::to_string(*op) + " (" +
                           ts::kBinaryOpNames[*op] + ") does not accept " + dtype_name(a->dtype));
  *out_dtype = ts::binary_out_dtype(bop, a->dtype);
  return true;
}

NAN_METHOD(Binary) {
  Args args(info, "binary");
  int op;
  Array a, b, out;
  DType out_dtype;
  CHECK(binary_inputs(args, &op, &a, &b, &out_dtype));
  // The longer input fixes the length; two single elements broadcast to any out.length.
  if (a.length != 1 && b.length != 1 && a.length != b.length)
    return (void)args.range_error("argument 'b' must have length 1 or " +
                                  std::to_string(a.length) + " like 'a' (got " +
                                  std::to_string(b.length) + ")");
  if (a.length == 1 && b.length == 1) {
    CHECK(args.array_of(3, "out", out_dtype, &out));
  } else {
    CHECK(args.array_exact(3, "out", out_dtype, a.length != 1 ? a.length : b.length, &out));
  }
  CHECK(args.values_ok(ts::check_binary_values((ts::BinaryOp)op, b, nullptr, out.length)));
  RUN(args, binary, (ts::BinaryOp)op, a, b, out);
}

// The shape and strides of binaryBroadcast: every dim >= 0, shape product == out.length, strides
// >= 0 and never reaching past the end of their operand.
bool broadcast_plan(const Args& args, const Array& a, const Array& b, const Array& out,
                    ts::Broadcast* bc) {
  Array shape, as, bs;
  CHECK_ARG(args.array_of(4, "outShape", DType::I32, &shape));
  if (shape.length > ts::kMaxRank)
    return args.range_error("argument 'outShape' must have at most 8 elements (got " +
                            std::to_string(shape.length) + ")");
  int rank = (int)shape.length;
  CHECK_ARG(args.array_exact(5, "aStrides", DType::I32, rank, &as));
  CHECK_ARG(args.array_exact(6, "bStrides", DType::I32, rank, &bs));
  const int32_t *dims = shape.as<int32_t>(), *sa = as.as<int32_t>(), *sb = bs.as<int32_t>();
  uint64_t total = 0;
  int bad;
  if (!ts::shape_product(dims, rank, &total, &bad)) {
    if (bad >= 0) return args.range_error("outShape[" + std::to_string(bad) + "] must be >= 0");
    return args.range_error("the product of 'outShape' is too large");
  }
  if (total != out.length)
    return args.range_error("argument 'out' must have length " + std::to_string(total) +
                            " (the product of outShape), got " + std::to_string(out.length));
  bc->rank = rank;
  for (int d = 0; d < rank; ++d) {
    if (sa[d] < 0) return args.range_error("aStrides[" + std::to_string(d) + "] must be >= 0");
    if (sb[d] < 0) return args.range_error("bStrides[" + std::to_string(d) + "] must be >= 0");
    bc->shape[d] = dims[d];
    bc->a_strides[d] = sa[d];
    bc->b_strides[d] = sb[d];
  }
  if (out.length == 0) return true;
  uint64_t reach;
  if (a.length == 0 || !ts::max_offset_within(dims, sa, rank, a.length - 1, &reach))
    return args.range_error("argument 'aStrides' reaches past the end of 'a' (length " +
                            std::to_string(a.length) + ")");
  if (b.length == 0 || !ts::max_offset_within(dims, sb, rank, b.length - 1, &reach))
    return args.range_error("argument 'bStrides' reaches past the end of 'b' (length " +
                            std::to_string(b.length) + ")");
  return true;
}

NAN_METHOD(BinaryBroadcast) {
  Args args(info, "binaryBroadcast");
  int op;
  Array a, b, out;
  DType out_dtype;
  ts::Broadcast bc;
  CHECK(binary_inputs(args, &op, &a, &b, &out_dtype));
  CHECK(args.array_of(3, "out", out_dtype, &out));
  CHECK(broadcast_plan(args, a, b, out, &bc));
  CHECK(args.values_ok(ts::check_binary_values((ts::BinaryOp)op, b, &bc, out.length)));
  RUN(args, binary_broadcast, (ts::BinaryOp)op, a, b, out, bc);
}

NAN_METHOD(Unary) {
  Args args(info, "unary");
  int op;
  Array x, out;
  CHECK(args.op(0, (int)ts::UnaryOp::Count, &op));
  CHECK(args.array(1, "x", &x));
  if (!ts::unary_supports((ts::UnaryOp)op, x.dtype))
    return (void)args.type_error(std::string("op ") + std::to_string(op) + " (" +
                                 ts::kUnaryOpNames[op] + ") does not accept " + dtype_name(x.dtype));
  CHECK(args.array_exact(2, "out", x.dtype, x.length, &out));
  RUN(args, unary, (ts::UnaryOp)op, x, out);
}

// x viewed as [outer, mid, inner]: the three sizes must multiply to x.length exactly, and
// outer*inner (the output length) must not overflow either, which mid == 0 would otherwise allow.
bool reduce_dims(const Args& args, const Array& x, uint64_t* outer, uint64_t* mid,
                 uint64_t* inner, uint64_t* out_length) {
  CHECK_ARG(args.integer(3, "outer", kMaxSafeInteger, outer));
  CHECK_ARG(args.integer(4, "mid", kMaxSafeInteger, mid));
  CHECK_ARG(args.integer(5, "inner", kMaxSafeInteger, inner));
  uint64_t p;
  if (!ts::checked_mul(*outer, *inner, out_length) || !ts::checked_mul(*out_length, *mid, &p) ||
      p != x.length)
    return args.range_error("outer*mid*inner must equal x.length = " + std::to_string(x.length) +
                            " (got " + std::to_string(*outer) + "*" + std::to_string(*mid) + "*" +
                            std::to_string(*inner) + ")");
  return true;
}

NAN_METHOD(Reduce) {
  Args args(info, "reduce");
  int op;
  Array x, out;
  uint64_t outer, mid, inner, out_length;
  CHECK(args.op(0, (int)ts::ReduceOp::Count, &op));
  CHECK(args.numeric(1, "x", &x));
  CHECK(reduce_dims(args, x, &outer, &mid, &inner, &out_length));
  CHECK(args.array_exact(2, "out", x.dtype, out_length, &out));
  RUN(args, reduce, (ts::ReduceOp)op, x, out, outer, mid, inner);
}

NAN_METHOD(ArgReduce) {
  Args args(info, "argReduce");
  int op;
  Array x, out;
  uint64_t outer, mid, inner, out_length;
  CHECK(args.op(0, (int)ts::ArgReduceOp::Count, &op));
  CHECK(args.numeric(1, "x", &x));
  CHECK(reduce_dims(args, x, &outer, &mid, &inner, &out_length));
  if (mid == 0) return (void)args.range_error("argument 'mid' must be >= 1 (got 0)");
  CHECK(args.array_exact(2, "out", DType::I32, out_length, &out));
  RUN(args, arg_reduce, (ts::ArgReduceOp)op, x, out.as<int32_t>(), outer, mid, inner);
}

NAN_METHOD(Matmul) {
  Args args(info, "matmul");
  Array a, b, out;
  uint64_t m, n, k, mk, kn, mn;
  bool ta, tb;
  CHECK(args.numeric(0, "a", &a));
  CHECK(args.array_of(1, "b", a.dtype, &b, ", like 'a',"));
  CHECK(args.integer(3, "m", kMaxSafeInteger, &m));
  CHECK(args.integer(4, "n", kMaxSafeInteger, &n));
  CHECK(args.integer(5, "k", kMaxSafeInteger, &k));
  CHECK(args.boolean(6, "transA", &ta));
  CHECK(args.boolean(7, "transB", &tb));
  if (!ts::checked_mul(m, k, &mk) || mk != a.length)
    return (void)args.range_error("argument 'a' must have length m*k (got " +
                                  std::to_string(a.length) + " for m=" + std::to_string(m) +
                                  ", k=" + std::to_string(k) + ")");
  if (!ts::checked_mul(k, n, &kn) || kn != b.length)
    return (void)args.range_error("argument 'b' must have length k*n (got " +
                                  std::to_string(b.length) + " for k=" + std::to_string(k) +
                                  ", n=" + std::to_string(n) + ")");
  if (!ts::checked_mul(m, n, &mn))
    return (void)args.range_error("m*n is too large");
  CHECK(args.array_exact(2, "out", a.dtype, mn, &out));
  RUN(args, matmul, a, b, out, m, n, k, ta, tb);
}

NAN_METHOD(Transpose) {
  Args args(info, "transpose");
  Array x, out, shape, perm;
  CHECK(args.array(0, "x", &x));
  CHECK(args.array_exact(1, "out", x.dtype, x.length, &out));
  CHECK(args.array_of(2, "shape", DType::I32, &shape));
  if (shape.length > ts::kMaxRank)
    return (void)args.range_error("argument 'shape' must have at most 8 elements (got " +
                                  std::to_string(shape.length) + ")");
  int rank = (int)shape.length;
  CHECK(args.array_exact(3, "perm", DType::I32, rank, &perm));
  uint64_t total = 0;
  int bad;
  if (!ts::shape_product(shape.as<int32_t>(), rank, &total, &bad) || total != x.length) {
    if (bad >= 0)
      return (void)args.range_error("shape[" + std::to_string(bad) + "] must be >= 0");
    return (void)args.range_error("the product of 'shape' must equal x.length = " +
                                  std::to_string(x.length));
  }
  if (!ts::is_permutation(perm.as<int32_t>(), rank))
    return (void)args.range_error("argument 'perm' must be a permutation of 0.." +
                                  std::to_string(rank - 1));
  int64_t dims[ts::kMaxRank];
  int order[ts::kMaxRank];
  for (int d = 0; d < rank; ++d) {
    dims[d] = shape.as<int32_t>()[d];
    order[d] = perm.as<int32_t>()[d];
  }
  RUN(args, transpose, x, out, rank, dims, order);
}

NAN_METHOD(Cast) {
  Args args(info, "cast");
  Array x, out;
  CHECK(args.array(0, "x", &x));
  CHECK(args.array(1, "out", &out));
  if (out.length != x.length)
    return (void)args.range_error("argument 'out' must have length " + std::to_string(x.length) +
                                  " like 'x' (got " + std::to_string(out.length) + ")");
  RUN(args, cast, x, out);
}

NAN_METHOD(Random) {
  Args args(info, "random");
  Array out;
  uint64_t kind, seed, stream, counter;
  CHECK(args.integer(0, "kind", (double)ts::RandomKind::Count - 1, &kind));
  CHECK(args.array_of(1, "out", DType::F32, &out));
  CHECK(args.integer(2, "seed", kMaxUint32, &seed));
  CHECK(args.integer(3, "stream", kMaxUint32, &stream));
  CHECK(args.integer(4, "counter", kMaxSafeInteger, &counter));
  RUN(args, random, (ts::RandomKind)kind, out.as<float>(), out.length, (uint32_t)seed,
      (uint32_t)stream, counter);
}

NAN_METHOD(ZeroOut) {
  Args args(info, "zeroOut");
  Array x, out;
  uint64_t index;
  CHECK(args.numeric(0, "x", &x));
  CHECK(args.array_exact(1, "out", x.dtype, x.length, &out));
  CHECK(args.integer(2, "index", kMaxSafeInteger, &index));
  if (index >= x.length)
    return (void)args.range_error("argument 'index' must be less than x.length = " +
                                  std::to_string(x.length) + " (got " + std::to_string(index) + ")");
  RUN(args, zero_out, x, out, index);
}

// ---- CUDA information and module setup --------------------------------------------------------

NAN_METHOD(CudaDeviceCount) {
#ifdef TS_CUDA
  info.GetReturnValue().Set(ts::cuda::device_count());
#else
  info.GetReturnValue().Set(0);
#endif
}

NAN_METHOD(CudaStatus) {
#ifdef TS_CUDA
  info.GetReturnValue().Set(Nan::New(ts::cuda::status()).ToLocalChecked());
#else
  info.GetReturnValue().Set(Nan::New("not compiled with CUDA").ToLocalChecked());
#endif
}

// A device index in [0, deviceCount()), else RangeError.
bool device_index(const Args& args, int* index) {
  uint64_t i;
  CHECK_ARG(args.integer(0, "index", kMaxSafeInteger, &i));
#ifdef TS_CUDA
  int count = ts::cuda::device_count();
#else
  int count = 0;
#endif
  if (i >= (uint64_t)count)
    return args.range_error("argument 'index' must be a device index below deviceCount() = " +
                            std::to_string(count) + " (got " + std::to_string(i) + ")");
  *index = (int)i;
  return true;
}

NAN_METHOD(CudaDeviceName) {
  Args args(info, "cuda.deviceName");
  int index;
  CHECK(device_index(args, &index));
#ifdef TS_CUDA
  std::string name;
  if (const char* err = ts::cuda::device_name(index, &name)) return Nan::ThrowError(err);
  info.GetReturnValue().Set(Nan::New(name).ToLocalChecked());
#endif
}

#ifdef TS_CUDA
NAN_METHOD(GpuSetDevice) {
  Args args(info, "gpu.setDevice");
  int index;
  CHECK(device_index(args, &index));
  if (const char* err = ts::cuda::set_device(index)) return Nan::ThrowError(err);
}
#endif

void set_function(Local<v8::Object> target, const char* name, Nan::FunctionCallback fn,
                  bool gpu = false) {
  Local<v8::FunctionTemplate> t = Nan::New<v8::FunctionTemplate>(fn, Nan::New(gpu));
  Nan::Set(target, Nan::New(name).ToLocalChecked(), Nan::GetFunction(t).ToLocalChecked());
}

void set_kernels(Local<v8::Object> target, bool gpu) {
  set_function(target, "binary", Binary, gpu);
  set_function(target, "binaryBroadcast", BinaryBroadcast, gpu);
  set_function(target, "unary", Unary, gpu);
  set_function(target, "reduce", Reduce, gpu);
  set_function(target, "argReduce", ArgReduce, gpu);
  set_function(target, "matmul", Matmul, gpu);
  set_function(target, "transpose", Transpose, gpu);
  set_function(target, "cast", Cast, gpu);
  set_function(target, "random", Random, gpu);
  set_function(target, "zeroOut", ZeroOut, gpu);
}

NAN_MODULE_INIT(Init) {
  if (!ts::cpu_runs_this_build())
    return Nan::ThrowError(
        "tensorshell: this addon was built for AVX2+FMA, which this CPU lacks; rebuild it here "
        "(npx node-gyp rebuild, or TENSORSHELL_SIMD=portable)");
  const bool heap_tuned = ts::tune_allocator();
  // V8 frees dead ArrayBuffers' memory on a background thread by default; on two cores that thread's
  // free() and the main thread's malloc() for the next result fight over glibc's arena lock (futex
  // waits, and the freed blocks land in the sweeper's tcache, never the allocating thread's). Swept
  // on the main thread during the collection instead, measured in one sitting on the 2-vCPU Zen 5
  // VM: new ArrayBuffer(16384) 3.9-4.7 -> 1.2-1.4 us, ArrayBuffer(4) 1.16 -> 0.30 us, eager 64 x 64
  // matmul p90 20.6 -> 6.6 us. V8 reads the flag at each collection, so setting it now takes effect.
  const bool sweep_tuned = ts::allocation_tuning_allowed();
  if (sweep_tuned) v8::V8::SetFlagsFromString("--no-concurrent-array-buffer-sweeping");
  const char* allocation =
      !sweep_tuned ? "default (TENSORSHELL_MALLOC=default)"
      : heap_tuned ? "tuned: large blocks kept on the malloc heap, ArrayBuffers swept on the main thread"
                   : "tuned: ArrayBuffers swept on the main thread";
  set_kernels(target, false);
  set_nn_functions(target);
  set_train_functions(target);
  ts::js::set_io_functions(target);  // binding_io.cc: crc32c
  ts::js::set_probe_functions(target);  // binding_probes.cc: the bench's machine limits
  ts::js::set_sigint_functions(target);  // binding_sigint.cc: Ctrl-C for the REPL's inputs
  Nan::Set(target, Nan::New("simd").ToLocalChecked(), Nan::New(ts::simd_name()).ToLocalChecked());
  Nan::Set(target, Nan::New("threads").ToLocalChecked(), Nan::New(ts::thread_count()));
  Nan::Set(target, Nan::New("allocation").ToLocalChecked(), Nan::New(allocation).ToLocalChecked());

  Local<v8::Object> cuda = Nan::New<v8::Object>();
#ifdef TS_CUDA
  Nan::Set(cuda, Nan::New("compiled").ToLocalChecked(), Nan::True());
#else
  Nan::Set(cuda, Nan::New("compiled").ToLocalChecked(), Nan::False());
#endif
  set_function(cuda, "deviceCount", CudaDeviceCount);
  set_function(cuda, "deviceName", CudaDeviceName);
  set_function(cuda, "status", CudaStatus);
  Nan::Set(target, Nan::New("cuda").ToLocalChecked(), cuda);

#ifdef TS_CUDA
  Local<v8::Object> gpu = Nan::New<v8::Object>();
  set_kernels(gpu, true);
  set_function(gpu, "setDevice", GpuSetDevice);
  Nan::Set(target, Nan::New("gpu").ToLocalChecked(), gpu);
#endif
}

}  // namespace

NAN_MODULE_WORKER_ENABLED(tensorshell, Init)
