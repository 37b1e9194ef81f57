// Every registered gradient against its oracle, in both schedules: central differences of the op itself
// (tf.test.computeGradientError), TF 1.15's op names for a few, and hand-derived values for a few more.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { applyOp1, type TensorLike } from '../src/ops/apply.js';
import { castAttrs } from '../src/ops/scope.js';
import { gradientStatus } from '../src/grads/registry.js';
import { MODES, setMode, type Mode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

type T = tf.Tensor;
interface Check { op: string; label?: string; f: (...xs: T[]) => T; xs: TensorLike[] }

/**
 * Float32 central differences with h = 1e-3·max(1, |x|): rounding in f (ε ≈ 6e-8 relative) becomes
 * ε·|f|/2h ≈ 3e-5·|f| in the difference quotient, summed over ≤ 24 outputs of magnitude ≤ ~10 with
 * random signs, and the truncation error h²·f'''/6 is ~1e-6 for these inputs. Correct gradients
 * measure at most 2.1e-4 here (MatMul, over seeds 0–7; most are below 5e-5 or exactly 0), while a wrong
 * one is off by O(0.1–1). 1e-3 leaves a 5× margin over the noise.
 */
const TOL = 1e-3;

// Inputs keep |x| ≥ 0.3 from kinks (0 for Abs, Relu, Sign), differ by ≥ 0.1 where ties would matter
// (Maximum, Max), keep x / y away from integers for FloorMod, and stay positive where the op needs it.
const X = [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]];
const X2 = [[-0.4, 0.9, 1.1], [0.6, -1.3, 0.8]];
const POS = [[0.5, 1.2, 2.0], [1.5, 0.3, 0.7]];
const ROW = [0.1, 0.2, -0.3];
const X32 = [[0.7, -0.2], [1.1, 0.4], [-0.9, 1.3]];
const X234 = [[[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 1.0, 1.1, 1.2]], [[-0.1, -0.2, -0.3, -0.4], [-0.5, -0.6, -0.7, -0.8], [-0.9, -1.0, -1.1, -1.2]]];
const IMG = [[[[0.1, -0.5], [0.9, 0.2], [-0.3, 0.7]], [[0.4, 1.1], [-0.8, 0.35], [0.6, -0.15]], [[1.3, -0.6], [0.05, 0.85], [-1.0, 0.45]]]];
const FILT = [[[[0.3, -0.2], [0.5, 0.1]], [[-0.4, 0.6], [0.2, 0.25]]], [[[0.15, -0.35], [0.7, -0.1]], [[0.05, 0.45], [-0.55, 0.3]]]];
const POOLED = [[[[0.3, -0.2], [0.5, 0.1]], [[-0.4, 0.6], [0.2, 0.25]]]];
const CONV = { strides: { kind: 'list_i', value: [1, 1, 1, 1] }, padding: { kind: 's', value: 'SAME' } } as const;
const POOL = { ksize: { kind: 'list_i', value: [1, 2, 2, 1] }, strides: { kind: 'list_i', value: [1, 1, 1, 1] }, padding: { kind: 's', value: 'VALID' } } as const;
const op2 = (type: string) => (a: T, b: T) => applyOp1(type, [a, b]);

