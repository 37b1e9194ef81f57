// The conv-net kernels (conv2d and its gradients, the pools, softmax cross-entropy) and the truncated
// normal against the double-precision references in native-conv-reference.ts, on seeded random inputs
// of many geometries; then their argument checks, including a fuzzer and guard-band tests that any
// accepted geometry keeps every write inside the output.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import type { Window2D } from '../src/backends/backend.js';
import { addon } from '../src/backends/native/addon.js';
import { cpuBackend } from '../src/backends/native/index.js';
import { createNativeBackend } from '../src/backends/native/native-backend.js';
import { RandomKind } from '../src/backends/native/opcodes.js';
import { NDArray } from '../src/tensor/ndarray.js';
import {
  avgPoolGradRef, avgPoolRef, conv2dBackpropFilterRef, conv2dBackpropInputRef, conv2dRef, dimsOf, fSize,
  maxPoolGradRef, maxPoolRef, softmaxCrossEntropyRef, tfWindow, xSize, ySize, type Padding, type Ref,
} from './native-conv-reference.js';
import { firstMismatch, randomFloats, rng, type Rng } from './native-reference.js';

/** float32 accumulation: within 1e-4 relative, or 3e-5 of the sum of |terms|. */
function convMismatch(actual: Float32Array, ref: Ref): string | null {
  if (actual.length !== ref.value.length) return `length ${actual.length} != ${ref.value.length}`;
  for (let i = 0; i < actual.length; i++) {
    const e = ref.value[i];
    if (!(Math.abs(actual[i] - e) <= 1e-4 * Math.abs(e) + 3e-5 * ref.scale[i] + 1e-30)) {
      return `at ${i}: got ${actual[i]}, expected ${e} (scale ${ref.scale[i]})`;
    }
  }
  return null;
}

interface ConvCase { input: number[]; k: [number, number]; outC: number; s?: [number, number]; d?: [number, number]; pad: Padding }

const CONV_CASES: ConvCase[] = [
  { input: [50, 28, 28, 1], k: [5, 5], outC: 32, pad: 'SAME' }, // Deep-MNIST conv1
  { input: [4, 14, 14, 32], k: [5, 5], outC: 64, pad: 'SAME' }, // conv2, fewer images
  { input: [50, 8, 8, 3], k: [3, 3], outC: 32, pad: 'SAME' },
  { input: [3, 9, 7, 3], k: [4, 4], outC: 5, s: [2, 2], pad: 'SAME' }, // asymmetric SAME padding
  { input: [2, 10, 10, 2], k: [3, 3], outC: 3, s: [2, 2], pad: 'SAME' }, // even input, stride 2
  { input: [5, 11, 13, 3], k: [3, 3], outC: 4, s: [3, 3], pad: 'VALID' },
  { input: [3, 12, 12, 4], k: [3, 3], outC: 6, d: [2, 2], pad: 'SAME' },
  { input: [2, 9, 9, 3], k: [2, 3], outC: 7, s: [1, 2], d: [2, 1], pad: 'SAME' },
  { input: [7, 6, 6, 64], k: [1, 1], outC: 32, pad: 'SAME' }, // pointwise: one matmul
  { input: [7, 6, 7, 8], k: [1, 1], outC: 3, s: [2, 2], pad: 'VALID' },
  { input: [3, 5, 5, 3], k: [5, 5], outC: 4, pad: 'VALID' }, // kernel == input
  { input: [2, 5, 5, 1], k: [5, 5], outC: 1, pad: 'SAME' },
  { input: [1, 17, 19, 3], k: [3, 3], outC: 64, pad: [2, 2, 1, 0] },
  { input: [2, 6, 6, 3], k: [3, 3], outC: 2, pad: [0, 2, 3, 1] }, // explicit, one side beyond the kernel
  { input: [1, 40, 40, 3], k: [3, 3], outC: 16, pad: 'SAME' }, // one image, split by rows
  { input: [20, 7, 7, 32], k: [3, 3], outC: 64, s: [2, 2], pad: 'SAME' },
  { input: [6, 30, 4, 2], k: [7, 2], outC: 9, s: [3, 1], d: [1, 2], pad: 'VALID' },
];

