// tf.test.computeGradient: the numeric gradient check (cs231n's eval_numerical_gradient_array). f's
// output is weighted by a fixed random upstream gradient dy, so every output element counts, and the
// analytic gradient of sum(f · dy) is compared with central differences of the same sum, in the current
// mode (check-evaluators.ts).
import { executingEagerly } from '../engine/mode.js';
import { ValueError } from '../errors.js';
import { jsTypeName } from '../js-type-name.js';
import { Tensor } from '../graph/tensor.js';
import { isConvertible, type TensorLike } from '../ops/apply.js';
import { toNDArray } from '../tensor/convert.js';
import { NDArray } from '../tensor/ndarray.js';
import { shapesEqual, shapeString, sizeOf } from '../tensor/shape.js';
import { eagerEvaluator, graphEvaluator, type Evaluator, type Fn } from './check-evaluators.js';

export interface GradientCheckOptions {
  /** Relative step: each x_i moves by ±delta · max(1, |x_i|) (default 1e-3). */
  delta?: number;
  /** Seed of the random upstream gradient dy (default 0): the same seed gives the same dy. */
  seed?: number;
}

/** One input's gradient of sum(f(xs) · dy), both ways, shaped like that input. */
export interface GradientCheck { analytic: NDArray; numeric: NDArray }

/**
 * Analytic and numeric gradients of sum(f(...xs) · dy) for each x, with dy a seeded random tensor shaped
 * like f's output: `tf.test.computeGradient((x) => tf.tanh(x), [[0.5, -1]])`. In graph mode f receives
 * placeholders in a fresh graph, so it must build everything it uses (tensors of the default graph
 * cannot be mixed in). xs are numbers, nested arrays or float32 NDArrays.
 */
export function computeGradient(f: Fn, xs: readonly TensorLike[], options: GradientCheckOptions = {}): GradientCheck[] {
  if (typeof f !== 'function') throw new TypeError(`computeGradient: f must be a function (...xs) => Tensor, got ${jsTypeName(f)}.`);
  if (!Array.isArray(xs) || xs.length === 0) throw new TypeError('computeGradient: xs must be a non-empty array of input values, one per argument of f.');
  const { delta, seed } = checkOptions(options);
  const values = xs.map(floatValue);
  const evaluator = executingEagerly() ? eagerEvaluator(f) : graphEvaluator(f, values);
  const dy = randomUpstream(evaluator.value(values).shape, seed);
  const analytic = evaluator.gradients(values, dy);
  return values.map((x, i) => ({ analytic: analyticOf(analytic[i], x, i), numeric: numericGradient(evaluator, values, i, dy, delta) }));
}

/**
 * The largest relative error between the analytic and numeric gradients over every element of every x:
 * max |a − n| / max(|a|, |n|, 1). Relative for gradients above 1, absolute below, because float32
 * central differences cannot resolve tiny gradients relatively. NaN if either side has a NaN.
 */
export function computeGradientError(f: Fn, xs: readonly TensorLike[], options: GradientCheckOptions = {}): number {
  let worst = 0;
  for (const { analytic, numeric } of computeGradient(f, xs, options)) {
    for (let k = 0; k < analytic.size; k++) {
      const a = analytic.data[k];
      const n = numeric.data[k];
      worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1));
    }
  }
  return worst;
}

function checkOptions(options: GradientCheckOptions): { delta: number; seed: number } {
  const delta = options.delta ?? 1e-3;
  const seed = options.seed ?? 0;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) throw new ValueError(`computeGradient: delta must be a positive number, got ${String(delta)}.`);
  if (!Number.isInteger(seed)) throw new ValueError(`computeGradient: seed must be an integer, got ${String(seed)}.`);
  return { delta, seed };
}

function floatValue(x: unknown, i: number): NDArray {
  if ((x instanceof Tensor && !x.isEager) || isConvertible(x)) {
    throw new TypeError(`computeGradient: xs[${i}] is a graph tensor or variable; pass its value (numbers, nested arrays or an NDArray): f gets a placeholder for it.`);
  }
  let nd: NDArray;
  try {
    nd = toNDArray(x instanceof Tensor ? x.numpy() : x);
  } catch (e) {
    throw new TypeError(`computeGradient: xs[${i}]: ${(e as Error).message}`);
  }
  if (nd.dtype !== 'float32') {
    throw new TypeError(`computeGradient: xs[${i}] has dtype ${nd.dtype}; gradients are defined for float32 only, so pass numbers or a float32 NDArray.`);
  }
  return nd;
}

function analyticOf(g: NDArray | null, x: NDArray, i: number): NDArray {
  if (g === null) return new NDArray(new Float32Array(x.size), x.shape, 'float32');
  if (!shapesEqual(g.shape, x.shape)) {
    throw new ValueError(`computeGradient: the gradient of xs[${i}] has shape ${shapeString(g.shape)} but xs[${i}] has shape ${shapeString(x.shape)}; the op's gradient function is wrong.`);
  }
  return g;
}

/** Σ_j (f(x + h·e_k) − f(x − h·e_k))_j · dy_j / 2h for each element k of xs[i]. */
function numericGradient(ev: Evaluator, values: readonly NDArray[], i: number, dy: NDArray, delta: number): NDArray {
  const x = values[i];
  const point = Float32Array.from(x.data);
  const weighted = (): number => {
    const args = values.slice();
    args[i] = new NDArray(Float32Array.from(point), x.shape, 'float32');
    const y = ev.value(args);
    let sum = 0;
    for (let j = 0; j < y.size; j++) sum += y.data[j] * dy.data[j];
    return sum;
  };
  const out = new Float32Array(x.size);
  for (let k = 0; k < x.size; k++) {
    const xk = point[k];
    const h = delta * Math.max(1, Math.abs(xk));
    point[k] = xk + h;
    const up = point[k];
    const fUp = weighted();
    point[k] = xk - h;
    const down = point[k];
    const fDown = weighted();
    point[k] = xk;
    // Divide by the step float32 actually took (x ± h rounds), not the h asked for.
    out[k] = (fUp - fDown) / (up - down);
  }
  return new NDArray(out, x.shape, 'float32');
}

/** dy: magnitudes in [0.5, 1.5) with random signs (mulberry32), so no output element is weighted near 0. */
function randomUpstream(shape: readonly number[], seed: number): NDArray {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const data = new Float32Array(sizeOf(shape));
  for (let k = 0; k < data.length; k++) {
    const magnitude = 0.5 + next();
    data[k] = next() < 0.5 ? -magnitude : magnitude;
  }
  return new NDArray(data, [...shape], 'float32');
}
