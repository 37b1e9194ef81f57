// tf.nn's conv-net ops through the public API: TF 1.15's op names, static shapes (unknown batch dims
// included), error classes and texts, and values on hand-worked cases in both schedules.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { caught, evaluate, MODES, rounded, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const opNames = () => tf.getDefaultGraph().getOperations().map((o) => o.name);
const nd = (values: number[], shape: number[]) => new tf.NDArray(Float32Array.from(values), shape, 'float32');
const iota = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => (i + 1) * scale);

describe('graph building', () => {
  it("the Deep MNIST layers get TF's op names and static shapes with an unknown batch", () => {
    setMode('graph');
    const x = tf.placeholder('float32', [null, 784]);
    const image = tf.reshape(x, [-1, 28, 28, 1]);
    const W = tf.Variable(tf.truncatedNormal([5, 5, 1, 32], { stddev: 0.1 }));
    const b = tf.Variable(tf.constant(0.1, { shape: [32] }));
    const h = tf.nn.relu(tf.ops.add(tf.nn.conv2d(image, W, [1, 1, 1, 1], 'SAME'), b) as tf.Tensor);
    const pool = tf.nn.maxPool(h, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    expect(h.shape.toString()).toBe('(?, 28, 28, 32)');
    expect(pool.shape.toString()).toBe('(?, 14, 14, 32)');
    expect(opNames()).toEqual(expect.arrayContaining([
      'truncated_normal/shape', 'truncated_normal/mean', 'truncated_normal/stddev', 'truncated_normal/TruncatedNormal',
      'truncated_normal/mul', 'truncated_normal', 'Conv2D', 'add', 'Relu', 'MaxPool',
    ]));
    const conv = tf.getDefaultGraph().getOperationByName('Conv2D');
    expect(conv.getAttr('strides')).toEqual([1, 1, 1, 1]);
    expect(conv.getAttr('padding')).toBe('SAME');
    expect(conv.getAttr('data_format')).toBe('NHWC');
    expect(conv.getAttr('dilations')).toEqual([1, 1, 1, 1]);
  });

  it('strides, ksize and dilations take an int, [h, w] or all four, as _get_sequence', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [2, 9, 9, 3]);
    const f = tf.zeros([3, 3, 3, 4]);
    expect(tf.nn.conv2d(x, f, 2, 'SAME').shape.toString()).toBe('(2, 5, 5, 4)');
    expect(tf.nn.conv2d(x, f, [2, 1], 'VALID').shape.toString()).toBe('(2, 4, 7, 4)');
    expect(tf.nn.conv2d(x, f, 1, 'VALID', { dilations: 2 }).shape.toString()).toBe('(2, 5, 5, 4)');
    expect(tf.nn.avgPool(x, 3, 2, 'VALID').shape.toString()).toBe('(2, 4, 4, 3)');
    expect(tf.nn.conv2d(x, f, 1, [[0, 0], [1, 2], [0, 0], [0, 0]]).shape.toString()).toBe('(2, 10, 7, 4)');
    const e = caught(() => tf.nn.conv2d(x, f, [1, 1, 1], 'SAME'));
    expect([e.name, e.message]).toEqual(['ValueError', 'strides should be of length 1, 2 or 4 but was 3']);
  });

  it("bad padding, a channel mismatch and a too-large VALID kernel are TF's ValueErrors, leaving no op", () => {
    setMode('graph');
    const x = tf.placeholder('float32', [1, 4, 4, 1], 'x');
    const [big, f3, f2] = [tf.zeros([5, 5, 1, 1]), tf.zeros([3, 3, 3, 8]), tf.zeros([2, 2, 1, 1])];
    const y = tf.placeholder('float32', [4, 4, 1], 'y');
    const before = opNames();
    let e = caught(() => tf.nn.conv2d(x, big, 1, 'same'));
    expect([e.name, e.message]).toEqual(['ValueError', `Attr 'padding' of 'Conv2D' Op passed string 'same' not in: "SAME", "VALID", "EXPLICIT".`]);
    e = caught(() => tf.nn.maxPool(x, 2, 2, 'FULL'));
    expect(e.message).toBe(`Attr 'padding' of 'MaxPool' Op passed string 'FULL' not in: "SAME", "VALID".`);
    e = caught(() => tf.nn.conv2d(x, f3, 1, 'SAME'));
    expect(e.message).toBe("Dimensions must be equal, but are 1 and 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,4,4,1], [3,3,3,8].");
    e = caught(() => tf.nn.conv2d(x, big, 1, 'VALID'));
    expect([e.name, e.message]).toEqual(['ValueError', "Negative dimension size caused by subtracting 5 from 4 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,4,4,1], [5,5,1,1]."]);
    e = caught(() => tf.nn.conv2d(y, f2, 1, 'SAME'));
    expect(e.message).toBe("Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [4,4,1], [2,2,1,1].");
    e = caught(() => tf.nn.conv2d(x, f2, 1, 'SAME', { dataFormat: 'NWHC' }));
    expect(e.message).toBe(`Attr 'data_format' of 'Conv2D' Op passed string 'NWHC' not in: "NHWC", "NCHW".`);
    e = caught(() => tf.nn.conv2d(x, f2, 1, 'SAME', { data_format: 'NHWC' } as never));
    expect(e.message).toMatch(/unexpected keyword argument 'data_format'.*dataFormat/);
    expect(opNames()).toEqual(before);
  });

  it('eager mode gives the kernel messages; a window that fits exactly zero times gives an empty result', () => {
    setMode('eager');
    let e = caught(() => tf.nn.conv2d(tf.zeros([1, 4, 4, 1]), tf.zeros([2, 2, 3, 1]), 1, 'SAME'));
    expect([e.name, e.message]).toEqual(['InvalidArgumentError', 'input depth must be evenly divisible by filter depth: 1 vs 3 [Op:Conv2D]']);
    e = caught(() => tf.nn.conv2d(tf.zeros([1, 3, 3, 1]), tf.zeros([5, 5, 1, 1]), 1, 'VALID'));
    expect(e.message).toBe('Computed output size would be negative: -1 [input_size: 3, effective_filter_size: 5, stride: 1] [Op:Conv2D]');
    expect(tf.nn.conv2d(tf.zeros([1, 4, 4, 1]), tf.zeros([5, 5, 1, 1]), 1, 'VALID').shape.toString()).toBe('(1, 0, 0, 1)');
    e = caught(() => tf.nn.conv2d(tf.zeros([1, 4, 4, 1]), tf.zeros([2, 2, 1, 1]), [2, 1, 1, 1], 'SAME'));
    expect(e.message).toBe('Current implementation does not yet support strides in the batch and depth dimensions. [Op:Conv2D]');
    e = caught(() => tf.nn.maxPool(tf.zeros([1, 4, 4, 2]), [1, 1, 1, 2], [1, 1, 1, 2], 'SAME'));
    expect(e.name).toBe('UnimplementedError');
  });
});