function randomConvCase(r: Rng): ConvCase {
  const k: [number, number] = [r.int(1, 4), r.int(1, 4)];
  const d: [number, number] = [r.pick([1, 1, 2]), r.pick([1, 1, 2])];
  const input = [r.pick([1, 2, 3, 13]), r.int((k[0] - 1) * d[0] + 1, 12), r.int((k[1] - 1) * d[1] + 1, 12), r.pick([1, 2, 3, 5, 17])];
  const pad: Padding = r.pick<Padding>(['SAME', 'VALID', [r.int(0, 3), r.int(0, 3), r.int(0, 3), r.int(0, 3)]]);
  return { input, k, outC: r.pick([1, 3, 8, 19]), s: [r.int(1, 3), r.int(1, 3)], d, pad };
}

const windowOf = (c: ConvCase) => tfWindow(c.input, c.k[0], c.k[1], c.outC, c.s ?? [1, 1], c.d ?? [1, 1], c.pad);
const label = (c: ConvCase) => JSON.stringify(c);

function checkConv(c: ConvCase, seed: number) {
  const w = windowOf(c);
  const r = rng(seed);
  const x = randomFloats(r, xSize(w), -1, 1);
  const f = randomFloats(r, fSize(w), -1, 1);
  const dy = randomFloats(r, ySize(w), -1, 1);
  const dims = dimsOf(w);
  const y = new Float32Array(ySize(w));
  addon.conv2d(x, f, y, dims);
  expect(convMismatch(y, conv2dRef(x, f, w)), `conv2d ${label(c)}`).toBeNull();
  const dx = new Float32Array(xSize(w)).fill(NaN); // outputs are overwritten, never accumulated into
  addon.conv2dBackpropInput(f, dy, dx, dims);
  expect(convMismatch(dx, conv2dBackpropInputRef(f, dy, w)), `backprop input ${label(c)}`).toBeNull();
  const df = new Float32Array(fSize(w)).fill(NaN);
  addon.conv2dBackpropFilter(x, dy, df, dims);
  expect(convMismatch(df, conv2dBackpropFilterRef(x, dy, w)), `backprop filter ${label(c)}`).toBeNull();
}

