// Plain-JS reference implementations of the native kernels, and test helpers shared by the
// native-*.test.ts files. Float references compute in double and round once at the end unless
// the kernel's definition rounds in between (then Math.fround mirrors each step).
import { ArgReduceOp, BinaryOp, ReduceOp, UnaryOp } from '../src/backends/native/opcodes.js';
import type { KernelArray } from '../src/backends/native/addon-types.js';

export const f32 = Math.fround;
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** mulberry32: small, fast, seedable, so every failure reproduces from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof rng>;

export function randomFloats(r: Rng, n: number, lo = -2, hi = 2): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r.next();
  return out;
}

export function randomInts(r: Rng, n: number, lo = -1000, hi = 1000): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = r.int(lo, hi);
  return out;
}

/** Whether two numbers agree: NaN equals NaN, else |a-b| <= atol + rtol*|b|. */
export function near(a: number, b: number, rtol = 0, atol = 0): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (a === b) return true;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Index and values of the first disagreement, or null. */
export function firstMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 0,
  atol: number | ((i: number) => number) = 0,
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const tol = typeof atol === 'function' ? atol(i) : atol;
    if (!near(actual[i], expected[i], rtol, tol)) return `at ${i}: got ${actual[i]}, expected ${expected[i]}`;
  }
  return null;
}

// ---- elementwise ------------------------------------------------------------------------------

function pyModFloat(a: number, b: number): number {
  const r = a % b; // fmod, exact
  if (r !== 0) return (r < 0) !== (b < 0) ? f32(r + b) : r;
  return b < 0 ? -0 : 0;
}

export function floorDivInt(a: number, b: number): number {
  if (b === -1) return -a | 0;
  return Math.floor(a / b) | 0;
}

export function floorModInt(a: number, b: number): number {
  if (b === -1) return 0;
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? (r + b) | 0 : r | 0;
}

export function intPow(base: number, exp: number): number {
  let result = 1;
  let b = base | 0;
  let e = exp >>> 0;
  while (e) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e >>>= 1;
  }
  return result | 0;
}

const maxNaN = (a: number, b: number) => (a > b || Number.isNaN(a) ? a : b);
const minNaN = (a: number, b: number) => (a < b || Number.isNaN(a) ? a : b);

export function binaryFloat(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case BinaryOp.Add: return f32(a + b);
    case BinaryOp.Sub: return f32(a - b);
    case BinaryOp.Mul: return f32(a * b);
    case BinaryOp.Div: return f32(a / b);
    // C/IEEE pow: 1^y = 1 and (-1)^(+-inf) = 1 even where JS's Math.pow says NaN.
    case BinaryOp.Pow: return a === 1 || (a === -1 && !Number.isFinite(b) && !Number.isNaN(b)) ? 1 : f32(Math.pow(a, b));
    case BinaryOp.Maximum: return maxNaN(a, b);
    case BinaryOp.Minimum: return minNaN(a, b);
    case BinaryOp.Equal: return a === b ? 1 : 0;
    case BinaryOp.NotEqual: return a !== b ? 1 : 0;
    case BinaryOp.Greater: return a > b ? 1 : 0;
    case BinaryOp.GreaterEqual: return a >= b ? 1 : 0;
    case BinaryOp.Less: return a < b ? 1 : 0;
    case BinaryOp.LessEqual: return a <= b ? 1 : 0;
    case BinaryOp.SigmoidGrad: return f32(f32(b * a) * f32(1 - a));
    case BinaryOp.TanhGrad: return f32(b * f32(1 - f32(a * a)));
    case BinaryOp.ReluGrad: return a > 0 ? b : 0;
    case BinaryOp.FloorMod: return pyModFloat(a, b);
    case BinaryOp.SquaredDifference: return f32(f32(a - b) * f32(a - b));
  }
}

export function binaryInt(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case BinaryOp.Add: return (a + b) | 0;
    case BinaryOp.Sub: return (a - b) | 0;
    case BinaryOp.Mul: return Math.imul(a, b);
    case BinaryOp.Div: return floorDivInt(a, b);
    case BinaryOp.Pow: return intPow(a, b);
    case BinaryOp.Maximum: return Math.max(a, b);
    case BinaryOp.Minimum: return Math.min(a, b);
    case BinaryOp.ReluGrad: return a > 0 ? b : 0;
    case BinaryOp.FloorMod: return floorModInt(a, b);
    case BinaryOp.SquaredDifference: return Math.imul((a - b) | 0, (a - b) | 0);
    default: return binaryFloat(op, a, b); // comparisons
  }
}

export const isComparison = (op: BinaryOp) => op >= BinaryOp.Equal && op <= BinaryOp.LessEqual;

function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 && x < 0 ? -0 : r;
}

export function unaryFloat(op: UnaryOp, x: number): number {
  switch (op) {
    case UnaryOp.Neg: return -x;
    case UnaryOp.Square: return f32(x * x);
    case UnaryOp.Sqrt: return f32(Math.sqrt(x));
    case UnaryOp.Exp: return f32(Math.exp(x));
    case UnaryOp.Log: return f32(Math.log(x));
    case UnaryOp.Abs: return Math.abs(x);
    case UnaryOp.Sigmoid: return f32(1 / (1 + Math.exp(-x)));
    case UnaryOp.Tanh: return f32(Math.tanh(x));
    case UnaryOp.Relu: return x < 0 ? 0 : x;
    case UnaryOp.Reciprocal: return f32(1 / x);
    case UnaryOp.Sign: return x > 0 ? 1 : x < 0 ? -1 : x;
    case UnaryOp.Rsqrt: return f32(1 / Math.sqrt(x));
    case UnaryOp.Floor: return Math.floor(x);
    case UnaryOp.Ceil: return Math.ceil(x);
    case UnaryOp.Round: return roundHalfEven(x);
    case UnaryOp.LogicalNot: return x === 0 ? 1 : 0;
  }
}

