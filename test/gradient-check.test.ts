// tf.test.computeGradient / computeGradientError, the checker itself: ~0 for right gradients, large for a
// deliberately wrong one, the same answer in both schedules, nothing added to the user's graph, clear errors.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

type T = tf.Tensor;
const f32 = (values: number[], shape = [values.length]) => new tf.NDArray(Float32Array.from(values), shape, 'float32');

/** y = k·x as a user op, so its gradient can be registered right or wrong by the test. */
function scaleOp(name: string, k: number) {
  return tf.registerOp({ name, inputs: ['x'], kernel: ([x]) => new tf.NDArray((x.data as Float32Array).map((v) => v * k), x.shape, x.dtype) });
}
const triple = scaleOp('CheckTriple', 3);
const tiny = scaleOp('CheckTiny', 1e-4);

describe.each(MODES)('%s mode', (mode) => {
  it('agrees with itself for correct gradients: one {analytic, numeric} per x, shaped like x', () => {
    setMode(mode);
    const results = tf.test.computeGradient((a, b) => tf.tanh(tf.matmul(a, b)), [[[0.5, -1, 2]], f32([0.3, 0.2, -0.4, 1, 0.5, 0.1], [3, 2])]);
    expect(results.map((r) => [r.analytic.shape, r.numeric.shape])).toEqual([[[1, 3], [1, 3]], [[3, 2], [3, 2]]]);
    for (const { analytic, numeric } of results) {
      analytic.data.forEach((a, k) => expect(Math.abs(a - numeric.data[k])).toBeLessThan(1e-3));
    }
    expect(tf.test.computeGradientError((x) => tf.sigmoid(x), [[-1, 0.5, 2]])).toBeLessThan(1e-3);
  });

  it('reports a wrong gradient: 2·grad for y = 3x is off by a third everywhere', () => {
    setMode(mode);
    tf.registerGradient('CheckTriple', (_op, g) => [tf.ops.mul(g, 2) as T]);
    try {
      // |2dy − 3dy| / max(2|dy|, 3|dy|, 1) = 1/3, since every |dy| ≥ 0.5.
      expect(tf.test.computeGradientError((x) => triple(x) as T, [[1, -2, 0.5]])).toBeCloseTo(1 / 3, 4);
    } finally {
      tf.registerGradient('CheckTriple', (_op, g) => [tf.ops.mul(g, 3) as T]);
    }
    expect(tf.test.computeGradientError((x) => triple(x) as T, [[1, -2, 0.5]])).toBeLessThan(1e-3);
  });

  it('measures gradients below 1 absolutely: 2e-4 instead of 1e-4 is an error of at most 1.5e-4', () => {
    setMode(mode);
    tf.registerGradient('CheckTiny', (_op, g) => [tf.ops.mul(g, 2e-4) as T]);
    const error = tf.test.computeGradientError((x) => tiny(x) as T, [[1, -2, 0.5]]);
    expect(error).toBeGreaterThan(0);
    expect(error).toBeLessThan(1.5e-4 + 1e-9);
  });

  it('f may create the variables it uses', () => {
    setMode(mode);
    const f = (x: T) => tf.matmul(x, tf.Variable([[0.5, -1], [2, 0.3]]));
    expect(tf.test.computeGradientError(f, [[[1, 2], [-0.5, 0.7]]])).toBeLessThan(1e-3);
  });

  it('an x that f ignores gets zeros both ways', () => {
    setMode(mode);
    const [, unused] = tf.test.computeGradient((a) => tf.square(a), [[1, 2], [[3, 4]]]);
    expect([...unused.analytic.data, ...unused.numeric.data]).toEqual([0, 0, 0, 0]);
    expect(unused.analytic.shape).toEqual([1, 2]);
  });

  it('errors clearly on bad input', () => {
    setMode(mode);
    const check = (f: unknown, xs: unknown, options?: object) => () => tf.test.computeGradient(f as (x: T) => T, xs as number[], options);
    expect(check('tanh', [1])).toThrow("tf.test.computeGradient() argument 'f' must be function, got 'tanh'.");
    expect(check((x: T) => x, [])).toThrow(/xs must be a non-empty array/);
    expect(check((x: T) => x, [new tf.NDArray(Int32Array.from([1, 2]), [2], 'int32')])).toThrow(/xs\[0\] has dtype int32; gradients are defined for float32 only/);
    expect(check((x: T) => x, [1, [true, false]])).toThrow(/xs\[1\] has dtype bool/);
    expect(check((x: T) => x, ['a'])).toThrow(TypeError);
    expect(check(() => 3, [1])).toThrow(/f must return a Tensor, got number/);
    expect(check((x: T) => tf.cast(x, 'int32'), [1.5])).toThrow(/gradients are defined for float32 only, so return a float32 tensor/);
    expect(check((x: T) => x, [1], { delta: 0 })).toThrow(tf.ValueError);
    expect(check((x: T) => x, [1], { seed: 0.5 })).toThrow("Expected int32, got 0.5 of type 'float' instead.");
  });
});

describe('runs in the current mode without touching the user\'s graph', () => {
  const f = (a: T, b: T) => tf.reduceSum(tf.ops.mul(tf.exp(a), b) as T, { axis: 0 });
  const xs = [[[0.1, -0.5], [0.3, 0.8]], [[1, 2], [3, 4]]];

  it('graph mode builds f in a graph of its own', () => {
    setMode('graph');
    const c = tf.constant(1);
    const before = tf.getDefaultGraph().getOperations().map((o) => o.name);
    expect(tf.test.computeGradientError(f, xs)).toBeLessThan(1e-3);
    expect(() => tf.test.computeGradient(() => { throw new Error('boom'); }, [1])).toThrow('boom');
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual(before);
    expect(tf.constant(2).name).toBe('Const_1:0');
    expect(() => tf.test.computeGradient((x) => x, [c])).toThrow(/xs\[0\] is a graph tensor or variable; pass its value/);
  });

  it('graph and eager mode give the same gradients for the same seed, other seeds other dy', () => {
    const analytic = (mode: 'graph' | 'eager', seed: number) => {
      setMode(mode);
      return tf.test.computeGradient(f, xs, { seed }).map((r) => Array.from(r.analytic.data));
    };
    const graph = analytic('graph', 7);
    expect(analytic('eager', 7)).toEqual(graph);
    expect(analytic('eager', 8)).not.toEqual(graph);
    setMode('eager');
    expect(tf.test.computeGradientError(f, [tf.constant(xs[0]), f32([1, 2, 3, 4], [2, 2])])).toBeLessThan(1e-3);
  });
});