describe('conv2d and its gradients', () => {
  it.each(CONV_CASES.map((c, i) => [label(c), c, i] as const))('%s', (_, c, i) => checkConv(c, 100 + i));

  it('matches on 60 random geometries', () => {
    const r = rng(7);
    for (let i = 0; i < 60; i++) checkConv(randomConvCase(r), 1000 + i);
  });

  it.each([[[10, 14, 14, 32], 64], [[10, 28, 28, 1], 32]])('%j gives the same forward and input gradient with one thread (a close filter gradient)', (input, outC) => {
    const w = windowOf({ input, k: [5, 5], outC, pad: 'SAME' });
    const r = rng(3);
    const [x, f, dy] = [xSize(w), fSize(w), ySize(w)].map((n) => randomFloats(r, n, -1, 1));
    const dims = dimsOf(w);
    const here = [new Float32Array(ySize(w)), new Float32Array(xSize(w)), new Float32Array(fSize(w))];
    addon.conv2d(x, f, here[0], dims);
    addon.conv2dBackpropInput(f, dy, here[1], dims);
    addon.conv2dBackpropFilter(x, dy, here[2], dims);
    const script = `
      const a = require('./build/Release/tensorshell.node');
      const [x, f, dy, dims] = JSON.parse(require('node:fs').readFileSync(0, 'utf8')).map((v, i) => i < 3 ? Float32Array.from(v) : Int32Array.from(v));
      const y = new Float32Array(${ySize(w)}), dx = new Float32Array(${xSize(w)}), df = new Float32Array(${fSize(w)});
      a.conv2d(x, f, y, dims);
      a.conv2dBackpropInput(f, dy, dx, dims);
      a.conv2dBackpropFilter(x, dy, df, dims);
      const t = new Float32Array(1001);
      a.random(2, t, 5, 6, 7);
      process.stdout.write(JSON.stringify([a.threads, ...[y, dx, df, t].map((v) => Array.from(v))]));`;
    const child = spawnSync(process.execPath, ['-e', script], {
      input: JSON.stringify([x, f, dy, dims].map((v) => Array.from(v))),
      env: { ...process.env, TENSORSHELL_THREADS: '1' }, maxBuffer: 1 << 28, encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    const [threads, y1, dx1, df1, t1] = JSON.parse(child.stdout) as [number, ...number[][]];
    expect(threads).toBe(1);
    expect(firstMismatch(here[0], y1)).toBeNull();
    expect(firstMismatch(here[1], dx1)).toBeNull();
    expect(firstMismatch(here[2], df1, 1e-4, 1e-3)).toBeNull();
    const t = new Float32Array(1001);
    addon.random(RandomKind.TruncatedNormal, t, 5, 6, 7);
    expect(firstMismatch(t, t1)).toBeNull();
  });

  it('is the adjoint of itself: <conv(x), dy> = <x, dx> = <f, df>', () => {
    const w = windowOf({ input: [3, 11, 9, 4], k: [3, 4], outC: 5, s: [2, 1], d: [1, 2], pad: 'SAME' });
    const r = rng(11);
    const [x, f, dy] = [xSize(w), fSize(w), ySize(w)].map((n) => randomFloats(r, n, -1, 1));
    const [y, dx, df] = [ySize(w), xSize(w), fSize(w)].map((n) => new Float32Array(n));
    addon.conv2d(x, f, y, dimsOf(w));
    addon.conv2dBackpropInput(f, dy, dx, dimsOf(w));
    addon.conv2dBackpropFilter(x, dy, df, dimsOf(w));
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
    expect(dot(x, dx)).toBeCloseTo(dot(y, dy), 3);
    expect(dot(f, df)).toBeCloseTo(dot(y, dy), 3);
  });
});

interface PoolCase { input: number[]; k: [number, number]; s: [number, number]; pad: 'SAME' | 'VALID' }

const POOL_CASES: PoolCase[] = [
  { input: [50, 28, 28, 32], k: [2, 2], s: [2, 2], pad: 'SAME' }, // Deep-MNIST pool1
  { input: [50, 14, 14, 64], k: [2, 2], s: [2, 2], pad: 'SAME' }, // pool2
  { input: [3, 9, 10, 5], k: [3, 3], s: [2, 2], pad: 'SAME' }, // overlapping windows
  { input: [2, 8, 8, 70], k: [3, 3], s: [1, 1], pad: 'VALID' }, // channels past one block of 64
  { input: [2, 8, 6, 129], k: [4, 4], s: [2, 2], pad: 'SAME' }, // even input, k = 4
  { input: [4, 5, 5, 1], k: [1, 1], s: [1, 1], pad: 'VALID' },
  { input: [3, 5, 7, 3], k: [5, 7], s: [1, 1], pad: 'VALID' }, // window == input
  { input: [2, 7, 11, 3], k: [3, 2], s: [1, 3], pad: 'SAME' },
  { input: [1, 1, 1, 2], k: [3, 3], s: [2, 2], pad: 'SAME' },
];

function checkPool(c: PoolCase, seed: number, ties: boolean) {
  const w = tfWindow(c.input, c.k[0], c.k[1], c.input[3], c.s, [1, 1], c.pad);
  const r = rng(seed);
  const x = randomFloats(r, xSize(w), -1, 1);
  // Few distinct values make ties, which must go to the first maximum; some NaNs must win.
  if (ties) for (let i = 0; i < x.length; i++) x[i] = r.next() < 0.02 ? NaN : Math.round(x[i] * 2);
  const dy = randomFloats(r, ySize(w), -1, 1);
  const dims = dimsOf(w);
  const what = `${JSON.stringify(c)} ties=${ties}`;
  const y = new Float32Array(ySize(w));
  addon.maxPool(x, y, dims);
  expect(firstMismatch(y, maxPoolRef(x, w)), `maxPool ${what}`).toBeNull();
  const dx = new Float32Array(xSize(w)).fill(NaN);
  addon.maxPoolGrad(x, dy, dx, dims);
  expect(firstMismatch(dx, maxPoolGradRef(x, dy, w), 1e-6, 1e-6), `maxPoolGrad ${what}`).toBeNull();
  addon.avgPool(x, y, dims);
  expect(firstMismatch(y, avgPoolRef(x, w), 1e-5, 1e-6), `avgPool ${what}`).toBeNull();
  dx.fill(NaN);
  addon.avgPoolGrad(dy, dx, dims);
  expect(firstMismatch(dx, avgPoolGradRef(dy, w), 1e-5, 1e-6), `avgPoolGrad ${what}`).toBeNull();
}

describe('pools', () => {
  it.each(POOL_CASES.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', (_, c, i) => {
    checkPool(c, 200 + i, false);
    checkPool(c, 300 + i, true);
  });

  it('never lets padding win, and propagates NaN', () => {
    const w = tfWindow([1, 2, 2, 1], 3, 3, 1, [1, 1], [1, 1], 'SAME');
    const y = new Float32Array(4);
    addon.maxPool(new Float32Array([-5, -6, -7, -8]), y, dimsOf(w));
    expect(Array.from(y)).toEqual([-5, -5, -5, -5]);
    addon.maxPool(new Float32Array([-5, NaN, -7, 9]), y, dimsOf(w));
    expect(Array.from(y)).toEqual([NaN, NaN, NaN, NaN]);
    addon.avgPool(new Float32Array([1, 2, 3, 6]), y, dimsOf(w));
    expect(Array.from(y)).toEqual([3, 3, 3, 3]);
  });
});

describe('softmaxCrossEntropy', () => {
  it.each([[1, 1], [1, 10], [50, 10], [7, 1000], [1000, 10], [3, 3]])('batch %i, classes %i', (batch, classes) => {
    const r = rng(batch * 7 + classes);
    const logits = randomFloats(r, batch * classes, -20, 20);
    const labels = randomFloats(r, batch * classes, 0, 1); // need not sum to 1
    for (let i = 0; i < labels.length; i++) if (r.next() < 0.3) labels[i] = 0;
    const loss = new Float32Array(batch);
    const backprop = new Float32Array(batch * classes);
    addon.softmaxCrossEntropy(logits, labels, loss, backprop, batch, classes);
    const ref = softmaxCrossEntropyRef(logits, labels, batch, classes);
    expect(firstMismatch(loss, ref.loss, 1e-5, 1e-5)).toBeNull();
    expect(firstMismatch(backprop, ref.backprop, 1e-5, 1e-6)).toBeNull();
  });

  it('stays finite for huge finite logits', () => {
    const logits = new Float32Array([1e30, -1e30, 0, -3e38, 3e38, 1]);
    const labels = new Float32Array([0.2, 0.5, 0.3, 0, 1, 0]);
    const loss = new Float32Array(2);
    const backprop = new Float32Array(6);
    addon.softmaxCrossEntropy(logits, labels, loss, backprop, 2, 3);
    expect(firstMismatch(loss, [1.3e30, 0], 1e-6)).toBeNull();
    expect(firstMismatch(backprop, [0.8, -0.5, -0.3, 0, 0, 0], 1e-6, 1e-7)).toBeNull();
  });
});

describe('truncated normal', () => {
  it('stays in (-2, 2) with the truncated-normal moments, deterministically', () => {
    const n = 1 << 20;
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    addon.random(RandomKind.TruncatedNormal, a, 9, 4, 100);
    addon.random(RandomKind.TruncatedNormal, b, 9, 4, 100);
    expect(firstMismatch(a, b)).toBeNull();
    expect(a.every((v) => Math.abs(v) < 2)).toBe(true);
    let s = 0;
    let s2 = 0;
    for (const v of a) {
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(0.003);
    expect(Math.abs(s2 / n - mean * mean - 0.7737)).toBeLessThan(0.005); // Var of N(0,1) truncated at 2
    // Counter-addressed like the other kinds: two blocks (eight values) later is the same stream shifted.
    const shifted = new Float32Array(n - 8);
    addon.random(RandomKind.TruncatedNormal, shifted, 9, 4, 102);
    expect(firstMismatch(shifted, a.subarray(8))).toBeNull();
    addon.random(RandomKind.TruncatedNormal, b, 9, 4, 101);
    expect(b.some((v, i) => v !== a[i])).toBe(true);
  });

  it('keeps the normal values that are inside (-2, 2) and redraws the rest', () => {
    const n = 4099;
    const normal = new Float32Array(n);
    const truncated = new Float32Array(n);
    addon.random(RandomKind.Normal, normal, 1, 2, 3);
    addon.random(RandomKind.TruncatedNormal, truncated, 1, 2, 3);
    let redrawn = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(normal[i]) < 2) expect(truncated[i]).toBe(normal[i]);
      else redrawn++;
    }
    expect(redrawn).toBeGreaterThan(100); // 4.55% of 4099 is 186
    // A redraw is the normal of the same word and block under stream ^ round * 0x9E3779B9.
    const i = normal.findIndex((v) => Math.abs(v) >= 2);
    const again = new Float32Array(n);
    addon.random(RandomKind.Normal, again, 1, (2 ^ 0x9e3779b9) >>> 0, 3);
    if (Math.abs(again[i]) < 2) expect(truncated[i]).toBe(again[i]);
  });
});