export function unaryInt(op: UnaryOp, x: number): number {
  switch (op) {
    case UnaryOp.Neg: return -x | 0;
    case UnaryOp.Square: return Math.imul(x, x);
    case UnaryOp.Abs: return Math.abs(x) | 0;
    case UnaryOp.Relu: return x < 0 ? 0 : x;
    case UnaryOp.Sign: return Math.sign(x);
    default: throw new Error(`op ${op} is float-only`);
  }
}

// ---- shapes -----------------------------------------------------------------------------------

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

export const product = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** Calls f(flatIndex, multiIndex) for every element of shape, in row-major order. */
export function forEachIndex(shape: readonly number[], f: (i: number, idx: number[]) => void): void {
  const n = product(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    f(i, idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

export function transposeRef(x: KernelArray, shape: number[], perm: number[]): number[] {
  const inStrides = contiguousStrides(shape);
  const outShape = perm.map((p) => shape[p]);
  const out: number[] = [];
  forEachIndex(outShape, (_, idx) => {
    let src = 0;
    for (let d = 0; d < idx.length; d++) src += idx[d] * inStrides[perm[d]];
    out.push(x[src]);
  });
  return out;
}

// ---- reductions and products ------------------------------------------------------------------

export function reduceRef(op: ReduceOp, x: KernelArray, outer: number, mid: number, inner: number,
  isFloat: boolean): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = op === ReduceOp.Sum ? 0 : op === ReduceOp.Prod ? 1
        : op === ReduceOp.Max ? (isFloat ? -Infinity : INT_MIN) : (isFloat ? Infinity : INT_MAX);
      for (let m = 0; m < mid; m++) {
        const v = x[(o * mid + m) * inner + i];
        if (op === ReduceOp.Sum) acc = isFloat ? acc + v : (acc + v) | 0;
        else if (op === ReduceOp.Prod) acc = isFloat ? acc * v : Math.imul(acc, v);
        else if (op === ReduceOp.Max) acc = maxNaN(acc, v);
        else acc = minNaN(acc, v);
      }
      out.push(isFloat ? f32(acc) : acc);
    }
  }
  return out;
}

export function argReduceRef(op: ArgReduceOp, x: KernelArray, outer: number, mid: number,
  inner: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = x[o * mid * inner + i];
      let at = 0;
      for (let m = 1; m < mid && !Number.isNaN(best); m++) {
        const v = x[(o * mid + m) * inner + i];
        if (Number.isNaN(v) || (op === ArgReduceOp.ArgMax ? v > best : v < best)) {
          best = v;
          at = m;
        }
      }
      out.push(at);
    }
  }
  return out;
}

/** Reference product in double (float) or wrapping int32, plus sum |a||b| per output for tolerances. */
export function matmulRef(a: KernelArray, b: KernelArray, m: number, n: number, k: number,
  transA: boolean, transB: boolean, isFloat: boolean): { out: number[]; scale: number[] } {
  const out: number[] = [];
  const scale: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i] : a[i * k + p];
        const bv = transB ? b[j * k + p] : b[p * n + j];
        if (isFloat) {
          acc += av * bv;
          abs += Math.abs(av * bv);
        } else {
          acc = (acc + Math.imul(av, bv)) | 0;
        }
      }
      out.push(isFloat ? f32(acc) : acc);
      scale.push(abs);
    }
  }
  return { out, scale };
}

// ---- random -----------------------------------------------------------------------------------

/** Philox4x32-10 on a full 128-bit counter, for the known-answer vectors. */
export function philox4x32(ctr: number[], key: number[]): number[] {
  const M0 = 0xd2511f53n, M1 = 0xcd9e8d57n;
  let [c0, c1, c2, c3] = ctr.map(BigInt);
  let [k0, k1] = key.map(BigInt);
  for (let round = 0; round < 10; round++) {
    const p0 = M0 * c0, p1 = M1 * c2;
    const next = [(p1 >> 32n) ^ c1 ^ k0, p1 & 0xffffffffn, (p0 >> 32n) ^ c3 ^ k1, p0 & 0xffffffffn];
    [c0, c1, c2, c3] = next;
    k0 = (k0 + 0x9e3779b9n) & 0xffffffffn;
    k1 = (k1 + 0xbb67ae85n) & 0xffffffffn;
  }
  return [c0, c1, c2, c3].map(Number);
}

export const uniformFromBits = (u: number) => (u >>> 9) / 8388608;

/** What the kernel computes for element i of random(kind, n, seed, stream, counter). */
export function randomRef(kind: number, n: number, seed: number, stream: number, counter: number): number[] {
  const out: number[] = [];
  for (let blk = 0n; out.length < n; blk++) {
    const c = BigInt(counter) + blk; // may pass 2^53, where doubles lose integers
    const words = philox4x32([Number(c & 0xffffffffn), Number(c >> 32n), 0, 0], [seed, stream]);
    if (kind === 0) {
      out.push(...words.map(uniformFromBits));
    } else {
      for (const [x0, x1] of [[words[0], words[1]], [words[2], words[3]]]) {
        const u1 = Math.max(uniformFromBits(x0), f32(1e-7));
        const v1 = f32(f32(2 * Math.PI) * uniformFromBits(x1));
        const r = Math.sqrt(-2 * Math.log(u1));
        out.push(r * Math.sin(v1), r * Math.cos(v1));
      }
    }
  }
  return out.slice(0, n);
}
