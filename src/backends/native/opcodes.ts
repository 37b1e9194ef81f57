// Operation codes shared with native/ops.h. Keep the two lists in the same order.

/** Binary elementwise kernels: out[i] = f(a[i], b[i]) with numpy broadcasting. */
export const enum BinaryOp {
  Add = 0,
  Sub = 1,
  Mul = 2,
  /** Float: true division. Int32: floor division like Python's //, error on a zero divisor. */
  Div = 3,
  Pow = 4,
  Maximum = 5,
  Minimum = 6,
  Equal = 7,
  NotEqual = 8,
  Greater = 9,
  GreaterEqual = 10,
  Less = 11,
  LessEqual = 12,
  /** dy * y * (1 - y), with a = y (the sigmoid output) and b = dy. */
  SigmoidGrad = 13,
  /** dy * (1 - y * y), with a = y (the tanh output) and b = dy. */
  TanhGrad = 14,
  /** b where a > 0, else 0 (a = relu input, b = dy). */
  ReluGrad = 15,
  /** Float: a - b * floor(a / b) (Python %). Int32: same, error on a zero divisor. */
  FloorMod = 16,
  /** (a - b)^2 */
  SquaredDifference = 17,
}

/** Unary elementwise kernels: out[i] = f(x[i]). */
export const enum UnaryOp {
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
  Round = 14,
  LogicalNot = 15,
}

/** Reductions over the middle axis of an [outer, mid, inner] view. */
export const enum ReduceOp {
  Sum = 0,
  Max = 1,
  Min = 2,
  Prod = 3,
}

/** Index reductions over the middle axis, output int32. */
export const enum ArgReduceOp {
  ArgMax = 0,
  ArgMin = 1,
}

export const enum RandomKind {
  /** Uniform in [0, 1). */
  Uniform = 0,
  /** Standard normal. */
  Normal = 1,
  /** Standard normal truncated to (-2, 2): each value is redrawn (from its own key sequence) while |x| >= 2. */
  TruncatedNormal = 2,
}