describe('Backend methods', () => {
  const nd = (data: Float32Array, shape: number[]) => new NDArray(data, shape, 'float32');

  it('the CPU backend has them, the plain native backend (as GPUs get) does not', () => {
    for (const m of ['conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter', 'maxPool', 'maxPoolGrad', 'avgPool', 'avgPoolGrad', 'softmaxCrossEntropy'] as const) {
      expect(typeof cpuBackend[m]).toBe('function');
      expect(createNativeBackend('GPU', addon)[m]).toBeUndefined();
    }
  });

  it('computes shapes and handles empty tensors', () => {
    const w = tfWindow([2, 5, 5, 3], 3, 3, 4, [2, 2], [1, 1], 'SAME');
    const r = rng(1);
    const x = nd(randomFloats(r, xSize(w)), [2, 5, 5, 3]);
    const f = nd(randomFloats(r, fSize(w)), [3, 3, 3, 4]);
    const y = cpuBackend.conv2d!(x, f, w);
    expect(y.shape).toEqual([2, 3, 3, 4]);
    expect(convMismatch(y.data as Float32Array, conv2dRef(x.data as Float32Array, f.data as Float32Array, w))).toBeNull();
    expect(cpuBackend.conv2dBackpropInput!(f, y, w).shape).toEqual([2, 5, 5, 3]);
    expect(cpuBackend.conv2dBackpropFilter!(x, y, w).shape).toEqual([3, 3, 3, 4]);
    const pw = tfWindow([2, 5, 5, 3], 2, 2, 3, [2, 2], [1, 1], 'VALID');
    expect(cpuBackend.maxPool!(x, pw).shape).toEqual([2, 2, 2, 3]);
    const [loss, backprop] = cpuBackend.softmaxCrossEntropy!(nd(new Float32Array([0, 0]), [1, 2]), nd(new Float32Array([1, 0]), [1, 2]));
    expect(loss.shape).toEqual([1]);
    expect(loss.data[0]).toBeCloseTo(Math.LN2, 6);
    expect(Array.from(backprop.data)).toEqual([-0.5, 0.5]);
    // inC = 0: an empty sum, zeros.
    const w0 = { ...w, inC: 0 };
    const z = cpuBackend.conv2d!(nd(new Float32Array(0), [2, 5, 5, 0]), nd(new Float32Array(0), [3, 3, 0, 4]), w0);
    expect(z.shape).toEqual([2, 3, 3, 4]);
    expect(z.data.every((v) => v === 0)).toBe(true);
    expect(cpuBackend.conv2dBackpropFilter!(nd(new Float32Array(0), [0, 5, 5, 3]), nd(new Float32Array(0), [0, 3, 3, 4]), { ...w, batch: 0 }).data.every((v) => v === 0)).toBe(true);
  });
});

