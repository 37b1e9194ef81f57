// The CPU backend's outputs come unzeroed (allocateUninit in src/tensor/dtype.ts), which is only safe if
// every kernel that gets one writes all of it. With poisoning on, every such output is first filled with
// POISON_BITS (a signalling NaN no arithmetic makes; bytes no bool can hold); each op here then must leave
// no poisoned element and give the same bits as with poisoning off. Odd sizes hit vector and tile edges,
// large ones the thread pool; the matmuls also run on every GEMM path in child processes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cpuBackend as be } from '../src/backends/native/index.js';
import { POISON_BITS, allocateUninit, setUninitPoison, type DType, type TypedArray } from '../src/tensor/dtype.js';
import { NDArray } from '../src/tensor/ndarray.js';
import { randomFloats, randomInts, rng } from './native-reference.js';
import { check, poisoned } from './uninit-check.js';

const r = rng(2026);
function tensor(dtype: DType, shape: number[], opts: { nonZero?: boolean; nonNegative?: boolean } = {}): NDArray {
  const n = shape.reduce((p, d) => p * d, 1);
  let data: TypedArray;
  if (dtype === 'float32') data = randomFloats(r, n, -3, 3);
  else if (dtype === 'int32') {
    data = randomInts(r, n, opts.nonNegative ? 0 : -50, 50);
    if (opts.nonZero) for (let i = 0; i < n; i++) if (data[i] === 0) data[i] = 3;
    if (opts.nonNegative) for (let i = 0; i < n; i++) data[i] = Math.min(data[i], 4);
  } else data = Uint8Array.from({ length: n }, () => (r.next() < 0.5 ? 1 : 0));
  return new NDArray(data, shape, dtype);
}

const SIZES = [1, 7, 16, 17, 1000, 1025, 4097, 300_001];
const BINARY_OPS = Array.from({ length: 18 }, (_, i) => i);
const UNARY_OPS = Array.from({ length: 16 }, (_, i) => i);
const BROADCASTS: Array<[number[], number[]]> = [[[3, 1, 5], [1, 4, 1]], [[7, 1], [1, 33]], [[2, 3, 300], [300]], [[1], [1031, 3]], [[40, 1, 64], [1, 65, 1]]];

let was = false;
beforeAll(() => { was = setUninitPoison(true); });
afterAll(() => { setUninitPoison(was); });

describe('allocateUninit', () => {
  it('poisons every element when asked, for every dtype and length', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      for (const n of [0, 1, 3, 5, 4096, 4097]) {
        const x = new NDArray(allocateUninit(dtype, n), [n], dtype);
        expect(poisoned(x).length, `${dtype} ${n}`).toBe(Math.min(n, 5));
      }
    }
  });

  it('is caught by the check when an element is left unwritten', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const skipLast = () => {
        const out = allocateUninit(dtype, 5000);
        out.fill(0, 0, 4999);
        return new NDArray(out, [5000], dtype);
      };
      expect(() => check(`skips one ${dtype}`, skipLast)).toThrow(/poisoned elements/);
    }
  });

  it('keeps the TF out-of-memory error of allocate', () => {
    expect(() => allocateUninit('float32', 2 ** 40)).toThrow(/OOM when allocating tensor/);
  });
});