describe.each(MODES)('%s mode values', (mode) => {
  it('conv2d: a 3x3 image and a 2x2 filter, VALID and SAME (extra padding at the bottom/right)', () => {
    const x = nd(iota(9), [1, 3, 3, 1]);
    const f = nd([1, 0, 0, -1], [2, 2, 1, 1]);
    // out[i,j] = x[i,j] - x[i+1,j+1] = -4 where the window fits; SAME pads one row/column after.
    expect(rounded(evaluate(mode, () => tf.nn.conv2d(x, f, 1, 'VALID')))).toEqual([[[[-4], [-4]], [[-4], [-4]]]]);
    expect(rounded(evaluate(mode, () => tf.nn.conv2d(x, f, 1, 'SAME')))).toEqual([[[[-4], [-4], [3]], [[-4], [-4], [6]], [[7], [8], [9]]]]);
    // stride 2 on 3 wide SAME: out 2, padding 1 split 0 before, 1 after.
    expect(rounded(evaluate(mode, () => tf.nn.conv2d(x, f, 2, 'SAME')))).toEqual([[[[-4], [3]], [[7], [9]]]]);
  });

  it('maxPool and avgPool: padding never wins a max and is not counted in a mean', () => {
    const x = nd([1, -2, 3, -4, 5, -6, 7, -8, 9], [1, 3, 3, 1]);
    expect(rounded(evaluate(mode, () => tf.nn.maxPool(x, 2, 2, 'SAME')))).toEqual([[[[5], [3]], [[7], [9]]]]);
    expect(rounded(evaluate(mode, () => tf.nn.avgPool(x, 2, 2, 'SAME')))).toEqual([[[[0], [-1.5]], [[-0.5], [9]]]]);
    const neg = nd([-5, -6, -7, -8], [1, 2, 2, 1]);
    expect(rounded(evaluate(mode, () => tf.nn.maxPool(neg, 3, 1, 'SAME')))).toEqual([[[[-5], [-5]], [[-5], [-5]]]]);
  });

  it('biasAdd, l2Loss, logSoftmax', () => {
    expect(rounded(evaluate(mode, () => tf.nn.biasAdd(nd(iota(6), [1, 2, 3]), nd([10, 20, 30], [3]))))).toEqual([[[11, 22, 33], [14, 25, 36]]]);
    expect(rounded(evaluate(mode, () => tf.nn.l2Loss(nd([1, 2, 3], [3]))))).toBe(7);
    const ls = evaluate(mode, () => tf.nn.logSoftmax(nd([1, 2, 3, 1000, 0, -1000], [2, 3])));
    const lse = Math.log(Math.exp(-2) + Math.exp(-1) + 1);
    expect(rounded(ls, 4)).toEqual([[Number((-2 - lse).toFixed(4)), Number((-1 - lse).toFixed(4)), Number((-lse).toFixed(4))], [0, -1000, -2000]]);
  });

  it('softmax cross-entropy: -sum(labels * log_softmax), dense and sparse; huge logits stay finite', () => {
    const logits = nd([2, 1, 0.1, 1000, -1000, 0], [2, 3]);
    const labels = nd([1, 0, 0, 0, 0.5, 0.5], [2, 3]);
    const row0 = -(2 - Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.1)));
    const expected = [Number(row0.toFixed(4)), 1500];
    expect(rounded(evaluate(mode, () => tf.nn.softmaxCrossEntropyWithLogits({ labels, logits })), 4)).toEqual(expected);
    const sparse = evaluate(mode, () => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: new tf.NDArray(Int32Array.of(0, 2), [2], 'int32'), logits }));
    expect(rounded(sparse, 4)).toEqual([expected[0], 1000]);
  });

  it('inTopK counts ties as in, and a non-finite score as out', () => {
    const p = nd([0.1, 0.5, 0.5, 0.2, 0.3, NaN, 0.9, 0.1, 0.0], [3, 3]);
    const targets = new tf.NDArray(Int32Array.of(2, 0, 1), [3], 'int32');
    expect(evaluate(mode, () => tf.nn.inTopK(p, targets, 1)).toArray()).toEqual([true, false, false]);
  });

  it('truncatedNormal stays within 2 stddev of the mean', () => {
    const v = evaluate(mode, () => tf.truncatedNormal([2000], { mean: 5, stddev: 0.1, seed: 3 })).data as Float32Array;
    expect(v.every((x) => x > 4.8 - 1e-6 && x < 5.2 + 1e-6)).toBe(true);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean - 5)).toBeLessThan(0.01);
  });
});