// ---- argument checks -------------------------------------------------------------------------

type NnName = 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter' | 'maxPool' | 'maxPoolGrad' | 'avgPool' | 'avgPoolGrad';
const NN: NnName[] = ['conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter', 'maxPool', 'maxPoolGrad', 'avgPool', 'avgPoolGrad'];
const isPool = (name: NnName) => !name.startsWith('conv');

/** The arrays each function takes, as the sizes dims give them. */
function arraysFor(name: NnName, w: Window2D, make: (n: number) => Float32Array): Float32Array[] {
  const [x, y, f] = [xSize(w), ySize(w), fSize(w)];
  const lengths: Record<NnName, number[]> = {
    conv2d: [x, f, y], conv2dBackpropInput: [f, y, x], conv2dBackpropFilter: [x, y, f],
    maxPool: [x, y], maxPoolGrad: [x, y, x], avgPool: [x, y], avgPoolGrad: [y, x],
  };
  return lengths[name].map(make);
}

/** Any geometry, including paddings beyond the kernel, huge strides and outputs past the input (conv). */
function randomWindow(r: Rng, pool: boolean): Window2D {
  const axis = () => {
    const k = r.int(1, 4);
    const d = pool ? 1 : r.int(1, 3);
    const s = r.pick([1, 2, 3, 7]);
    const inp = r.int(1, 7);
    const pad = pool ? r.int(0, k - 1) : r.int(0, 5);
    const eff = (k - 1) * d + 1;
    const lo = inp + pad >= eff ? Math.floor((inp + pad - eff) / s) + 1 : 1;
    const hi = pool ? Math.floor((inp + pad - 1) / s) + 1 : lo + 3;
    return { k, d, s, inp, pad, out: r.int(lo, hi) };
  };
  const [h, v] = [axis(), axis()];
  const inC = r.int(0, 4);
  return {
    batch: r.int(0, 3), inH: h.inp, inW: v.inp, inC, kH: h.k, kW: v.k, outH: h.out, outW: v.out,
    outC: pool ? inC : r.int(0, 4), strideH: h.s, strideW: v.s, dilationH: h.d, dilationW: v.d, padTop: h.pad, padLeft: v.pad,
  };
}

