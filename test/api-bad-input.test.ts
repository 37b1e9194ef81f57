// Bad input through the public API, in both modes: every call returns or throws an Error, and a failing
// graph-mode call leaves the graph exactly as it was. Seeded, so a failure reproduces.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const fns: Array<[string, (...a: unknown[]) => unknown]> = Object.entries({
  constant: tf.constant, add: tf.add, subtract: tf.subtract, multiply: tf.multiply, divide: tf.divide, pow: tf.pow,
  neg: tf.neg, square: tf.square, sqrt: tf.sqrt, exp: tf.exp, log: tf.log, abs: tf.abs, sigmoid: tf.sigmoid,
  tanh: tf.tanh, relu: tf.relu, maximum: tf.maximum, minimum: tf.minimum, matmul: tf.matmul, reduceSum: tf.reduceSum,
  reduceMean: tf.reduceMean, reduceMax: tf.reduceMax, reshape: tf.reshape, transpose: tf.transpose, shape: tf.shape,
  cast: tf.cast, identity: tf.identity, equal: tf.equal, greater: tf.greater, less: tf.less, argMax: tf.argMax,
  oneHot: tf.oneHot, softmax: tf.softmax, zeros: tf.zeros, ones: tf.ones, fill: tf.fill, floorDiv: tf.floorDiv,
  randomUniform: tf.randomUniform, randomNormal: tf.randomNormal, assign: tf.assign, assignAdd: tf.assignAdd,
  Variable: tf.Variable, placeholder: tf.placeholder,
  addN: tf.addN, tile: tf.tile, where: tf.where, zerosLike: tf.zerosLike, onesLike: tf.onesLike, zeroOut: tf.zeroOut,
  gradients: tf.gradients, registerGradient: tf.registerGradient,
  tapeGradient: (a: unknown, b: unknown, c: unknown) => {
    const tape = tf.GradientTape(c as never);
    tape.watch(a);
    return tape.gradient(a, b);
  },
  minimize: (lr: unknown, loss: unknown, options: unknown) => tf.train.GradientDescentOptimizer(lr as never).minimize(loss as never, options as never),
  computeGradients: (loss: unknown, options: unknown) => tf.train.MomentumOptimizer(0.1, 0.9).computeGradients(loss as never, options as never),
  applyGradients: (pairs: unknown, options: unknown) => tf.train.AdamOptimizer().applyGradients(pairs as never, options as never),
}) as Array<[string, (...a: unknown[]) => unknown]>;

function garbage(r: () => number): unknown[] {
  const pool = (): unknown[] => [
    undefined, null, NaN, -1, 0, 2.5, 1e12, 'float32', 'int32', 'nope', '', true, [], [[]], [1, [2]], [[1, 2], [3]],
    [1, 2, 3], [[1, 2], [3, 4]], { axis: 7 }, { axis: -1, keepDims: true }, { perm: [0, 0] }, { transposeA: 'yes' },
    { dtype: 'bool' }, { shape: [-1] }, { name: 'bad name!' }, { name: 'ok' }, new Float32Array(3), new Int32Array(2),
    tf.constant([1, 2, 3]), tf.constant([[1, 2]], { dtype: 'int32' }), tf.constant(true), tf.constant(5),
    Symbol('s'), () => 1, new Map(), { toTensor: 3 }, tf.Variable(1.5), [[null, tf.Variable([1, 2])]], [tf.constant(1), 7],
    { varList: [] }, { globalStep: 3 }, { gradYs: [1, 2] },
  ];
  return Array.from({ length: Math.floor(r() * 4) }, () => {
    const p = pool();
    return p[Math.floor(r() * p.length)];
  });
}

describe.each(MODES)('%s mode', (mode) => {
  it('2000 random bad calls: each returns or throws an Error; the graph is never half-changed', () => {
    setMode(mode);
    const r = rng(mode === 'graph' ? 73 : 113);
    let threw = 0;
    for (let i = 0; i < 2000; i++) {
      const [name, fn] = fns[Math.floor(r() * fns.length)];
      const args = garbage(r);
      const before = tf.getDefaultGraph().getOperations().length;
      try {
        fn(...args);
      } catch (e) {
        threw++;
        expect(e, `${name}(${args.map(String).join(', ')})`).toBeInstanceOf(Error);
        expect((e as Error).message.length).toBeGreaterThan(0);
        expect(tf.getDefaultGraph().getOperations().length, `${name} left ops behind`).toBe(before);
      }
    }
    expect(threw).toBeGreaterThan(500);
  }, 30_000);

  it.runIf(mode === 'graph')('a Session survives bad fetches and feeds', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32, { shape: [2] });
    const y = tf.multiply(x, 2);
    const sess = tf.Session();
    const bad: Array<[unknown, unknown]> = [[undefined, undefined], [{}, { x: 1 }], [[y, 'zz:0'], {}], [y, { Placeholder: 'ab' }],
      [y, { Placeholder: [1, 2, 3] }], [y, new Map([[42, [1, 2]]])], [y, 5], [y, { Placeholder: [[1, 2]] }]];
    for (const [fetch, feed] of bad) {
      expect(() => sess.run(fetch, feed as never)).toThrow(Error);
    }
    expect(String(sess.run(y, { Placeholder: [1, 2] }))).toBe('[2. 4.]');
  });
});
