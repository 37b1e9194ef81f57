// Argument checking shared by the binding files (binding.cc, binding_nn.cc): the Args reader and
// the value descriptions its messages use. Only inspects types, never calls into JS.
#pragma once
#include <nan.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kernels.h"

namespace ts {
namespace js {

using v8::Local;
using v8::Value;

inline constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1
inline constexpr double kMaxUint32 = 4294967295.0;

// Each check throws and returns false; CHECK turns that into an early return from a JS
// function, CHECK_ARG from another check.
#define CHECK(expr) \
  do {              \
    if (!(expr)) return; \
  } while (0)
#define CHECK_ARG(expr) \
  do {                  \
    if (!(expr)) return false; \
  } while (0)

inline const char* dtype_name(DType t) {
  return t == DType::F32 ? "Float32Array" : t == DType::I32 ? "Int32Array" : "Uint8Array";
}

inline std::string format_number(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

inline bool is_dtype(Local<Value> v, DType t) {
  return t == DType::F32 ? v->IsFloat32Array() : t == DType::I32 ? v->IsInt32Array()
                                                                 : v->IsUint8Array();
}

inline const char* typed_array_name(Local<Value> v) {
  if (v->IsFloat32Array()) return "Float32Array";
  if (v->IsInt32Array()) return "Int32Array";
  if (v->IsUint8Array()) return "Uint8Array";
  if (v->IsFloat64Array()) return "Float64Array";
  if (v->IsInt8Array()) return "Int8Array";
  if (v->IsUint8ClampedArray()) return "Uint8ClampedArray";
  if (v->IsInt16Array()) return "Int16Array";
  if (v->IsUint16Array()) return "Uint16Array";
  if (v->IsUint32Array()) return "Uint32Array";
  if (v->IsBigInt64Array()) return "BigInt64Array";
  if (v->IsBigUint64Array()) return "BigUint64Array";
  return "TypedArray";
}

// A description of any value for messages. It only inspects types, never calls into JS, so a
// hostile object (getters, toString, proxies) cannot run code or throw from inside a check.
inline std::string describe(Local<Value> v) {
  if (v->IsUndefined()) return "undefined";
  if (v->IsNull()) return "null";
  if (v->IsBoolean()) return v->IsTrue() ? "true" : "false";
  if (v->IsNumber()) return format_number(v.As<v8::Number>()->Value());
  if (v->IsString()) return "a string";
  if (v->IsSymbol()) return "a symbol";
  if (v->IsBigInt()) return "a bigint";
  if (v->IsTypedArray())
    return std::string(typed_array_name(v)) + " of length " +
           std::to_string(v.As<v8::TypedArray>()->Length());
  if (v->IsArray()) return "an Array of length " + std::to_string(v.As<v8::Array>()->Length());
  if (v->IsArrayBuffer() || v->IsSharedArrayBuffer()) return "an ArrayBuffer";
  if (v->IsDataView()) return "a DataView";
  if (v->IsFunction()) return "a function";
  return "an object";
}

class Args {
 public:
  Args(const Nan::FunctionCallbackInfo<Value>& info, const char* fn) : info_(info), fn_(fn) {}

  bool gpu() const { return info_.Data()->IsTrue(); }
  const char* fn() const { return fn_; }

  bool type_error(const std::string& msg) const {
    Nan::ThrowTypeError((std::string(fn_) + ": " + msg).c_str());
    return false;
  }
  bool range_error(const std::string& msg) const {
    Nan::ThrowRangeError((std::string(fn_) + ": " + msg).c_str());
    return false;
  }
  std::string got(int i) const { return " (got " + describe(info_[i]) + ")"; }
  static std::string arg(const char* name) { return std::string("argument '") + name + "' "; }

  // Any of the three kernel array types.
  bool array(int i, const char* name, Array* out) const {
    Local<Value> v = info_[i];
    if (v->IsFloat32Array()) out->dtype = DType::F32;
    else if (v->IsInt32Array()) out->dtype = DType::I32;
    else if (v->IsUint8Array()) out->dtype = DType::Bool;
    else return type_error(arg(name) + "must be a Float32Array, Int32Array or Uint8Array" + got(i));
    Local<v8::TypedArray> view = v.As<v8::TypedArray>();
    out->length = view->Length();
    out->data = out->length ? static_cast<char*>(view->Buffer()->Data()) + view->ByteOffset()
                            : nullptr;
    return true;
  }

  // Float32Array or Int32Array.
  bool numeric(int i, const char* name, Array* out) const {
    CHECK_ARG(array(i, name, out));
    if (out->dtype == DType::Bool)
      return type_error(arg(name) + "must be a Float32Array or Int32Array" + got(i));
    return true;
  }

  // A given type, any length; `why` explains the expected type in the message.
  bool array_of(int i, const char* name, DType t, Array* out, const char* why = "") const {
    if (!is_dtype(info_[i], t))
      return type_error(arg(name) + "must be a " + dtype_name(t) + why + got(i));
    return array(i, name, out);
  }

  // A given type and length: a wrong type is a TypeError, a wrong length a RangeError.
  bool array_exact(int i, const char* name, DType t, uint64_t length, Array* out) const {
    auto want = [&] {
      return arg(name) + "must be a " + dtype_name(t) + " of length " + std::to_string(length) +
             got(i);
    };
    if (!is_dtype(info_[i], t)) return type_error(want());
    CHECK_ARG(array(i, name, out));
    if (out->length != length) return range_error(want());
    return true;
  }

  bool integer(int i, const char* name, double max, uint64_t* out) const {
    Local<Value> v = info_[i];
    if (!v->IsNumber()) return type_error(arg(name) + "must be a number" + got(i));
    double d = v.As<v8::Number>()->Value();
    if (!(d >= 0 && d <= max && d == std::floor(d)))
      return range_error(arg(name) + "must be an integer in [0, " + format_number(max) + "]" +
                         got(i));
    *out = (uint64_t)d;
    return true;
  }

  bool op(int i, int count, int* out) const {
    uint64_t v;
    CHECK_ARG(integer(i, "op", count - 1, &v));
    *out = (int)v;
    return true;
  }

  // Any number (a hyper-parameter: NaN and infinities pass through, as in the composed kernels).
  bool number(int i, const char* name, float* out) const {
    Local<Value> v = info_[i];
    if (!v->IsNumber()) return type_error(arg(name) + "must be a number" + got(i));
    *out = (float)v.As<v8::Number>()->Value();
    return true;
  }

  bool boolean(int i, const char* name, bool* out) const {
    Local<Value> v = info_[i];
    if (!v->IsBoolean()) return type_error(arg(name) + "must be a boolean" + got(i));
    *out = v->IsTrue();
    return true;
  }

  bool values_ok(ts::ValueError e) const {
    if (e == ts::ValueError::None) return true;
    Nan::ThrowRangeError(ts::value_error_message(e));
    return false;
  }

 private:
  const Nan::FunctionCallbackInfo<Value>& info_;
  const char* fn_;
};

// Adds the conv-net functions (binding_nn.cc) to the CPU exports.
void set_nn_functions(v8::Local<v8::Object> target);
void set_train_functions(v8::Local<v8::Object> target);

}  // namespace js
}  // namespace ts
