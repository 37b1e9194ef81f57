// Operation codes shared with src/backends/native/opcodes.ts. Keep the two lists in the same order:
// the numbers cross the JS boundary unchanged.
#pragma once

namespace ts {

enum class BinaryOp : int {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,       // float: true division; int32: floor division (Python //), zero divisor is an error
  Pow = 4,       // int32: a negative exponent is an error
  Maximum = 5,   // NaN propagates
  Minimum = 6,   // NaN propagates
  Equal = 7,
  NotEqual = 8,
  Greater = 9,
  GreaterEqual = 10,
  Less = 11,
  LessEqual = 12,
  SigmoidGrad = 13,  // dy * y * (1 - y) with a = y, b = dy (float only)
  TanhGrad = 14,     // dy * (1 - y * y) with a = y, b = dy (float only)
  ReluGrad = 15,     // b where a > 0, else 0
  FloorMod = 16,     // Python %: the result has the sign of b; int32 zero divisor is an error
  SquaredDifference = 17,
  Count = 18,
};

enum class UnaryOp : int {
  Neg = 0,
  Square = 1,
  Sqrt = 2,
  Exp = 3,
  Log = 4,
  Abs = 5,
  Sigmoid = 6,
  Tanh = 7,
  Relu = 8,
  Reciprocal = 9,
  Sign = 10,
  Rsqrt = 11,
  Floor = 12,
  Ceil = 13,
  Round = 14,  // half to even, like TF
  LogicalNot = 15,
  Count = 16,
};

enum class ReduceOp : int { Sum = 0, Max = 1, Min = 2, Prod = 3, Count = 4 };

enum class ArgReduceOp : int { ArgMax = 0, ArgMin = 1, Count = 2 };

// TruncatedNormal: a standard normal redrawn while |x| >= 2 (see philox.h).
enum class RandomKind : int { Uniform = 0, Normal = 1, TruncatedNormal = 2, Count = 3 };

// Names for error messages, indexed by op code.
constexpr const char* kBinaryOpNames[] = {
    "Add",     "Sub",      "Mul",     "Div",          "Pow",  "Maximum",   "Minimum",
    "Equal",   "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual", "SigmoidGrad",
    "TanhGrad", "ReluGrad", "FloorMod", "SquaredDifference"};

constexpr const char* kUnaryOpNames[] = {
    "Neg",     "Square",     "Sqrt", "Exp",   "Log",   "Abs",   "Sigmoid", "Tanh",
    "Relu",    "Reciprocal", "Sign", "Rsqrt", "Floor", "Ceil",  "Round",   "LogicalNot"};

constexpr const char* kReduceOpNames[] = {"Sum", "Max", "Min", "Prod"};

// Comparisons write a Uint8Array whatever their input type.
constexpr bool is_comparison(BinaryOp op) {
  return op >= BinaryOp::Equal && op <= BinaryOp::LessEqual;
}

}  // namespace ts