const CHECKS: Check[] = [
  { op: 'Add', f: (a, b) => tf.add(a, b), xs: [X, ROW] },
  { op: 'AddV2', f: (a, b) => tf.ops.add(a, b) as T, xs: [X, [[0.5], [2]]] },
  { op: 'AddN', f: (a, b, c) => tf.addN([a, b, c]), xs: [X, X2, POS] },
  { op: 'Sub', f: (a, b) => tf.subtract(a, b), xs: [X, 0.7] },
  { op: 'Mul', f: (a, b) => tf.multiply(a, b), xs: [X, [1.5, -0.5, 2]] },
  { op: 'RealDiv', f: (a, b) => tf.divide(a, b), xs: [X, [[1.5], [-2]]] },
  { op: 'Pow', f: (a, b) => tf.pow(a, b), xs: [POS, [[1.5, 2, 0.5], [3, -1, 2]]] },
  { op: 'Maximum', f: (a, b) => tf.maximum(a, b), xs: [X, ROW] },
  { op: 'Minimum', f: (a, b) => tf.minimum(a, b), xs: [X, ROW] },
  { op: 'SquaredDifference', f: (a, b) => tf.squaredDifference(a, b), xs: [X, ROW] },
  { op: 'FloorMod', f: (a, b) => tf.floorMod(a, b), xs: [[[2.3, -1.6, 5.2], [0.4, 3.7, -2.2]], [1.5, -2, 0.9]] },
  { op: 'MatMul', f: (a, b) => tf.matmul(a, b), xs: [X, X32] },
  { op: 'MatMul', label: 'MatMul transposeA', f: (a, b) => tf.matmul(a, b, { transposeA: true }), xs: [X32, X32] },
  { op: 'MatMul', label: 'MatMul transposeA, transposeB', f: (a, b) => tf.matmul(a, b, { transposeA: true, transposeB: true }), xs: [X, X32] },
  { op: 'Sum', f: (x) => tf.reduceSum(x, { axis: 1 }), xs: [X] },
  { op: 'Sum', label: 'Sum, all axes', f: (x) => tf.reduceSum(x), xs: [X234] },
  { op: 'Mean', f: (x) => tf.reduceMean(x, { axis: [0, 2], keepDims: true }), xs: [X234] },
  { op: 'Max', f: (x) => tf.reduceMax(x, { axis: 1 }), xs: [X] },
  { op: 'Min', f: (x) => tf.reduceMin(x, { axis: 0 }), xs: [X] },
  { op: 'Prod', label: 'Prod with zeros (one and two in a row)', f: (x) => tf.reduceProd(x, { axis: 1 }), xs: [[[2, 0, 1.5], [1, -2, 0.5], [0, 0.8, 0]]] },
  { op: 'Prod', label: 'Prod over two axes', f: (x) => tf.reduceProd(x, { axis: [0, 2] }), xs: [X234.map((m) => m.map((r) => r.map((v) => 1 + v / 2)))] },
  { op: 'Neg', f: (x) => tf.negative(x), xs: [X] },
  { op: 'Identity', f: (x) => tf.identity(x), xs: [X] },
  { op: 'Exp', f: (x) => tf.exp(x), xs: [X] },
  { op: 'Log', f: (x) => tf.log(x), xs: [POS] },
  { op: 'Square', f: (x) => tf.square(x), xs: [X] },
  { op: 'Sqrt', f: (x) => tf.sqrt(x), xs: [POS] },
  { op: 'Rsqrt', f: (x) => tf.rsqrt(x), xs: [POS] },
  { op: 'Reciprocal', f: (x) => tf.reciprocal(x), xs: [X] },
  { op: 'Abs', f: (x) => tf.abs(x), xs: [X] },
  { op: 'Sign', f: (x) => tf.sign(x), xs: [X] },
  { op: 'Sigmoid', f: (x) => tf.sigmoid(x), xs: [X] },
  { op: 'Tanh', f: (x) => tf.tanh(x), xs: [X] },
  { op: 'Relu', f: (x) => tf.relu(x), xs: [X] },
  { op: 'Softmax', f: (x) => tf.softmax(x), xs: [X] },
  { op: 'Reshape', f: (x) => tf.reshape(x, [3, 2]), xs: [X] },
  { op: 'Transpose', f: (x) => tf.transpose(x, { perm: [2, 0, 1] }), xs: [X234] },
  { op: 'Tile', f: (x) => tf.tile(x, [2, 3]), xs: [X] },
  { op: 'Cast', f: (x) => applyOp1('Cast', [x], castAttrs('float32', 'float32')), xs: [X] },
  { op: 'Fill', f: (v) => tf.fill([2, 3], v), xs: [1.5] },
  { op: 'Select', f: (a, b) => tf.where(tf.constant([[true, false, true], [false, false, true]]), a, b), xs: [X, X2] },
  { op: 'Select', label: 'Select by rows', f: (a, b) => tf.where(tf.constant([false, true]), a, b), xs: [X, X2] },
  { op: 'ZeroOut', f: (x) => tf.zeroOut(x, { preserveIndex: 4 }), xs: [X] },
  // The gradient ops' own gradients (second order), on (forward output, upstream gradient) pairs.
  { op: 'SigmoidGrad', f: op2('SigmoidGrad'), xs: [[[0.2, 0.6, 0.9], [0.5, 0.3, 0.7]], X] },
  { op: 'TanhGrad', f: op2('TanhGrad'), xs: [[[0.2, -0.6, 0.9], [0.5, 0.3, -0.7]], X] },
  { op: 'ReluGrad', f: op2('ReluGrad'), xs: [X2, X] },
  { op: 'SqrtGrad', f: op2('SqrtGrad'), xs: [POS, X] },
  { op: 'RsqrtGrad', f: op2('RsqrtGrad'), xs: [POS, X] },
  { op: 'ReciprocalGrad', f: op2('ReciprocalGrad'), xs: [X, X2] },
  // The conv-net ops, on small NHWC inputs (IMG: [1, 3, 3, 2]; FILT: [2, 2, 2, 2]).
  { op: 'Conv2D', f: (x, w) => tf.nn.conv2d(x, w, 1, 'SAME'), xs: [IMG, FILT] },
  { op: 'Conv2DBackpropInput', f: (w, dy) => applyOp1('Conv2DBackpropInput', [[1, 3, 3, 2], w, dy], CONV), xs: [FILT, IMG] },
  { op: 'Conv2DBackpropFilter', f: (x, dy) => applyOp1('Conv2DBackpropFilter', [x, [2, 2, 2, 2], dy], CONV), xs: [IMG, IMG] },
  { op: 'MaxPool', f: (x) => tf.nn.maxPool(x, 2, 1, 'VALID'), xs: [IMG] },
  { op: 'MaxPoolGrad', f: (x, g) => applyOp1('MaxPoolGrad', [x, tf.nn.maxPool(x, 2, 1, 'VALID'), g], POOL), xs: [IMG, POOLED] },
  { op: 'MaxPoolGradGrad', f: (x, g) => applyOp1('MaxPoolGradGrad', [x, tf.nn.maxPool(x, 2, 1, 'VALID'), g], POOL), xs: [IMG, IMG] },
  { op: 'AvgPool', f: (x) => tf.nn.avgPool(x, 2, 2, 'SAME'), xs: [IMG] },
  { op: 'AvgPoolGrad', f: (g) => applyOp1('AvgPoolGrad', [[1, 3, 3, 2], g], POOL), xs: [POOLED] },
  { op: 'BiasAdd', f: (x, b) => tf.nn.biasAdd(x, b), xs: [X, ROW] },
  { op: 'BiasAddGrad', f: (g) => applyOp1('BiasAddGrad', [g], { data_format: { kind: 's', value: 'NHWC' } }), xs: [X] },
  { op: 'SoftmaxCrossEntropyWithLogits', f: (z, l) => tf.nn.softmaxCrossEntropyWithLogits({ labels: l, logits: z }), xs: [X, [[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]] },
  { op: 'SparseSoftmaxCrossEntropyWithLogits', f: (z) => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [2, 0], logits: z }), xs: [X] },
  { op: 'LogSoftmax', f: (x) => tf.nn.logSoftmax(x), xs: [X] },
  { op: 'L2Loss', f: (x) => tf.nn.l2Loss(x), xs: [X] },
  { op: 'ExpandDims', f: (x) => tf.expandDims(x, 1), xs: [X] },
];