describe('errors at run time', () => {
  it('a label outside [0, classes) names the value and the op', () => {
    setMode('graph');
    const labels = tf.placeholder('int32', [null]);
    const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits: tf.zeros([2, 3]) });
    expect(loss.name).toBe('SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0');
    const e = caught(() => tf.Session().run(loss, { feedDict: new Map([[labels, new tf.NDArray(Int32Array.of(1, 3), [2], 'int32')]]) }));
    expect(e.name).toBe('InvalidArgumentError');
    expect(e.message).toContain('Received a label value of 3 which is outside the valid range of [0, 3).  Label values: 1 3');
  });

  it('the cross-entropies take named arguments only, as TF', () => {
    setMode('graph');
    let e = caught(() => tf.nn.softmaxCrossEntropyWithLogits(tf.zeros([2, 3])));
    expect([e.name, e.message]).toEqual(['ValueError', 'Only call `softmax_cross_entropy_with_logits` with named arguments (labels=..., logits=..., ...)']);
    e = caught(() => tf.nn.softmaxCrossEntropyWithLogits({ logits: tf.zeros([2, 3]) }));
    expect(e.message).toBe('Both labels and logits must be provided.');
    e = caught(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.zeros([2, 3], 'int32'), logits: tf.zeros([2, 3]) }));
    expect(e.message).toBe('Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).');
  });
});