describe('argument checks', () => {
  it.each(NN)('%s writes only inside its output, and matches the reference, for any accepted geometry', (name) => {
    const r = rng(name.length * 31 + 5);
    const guard = 16;
    for (let trial = 0; trial < 300; trial++) {
      const w = randomWindow(r, isPool(name));
      // Each array is a view into a larger one whose margins must keep their sentinel values.
      const arrays = arraysFor(name, w, (n) => {
        const backing = new Float32Array(n + 2 * guard).fill(12345);
        const view = backing.subarray(guard, guard + n);
        view.set(randomFloats(r, n, -1, 1));
        return view;
      });
      const out = arrays[arrays.length - 1];
      (addon[name] as (...a: unknown[]) => void)(...arrays, dimsOf(w));
      const backing = new Float32Array(out.buffer);
      const margins = [...backing.subarray(0, guard), ...backing.subarray(guard + out.length)];
      expect(margins.every((v) => v === 12345), `trial ${trial} ${JSON.stringify(w)}`).toBe(true);
      const [a, b] = arrays;
      const expected = {
        conv2d: () => conv2dRef(a, b, w), conv2dBackpropInput: () => conv2dBackpropInputRef(a, b, w),
        conv2dBackpropFilter: () => conv2dBackpropFilterRef(a, b, w), maxPool: () => maxPoolRef(a, w),
        maxPoolGrad: () => maxPoolGradRef(a, b, w), avgPool: () => avgPoolRef(a, w), avgPoolGrad: () => avgPoolGradRef(a, w),
      }[name]();
      const mismatch = 'scale' in expected ? convMismatch(out, expected) : firstMismatch(out, expected, 1e-5, 1e-6);
      expect(mismatch, `trial ${trial} ${JSON.stringify(w)}`).toBeNull();
    }
  });

  it.each(NN)('%s never crashes on broken arguments, throwing only TypeError/RangeError', (name) => {
    const r = rng(name.length * 17 + 3);
    const tally = { ok: 0, checked: 0 };
    const junk = () => r.pick<unknown>([undefined, null, 0, -1, 2 ** 31, NaN, 'x', {}, [], new Float64Array(4),
      new Int32Array(15), new Uint8Array(4), new Float32Array(r.int(0, 9)), new Int32Array(15).fill(-1), new Int32Array(16).fill(1)]);
    for (let call = 0; call < 3000; call++) {
      const w = randomWindow(r, isPool(name));
      const args: unknown[] = [...arraysFor(name, w, (n) => new Float32Array(n)), dimsOf(w)];
      if (call % 3 !== 0) {
        for (let j = r.int(1, 3); j > 0; j--) {
          const at = r.int(0, args.length - 1);
          const v = args[at];
          if (v instanceof Int32Array && v.length === 15 && r.next() < 0.7) {
            const dims = v.slice();
            dims[r.int(0, 14)] = r.pick([-1, 0, 1, 2, 5, 2 ** 31 - 1, -(2 ** 31), dims[r.int(0, 14)] + 1]);
            args[at] = dims;
          } else if (v instanceof Float32Array && r.next() < 0.5) {
            args[at] = new Float32Array(Math.max(0, v.length + r.pick([-1, 1, 7])));
          } else {
            args[at] = junk();
          }
        }
      }
      try {
        (addon[name] as (...a: unknown[]) => void)(...args);
        tally.ok++;
      } catch (err) {
        if (!(err instanceof TypeError || err instanceof RangeError)) throw err;
        tally.checked++;
      }
    }
    expect(tally.ok).toBeGreaterThan(300);
    expect(tally.checked).toBeGreaterThan(300);
  });

  it('documents its errors', () => {
    const w = tfWindow([2, 6, 6, 3], 3, 3, 4, [2, 2], [1, 1], 'SAME');
    const [x, f, y] = [xSize(w), fSize(w), ySize(w)].map((n) => new Float32Array(n));
    const dims = dimsOf(w);
    expect(() => addon.conv2d(x, f, y, dims)).not.toThrow();
    expect(() => addon.conv2d(x, f, y, dims.subarray(0, 14))).toThrow(
      new RangeError("conv2d: argument 'dims' must be a Int32Array of length 15 (got Int32Array of length 14)"));
    expect(() => addon.conv2d(x, f, y, new Float32Array(15) as unknown as Int32Array)).toThrow(TypeError);
    expect(() => addon.conv2d(new Int32Array(x.length) as unknown as Float32Array, f, y, dims)).toThrow(
      new TypeError(`conv2d: argument 'x' must be a Float32Array (got Int32Array of length ${x.length})`));
    expect(() => addon.conv2d(x, f, new Float32Array(y.length + 1), dims)).toThrow(
      new RangeError(`conv2d: argument 'out' must have length ${y.length} ([batch, outH, outW, outC] from dims) (got Float32Array of length ${y.length + 1})`));
    const bad = (i: number, v: number) => Int32Array.from(dims, (d, j) => (j === i ? v : d));
    expect(() => addon.conv2d(x, f, y, bad(9, 0))).toThrow(new RangeError('conv2d: dims[9] (strideH) must be >= 1 (got 0)'));
    expect(() => addon.conv2d(x, f, y, bad(13, -1))).toThrow(/padTop\) must be >= 0/);
    // outH = 1 would drop windows the input allows (it needs at least 2 here); a larger one is padding.
    expect(() => addon.conv2d(x, f, new Float32Array(2 * 1 * 3 * 4), bad(6, 1))).toThrow(
      new RangeError('conv2d: dims: outH = 1 does not fit inH, kH, strideH, dilationH and padTop: it must be at least 2'));
    expect(() => addon.conv2d(x, f, new Float32Array(2 * 9 * 3 * 4), bad(6, 9))).not.toThrow();
    // Pools: the window must not lie in padding, so outH has an upper bound too.
    const p = tfWindow([2, 6, 6, 3], 2, 2, 3, [2, 2], [1, 1], 'SAME');
    const px = new Float32Array(xSize(p));
    const py = new Float32Array(ySize(p));
    const pbad = (i: number, v: number) => Int32Array.from(dimsOf(p), (d, j) => (j === i ? v : d));
    expect(() => addon.maxPool(px, py, dimsOf(p))).not.toThrow();
    expect(() => addon.maxPool(px, new Float32Array(2 * 4 * 3 * 3), pbad(6, 4))).toThrow(/outH = 4 .* must be in \[3, 3\]/);
    expect(() => addon.maxPool(px, py, pbad(13, 2))).toThrow(/padTop = 2 must be less than kH = 2 for a pool/);
    expect(() => addon.avgPool(px, py, pbad(11, 2))).toThrow(/dilationH and dilationW must be 1/);
    expect(() => addon.maxPool(px, py, pbad(8, 4))).toThrow(/outC must equal inC/);
    // Products that overflow are refused before any length is compared.
    const huge = Int32Array.from(dims, (d, j) => (j < 4 ? 2 ** 31 - 1 : d));
    expect(() => addon.conv2d(x, f, y, huge)).toThrow(RangeError);
    const l = new Float32Array(6);
    expect(() => addon.softmaxCrossEntropy(l, l, new Float32Array(2), l, 2, 3)).not.toThrow();
    expect(() => addon.softmaxCrossEntropy(l, l, new Float32Array(3), l, 2, 3)).toThrow(RangeError);
    expect(() => addon.softmaxCrossEntropy(l, new Float32Array(5), new Float32Array(2), l, 2, 3)).toThrow(RangeError);
    expect(() => addon.softmaxCrossEntropy(l, l, new Float32Array(2), l, 3, 3)).toThrow(/batch\*classes must equal logits.length = 6/);
    expect(() => addon.softmaxCrossEntropy(l, l, new Float32Array(2), new Int32Array(6) as unknown as Float32Array, 2, 3)).toThrow(TypeError);
    expect(() => addon.random(RandomKind.TruncatedNormal + 1, new Float32Array(4), 0, 0, 0)).toThrow(RangeError);
  });
});