/** Ops that have no gradient on purpose: variable updates (TF registers none either). */
const NO_GRADIENT = ['Assign', 'AssignAdd', 'AssignSub', 'ApplyGradientDescent', 'ApplyMomentum', 'ApplyAdam'];

describe.each(MODES)('numeric gradient checks, %s mode', (mode) => {
  it.each(CHECKS.map((c) => [c.label ?? c.op, c] as const))('%s', (_label, c) => {
    setMode(mode);
    expect(tf.test.computeGradientError(c.f, c.xs)).toBeLessThan(TOL);
  });
});

describe('every op type is accounted for', () => {
  it('has a numeric check, is declared not differentiable, or is on the short no-gradient list', () => {
    const checked = new Set(CHECKS.map((c) => c.op));
    const missing = tf.registeredOpTypes().filter((type) => {
      const status = gradientStatus(type);
      if (status === 'registered') return !checked.has(type);
      // ZeroOut's gradient comes from another change; until it is registered it may have none.
      if (status === 'none') return !NO_GRADIENT.includes(type) && type !== 'ZeroOut';
      return false;
    });
    expect(missing).toEqual([]);
  });

  it('each check really builds the op it is named after', () => {
    for (const c of CHECKS) {
      setMode('graph');
      c.f(...c.xs.map((x) => tf.constant(x)));
      expect(tf.getDefaultGraph().getOperations().map((o) => o.type), c.label ?? c.op).toContain(c.op);
    }
  });
});

