// TensorFlow itself as the oracle for tf.nn's values and gradients, on seeded random inputs of many shapes.
// Optional: it runs where a Python with `tensorflow` is found (TENSORSHELL_TF_PYTHON, else python3) and is
// skipped with a note elsewhere — TensorFlow is never needed for `npm test`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { rng } from './native-reference.js';

const PYTHON = process.env.TENSORSHELL_TF_PYTHON ?? 'python3';
const SCRIPT = fileURLToPath(new URL('./oracle/tf_nn.py', import.meta.url));
const hasTf = spawnSync(PYTHON, ['-c', 'import tensorflow'], { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } }).status === 0;
if (!hasTf) console.log(`nn-tf-oracle: skipped, no TensorFlow in ${PYTHON} (set TENSORSHELL_TF_PYTHON to a Python that has it)`);

type T = tf.Tensor;
interface Case { kind: string; args: Record<string, unknown>; inputs: tf.NDArray[]; f: (...xs: T[]) => T }

const r = rng(1415);
const rand = (shape: number[], lo = -1, hi = 1) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return new tf.NDArray(Float32Array.from({ length: n }, () => lo + (hi - lo) * r.next()), shape, 'float32');
};

function conv(x: number[], f: number[], strides: number, padding: string, dilations = 1): Case {
  return { kind: 'conv2d', args: { strides, padding, dilations }, inputs: [rand(x), rand(f)], f: (a, b) => tf.nn.conv2d(a, b, strides, padding, { dilations }) };
}
function pool(kind: 'maxPool' | 'avgPool', x: number[], ksize: number, strides: number, padding: string): Case {
  return { kind, args: { ksize, strides, padding }, inputs: [rand(x)], f: (a) => tf.nn[kind](a, ksize, strides, padding) };
}
const distribution = (b: number, c: number) => {
  const raw = rand([b, c], 0, 1).data as Float32Array;
  const out = new Float32Array(raw.length);
  for (let i = 0; i < b; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += raw[i * c + j];
    for (let j = 0; j < c; j++) out[i * c + j] = raw[i * c + j] / s;
  }
  return new tf.NDArray(out, [b, c], 'float32');
};

const labels = Array.from({ length: 7 }, () => r.int(0, 9));
const CASES: Case[] = [
  conv([2, 28, 28, 1], [5, 5, 1, 32], 1, 'SAME'),
  conv([3, 14, 14, 32], [5, 5, 32, 64], 1, 'SAME'),
  conv([2, 9, 11, 3], [3, 3, 3, 5], 2, 'SAME'),
  conv([1, 10, 10, 4], [4, 4, 4, 3], 2, 'SAME'),
  conv([2, 8, 7, 2], [3, 2, 2, 6], 3, 'VALID'),
  conv([1, 9, 9, 3], [3, 3, 3, 2], 1, 'VALID', 2),
  conv([4, 6, 6, 8], [1, 1, 8, 16], 1, 'VALID'),
  pool('maxPool', [2, 28, 28, 32], 2, 2, 'SAME'),
  pool('maxPool', [1, 7, 7, 5], 3, 2, 'SAME'),
  pool('maxPool', [2, 9, 8, 3], 3, 1, 'VALID'),
  pool('avgPool', [2, 7, 7, 4], 3, 2, 'SAME'),
  pool('avgPool', [1, 10, 9, 2], 2, 3, 'VALID'),
  { kind: 'biasAdd', args: {}, inputs: [rand([3, 5, 5, 7]), rand([7])], f: (a, b) => tf.nn.biasAdd(a, b) },
  { kind: 'xent', args: {}, inputs: [rand([7, 10], -5, 5), distribution(7, 10)], f: (z, l) => tf.nn.softmaxCrossEntropyWithLogits({ labels: l, logits: z }) },
  { kind: 'sparseXent', args: { labels }, inputs: [rand([7, 10], -5, 5)], f: (z) => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant(labels, 'int32'), logits: z }) },
  { kind: 'logSoftmax', args: {}, inputs: [rand([5, 9], -20, 20)], f: (z) => tf.nn.logSoftmax(z) },
  { kind: 'l2Loss', args: {}, inputs: [rand([4, 6])], f: (z) => tf.nn.l2Loss(z) },
];

/** Ours: y = f(xs) and d sum(y * dy) / dxs under a GradientTape. */
function ours(c: Case): { y: tf.NDArray; dy: tf.NDArray; grads: tf.NDArray[] } {
  tf.enableEagerExecution();
  const xs = c.inputs.map((v) => tf.constant(v));
  const probe = c.f(...xs).numpy();
  const dy = rand([...probe.shape]);
  const tape = tf.GradientTape();
  for (const x of xs) tape.watch(x);
  const y = tape.record(() => c.f(...xs));
  const total = tape.record(() => tf.reduceSum(tf.multiply(y, tf.constant(dy))));
  const grads = tape.gradient(total, xs) as T[];
  return { y: y.numpy(), dy, grads: grads.map((g) => g.numpy()) };
}

/** The largest difference relative to the largest magnitude (float32 sums over up to 800 terms). */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

afterAll(() => tf.disableEagerExecution());

describe.skipIf(!hasTf)('tf.nn against TensorFlow', () => {
  const results = CASES.map(ours);
  const payload = CASES.map((c, i) => ({
    kind: c.kind, args: c.args, dy: { shape: results[i].dy.shape, data: Array.from(results[i].dy.data) },
    inputs: c.inputs.map((v) => ({ shape: v.shape, data: Array.from(v.data) })),
  }));
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
  const theirs = run.status === 0 ? JSON.parse(run.stdout) as Array<{ y: { shape: number[]; data: number[] }; grads: Array<{ shape: number[]; data: number[] }> }> : [];

  it('the oracle ran', () => {
    expect(run.stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
    expect(theirs.length).toBe(CASES.length);
  });

  it.each(CASES.map((c, i) => [`${c.kind} ${c.inputs.map((v) => `[${v.shape}]`).join(' ')} ${JSON.stringify(c.args)}`, i] as const))('%s', (_label, i) => {
    const t = theirs[i];
    const o = results[i];
    expect(o.y.shape).toEqual(t.y.shape);
    expect(relError(o.y.data, t.y.data)).toBeLessThan(1e-4);
    o.grads.forEach((g, k) => {
      expect(g.shape).toEqual(t.grads[k].shape);
      expect(relError(g.data, t.grads[k].data), `gradient ${k}`).toBeLessThan(1e-4);
    });
  });
});
