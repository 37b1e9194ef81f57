// The conv-net kernels' outputs come unzeroed when the kernel runs (src/backends/native/nn-backend.ts): each
// kernel must write every element itself, the scattering gradients by zeroing natively first. Run with
// poisoned outputs on windows that reach every path of native/cpu/{conv,pool,xent}.cc: 1x1 (pointwise, the
// plain GEMM), few input channels (the transposed im2col), strides, dilations, SAME/VALID/explicit padding,
// windows wholly in padding, overlapping pools, batches big enough for several tasks; and the empty cases,
// whose zeroed answer needs no kernel.
import { afterAll, beforeAll, describe, it } from 'vitest';

import type { Window2D } from '../src/backends/backend.js';
import { cpuBackend as be } from '../src/backends/native/index.js';
import { setUninitPoison } from '../src/tensor/dtype.js';
import { NDArray } from '../src/tensor/ndarray.js';
import { tfWindow, type Padding } from './native-conv-reference.js';
import { randomFloats, rng } from './native-reference.js';
import { check } from './uninit-check.js';

const r = rng(77);
const floats = (shape: number[]) => new NDArray(randomFloats(r, shape.reduce((p, d) => p * d, 1), -2, 2), shape, 'float32');

interface Case { input: number[]; k: [number, number]; outC: number; strides: [number, number]; dilations: [number, number]; padding: Padding }
const CONVS: Case[] = [
  { input: [2, 7, 9, 3], k: [3, 3], outC: 5, strides: [1, 1], dilations: [1, 1], padding: 'SAME' },
  { input: [3, 6, 6, 1], k: [5, 5], outC: 32, strides: [1, 1], dilations: [1, 1], padding: 'SAME' },
  { input: [2, 8, 8, 40], k: [1, 1], outC: 17, strides: [1, 1], dilations: [1, 1], padding: 'VALID' },
  { input: [1, 11, 13, 20], k: [3, 2], outC: 9, strides: [2, 3], dilations: [1, 1], padding: 'VALID' },
  { input: [2, 9, 9, 4], k: [3, 3], outC: 6, strides: [1, 1], dilations: [2, 2], padding: 'SAME' },
  { input: [1, 4, 4, 3], k: [2, 2], outC: 4, strides: [1, 1], dilations: [1, 1], padding: [3, 0, 0, 4] },
  { input: [50, 14, 14, 32], k: [5, 5], outC: 64, strides: [1, 1], dilations: [1, 1], padding: 'SAME' },
  { input: [40, 28, 28, 1], k: [5, 5], outC: 32, strides: [1, 1], dilations: [1, 1], padding: 'SAME' },
];
const POOLS: Case[] = [
  { input: [2, 7, 9, 3], k: [2, 2], outC: 3, strides: [2, 2], dilations: [1, 1], padding: 'SAME' },
  { input: [3, 8, 8, 17], k: [3, 3], outC: 17, strides: [1, 2], dilations: [1, 1], padding: 'VALID' },
  { input: [2, 5, 5, 70], k: [3, 3], outC: 70, strides: [2, 2], dilations: [1, 1], padding: 'SAME' },
  { input: [50, 28, 28, 32], k: [2, 2], outC: 32, strides: [2, 2], dilations: [1, 1], padding: 'SAME' },
  { input: [1, 3, 3, 5], k: [3, 3], outC: 5, strides: [1, 1], dilations: [1, 1], padding: [2, 2, 2, 2] },
];
const windowOf = (c: Case): Window2D => tfWindow(c.input, c.k[0], c.k[1], c.outC, c.strides, c.dilations, c.padding);
const shapes = (w: Window2D) => ({
  x: [w.batch, w.inH, w.inW, w.inC], y: [w.batch, w.outH, w.outW, w.outC], f: [w.kH, w.kW, w.inC, w.outC],
});

let was = false;
beforeAll(() => { was = setUninitPoison(true); });
afterAll(() => { setUninitPoison(was); });

describe('every element of a conv-net kernel\'s unzeroed output is written', () => {
  it('conv2d and both of its gradients', () => {
    for (const c of CONVS) {
      const w = windowOf(c);
      const s = shapes(w);
      const [x, f, dy] = [floats(s.x), floats(s.f), floats(s.y)];
      const what = `${c.input} k${c.k} s${c.strides} d${c.dilations} ${c.padding}`;
      check(`conv2d ${what}`, () => be.conv2d!(x, f, w));
      check(`conv2dBackpropInput ${what}`, () => be.conv2dBackpropInput!(f, dy, w));
      check(`conv2dBackpropFilter ${what}`, () => be.conv2dBackpropFilter!(x, dy, w));
    }
  });

  it('max and average pools and their gradients', () => {
    for (const c of POOLS) {
      const w = windowOf(c);
      const s = shapes(w);
      const [x, dy] = [floats(s.x), floats(s.y)];
      const what = `${c.input} k${c.k} s${c.strides} ${c.padding}`;
      check(`maxPool ${what}`, () => be.maxPool!(x, w));
      check(`maxPoolGrad ${what}`, () => be.maxPoolGrad!(x, dy, w));
      check(`avgPool ${what}`, () => be.avgPool!(x, w));
      check(`avgPoolGrad ${what}`, () => be.avgPoolGrad!(dy, w));
    }
  });

  it('softmax cross-entropy, small and threaded batches', () => {
    for (const [batch, classes] of [[1, 1], [3, 10], [50, 10], [4097, 3], [7, 1000]]) {
      const logits = floats([batch, classes]);
      const labels = floats([batch, classes]);
      check(`softmaxCrossEntropy ${batch}x${classes}`, () => be.softmaxCrossEntropy!(logits, labels));
    }
  });

  it('empty operands give zeros without a kernel', () => {
    // No input channels: every output is an empty sum. No batch, or an empty window result: nothing to write.
    const w = tfWindow([2, 5, 5, 0], 3, 3, 4, [1, 1], [1, 1], 'SAME');
    const s = shapes(w);
    const [x, f, dy] = [floats(s.x), floats(s.f), floats(s.y)];
    check('conv2d inC 0', () => be.conv2d!(x, f, w));
    check('conv2dBackpropFilter inC 0', () => be.conv2dBackpropFilter!(x, dy, w));
    const empty = tfWindow([0, 5, 5, 3], 3, 3, 4, [1, 1], [1, 1], 'SAME');
    const e = shapes(empty);
    check('conv2dBackpropFilter batch 0', () => be.conv2dBackpropFilter!(floats(e.x), floats(e.y), empty));
    check('conv2dBackpropInput batch 0', () => be.conv2dBackpropInput!(floats(e.f), floats(e.y), empty));
    check('softmaxCrossEntropy 3x0', () => be.softmaxCrossEntropy!(floats([3, 0]), floats([3, 0])));
  });
});
