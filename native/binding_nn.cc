// The conv-net kernels' JS functions (CPU only): conv2d and its two gradients, the pools and their
// gradients, softmaxCrossEntropy. As in binding.cc, every argument is checked before a kernel
// runs: TypeError for a wrong array type, RangeError for a wrong length or value.
//
// `dims` is an Int32Array of the 15 Window2D fields in backend.ts's order. Sizes must be >= 1
// except batch, inC, outC (>= 0) and the pads (>= 0). Along each axis the output size must be at
// least what the input, the padding before it and the dilated kernel allow (larger means more
// padding after it, which is implicit). A pool also needs dilations 1, outC == inC, padding before
// smaller than the window and no window past the input's end: then every window has an element.
#include <nan.h>

#include <string>

#include "args.h"
#include "kernels.h"
#include "validate.h"

namespace {

using namespace ts::js;
using ts::Array;
using ts::DType;
using ts::Window2D;

constexpr int kDims = 15;
constexpr const char* kDimNames[kDims] = {
    "batch", "inH", "inW", "inC", "kH", "kW", "outH", "outW", "outC",
    "strideH", "strideW", "dilationH", "dilationW", "padTop", "padLeft"};

std::string num(int64_t v) { return std::to_string(v); }

// One spatial axis; `a` is "H" or "W".
bool check_axis(const Args& args, const char* a, const char* pad_name, int64_t in, int64_t k,
                int64_t out, int64_t stride, int64_t dilation, int64_t pad, bool pool) {
  const int64_t effective = (k - 1) * dilation + 1;  // < 2^62
  if (pool && pad >= k)
    return args.range_error(std::string("dims: ") + pad_name + " = " + num(pad) +
                            " must be less than k" + a + " = " + num(k) + " for a pool");
  const int64_t lo = in + pad >= effective ? (in + pad - effective) / stride + 1 : 1;
  const int64_t hi = pool ? (in + pad - 1) / stride + 1 : INT64_MAX;
  if (out >= lo && out <= hi) return true;
  std::string want = pool ? "in [" + num(lo) + ", " + num(hi) + "]" : "at least " + num(lo);
  return args.range_error(std::string("dims: out") + a + " = " + num(out) + " does not fit in" +
                          a + ", k" + a + ", stride" + a + ", dilation" + a + " and " + pad_name +
                          ": it must be " + want);
}

bool window(const Args& args, int i, bool pool, Window2D* w) {
  Array dims;
  CHECK_ARG(args.array_exact(i, "dims", DType::I32, kDims, &dims));
  int64_t v[kDims];
  for (int j = 0; j < kDims; ++j) {
    v[j] = dims.as<int32_t>()[j];
    const int64_t min = j == 0 || j == 3 || j == 8 || j >= 13 ? 0 : 1;
    if (v[j] < min)
      return args.range_error("dims[" + num(j) + "] (" + kDimNames[j] + ") must be >= " +
                              num(min) + " (got " + num(v[j]) + ")");
  }
  *w = Window2D{v[0], v[1], v[2],  v[3],  v[4],  v[5],  v[6], v[7],
                v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  if (pool && (w->dilation_h != 1 || w->dilation_w != 1))
    return args.range_error("dims: a pool's dilationH and dilationW must be 1 (got " +
                            num(w->dilation_h) + ", " + num(w->dilation_w) + ")");
  if (pool && w->out_c != w->in_c)
    return args.range_error("dims: a pool's outC must equal inC (got outC = " + num(w->out_c) +
                            ", inC = " + num(w->in_c) + ")");
  return check_axis(args, "H", "padTop", w->in_h, w->k_h, w->out_h, w->stride_h, w->dilation_h,
                    w->pad_top, pool) &&
         check_axis(args, "W", "padLeft", w->in_w, w->k_w, w->out_w, w->stride_w, w->dilation_w,
                    w->pad_left, pool);
}

// The length a tensor of shape [a, b, c, d] has, or a RangeError when it overflows.
bool length_of(const Args& args, const char* name, int64_t a, int64_t b, int64_t c, int64_t d,
               uint64_t* out) {
  if (ts::checked_mul((uint64_t)a, (uint64_t)b, out) && ts::checked_mul(*out, (uint64_t)c, out) &&
      ts::checked_mul(*out, (uint64_t)d, out))
    return true;
  return args.range_error(std::string("dims: the size of '") + name + "' is too large");
}

// Float32Array argument i of the length dims give it.
bool sized(const Args& args, int i, const char* name, const Array& arr, const char* shape,
           int64_t a, int64_t b, int64_t c, int64_t d) {
  uint64_t want;
  CHECK_ARG(length_of(args, name, a, b, c, d, &want));
  if (arr.length == want) return true;
  return args.range_error(Args::arg(name) + "must have length " + std::to_string(want) + " (" +
                          shape + " from dims)" + args.got(i));
}

// Checks float arrays 0..count-1 (types first), then dims at index count.
bool nn_args(const Args& args, const char* const* names, int count, Array* arrays, bool pool,
             Window2D* w) {
  for (int i = 0; i < count; ++i) CHECK_ARG(args.array_of(i, names[i], DType::F32, &arrays[i]));
  return window(args, count, pool, w);
}

#define NN_ARGS(fn, pool, ...)                                    \
  Args args(info, fn);                                            \
  static const char* const names[] = {__VA_ARGS__};               \
  constexpr int count = sizeof(names) / sizeof(names[0]);         \
  Array a[count];                                                 \
  Window2D w;                                                     \
  CHECK(nn_args(args, names, count, a, pool, &w))

// Shapes as [a, b, c, d] of dims.
#define X_SHAPE "[batch, inH, inW, inC]", w.batch, w.in_h, w.in_w, w.in_c
#define Y_SHAPE "[batch, outH, outW, outC]", w.batch, w.out_h, w.out_w, w.out_c
#define F_SHAPE "[kH, kW, inC, outC]", w.k_h, w.k_w, w.in_c, w.out_c

void out_of_memory(const Args& args) {
  Nan::ThrowError((std::string(args.fn()) + ": out of memory for scratch space").c_str());
}

NAN_METHOD(Conv2d) {
  NN_ARGS("conv2d", false, "x", "filter", "out");
  CHECK(sized(args, 0, "x", a[0], X_SHAPE) && sized(args, 1, "filter", a[1], F_SHAPE) &&
        sized(args, 2, "out", a[2], Y_SHAPE));
  if (!ts::conv2d(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), w)) out_of_memory(args);
}

NAN_METHOD(Conv2dBackpropInput) {
  NN_ARGS("conv2dBackpropInput", false, "filter", "dy", "out");
  CHECK(sized(args, 0, "filter", a[0], F_SHAPE) && sized(args, 1, "dy", a[1], Y_SHAPE) &&
        sized(args, 2, "out", a[2], X_SHAPE));
  if (!ts::conv2d_backprop_input(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), w))
    out_of_memory(args);
}

