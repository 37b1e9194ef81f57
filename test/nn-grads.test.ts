// Gradients of the conv-net ops against finite differences (tf.test.computeGradientError) in both
// schedules, and the gradient ops' names in a graph, as TF 1.15's nn_grad builds them.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

type T = tf.Tensor;
/** Deterministic values in [-1, 1], distinct enough that max-pool windows have one clear winner. */
function values(shape: number[], seed: number): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(seed * 7.1 + i * 1.37) * 0.9 + ((i * 13) % 7) * 0.01;
  return new tf.NDArray(out, shape, 'float32');
}

const TOL = 2e-3;

describe.each(MODES)('%s mode', (mode) => {
  it.each([
    ['SAME, stride 1', [2, 5, 5, 2], [3, 3, 2, 3], 1, 'SAME', 1],
    ['VALID, stride 2', [1, 7, 6, 3], [3, 2, 3, 2], 2, 'VALID', 1],
    ['SAME, stride 2, even input', [1, 6, 6, 1], [4, 4, 1, 2], 2, 'SAME', 1],
    ['dilated', [1, 7, 7, 2], [2, 2, 2, 2], 1, 'VALID', 2],
  ] as const)('conv2d %s: input and filter gradients', (_n, xs, fs, stride, padding, dilation) => {
    setMode(mode);
    const err = tf.test.computeGradientError((x: T, f: T) => tf.nn.conv2d(x, f, stride, padding, { dilations: dilation }),
      [values([...xs], 1), values([...fs], 2)]);
    expect(err).toBeLessThan(TOL);
  });

  it('maxPool and avgPool, SAME and VALID, overlapping windows', () => {
    setMode(mode);
    const x = values([2, 5, 5, 3], 3);
    expect(tf.test.computeGradientError((v: T) => tf.nn.maxPool(v, 2, 2, 'SAME'), [x])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.nn.maxPool(v, 3, 1, 'VALID'), [x])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.nn.avgPool(v, 3, 2, 'SAME'), [x])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.nn.avgPool(v, 2, 1, 'VALID'), [x])).toBeLessThan(TOL);
  });

  it('biasAdd, l2Loss, logSoftmax, expandDims', () => {
    setMode(mode);
    expect(tf.test.computeGradientError((v: T, b: T) => tf.nn.biasAdd(v, b), [values([2, 3, 4], 4), values([4], 5)])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.nn.l2Loss(v), [values([3, 4], 6)])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.nn.logSoftmax(v), [values([3, 5], 7)])).toBeLessThan(TOL);
    expect(tf.test.computeGradientError((v: T) => tf.expandDims(v, 1), [values([3, 2], 8)])).toBeLessThan(TOL);
  });

  it('the cross-entropies: logits (and, for the dense one, labels too, as TF _v2)', () => {
    setMode(mode);
    // Rows that are distributions: TF's backprop, softmax - labels, is the gradient only when labels sum to 1.
    const raw = values([4, 5], 9).data as Float32Array;
    const labels = new tf.NDArray(raw.map((v, i) => {
      const row = raw.slice(i - (i % 5), i - (i % 5) + 5).reduce((a, b) => a + Math.exp(b), 0);
      return Math.exp(v) / row;
    }), [4, 5], 'float32');
    expect(tf.test.computeGradientError((logits: T, l: T) => tf.nn.softmaxCrossEntropyWithLogits({ labels: l, logits }),
      [values([4, 5], 10), labels])).toBeLessThan(TOL);
    const ids = new tf.NDArray(Int32Array.of(0, 4, 2, 1), [4], 'int32');
    expect(tf.test.computeGradientError((logits: T) => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: ids, logits }),
      [values([4, 5], 11)])).toBeLessThan(TOL);
  });

  it('a small conv net end to end: conv, bias, relu, pool, dense, cross-entropy', () => {
    setMode(mode);
    const labels = new tf.NDArray(Float32Array.from([1, 0, 0, 0, 1, 0]), [2, 3], 'float32');
    const net = (x: T, f: T, w: T) => {
      const h = tf.nn.maxPool(tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, f, 1, 'SAME'), tf.constant([0.1, -0.1]))), 2, 2, 'SAME');
      const logits = tf.matmul(tf.reshape(h, [2, 8]), w);
      return tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits }));
    };
    expect(tf.test.computeGradientError(net, [values([2, 4, 4, 1], 12), values([3, 3, 1, 2], 13), values([8, 3], 14)])).toBeLessThan(TOL);
  });
});

describe('graph gradient ops', () => {
  it("are named as TF 1.15's nn_grad names them", () => {
    setMode('graph');
    const x = tf.placeholder('float32', [null, 8, 8, 1], 'x');
    const f = tf.Variable(tf.truncatedNormal([3, 3, 1, 4], { stddev: 0.1 }), { name: 'W' });
    const b = tf.Variable(tf.zeros([4]), { name: 'b' });
    const h = tf.nn.maxPool(tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, f, 1, 'SAME'), b)), 2, 2, 'SAME');
    const loss = tf.nn.l2Loss(h);
    const [gf, gb] = tf.gradients(loss, [f, b]) as T[];
    expect(gf.name).toBe('gradients/Conv2D_grad/Conv2DBackpropFilter:0');
    expect(gb.name).toBe('gradients/BiasAdd_grad/BiasAddGrad:0');
    expect(gf.shape.toString()).toBe('(3, 3, 1, 4)');
    const names = tf.getDefaultGraph().getOperations().map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining([
      'gradients/L2Loss_grad/mul', 'gradients/MaxPool_grad/MaxPoolGrad', 'gradients/Relu_grad/ReluGrad',
      'gradients/Conv2D_grad/ShapeN', 'gradients/Conv2D_grad/Conv2DBackpropInput',
    ]));
  });
});
