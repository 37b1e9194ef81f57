// Tiny tensors (a training loop's scalars) skip the addon: a native call costs ~80 ns plus copying its small
// arrays through scratch views (staged-arrays.ts), while the same math in JS costs ~30 ns. Only ops whose JS form is
// bit-identical to the C++ kernel are here: IEEE +, −, ×, ÷ and sqrt of float32 values computed in double
// and rounded once give the correctly rounded float32 result, and the addon is built with
// -ffp-contract=off, so its multi-step formulas (SigmoidGrad, …) round after every step exactly as below.
// Transcendental functions (exp, log, pow, tanh) stay native: libm and V8 may differ in the last bit.
import type { TypedArray } from '../../tensor/dtype.js';
import { BinaryOp, UnaryOp } from './opcodes.js';

/** Largest output that takes the JS path. */
export const SMALL_SIZE = 16;

type Fn2 = (a: number, b: number) => number;
type Fn1 = (x: number) => number;

const f = Math.fround;
const maxNaN: Fn2 = (a, b) => (a > b || a !== a ? a : b);
const minNaN: Fn2 = (a, b) => (a < b || a !== a ? a : b);
const comparisons: Array<[BinaryOp, Fn2]> = [
  [BinaryOp.Equal, (a, b) => +(a === b)], [BinaryOp.NotEqual, (a, b) => +(a !== b)],
  [BinaryOp.Greater, (a, b) => +(a > b)], [BinaryOp.GreaterEqual, (a, b) => +(a >= b)],
  [BinaryOp.Less, (a, b) => +(a < b)], [BinaryOp.LessEqual, (a, b) => +(a <= b)],
];

// Indexed by opcode (a dense array, not a Map: looked up on every tiny op).
function byOp<F>(entries: Array<[number, F]>): ReadonlyArray<F | undefined> {
  const table: Array<F | undefined> = [];
  for (const [op, fn] of entries) table[op] = fn;
  for (let i = 0; i < table.length; i++) table[i] ??= undefined;
  return table;
}

const floatBinary = byOp<Fn2>([
  [BinaryOp.Add, (a, b) => a + b], [BinaryOp.Sub, (a, b) => a - b], [BinaryOp.Mul, (a, b) => a * b],
  [BinaryOp.Div, (a, b) => a / b], [BinaryOp.Maximum, maxNaN], [BinaryOp.Minimum, minNaN],
  [BinaryOp.SigmoidGrad, (y, dy) => f(dy * y) * f(1 - y)],
  [BinaryOp.TanhGrad, (y, dy) => dy * f(1 - f(y * y))],
  [BinaryOp.ReluGrad, (x, dy) => (x > 0 ? dy : 0)],
  [BinaryOp.SquaredDifference, (a, b) => f(a - b) * f(a - b)],
  ...comparisons,
]);

const intBinary = byOp<Fn2>([
  [BinaryOp.Add, (a, b) => (a + b) | 0], [BinaryOp.Sub, (a, b) => (a - b) | 0], [BinaryOp.Mul, Math.imul],
  [BinaryOp.Maximum, (a, b) => (a > b ? a : b)], [BinaryOp.Minimum, (a, b) => (a < b ? a : b)],
  [BinaryOp.SquaredDifference, (a, b) => Math.imul((a - b) | 0, (a - b) | 0)],
  ...comparisons,
]);

const floatUnary = byOp<Fn1>([
  [UnaryOp.Neg, (x) => -x], [UnaryOp.Square, (x) => x * x], [UnaryOp.Sqrt, Math.sqrt], [UnaryOp.Abs, Math.abs],
  [UnaryOp.Relu, (x) => (x < 0 ? 0 : x)], [UnaryOp.Reciprocal, (x) => 1 / x],
  [UnaryOp.Sign, (x) => (x > 0 ? 1 : x < 0 ? -1 : x)], [UnaryOp.Rsqrt, (x) => 1 / f(Math.sqrt(x))],
  [UnaryOp.Floor, Math.floor], [UnaryOp.Ceil, Math.ceil],
]);

const intUnary = byOp<Fn1>([
  [UnaryOp.Neg, (x) => -x | 0], [UnaryOp.Square, (x) => Math.imul(x, x)], [UnaryOp.Abs, (x) => (x < 0 ? -x | 0 : x)],
  [UnaryOp.Relu, (x) => (x < 0 ? 0 : x)], [UnaryOp.Sign, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)],
]);

/** The JS form of binary `op` for inputs of `dtype`, or undefined when it must run natively. */
export function smallBinary(op: BinaryOp, dtype: string): Fn2 | undefined {
  if (dtype === 'float32') return floatBinary[op];
  if (dtype === 'int32') return intBinary[op];
  return op === BinaryOp.Equal || op === BinaryOp.NotEqual ? floatBinary[op] : undefined;
}

export function smallUnary(op: UnaryOp, dtype: string): Fn1 | undefined {
  return dtype === 'float32' ? floatUnary[op] : dtype === 'int32' ? intUnary[op] : undefined;
}

/** out[i] = fn(a[i or 0], b[i or 0]); the typed array's store does the final float32 rounding. */
export function runBinary(fn: Fn2, a: TypedArray, b: TypedArray, out: TypedArray): void {
  const sa = a.length === 1 ? 0 : 1;
  const sb = b.length === 1 ? 0 : 1;
  for (let i = 0; i < out.length; i++) out[i] = fn(a[i * sa], b[i * sb]);
}

export function runUnary(fn: Fn1, x: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) out[i] = fn(x[i]);
}

/**
 * ApplyGradientDescent's out[i] = w[i] - delta[i] * alpha (native/cpu/optim.cc, alpha a float32): the product
 * rounded to float32, then the difference, as the kernel built with -ffp-contract=off computes it.
 */
export function smallGradientDescent(w: Float32Array, delta: Float32Array, out: Float32Array, alpha: number): void {
  const a = f(alpha);
  for (let i = 0; i < out.length; i++) out[i] = w[i] - f(delta[i] * a);
}