describe('every element of an unzeroed output is written', () => {
  it('binary, same shapes and scalars, every op and dtype', () => {
    for (const op of BINARY_OPS) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        if (dtype === 'bool' && op !== 7 && op !== 8) continue;
        if (dtype === 'int32' && (op === 13 || op === 14)) continue;
        for (const n of SIZES) {
          for (const [sa, sb] of [[n, n], [1, n], [n, 1]]) {
            const a = tensor(dtype, [sa]);
            const b = tensor(dtype, [sb], { nonZero: true, nonNegative: op === 4 });
            check(`binary ${op} ${dtype} ${sa}x${sb}`, () => be.binary(op, a, b));
          }
        }
      }
    }
  });

  it('binary with broadcasting', () => {
    for (const op of [0, 2, 4, 9, 16, 17]) {
      for (const [sa, sb] of BROADCASTS) {
        for (const dtype of ['float32', 'int32'] as const) {
          const nonZero = { nonZero: true, nonNegative: op === 4 };
          const [a, b] = [tensor(dtype, sa, nonZero), tensor(dtype, sb, nonZero)];
          check(`broadcast ${op} ${dtype} ${sa} ${sb}`, () => be.binary(op, a, b));
          check(`broadcast ${op} ${dtype} ${sb} ${sa}`, () => be.binary(op, b, a));
        }
      }
    }
  });

  it('unary, every op and dtype it accepts', () => {
    for (const op of UNARY_OPS) {
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        for (const n of SIZES) {
          const x = tensor(dtype, [n]);
          try {
            be.unary(op, x);
          } catch (e) {
            expect(e).toBeInstanceOf(TypeError);  // op not defined for the dtype
            continue;
          }
          check(`unary ${op} ${dtype} ${n}`, () => be.unary(op, x));
        }
      }
    }
  });

  it('reduce and argReduce over every axis pattern', () => {
    const shapes: Array<[number[], number[][]]> = [
      [[300_001], [[0]]], [[5, 7, 9], [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]]],
      [[1000, 1025], [[0], [1]]], [[0, 3], [[0]]], [[3, 0, 4], [[1]]], [[2, 513, 257], [[1], [2]]],
    ];
    for (const dtype of ['float32', 'int32'] as const) {
      for (const [shape, axesList] of shapes) {
        const x = tensor(dtype, shape);
        for (const axes of axesList) {
          for (const op of [0, 1, 2, 3]) {
            for (const keep of [false, true]) check(`reduce ${op} ${dtype} ${shape} ${axes}`, () => be.reduce(op, x, axes, keep));
          }
          if (axes.length === 1 && shape[axes[0]] > 0) {
            for (const op of [0, 1]) check(`argReduce ${op} ${dtype} ${shape} ${axes}`, () => be.argReduce(op, x, axes[0]));
          }
        }
      }
    }
  });

  it('matmul, float32 and int32, every transpose and edge', () => {
    const shapes = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [13, 17, 19], [14, 32, 16], [15, 33, 385], [64, 64, 64],
      [100, 37, 5], [5, 300, 1], [1, 300, 70], [300, 1, 70], [161, 160, 170], [300, 301, 7], [4, 5, 0], [29, 997, 3]];
    for (const dtype of ['float32', 'int32'] as const) {
      for (const [m, n, k] of shapes) {
        if (dtype === 'int32' && m * n * k > 1e6) continue;
        for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
          const a = tensor(dtype, ta ? [k, m] : [m, k]);
          const b = tensor(dtype, tb ? [n, k] : [k, n]);
          check(`matmul ${dtype} ${m}x${n}x${k} ${ta} ${tb}`, () => be.matmul(a, b, ta, tb));
        }
      }
    }
  });

  it('transpose, cast, random and zeroOut', () => {
    for (let trial = 0; trial < 60; trial++) {
      const rank = 1 + (trial % 5);
      const shape = Array.from({ length: rank }, () => 1 + Math.floor(r.next() * (rank > 3 ? 9 : 70)));
      const perm = Array.from({ length: rank }, (_, i) => i).sort(() => r.next() - 0.5);
      const dtype = (['float32', 'int32', 'bool'] as const)[trial % 3];
      const x = tensor(dtype, shape);
      check(`transpose ${dtype} ${shape} ${perm}`, () => be.transpose(x, perm));
    }
    const big = tensor('float32', [300, 1025]);
    check('transpose big', () => be.transpose(big, [1, 0]));
    for (const from of ['float32', 'int32', 'bool'] as const) {
      for (const to of ['float32', 'int32', 'bool'] as const) {
        for (const n of SIZES) {
          const x = tensor(from, [n]);
          check(`cast ${from} ${to} ${n}`, () => be.cast(x, to));
        }
      }
    }
    for (const kind of [0, 1, 2]) {
      for (const n of SIZES) check(`random ${kind} ${n}`, () => be.random(kind, [n], 7, 3, 11));
    }
    for (const dtype of ['float32', 'int32'] as const) {
      for (const n of [1, 7, 4097]) {
        const x = tensor(dtype, [n]);
        check(`zeroOut ${dtype} ${n}`, () => be.zeroOut(x, n - 1));
      }
    }
  });

  it('the one-pass optimizer updates', () => {
    for (const n of SIZES) {
      const [w, m, v, g] = [tensor('float32', [n]), tensor('float32', [n]), tensor('float32', [n]), tensor('float32', [n])];
      for (let i = 0; i < n; i++) (v.data as Float32Array)[i] = Math.abs(v.data[i]);
      check(`applyGradientDescent ${n}`, () => be.applyGradientDescent!(w, g, 0.1));
      for (const nesterov of [false, true]) {
        check(`applyMomentum ${n}`, () => be.applyMomentum!(w, m, g, 0.1, 0.9, nesterov));
        check(`applyAdam ${n}`, () => be.applyAdam!(w, m, v, g,
          { lrT: 0.01, beta1: 0.9, oneMinusBeta1: 0.1, oneMinusBeta2: 0.001, epsilon: 1e-7, nesterov }));
      }
    }
  });
});

describe('matmul writes all of a poisoned output on every GEMM path', () => {
  // The GEMM variant is chosen per process (TENSORSHELL_KERNELS), so each runs in a child on the addon.
  const script = `
    const addon = require(${JSON.stringify(fileURLToPath(new URL('../build/Release/tensorshell.node', import.meta.url)))});
    const shapes = [[1,1,1],[3,5,7],[6,16,9],[13,17,19],[14,32,16],[15,33,385],[29,61,513],[64,64,64],[97,250,385],[161,160,170],[300,301,7],[200,1031,40],[31,200,1024],[9,40,2100]];
    let bad = [];
    for (const [m, n, k] of shapes) for (const ta of [false, true]) for (const tb of [false, true]) {
      const a = new Float32Array(m * k).map((_, i) => ((i * 7919) % 13) - 6), b = new Float32Array(k * n).map((_, i) => ((i * 104729) % 11) - 5);
      const c = new Float32Array(m * n); new Uint32Array(c.buffer).fill(${POISON_BITS});
      addon.matmul(a, b, c, m, n, k, ta, tb);
      const u = new Uint32Array(c.buffer), left = u.filter((x) => x === ${POISON_BITS}).length;
      if (left) bad.push([m, n, k, ta, tb, left]);
    }
    process.stdout.write(JSON.stringify({ simd: addon.simd, bad }));`;
  it.each(['avx512', 'avx2', 'portable'])('TENSORSHELL_KERNELS=%s', (path) => {
    const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TENSORSHELL_KERNELS: path }, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const { simd, bad } = JSON.parse(child.stdout) as { simd: string; bad: unknown[] };
    expect(bad, simd).toEqual([]);
  });
});