/** d sum(f(x)) / dx in `mode`: tf.gradients and a Session, or a GradientTape. */
function gradOf(mode: Mode, f: (x: T) => T, x: unknown): unknown {
  setMode(mode);
  const xt = tf.constant(x);
  if (mode === 'graph') return (tf.Session().run(tf.gradients(f(xt), [xt])[0]!) as tf.NDArray).toArray();
  const tape = tf.GradientTape();
  tape.watch(xt);
  const y = tape.record(() => f(xt));
  return (tape.gradient(y, xt) as T).numpy().toArray();
}

/** The first derivative of sum(g(x)) as a function of x, in the current mode, to differentiate again. */
function derivative(mode: Mode, g: (x: T) => T): (x: T) => T {
  if (mode === 'graph') return (x) => tf.gradients(g(x), [x])[0]!;
  return (x) => {
    const tape = tf.GradientTape();
    tape.watch(x);
    const y = tape.record(() => g(x));
    return tape.gradient(y, x) as T;
  };
}

const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : Number((v as number).toFixed(6)));
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe.each(MODES)('hand-derived gradients, %s mode', (mode) => {
  it('sigmoid: σ(x)(1 − σ(x)), 0.25 at 0', () => {
    expect(round(gradOf(mode, (x) => tf.sigmoid(x), [0, 2, -1]))).toEqual(round([0, 2, -1].map((v) => sigmoid(v) * (1 - sigmoid(v)))));
  });

  it('abs: the sign of x, and 0 at 0 as TF', () => {
    expect(gradOf(mode, (x) => tf.abs(x), [-2, 0, 3])).toEqual([-1, 0, 1]);
  });

  it('max over an axis splits the gradient evenly between tied maxima', () => {
    expect(gradOf(mode, (x) => tf.reduceMax(x, { axis: 1 }), [[1, 3, 3], [2, 0, 1]])).toEqual([[0, 0.5, 0.5], [1, 0, 0]]);
    expect(gradOf(mode, (x) => tf.reduceMin(x), [[4, 1], [1, 1]])).toEqual([[0, 1 / 3], [1 / 3, 1 / 3]].map((r) => r.map(Math.fround)));
  });

  it('prod: the product of the other elements, exact where an input is zero', () => {
    // [2, 0, 3] → (0·3, 2·3, 2·0); two zeros leave every other product 0.
    expect(gradOf(mode, (x) => tf.reduceProd(x, { axis: 1 }), [[2, 0, 3], [0, 5, 0]])).toEqual([[0, 6, 0], [0, 0, 0]]);
  });

  it('relu passes the gradient where the input is positive; softmax\'s gradient sums to zero per row', () => {
    expect(gradOf(mode, (x) => tf.relu(x), [-1, 2, -3, 4])).toEqual([0, 1, 0, 1]);
    const w = [[1, 2, 3], [3, 1, 2]];
    const g = gradOf(mode, (x) => tf.reduceSum(tf.ops.mul(tf.softmax(x), w) as T), [[0.1, 0.5, -0.2], [1, 0, 2]]) as number[][];
    for (const row of g) expect(Math.abs(row[0] + row[1] + row[2])).toBeLessThan(1e-6);
  });

  it.each([
    ['Sigmoid', (x: T) => tf.sigmoid(x), X],
    ['Tanh', (x: T) => tf.tanh(x), X],
    ['Sqrt', (x: T) => tf.sqrt(x), POS],
    ['Rsqrt', (x: T) => tf.rsqrt(x), POS],
    ['Reciprocal', (x: T) => tf.reciprocal(x), X],
    ['Relu', (x: T) => tf.ops.mul(tf.relu(x), x) as T, X],
    ['Softmax', (x: T) => tf.ops.mul(tf.softmax(x), tf.constant(X)) as T, X],
  ] as const)('second derivative of %s through the gradient ops', (_name, g, x) => {
    setMode(mode);
    expect(tf.test.computeGradientError(derivative(mode, g), [x])).toBeLessThan(TOL);
  });
});