describe('dropout and zeroFraction', () => {
  it("keepProb as a placeholder builds TF 1.15's ops: sub outside, then the dropout scope", () => {
    setMode('graph');
    const h = tf.placeholder('float32', [null, 1024], 'h');
    const keepProb = tf.placeholder('float32', undefined, 'keep_prob');
    const d = tf.nn.dropout(h, keepProb);
    expect(d.shape.toString()).toBe('(?, 1024)');
    expect(d.name).toBe('dropout/mul_1:0');
    expect(opNames()).toEqual(['h', 'keep_prob', 'sub/x', 'sub', 'dropout/Shape', 'dropout/random_uniform/min', 'dropout/random_uniform/max',
      'dropout/random_uniform/RandomUniform', 'dropout/random_uniform/sub', 'dropout/random_uniform/mul', 'dropout/random_uniform',
      'dropout/sub/x', 'dropout/sub', 'dropout/truediv/x', 'dropout/truediv', 'dropout/GreaterEqual', 'dropout/mul', 'dropout/Cast', 'dropout/mul_1']);
    const sess = tf.Session();
    const ones = new tf.NDArray(new Float32Array(4 * 1024).fill(1), [4, 1024], 'float32');
    const run = (p: number) => sess.run(d, { feedDict: new Map<tf.Tensor, unknown>([[h, ones], [keepProb, p]]) }) as tf.NDArray;
    const half = run(0.5).data as Float32Array;
    expect(new Set(half)).toEqual(new Set([0, 2]));
    const kept = half.filter((v) => v === 2).length / half.length;
    expect(Math.abs(kept - 0.5)).toBeLessThan(0.05);
    expect([...new Set(run(1).data)]).toEqual([1]);
  });

  it('a numeric keepProb or rate works eagerly; out-of-range values are TF ValueErrors', () => {
    setMode('eager');
    const x = tf.ones([10000]);
    const v = tf.nn.dropout(x, 0.8, undefined, 7).numpy().data as Float32Array;
    expect(new Set(v)).toEqual(new Set([0, 1.25]));
    expect(Math.abs(v.filter((a) => a > 0).length / v.length - 0.8)).toBeLessThan(0.02);
    expect(tf.nn.dropout(x, { rate: 0 })).toBe(x);
    let e = caught(() => tf.nn.dropout(x, 0));
    expect([e.name, e.message]).toEqual(['ValueError', 'keep_prob must be a scalar tensor or a float in the range (0, 1], got 0']);
    e = caught(() => tf.nn.dropout(x, { rate: 1 }));
    expect(e.message).toBe('rate must be a scalar tensor or a float in the range [0, 1), got 1');
    e = caught(() => tf.nn.dropout(x));
    expect(e.message).toBe('You must provide a rate to dropout.');
  });

  it('zeroFraction: the fraction of exact zeros', () => {
    for (const mode of MODES) {
      expect(rounded(evaluate(mode, () => tf.nn.zeroFraction(nd([0, 1, 0, -2, 0, 3, 0, 0], [2, 4]))))).toBe(0.625);
    }
    setMode('graph');
    expect(tf.nn.zeroFraction(tf.zeros([3])).name).toBe('zero_fraction/fraction:0');
  });
});
