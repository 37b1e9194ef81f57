#!/usr/bin/env node
// The Deep-MNIST conv-net kernels at batch 50, straight on the addon (no op layer): GFLOP/s of both conv
// layers forward, backprop-input and backprop-filter, next to addon.matmul on the GEMM each one amounts to
// (im2col rows x K x outC), then the pools and softmax cross-entropy. Medians of repeated timings.
// Usage: node bench/conv-kernels.mjs [--quick]; TENSORSHELL_BENCH_ADDON=path/to/other.node compares a
// second build (before/after a change) on the same machine.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const addon = require(process.env.TENSORSHELL_BENCH_ADDON ?? '../build/Release/tensorshell.node');
const quick = process.argv.includes('--quick');

function time(fn, minTime = quick ? 0.2 : 1) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start) / 1000 < minTime) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function random(n, seed) {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

/** SAME padding, stride 1 (as Deep MNIST's convs), or the given stride for pools. */
function window(batch, h, w, c, k, outC, stride = 1) {
  const outH = Math.ceil(h / stride), outW = Math.ceil(w / stride);
  const padH = Math.max(0, (outH - 1) * stride + k - h), padW = Math.max(0, (outW - 1) * stride + k - w);
  return { batch, h, w, c, k, outC, outH, outW,
    dims: Int32Array.of(batch, h, w, c, k, k, outH, outW, outC, stride, stride, 1, 1, padH >> 1, padW >> 1) };
}

const rows = [];
const gflops = (flop, s) => (flop / s / 1e9).toFixed(1);

for (const [name, g] of [['conv1 [50,28,28,1]*[5,5,1,32]', window(50, 28, 28, 1, 5, 32)],
  ['conv2 [50,14,14,32]*[5,5,32,64]', window(50, 14, 14, 32, 5, 64)]]) {
  const P = g.batch * g.outH * g.outW, K = g.k * g.k * g.c;
  const flop = 2 * P * K * g.outC;
  const x = random(g.batch * g.h * g.w * g.c, 1), f = random(K * g.outC, 2), dy = random(P * g.outC, 3);
  const y = new Float32Array(P * g.outC), dx = new Float32Array(x.length), df = new Float32Array(f.length);
  const col = random(P * K, 4), dcol = new Float32Array(P * K);
  const cases = [
    ['forward', () => addon.conv2d(x, f, y, g.dims), `[${P},${K}]x[${K},${g.outC}]`, () => addon.matmul(col, f, y, P, g.outC, K, false, false)],
    ['backprop input', () => addon.conv2dBackpropInput(f, dy, dx, g.dims), `[${P},${g.outC}]x[${g.outC},${K}] (B^T)`, () => addon.matmul(dy, f, dcol, P, K, g.outC, false, true)],
    ['backprop filter', () => addon.conv2dBackpropFilter(x, dy, df, g.dims), `[${K},${P}]x[${P},${g.outC}] (A^T)`, () => addon.matmul(col, dy, df, K, g.outC, P, true, false)],
  ];
  for (const [what, conv, mmName, mm] of cases) {
    const tc = time(conv), tm = time(mm);
    rows.push({ kernel: `${name} ${what}`, ms: (tc * 1e3).toFixed(2), 'GFLOP/s': gflops(flop, tc),
      'matmul': mmName, 'matmul GFLOP/s': gflops(flop, tm), ratio: (tm / tc).toFixed(2) });
  }
}
console.log(`addon ${addon.simd}, ${addon.threads} threads`);
console.table(rows);

const other = [];
for (const [name, g] of [['pool1 2x2/2 [50,28,28,32]', window(50, 28, 28, 32, 2, 32, 2)], ['pool2 2x2/2 [50,14,14,64]', window(50, 14, 14, 64, 2, 64, 2)]]) {
  const x = random(g.batch * g.h * g.w * g.c, 5), y = new Float32Array(g.batch * g.outH * g.outW * g.c);
  const dy = random(y.length, 6), dx = new Float32Array(x.length);
  other.push({ kernel: `${name} maxPool`, 'µs': (time(() => addon.maxPool(x, y, g.dims)) * 1e6).toFixed(0) });
  other.push({ kernel: `${name} maxPoolGrad`, 'µs': (time(() => addon.maxPoolGrad(x, dy, dx, g.dims)) * 1e6).toFixed(0) });
  other.push({ kernel: `${name} avgPool`, 'µs': (time(() => addon.avgPool(x, y, g.dims)) * 1e6).toFixed(0) });
  other.push({ kernel: `${name} avgPoolGrad`, 'µs': (time(() => addon.avgPoolGrad(dy, dx, g.dims)) * 1e6).toFixed(0) });
}
const logits = random(500, 7), labels = new Float32Array(500).fill(0.1);
const loss = new Float32Array(50), backprop = new Float32Array(500);
other.push({ kernel: 'softmaxCrossEntropy [50,10]', 'µs': (time(() => addon.softmaxCrossEntropy(logits, labels, loss, backprop, 50, 10)) * 1e6).toFixed(1) });
const t = new Float32Array(5 * 5 * 32 * 64);
other.push({ kernel: 'truncated normal 51200', 'µs': (time(() => addon.random(2, t, 1, 2, 3)) * 1e6).toFixed(0) });
console.table(other);