NAN_METHOD(Conv2dBackpropFilter) {
  NN_ARGS("conv2dBackpropFilter", false, "x", "dy", "out");
  CHECK(sized(args, 0, "x", a[0], X_SHAPE) && sized(args, 1, "dy", a[1], Y_SHAPE) &&
        sized(args, 2, "out", a[2], F_SHAPE));
  if (!ts::conv2d_backprop_filter(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), w))
    out_of_memory(args);
}

NAN_METHOD(MaxPool) {
  NN_ARGS("maxPool", true, "x", "out");
  CHECK(sized(args, 0, "x", a[0], X_SHAPE) && sized(args, 1, "out", a[1], Y_SHAPE));
  ts::max_pool(a[0].as<float>(), a[1].as<float>(), w);
}

NAN_METHOD(MaxPoolGrad) {
  NN_ARGS("maxPoolGrad", true, "x", "dy", "out");
  CHECK(sized(args, 0, "x", a[0], X_SHAPE) && sized(args, 1, "dy", a[1], Y_SHAPE) &&
        sized(args, 2, "out", a[2], X_SHAPE));
  ts::max_pool_grad(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), w);
}

NAN_METHOD(AvgPool) {
  NN_ARGS("avgPool", true, "x", "out");
  CHECK(sized(args, 0, "x", a[0], X_SHAPE) && sized(args, 1, "out", a[1], Y_SHAPE));
  ts::avg_pool(a[0].as<float>(), a[1].as<float>(), w);
}

NAN_METHOD(AvgPoolGrad) {
  NN_ARGS("avgPoolGrad", true, "dy", "out");
  CHECK(sized(args, 0, "dy", a[0], Y_SHAPE) && sized(args, 1, "out", a[1], X_SHAPE));
  ts::avg_pool_grad(a[0].as<float>(), a[1].as<float>(), w);
}

// softmaxCrossEntropy(logits, labels, loss, backprop, batch, classes)
NAN_METHOD(SoftmaxCrossEntropy) {
  Args args(info, "softmaxCrossEntropy");
  Array logits, labels, loss, backprop;
  uint64_t batch, classes, n;
  CHECK(args.array_of(0, "logits", DType::F32, &logits));
  CHECK(args.array_of(1, "labels", DType::F32, &labels));
  CHECK(args.array_of(2, "loss", DType::F32, &loss));
  CHECK(args.array_of(3, "backprop", DType::F32, &backprop));
  CHECK(args.integer(4, "batch", kMaxSafeInteger, &batch));
  CHECK(args.integer(5, "classes", kMaxSafeInteger, &classes));
  if (!ts::checked_mul(batch, classes, &n) || n != logits.length)
    return (void)args.range_error("batch*classes must equal logits.length = " +
                                  std::to_string(logits.length) + " (got " + std::to_string(batch) +
                                  "*" + std::to_string(classes) + ")");
  CHECK(args.array_exact(1, "labels", DType::F32, n, &labels));
  CHECK(args.array_exact(2, "loss", DType::F32, batch, &loss));
  CHECK(args.array_exact(3, "backprop", DType::F32, n, &backprop));
  ts::softmax_cross_entropy(logits.as<float>(), labels.as<float>(), loss.as<float>(),
                            backprop.as<float>(), batch, classes);
}

void set(v8::Local<v8::Object> target, const char* name, Nan::FunctionCallback fn) {
  Nan::Set(target, Nan::New(name).ToLocalChecked(),
           Nan::GetFunction(Nan::New<v8::FunctionTemplate>(fn)).ToLocalChecked());
}

}  // namespace

namespace ts {
namespace js {

void set_nn_functions(v8::Local<v8::Object> target) {
  set(target, "conv2d", Conv2d);
  set(target, "conv2dBackpropInput", Conv2dBackpropInput);
  set(target, "conv2dBackpropFilter", Conv2dBackpropFilter);
  set(target, "maxPool", MaxPool);
  set(target, "maxPoolGrad", MaxPoolGrad);
  set(target, "avgPool", AvgPool);
  set(target, "avgPoolGrad", AvgPoolGrad);
  set(target, "softmaxCrossEntropy", SoftmaxCrossEntropy);
}

}  // namespace js
}  // namespace ts
