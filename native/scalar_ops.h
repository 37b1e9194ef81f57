// Scalar definitions of every elementwise op, shared by the CPU kernels and the CUDA kernels so the
// two agree bit for bit wherever the math library does. The CPU loops inline these and the
// compiler vectorises them; keep them branch-light.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ops.h"

#ifdef __CUDACC__
#define TS_HD __host__ __device__ __forceinline__
#else
#define TS_HD inline __attribute__((always_inline))
#endif

namespace ts {

// Int32 arithmetic wraps like the hardware (and like JS's `| 0`); going through uint32 keeps it
// defined behaviour in C++.
TS_HD int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
TS_HD int32_t wrap_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
TS_HD int32_t wrap_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
TS_HD int32_t wrap_neg(int32_t a) { return (int32_t)(0u - (uint32_t)a); }

// Python //. The zero and -1 divisors never reach the hardware divide: zero is rejected before
// the kernel runs (this 0 is only a guard) and INT_MIN / -1 would trap, so -1 is a negation.
TS_HD int32_t floor_div(int32_t a, int32_t b) {
  if (b == 0) return 0;
  if (b == -1) return wrap_neg(a);
  int32_t q = a / b;
  return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Python %: the result takes the sign of b.
TS_HD int32_t floor_mod(int32_t a, int32_t b) {
  if (b == 0 || b == -1) return 0;
  int32_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

// Python % on floats: fmod is exact, and the sign fix-up keeps |r| < |b|, which the textbook
// a - b * floor(a / b) does not always manage in float.
TS_HD float floor_mod(float a, float b) {
  float r = fmodf(a, b);
  if (r != 0.0f) return ((r < 0.0f) != (b < 0.0f)) ? r + b : r;
  return copysignf(0.0f, b);
}

// Exponentiation by squaring with wrapping; a negative exponent is rejected before the kernel runs.
TS_HD int32_t int_pow(int32_t base, int32_t exponent) {
  if (exponent < 0) return 0;
  uint32_t result = 1, b = (uint32_t)base, e = (uint32_t)exponent;
  while (e) {
    if (e & 1u) result *= b;
    b *= b;
    e >>= 1;
  }
  return (int32_t)result;
}

// NaN wins, like numpy.maximum / tf.maximum (for ints `a != a` is false and folds away).
template <typename T>
TS_HD T max_nan(T a, T b) { return (a > b || a != a) ? a : b; }
template <typename T>
TS_HD T min_nan(T a, T b) { return (a < b || a != a) ? a : b; }

// exp of a non-positive argument only, so large |x| gives 0 or 1 instead of inf/inf = NaN.
TS_HD float sigmoid(float x) {
  float e = expf(-fabsf(x));
  float r = 1.0f / (1.0f + e);
  return x >= 0.0f ? r : e * r;
}

template <BinaryOp op, typename T>
TS_HD auto apply_binary(T a, T b) {
  constexpr bool kInt = std::is_same<T, int32_t>::value;
  if constexpr (is_comparison(op)) {
    if constexpr (op == BinaryOp::Equal) return (uint8_t)(a == b);
    if constexpr (op == BinaryOp::NotEqual) return (uint8_t)(a != b);
    if constexpr (op == BinaryOp::Greater) return (uint8_t)(a > b);
    if constexpr (op == BinaryOp::GreaterEqual) return (uint8_t)(a >= b);
    if constexpr (op == BinaryOp::Less) return (uint8_t)(a < b);
    if constexpr (op == BinaryOp::LessEqual) return (uint8_t)(a <= b);
  } else if constexpr (kInt) {
    if constexpr (op == BinaryOp::Add) return wrap_add(a, b);
    if constexpr (op == BinaryOp::Sub) return wrap_sub(a, b);
    if constexpr (op == BinaryOp::Mul) return wrap_mul(a, b);
    if constexpr (op == BinaryOp::Div) return floor_div(a, b);
    if constexpr (op == BinaryOp::Pow) return int_pow(a, b);
    if constexpr (op == BinaryOp::Maximum) return a > b ? a : b;
    if constexpr (op == BinaryOp::Minimum) return a < b ? a : b;
    if constexpr (op == BinaryOp::ReluGrad) return a > 0 ? b : 0;
    if constexpr (op == BinaryOp::FloorMod) return floor_mod(a, b);
    if constexpr (op == BinaryOp::SquaredDifference) return wrap_mul(wrap_sub(a, b), wrap_sub(a, b));
    if constexpr (op == BinaryOp::SigmoidGrad || op == BinaryOp::TanhGrad) return (int32_t)0;
  } else {
    if constexpr (op == BinaryOp::Add) return a + b;
    if constexpr (op == BinaryOp::Sub) return a - b;
    if constexpr (op == BinaryOp::Mul) return a * b;
    if constexpr (op == BinaryOp::Div) return a / b;
    if constexpr (op == BinaryOp::Pow) return powf(a, b);
    if constexpr (op == BinaryOp::Maximum) return max_nan(a, b);
    if constexpr (op == BinaryOp::Minimum) return min_nan(a, b);
    if constexpr (op == BinaryOp::SigmoidGrad) return b * a * (1.0f - a);
    if constexpr (op == BinaryOp::TanhGrad) return b * (1.0f - a * a);
    if constexpr (op == BinaryOp::ReluGrad) return a > 0.0f ? b : 0.0f;
    if constexpr (op == BinaryOp::FloorMod) return floor_mod(a, b);
    if constexpr (op == BinaryOp::SquaredDifference) return (a - b) * (a - b);
  }
}

template <UnaryOp op, typename T>
TS_HD T apply_unary(T x) {
  if constexpr (op == UnaryOp::LogicalNot) {
    return (T)(x == 0);
  } else if constexpr (std::is_same<T, int32_t>::value) {
    if constexpr (op == UnaryOp::Neg) return wrap_neg(x);
    if constexpr (op == UnaryOp::Square) return wrap_mul(x, x);
    if constexpr (op == UnaryOp::Abs) return x < 0 ? wrap_neg(x) : x;
    if constexpr (op == UnaryOp::Relu) return x < 0 ? 0 : x;
    if constexpr (op == UnaryOp::Sign) return (x > 0) - (x < 0);
    return 0;  // float-only ops are rejected before this is reached
  } else {
    if constexpr (op == UnaryOp::Neg) return -x;
    if constexpr (op == UnaryOp::Square) return x * x;
    if constexpr (op == UnaryOp::Sqrt) return sqrtf(x);
    if constexpr (op == UnaryOp::Exp) return expf(x);
    if constexpr (op == UnaryOp::Log) return logf(x);
    if constexpr (op == UnaryOp::Abs) return fabsf(x);
    if constexpr (op == UnaryOp::Sigmoid) return sigmoid(x);
    if constexpr (op == UnaryOp::Tanh) return tanhf(x);
    if constexpr (op == UnaryOp::Relu) return x < 0.0f ? 0.0f : x;  // keeps NaN
    if constexpr (op == UnaryOp::Reciprocal) return 1.0f / x;
    if constexpr (op == UnaryOp::Sign) return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x);
    if constexpr (op == UnaryOp::Rsqrt) return 1.0f / sqrtf(x);
    if constexpr (op == UnaryOp::Floor) return floorf(x);
    if constexpr (op == UnaryOp::Ceil) return ceilf(x);
    if constexpr (op == UnaryOp::Round) return nearbyintf(x);  // default rounding: half to even
  }
}

// Conversions for cast: truncation toward zero, NaN -> 0, saturation at the int32 range.
TS_HD int32_t f32_to_i32(float x) {
  if (!(x == x)) return 0;
  if (x >= 2147483648.0f) return 2147483647;
  if (x < -2147483648.0f) return (-2147483647 - 1);
  return (int32_t)x;
}

template <typename To, typename From>
TS_HD To convert(From x) {
  if constexpr (std::is_same<To, uint8_t>::value) return (uint8_t)(x != 0);
  else if constexpr (std::is_same<From, uint8_t>::value) return (To)(x != 0);
  else if constexpr (std::is_same<To, int32_t>::value && std::is_same<From, float>::value)
    return f32_to_i32(x);
  else return (To)x;
}

// Runs f(std::integral_constant<BinaryOp, op>{}) for a runtime op, so kernels can be templates.
template <typename F>
void visit_binary(BinaryOp op, F&& f) {
  using B = BinaryOp;
#define TS_CASE(name) case B::name: f(std::integral_constant<B, B::name>{}); break;
  switch (op) {
    TS_CASE(Add) TS_CASE(Sub) TS_CASE(Mul) TS_CASE(Div) TS_CASE(Pow) TS_CASE(Maximum)
    TS_CASE(Minimum) TS_CASE(Equal) TS_CASE(NotEqual) TS_CASE(Greater) TS_CASE(GreaterEqual)
    TS_CASE(Less) TS_CASE(LessEqual) TS_CASE(SigmoidGrad) TS_CASE(TanhGrad) TS_CASE(ReluGrad)
    TS_CASE(FloorMod) TS_CASE(SquaredDifference)
    default: break;
  }
#undef TS_CASE
}

template <typename F>
void visit_unary(UnaryOp op, F&& f) {
  using U = UnaryOp;
#define TS_CASE(name) case U::name: f(std::integral_constant<U, U::name>{}); break;
  switch (op) {
    TS_CASE(Neg) TS_CASE(Square) TS_CASE(Sqrt) TS_CASE(Exp) TS_CASE(Log) TS_CASE(Abs)
    TS_CASE(Sigmoid) TS_CASE(Tanh) TS_CASE(Relu) TS_CASE(Reciprocal) TS_CASE(Sign) TS_CASE(Rsqrt)
    TS_CASE(Floor) TS_CASE(Ceil) TS_CASE(Round) TS_CASE(LogicalNot)
    default: break;
  }
#undef TS_CASE
}

}  // namespace ts