describe('tf.gradients builds TF 1.15\'s op names', () => {
  /** The ops tf.gradients adds under `gradients/<scope>`, as name:type. */
  function added(f: (x: T) => T, scope: string, x: unknown = [[1, 2, 3], [4, 5, 6]]): string[] {
    setMode('graph');
    const xt = tf.constant(x, { name: 'x' });
    const y = f(xt);
    const before = tf.getDefaultGraph().getOperations().length;
    tf.gradients(y, [xt]);
    return tf.getDefaultGraph().getOperations().slice(before).map((o) => `${o.name}:${o.type}`)
      .filter((n) => n.startsWith(`gradients/${scope}/`)).map((n) => n.slice(`gradients/${scope}/`.length));
  }

  it('Sigmoid: one SigmoidGrad; the incoming gradient is a data input, so no control edge to it (TF prunes it)', () => {
    expect(added((x) => tf.sigmoid(x), 'Sigmoid_grad')).toEqual(['SigmoidGrad:SigmoidGrad']);
    expect(tf.getDefaultGraph().getOperationByName('gradients/Sigmoid_grad/SigmoidGrad').controlInputs).toEqual([]);
  });

  it('Square: only the Const made first in its control_dependencies block waits on the gradient (TF 1.15 pruning)', () => {
    added((x) => tf.square(x), 'Square_grad');
    const control = (name: string) => tf.getDefaultGraph().getOperationByName(`gradients/Square_grad/${name}`).controlInputs.map((o) => o.name);
    expect([control('Const'), control('Mul'), control('Mul_1')]).toEqual([['gradients/Fill'], [], []]);
  });

  it('Square, Log, Abs, Sign, Relu, Sqrt', () => {
    expect(added((x) => tf.square(x), 'Square_grad')).toEqual(['Const:Const', 'Mul:Mul', 'Mul_1:Mul']);
    expect(added((x) => tf.log(x), 'Log_grad')).toEqual(['Reciprocal:Reciprocal', 'mul:Mul']);
    expect(added((x) => tf.abs(x), 'Abs_grad')).toEqual(['Sign:Sign', 'mul:Mul']);
    expect(added((x) => tf.sign(x), 'Sign_grad')).toEqual(['Shape:Shape', 'zeros/Const:Const', 'zeros:Fill']);
    expect(added((x) => tf.relu(x), 'Relu_grad')).toEqual(['ReluGrad:ReluGrad']);
    expect(added((x) => tf.sqrt(x), 'Sqrt_grad')).toEqual(['SqrtGrad:SqrtGrad']);
  });

  it('Mean of a [2, 3]: Reshape to [1, 1], Tile by the shape, divide by the count', () => {
    expect(added((x) => tf.reduceMean(x), 'Mean_grad')).toEqual([
      'Reshape/shape:Const', 'Reshape:Reshape', 'Const:Const', 'Tile:Tile', 'Const_1:Const', 'truediv:RealDiv',
    ]);
  });

  it('Softmax, Select, Transpose, Reshape', () => {
    expect(added((x) => tf.softmax(x), 'Softmax_grad')).toEqual(['mul:Mul', 'Sum/reduction_indices:Const', 'Sum:Sum', 'sub:Sub', 'mul_1:Mul']);
    const c = [[true, false, true], [false, true, true]];
    expect(added((x) => tf.where(tf.constant(c), x, tf.zerosLike(x)), 'Select_grad')).toEqual(['zeros_like:Const', 'Select:Select', 'Select_1:Select']);
    expect(added((x) => tf.transpose(x), 'transpose_grad')).toEqual(['InvertPermutation:InvertPermutation', 'transpose:Transpose']);
    expect(added((x) => tf.reshape(x, [6]), 'Reshape_grad')).toEqual(['Shape:Shape', 'Reshape:Reshape']);
  });
});

describe('gradients with shapes known only at run time', () => {
  it('Max, Tile and Fill compute their shapes in the graph; Prod says what it needs', () => {
    setMode('graph');
    const x = tf.placeholder('float32', { shape: [null, 3] });
    const feed = new Map([[x, X]]);
    const [dmax] = tf.gradients(tf.reduceMax(x, { axis: 1 }), [x]);
    expect(tf.Session().run(dmax!, feed)).toEqual(tf.Session().run(tf.cast(tf.equal(x, tf.reduceMax(x, { axis: 1, keepDims: true })), 'float32'), feed));
    const [dtile] = tf.gradients(tf.tile(x, [2, 2]), [x]);
    expect((tf.Session().run(dtile!, feed) as tf.NDArray).toArray()).toEqual([[4, 4, 4], [4, 4, 4]]);
    // Fill's output has an unknown rank here, so its value's gradient sums a flattened grad.
    const v = tf.placeholder('float32', { shape: [] });
    const [dv] = tf.gradients(tf.fill(tf.shape(x), v), [v]);
    expect((tf.Session().run(dv!, new Map<T, unknown>([[x, X], [v, 2]])) as tf.NDArray).toArray()).toBe(6);
    expect(() => tf.gradients(tf.reduceProd(x, { axis: 1 }), [x])).toThrow(/Prod's gradient needs the shape of its input 'Placeholder:0' \(\?, 3\)/);
  });
});
