// The optimizer updates' JS functions (CPU only), checked as in binding.cc: every array a Float32Array of
// the variable's length (TypeError / RangeError naming the argument), hyper-parameters numbers.
#include <nan.h>

#include "args.h"
#include "kernels.h"

namespace {

using namespace ts::js;
using ts::Array;
using ts::DType;

// Arrays i0.. all Float32Arrays of the length of the first.
bool same_length(const Args& args, int first, int count, const char* const* names, Array* out) {
  CHECK_ARG(args.array_of(first, names[0], DType::F32, &out[0]));
  for (int k = 1; k < count; ++k)
    CHECK_ARG(args.array_exact(first + k, names[k], DType::F32, out[0].length, &out[k]));
  return true;
}

// applyGradientDescent(w, delta, out, alpha)
NAN_METHOD(ApplyGradientDescent) {
  Args args(info, "applyGradientDescent");
  static const char* const names[] = {"w", "delta", "out"};
  Array a[3];
  float alpha;
  CHECK(same_length(args, 0, 3, names, a));
  CHECK(args.number(3, "alpha", &alpha));
  ts::apply_gradient_descent(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), a[0].length, alpha);
}

// applyMomentum(w, accum, grad, outW, outAccum, lr, momentum, nesterov)
NAN_METHOD(ApplyMomentum) {
  Args args(info, "applyMomentum");
  static const char* const names[] = {"w", "accum", "grad", "outW", "outAccum"};
  Array a[5];
  float lr, momentum;
  bool nesterov;
  CHECK(same_length(args, 0, 5, names, a));
  CHECK(args.number(5, "lr", &lr));
  CHECK(args.number(6, "momentum", &momentum));
  CHECK(args.boolean(7, "nesterov", &nesterov));
  ts::apply_momentum(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), a[3].as<float>(),
                     a[4].as<float>(), a[0].length, lr, momentum, nesterov);
}

// applyAdam(w, m, v, grad, outW, outM, outV, lrT, beta1, oneMinusBeta1, oneMinusBeta2, epsilon, nesterov)
NAN_METHOD(ApplyAdam) {
  Args args(info, "applyAdam");
  static const char* const names[] = {"w", "m", "v", "grad", "outW", "outM", "outV"};
  Array a[7];
  ts::AdamScalars s;
  CHECK(same_length(args, 0, 7, names, a));
  CHECK(args.number(7, "lrT", &s.lr_t));
  CHECK(args.number(8, "beta1", &s.beta1));
  CHECK(args.number(9, "oneMinusBeta1", &s.one_minus_beta1));
  CHECK(args.number(10, "oneMinusBeta2", &s.one_minus_beta2));
  CHECK(args.number(11, "epsilon", &s.epsilon));
  CHECK(args.boolean(12, "nesterov", &s.nesterov));
  ts::apply_adam(a[0].as<float>(), a[1].as<float>(), a[2].as<float>(), a[3].as<float>(),
                 a[4].as<float>(), a[5].as<float>(), a[6].as<float>(), a[0].length, s);
}

void set(v8::Local<v8::Object> target, const char* name, Nan::FunctionCallback fn) {
  Nan::Set(target, Nan::New(name).ToLocalChecked(),
           Nan::GetFunction(Nan::New<v8::FunctionTemplate>(fn)).ToLocalChecked());
}

}  // namespace

namespace ts {
namespace js {

void set_train_functions(v8::Local<v8::Object> target) {
  set(target, "applyGradientDescent", ApplyGradientDescent);
  set(target, "applyMomentum", ApplyMomentum);
  set(target, "applyAdam", ApplyAdam);
}

}  // namespace js
}  // namespace ts
