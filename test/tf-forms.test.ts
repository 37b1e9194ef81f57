// TF 1.15's argument forms, each against values worked out by hand, in both modes: positional arguments in
// TF's order, the options object, and the two mixed. A form that is silently ignored would fail here.
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { caught, evaluate, MODES, rounded, setMode } from './helpers.js';

const M = [[1, 5, 2], [3, 4, 0]];
const A = [[1, 2], [3, 4]];

// [label, build, expected value, expected dtype]
const CASES: Array<[string, () => tf.Tensor, unknown, string]> = [
  ['argMax(x, 1)', () => tf.argMax(M, 1), [1, 1], 'int32'],
  ['argMax(x, { axis: 1 })', () => tf.argMax(M, { axis: 1 }), [1, 1], 'int32'],
  ['argMax(x) is axis 0 (TF 1.x)', () => tf.argMax(M), [1, 0, 0], 'int32'],
  ['argMin(x, 1)', () => tf.argMin(M, 1), [0, 2], 'int32'],
  ['reduceSum(x, 1)', () => tf.reduceSum(A, 1), [3, 7], 'float32'],
  ['reduceSum(x, 1, true)', () => tf.reduceSum(A, 1, true), [[3], [7]], 'float32'],
  ['reduceSum(x, [0], true, name)', () => tf.reduceSum(A, [0], true, 's'), [[4, 6]], 'float32'],
  ['reduceSum(x, { axis: 1, keepDims: true })', () => tf.reduceSum(A, { axis: 1, keepDims: true }), [[3], [7]], 'float32'],
  ['reduceSum(x, 1, { keepDims: true })', () => tf.reduceSum(A, 1, { keepDims: true } as never), [[3], [7]], 'float32'],
  ['reduceSum(x) over all axes', () => tf.reduceSum(A), 10, 'float32'],
  ['reduceMean(x, 1)', () => tf.reduceMean(A, 1), [1.5, 3.5], 'float32'],
  ['reduceMax(x, 0)', () => tf.reduceMax(A, 0), [3, 4], 'float32'],
  ['reduceMin(x, -1)', () => tf.reduceMin(A, -1), [1, 3], 'float32'],
  ['reduceProd(x, 1)', () => tf.reduceProd(A, 1), [2, 12], 'float32'],
  ['constant(value, dtype)', () => tf.constant(1, tf.int32), 1, 'int32'],
  ['constant(value, dtype, shape)', () => tf.constant(7, 'int32', [2, 2]), [[7, 7], [7, 7]], 'int32'],
  ['constant(value, undefined, shape, name)', () => tf.constant([1, 2, 3, 4], undefined, [2, 2], 'c'), [[1, 2], [3, 4]], 'float32'],
  ['constant(value, { dtype })', () => tf.constant(2, { dtype: 'int32' }), 2, 'int32'],
  ['zeros(shape, dtype)', () => tf.zeros([2, 3], tf.int32), [[0, 0, 0], [0, 0, 0]], 'int32'],
  ['ones(shape, dtype, name)', () => tf.ones([2], tf.int32, 'o'), [1, 1], 'int32'],
  ['ones(shape) is float32', () => tf.ones([1]), [1], 'float32'],
  ['fill(dims, value)', () => tf.fill([2, 2], 7), [[7, 7], [7, 7]], 'float32'],
  ['matmul(a, b, transposeA)', () => tf.matmul(A, A, true), [[10, 14], [14, 20]], 'float32'],
  ['matmul(a, b, false, transposeB)', () => tf.matmul(A, A, false, true), [[5, 11], [11, 25]], 'float32'],
  ['matmul(a, b, { transposeA: true })', () => tf.matmul(A, A, { transposeA: true }), [[10, 14], [14, 20]], 'float32'],
  ['softmax(x, 0)', () => tf.softmax([[0, 0], [0, Math.log(3)]], 0), [[0.5, 0.25], [0.5, 0.75]], 'float32'],
  ['softmax(x, { axis: -1 })', () => tf.softmax([[0, Math.log(3)]], { axis: -1 }), [[0.25, 0.75]], 'float32'],
  ['cast(x, dtype)', () => tf.cast([1.7, -1.7], tf.int32), [1, -1], 'int32'],
  ['reshape(x, shape)', () => tf.reshape(A, [4]), [1, 2, 3, 4], 'float32'],
  ['reshape(x, shape, name)', () => tf.reshape(A, [-1, 1], 'r'), [[1], [2], [3], [4]], 'float32'],
  ['transpose(a, perm)', () => tf.transpose([[[1, 2]]], [2, 0, 1]), [[[1]], [[2]]], 'float32'],
  ['transpose(a, { perm })', () => tf.transpose(A, { perm: [1, 0] }), [[1, 3], [2, 4]], 'float32'],
  ['oneHot(indices, depth, onValue, offValue)', () => tf.oneHot([0, 2], 3, 5, -1), [[5, -1, -1], [-1, -1, 5]], 'float32'],
  ['range(limit)', () => tf.range(4), [0, 1, 2, 3], 'int32'],
  ['range(start, limit, delta)', () => tf.range(1, 10, 4), [1, 5, 9], 'int32'],
  ['rank(x)', () => tf.rank(M), 2, 'int32'],
  ['add(x, y, name)', () => tf.add(1, 2, 'sum'), 3, 'float32'],
  ['where(c, x, y)', () => tf.where([true, false], [1, 2], [3, 4]), [1, 4], 'float32'],
  ['zerosLike(x, dtype)', () => tf.zerosLike(A, tf.int32), [[0, 0], [0, 0]], 'int32'],
  ['onesLike(x, dtype)', () => tf.onesLike([1.5], tf.int32), [1], 'int32'],
];

