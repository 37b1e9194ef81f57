// Shared test helpers: run the same computation in both schedules and get its value.
import * as tf from '../src/index.js';

export type Mode = 'graph' | 'eager';
export const MODES: Mode[] = ['graph', 'eager'];

/** Puts the engine in `mode` with a fresh default graph. */
export function setMode(mode: Mode): void {
  tf.resetDefaultGraph();
  if (mode === 'eager') tf.enableEagerExecution();
  else tf.disableEagerExecution();
}

/** Builds `fn` in `mode` and returns the value: eager `.numpy()`, or a Session.run in graph mode. */
export function evaluate(mode: Mode, fn: () => tf.Tensor): tf.NDArray {
  setMode(mode);
  try {
    const t = fn();
    if (mode === 'eager') return t.numpy();
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    return sess.run(t) as tf.NDArray;
  } finally {
    tf.disableEagerExecution();
  }
}

/** Nested JS values of an NDArray, floats rounded to `digits` decimals to compare float32 results. */
export function rounded(a: tf.NDArray, digits = 5): unknown {
  const r = (v: unknown): unknown => (Array.isArray(v) ? v.map(r) : typeof v === 'number' ? Number(v.toFixed(digits)) : v);
  return r(a.toArray());
}

/** The error `fn` throws (the test fails if it throws none), to check its class and message together. */
export function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