describe.each(MODES)('TF argument forms, %s mode', (mode) => {
  it.each(CASES)('%s', (_label, build, expected, dtype) => {
    const v = evaluate(mode, build);
    expect(rounded(v)).toEqual(expected);
    expect(v.dtype).toBe(dtype);
  });

  it('random ops take shape, then mean/stddev or minval/maxval, dtype, seed, name', () => {
    const a = evaluate(mode, () => tf.randomNormal([3], 5, 0, tf.float32, 1));
    expect(rounded(a)).toEqual([5, 5, 5]);
    const u = evaluate(mode, () => tf.randomUniform([200], 2, 3, undefined, 7, 'u'));
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u.data)).toBeLessThan(3);
  });
});

describe('graph-mode forms', () => {
  it('placeholder(dtype, shape, name) has the shape; a feed works as a Map, a record or { feedDict }, in run, eval and op.run', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32, [null, 2], 'x');
    expect(String(x)).toBe('Tensor("x:0", shape=(?, 2), dtype=float32)');
    const y = tf.reduceSum(x, 1);
    const sess = tf.InteractiveSession();
    try {
      const feed = new Map([[x, [[1, 2], [3, 4]]]]);
      expect((sess.run(y, feed) as tf.NDArray).toArray()).toEqual([3, 7]);
      expect((sess.run(y, { 'x:0': [[1, 1]] }) as tf.NDArray).toArray()).toEqual([2]);
      expect((sess.run(y, { feedDict: feed }) as tf.NDArray).toArray()).toEqual([3, 7]);
      expect(y.eval(feed).toArray()).toEqual([3, 7]);
      expect(y.eval({ feedDict: { x: [[0, 5]] } }).toArray()).toEqual([5]);
      const v = tf.Variable(0.0);
      const step = tf.assignAdd(v, tf.reduceSum(x));
      sess.run(tf.globalVariablesInitializer());
      expect(step.op.run(feed)).toBeNull();
      step.op.run({ feedDict: feed });
      expect(v.eval()).toBeCloseTo(20);
    } finally {
      sess.close();
    }
  });

  it("reduces every axis of a tensor of unknown rank with TF's Rank and range ops, to a scalar", () => {
    setMode('graph');
    const ys = tf.placeholder(tf.float32, [null]);
    const p = tf.placeholder(tf.float32);
    const loss = tf.reduceMean(tf.square(tf.subtract(p, ys)));
    expect(loss.shape.toString()).toBe('()');
    const names = tf.getDefaultGraph().getOperations().map((o) => `${o.name}:${o.type}`);
    expect(names).toEqual(expect.arrayContaining(['Rank:Rank', 'range/start:Const', 'range/delta:Const', 'range:Range', 'Mean:Mean']));
    const sess = tf.Session();
    const feed = new Map<unknown, unknown>([[ys, [1, 2, 3]], [p, [2, 2, 2]]]);
    expect(sess.run(loss, feed)).toMatchObject({ data: new Float32Array([2 / 3]) });
    const [g] = tf.gradients(loss, [p]);
    // d/dp mean((p - ys)²) = 2 (p - ys) / 3.
    expect(rounded(sess.run(g!, feed) as tf.NDArray)).toEqual([0.66667, 0, -0.66667]);
  });

  it('a failed call leaves no op behind', () => {
    setMode('graph');
    tf.constant(1.0);
    const before = tf.getDefaultGraph().getOperations().length;
    expect(caught(() => tf.reduceSum([[1, 2]], 5)).message).toBe("Invalid reduction dimension 5 for input with 2 dimensions. for 'Sum' (op: 'Sum') with input shapes: [1,2], [] and with computed input tensors: input[1] = <5>.");
    expect(caught(() => tf.transpose([[1, 2]], [0, 0])).message).toMatch(/^1 is missing from \{0,0\}\. for 'transpose'/);
    expect(tf.getDefaultGraph().getOperations().length).toBe(before);
  });

  it("Reshape to a shape known in part says so, as TF's shape inference does", () => {
    setMode('graph');
    const p = tf.placeholder(tf.float32, [2, null]);
    const e = caught(() => tf.reshape(tf.zeros([3]), tf.shape(p)));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe("Cannot reshape a tensor with 3 elements to shape [2,?] (? elements) for 'Reshape' (op: 'Reshape') with input shapes: [3], [2] and with input tensors computed as partial shapes: input[1] = [2,?].");
    expect(tf.reshape(tf.zeros([4]), tf.shape(p)).shape.toString()).toBe('(2, ?)');
  });
});
