// Every CPU kernel against the plain-JS references in native-reference.ts, on seeded random
// inputs of several shapes: empty, scalar, odd sizes that hit vector and tile edges, and sizes
// large enough to be split across the thread pool; the matmuls also on every GEMM path, in child
// processes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { addon } from '../src/backends/native/addon.js';
import { ArgReduceOp, BinaryOp, RandomKind, ReduceOp, UnaryOp } from '../src/backends/native/opcodes.js';
import {
  INT_MAX, INT_MIN, argReduceRef, binaryFloat, binaryInt, contiguousStrides, f32, firstMismatch,
  forEachIndex, isComparison, matmulRef, philox4x32, product, randomFloats, randomInts, randomRef,
  reduceRef, rng, transposeRef, unaryFloat, unaryInt, uniformFromBits,
} from './native-reference.js';

const SIZES = [0, 1, 2, 7, 33, 1000, 300_001];
const ALL_BINARY = Array.from({ length: 18 }, (_, i) => i as BinaryOp);
const INT_BINARY = ALL_BINARY.filter((op) => op !== BinaryOp.SigmoidGrad && op !== BinaryOp.TanhGrad);

/** Floats with a sprinkling of the special values every op must handle. */
function floatsWithSpecials(seed: number, n: number): Float32Array {
  const r = rng(seed);
  const x = randomFloats(r, n, -3, 3);
  const specials = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, 2];
  for (let i = 0; i < n; i++) if (r.next() < 0.05) x[i] = r.pick(specials);
  return x;
}

describe('addon metadata', () => {
  it('reports SIMD, threads and CUDA information', () => {
    expect(addon.simd).toMatch(/^(avx512|avx2|portable)( \(TENSORSHELL_KERNELS=.+\))?$/);
    if (!process.env.TENSORSHELL_KERNELS) expect(['avx512', 'avx2', 'portable']).toContain(addon.simd);
    expect(addon.threads).toBeGreaterThanOrEqual(1);
    expect(typeof addon.cuda.compiled).toBe('boolean');
    expect(addon.cuda.deviceCount()).toBeGreaterThanOrEqual(0);
    expect(typeof addon.cuda.status()).toBe('string');
    if (!addon.cuda.compiled) {
      expect(addon.gpu).toBeUndefined();
      expect(addon.cuda.status()).toBe('not compiled with CUDA');
    } else {
      expect(typeof addon.gpu?.setDevice).toBe('function');
    }
  });
});

describe('process memory tuning at load', () => {
  // The child loads the addon, holds a 64 MiB ArrayBuffer, and reports what the addon says it tuned and
  // how much glibc's brk heap ([heap] in /proc/self/maps) grew: with the tuning the block comes from the
  // heap, with glibc's defaults from an mmap of its own (the heap does not grow by it).
  const child = (env: Record<string, string>) => {
    const script = `
      const fs = require('node:fs');
      const heap = () => fs.readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((l) => l.endsWith('[heap]'))
        .reduce((s, l) => { const [a, b] = l.split(' ')[0].split('-'); return s + (parseInt(b, 16) - parseInt(a, 16)); }, 0);
      const { allocation } = require('./build/Release/tensorshell.node');
      const before = heap();
      const held = new ArrayBuffer(64 << 20);
      new Uint8Array(held)[0] = 1;
      process.stdout.write(JSON.stringify({ allocation, grew: heap() - before }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { allocation: string; grew: number };
  };
  const glibc = process.platform === 'linux'
    && Boolean((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime);

  it('keeps large blocks on the heap and says so, and TENSORSHELL_MALLOC=default leaves glibc and V8 alone', () => {
    const tuned = child({ TENSORSHELL_MALLOC: '' });
    const plain = child({ TENSORSHELL_MALLOC: 'default' });
    expect(plain.allocation).toBe('default (TENSORSHELL_MALLOC=default)');
    if (!glibc) {
      // Another libc gets only the V8 setting.
      expect(tuned.allocation).toBe('tuned: ArrayBuffers swept on the main thread');
      return;
    }
    expect(tuned.allocation).toBe('tuned: large blocks kept on the malloc heap, ArrayBuffers swept on the main thread');
    expect(tuned.grew).toBeGreaterThanOrEqual(64 << 20);
    expect(plain.grew).toBeLessThan(64 << 20);
  });
});

describe('binary', () => {
  it.each(ALL_BINARY)('float op %i matches the reference, with scalar broadcasting', (op) => {
    for (const n of SIZES) {
      for (const [aScalar, bScalar] of [[false, false], [true, false], [false, true], [true, true]]) {
        const a = floatsWithSpecials(op * 100 + n, aScalar ? 1 : n);
        const b = floatsWithSpecials(op * 100 + n + 7, bScalar ? 1 : n);
        const out = isComparison(op) ? new Uint8Array(n) : new Float32Array(n);
        addon.binary(op, a, b, out);
        const expected = Array.from({ length: n }, (_, i) => binaryFloat(op, a[aScalar ? 0 : i], b[bScalar ? 0 : i]));
        const rtol = op === BinaryOp.Pow ? 2e-7 : 0;
        expect(firstMismatch(out, expected, rtol), `n=${n} scalars=${aScalar},${bScalar}`).toBeNull();
      }
    }
  });

  it.each(INT_BINARY)('int32 op %i matches the reference, wrapping on overflow', (op) => {
    const r = rng(op);
    for (const n of SIZES) {
      const a = randomInts(r, n, -50_000, 50_000);
      const b = randomInts(r, n, -50_000, 50_000);
      for (let i = 0; i < n; i++) {
        if (r.next() < 0.05) a[i] = r.pick([INT_MIN, INT_MAX, -1, 0, 1]);
        if (r.next() < 0.05) b[i] = r.pick([INT_MIN, INT_MAX, -1, 1, 2]);
        if (op === BinaryOp.Pow) b[i] = Math.abs(b[i]) % 40;
        if ((op === BinaryOp.Div || op === BinaryOp.FloorMod) && b[i] === 0) b[i] = 3;
      }
      const out = isComparison(op) ? new Uint8Array(n) : new Int32Array(n);
      addon.binary(op, a, b, out);
      const expected = Array.from({ length: n }, (_, i) => binaryInt(op, a[i], b[i]));
      expect(firstMismatch(out, expected), `n=${n}`).toBeNull();
    }
  });

  it('handles the integer division corner cases like Python', () => {
    const a = new Int32Array([7, -7, 7, -7, INT_MIN, INT_MIN, 0, INT_MAX]);
    const b = new Int32Array([2, 2, -2, -2, -1, 1, -5, -1]);
    const q = new Int32Array(8);
    const r = new Int32Array(8);
    addon.binary(BinaryOp.Div, a, b, q);
    addon.binary(BinaryOp.FloorMod, a, b, r);
    expect(Array.from(q)).toEqual([3, -4, -4, 3, INT_MIN, INT_MIN, 0, -INT_MAX]);
    expect(Array.from(r)).toEqual([1, 1, -1, -1, 0, 0, 0, 0]);
  });

  it('compares booleans and writes Uint8Array', () => {
    const a = new Uint8Array([0, 1, 0, 1]);
    const b = new Uint8Array([0, 0, 1, 1]);
    const eq = new Uint8Array(4);
    const ne = new Uint8Array(4);
    addon.binary(BinaryOp.Equal, a, b, eq);
    addon.binary(BinaryOp.NotEqual, a, b, ne);
    expect(Array.from(eq)).toEqual([1, 0, 0, 1]);
    expect(Array.from(ne)).toEqual([0, 1, 1, 0]);
  });

  it('propagates NaN through Maximum and Minimum', () => {
    const a = new Float32Array([NaN, 1, NaN, -Infinity]);
    const b = new Float32Array([1, NaN, NaN, 2]);
    const mx = new Float32Array(4);
    const mn = new Float32Array(4);
    addon.binary(BinaryOp.Maximum, a, b, mx);
    addon.binary(BinaryOp.Minimum, a, b, mn);
    expect(Array.from(mx)).toEqual([NaN, NaN, NaN, 2]);
    expect(Array.from(mn)).toEqual([NaN, NaN, NaN, -Infinity]);
  });
});

describe('binaryBroadcast', () => {
  // Operand shapes with random broadcast axes, stored in a random axis order so strides are not
  // simply contiguous.
  function operand(r: ReturnType<typeof rng>, shape: number[], float: boolean) {
    const own = shape.map((d) => (r.next() < 0.3 ? 1 : d));
    const order = own.map((_, i) => i).sort(() => r.next() - 0.5);
    const storageStrides = contiguousStrides(order.map((d) => own[d]));
    const strides = new Array<number>(shape.length);
    order.forEach((axis, pos) => (strides[axis] = own[axis] === 1 ? 0 : storageStrides[pos]));
    const n = product(own);
    const data = float ? randomFloats(r, n) : randomInts(r, n, -100, 100);
    return { data, strides };
  }

  it('matches the reference on random shapes, ranks 0-6, all dtypes', () => {
    const r = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const rank = r.int(0, 6);
      const shape = Array.from({ length: rank }, () => r.int(trial % 25 === 0 ? 0 : 1, 5));
      const float = r.next() < 0.6;
      const op = float ? r.pick(ALL_BINARY) : r.pick(INT_BINARY.filter((o) => o !== BinaryOp.Div && o !== BinaryOp.FloorMod && o !== BinaryOp.Pow));
      const A = operand(r, shape, float);
      const B = operand(r, shape, float);
      const n = product(shape);
      const out = isComparison(op) ? new Uint8Array(n) : float ? new Float32Array(n) : new Int32Array(n);
      addon.binaryBroadcast(op, A.data, B.data, out, new Int32Array(shape), new Int32Array(A.strides), new Int32Array(B.strides));
      const expected: number[] = [];
      forEachIndex(shape, (_, idx) => {
        const ia = idx.reduce((s, v, d) => s + v * A.strides[d], 0);
        const ib = idx.reduce((s, v, d) => s + v * B.strides[d], 0);
        expected.push(float ? binaryFloat(op, A.data[ia], B.data[ib]) : binaryInt(op, A.data[ia], B.data[ib]));
      });
      expect(firstMismatch(out, expected, op === BinaryOp.Pow ? 2e-7 : 0), `trial ${trial} shape ${shape}`).toBeNull();
    }
  });

  it('broadcasts a row and a column across a large matrix (threaded path)', () => {
    const r = rng(5);
    const [rows, cols] = [700, 600];
    const col = randomFloats(r, rows);
    const row = randomFloats(r, cols);
    const out = new Float32Array(rows * cols);
    addon.binaryBroadcast(BinaryOp.Mul, col, row, out, new Int32Array([rows, cols]), new Int32Array([1, 0]), new Int32Array([0, 1]));
    const expected = Array.from({ length: rows * cols }, (_, i) => f32(col[Math.floor(i / cols)] * row[i % cols]));
    expect(firstMismatch(out, expected)).toBeNull();
  });
});

describe('unary', () => {
  const FLOAT_OPS = Array.from({ length: 15 }, (_, i) => i as UnaryOp);
  const INT_OPS = [UnaryOp.Neg, UnaryOp.Square, UnaryOp.Abs, UnaryOp.Relu, UnaryOp.Sign];

  it.each(FLOAT_OPS)('float op %i is within 1e-6 relative of the double result', (op) => {
    for (const n of SIZES) {
      const x = floatsWithSpecials(1000 + op * 10 + n, n);
      for (let i = 0; i < n; i += 97) x[i] *= 40; // reach the tails of exp/sigmoid/tanh
      const out = new Float32Array(n);
      addon.unary(op, x, out);
      const expected = Array.from(x, (v) => unaryFloat(op, v));
      expect(firstMismatch(out, expected, 1e-6, 1e-37), `n=${n}`).toBeNull();
    }
  });

  it.each(INT_OPS)('int32 op %i matches, wrapping at INT_MIN', (op) => {
    const x = randomInts(rng(op), 5000, -70_000, 70_000);
    x.set([INT_MIN, INT_MAX, 0, -1, 1]);
    const out = new Int32Array(x.length);
    addon.unary(op, x, out);
    expect(firstMismatch(out, Array.from(x, (v) => unaryInt(op, v)))).toBeNull();
  });

  it('keeps sigmoid finite at large |x| and rounds half to even', () => {
    const x = new Float32Array([-100, 100, -1e30, 1e30, 0]);
    const out = new Float32Array(5);
    addon.unary(UnaryOp.Sigmoid, x, out);
    expect(out.every((v) => !Number.isNaN(v))).toBe(true);
    expect(Array.from(out.subarray(1))).toEqual([1, 0, 1, 0.5]);
    const halves = new Float32Array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.7, -3.7]);
    const rounded = new Float32Array(8);
    addon.unary(UnaryOp.Round, halves, rounded);
    expect(Array.from(rounded)).toEqual([0, 2, 2, -0, -2, -2, 4, -4]);
  });

  it('negates booleans with LogicalNot', () => {
    const out = new Uint8Array(3);
    addon.unary(UnaryOp.LogicalNot, new Uint8Array([0, 1, 7]), out);
    expect(Array.from(out)).toEqual([1, 0, 0]);
  });
});

describe('reduce', () => {
  const SHAPES: [number, number, number][] = [
    [1, 0, 1], [3, 0, 4], [1, 1, 1], [1, 17, 1], [4, 33, 1], [3, 5, 7], [2, 100, 300], [1, 3, 1000],
    [1000, 7, 1], [1, 400_000, 1], [3, 150_000, 1], [5, 1000, 3], [2, 4, 700],
  ];
  const OPS = [ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.Prod];

  it.each(OPS)('float op %i matches over [outer, mid, inner] shapes', (op) => {
    const r = rng(op + 10);
    for (const [outer, mid, inner] of SHAPES) {
      const x = op === ReduceOp.Prod ? randomFloats(r, outer * mid * inner, 0.999, 1.001) : randomFloats(r, outer * mid * inner);
      if (op !== ReduceOp.Prod && x.length > 10 && r.next() < 0.5) x[r.int(0, x.length - 1)] = NaN;
      const out = new Float32Array(outer * inner);
      addon.reduce(op, x, out, outer, mid, inner);
      const expected = reduceRef(op, x, outer, mid, inner, true);
      const tol = op === ReduceOp.Sum ? 1e-6 * Math.sqrt(mid + 1) : op === ReduceOp.Prod ? 1e-6 : 0;
      expect(firstMismatch(out, expected, tol, tol), `shape ${outer},${mid},${inner}`).toBeNull();
    }
  });

  it.each(OPS)('int32 op %i matches exactly, wrapping', (op) => {
    const r = rng(op + 20);
    for (const [outer, mid, inner] of SHAPES) {
      const x = randomInts(r, outer * mid * inner, -100_000, 100_000);
      const out = new Int32Array(outer * inner);
      addon.reduce(op, x, out, outer, mid, inner);
      expect(firstMismatch(out, reduceRef(op, x, outer, mid, inner, false)), `shape ${outer},${mid},${inner}`).toBeNull();
    }
  });

  it('leaves the x87 unit usable for JS afterwards (no stray MMX state)', () => {
    // Regression: GCC once vectorised these into MMX registers without EMMS, after which V8's
    // double % (x87 fprem inside fmod) returned garbage in the same thread.
    const x = randomInts(rng(11), 450_000);
    for (const op of OPS) addon.reduce(op, x, new Int32Array(3), 3, 150_000, 1);
    const values = Array.from({ length: 1000 }, (_, i) => i * 7919 + 0.5);
    expect(values.filter((v) => v % 200 !== v - 200 * Math.floor(v / 200))).toEqual([]);
  });

  it('sums 16M ones exactly', () => {
    const out = new Float32Array(1);
    addon.reduce(ReduceOp.Sum, new Float32Array(1 << 24).fill(1), out, 1, 1 << 24, 1);
    expect(out[0]).toBe(16777216);
  });
});

describe('argReduce', () => {
  it('finds the first extreme, and the first NaN', () => {
    const r = rng(77);
    for (const [outer, mid, inner] of [[1, 1, 1], [1, 9, 1], [5, 40, 1], [3, 7, 5], [2, 300, 257], [1, 200_000, 1], [4000, 30, 1]]) {
      for (const op of [ArgReduceOp.ArgMax, ArgReduceOp.ArgMin]) {
        const xi = randomInts(r, outer * mid * inner, -5, 5); // many ties
        const xf = randomFloats(r, outer * mid * inner);
        for (let i = 0; i < xf.length; i++) if (r.next() < 0.01) xf[i] = NaN;
        for (const x of [xi, xf]) {
          const out = new Int32Array(outer * inner);
          addon.argReduce(op, x, out, outer, mid, inner);
          expect(firstMismatch(out, argReduceRef(op, x, outer, mid, inner)), `shape ${outer},${mid},${inner}`).toBeNull();
        }
      }
    }
  });
});

function matmulInputs(m: number, n: number, k: number, float: boolean, seed: number) {
  const r = rng(seed);
  const a = float ? randomFloats(r, m * k, -1, 1) : randomInts(r, m * k, -3000, 3000);
  const b = float ? randomFloats(r, k * n, -1, 1) : randomInts(r, k * n, -3000, 3000);
  return { a, b };
}

function expectMatmul(out: Float32Array | Int32Array, a: Float32Array | Int32Array, b: Float32Array | Int32Array,
  m: number, n: number, k: number, transA: boolean, transB: boolean, what = '') {
  const float = out instanceof Float32Array;
  const { out: expected, scale } = matmulRef(a, b, m, n, k, transA, transB, float);
  const mismatch = float ? firstMismatch(out, expected, 0, (i) => 2e-7 * k * scale[i] + 1e-30) : firstMismatch(out, expected);
  expect(mismatch, `${what}m=${m} n=${n} k=${k} transA=${transA} transB=${transB}`).toBeNull();
}

describe('matmul', () => {
  const DIMS = [1, 2, 7, 17, 64, 129, 300];

  function check(m: number, n: number, k: number, transA: boolean, transB: boolean, float: boolean, seed: number) {
    const { a, b } = matmulInputs(m, n, k, float, seed);
    const out = float ? new Float32Array(m * n).fill(NaN) : new Int32Array(m * n).fill(-7);
    addon.matmul(a, b, out, m, n, k, transA, transB);
    expectMatmul(out, a, b, m, n, k, transA, transB);
  }

  for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
    it(`float32, transA=${transA} transB=${transB}, sizes hitting tile edges`, () => {
      let seed = 1;
      for (const m of DIMS) for (const n of DIMS) check(m, n, DIMS[(m + n) % DIMS.length], transA, transB, true, seed++);
      for (const k of DIMS) check(129, 300, k, transA, transB, true, seed++);
      check(65, 33, 0, transA, transB, true, seed++);
      check(0, 5, 3, transA, transB, true, seed++);
      check(257, 263, 269, transA, transB, true, seed++); // threaded, several KC blocks
      check(31, 200, 1024, transA, transB, true, seed++); // rows of A 4 KiB apart: A packed on avx512
    });

    it(`int32, transA=${transA} transB=${transB}, wrapping`, () => {
      let seed = 100;
      for (const m of [1, 2, 7, 17, 64]) for (const n of [1, 7, 64, 129]) check(m, n, (m * n) % 70 + 1, transA, transB, false, seed++);
      check(70, 80, 90, transA, transB, false, seed++);
    });
  }
});

describe('matmul on every GEMM path', () => {
  // The float GEMM is chosen once per process (TENSORSHELL_KERNELS), so each path runs in a child
  // process and its products are checked here. Sizes straddle both tile shapes (6x16 and 14x32),
  // k = 1, k over several KC blocks, and a product split across threads.
  const PATHS = ['portable', 'avx2', 'avx512'];
  const DIMS = [1, 5, 14, 15, 33, 70];
  const shapes: [number, number, number, boolean, boolean][] = [];
  for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
    for (const m of DIMS) for (const n of DIMS) shapes.push([m, n, DIMS[(m + n) % DIMS.length] + 11, transA, transB]);
    shapes.push([29, 97, 1, transA, transB], [45, 70, 800, transA, transB], [257, 263, 269, transA, transB],
      [31, 200, 1024, transA, transB]);
    // Threaded products, also run on the shared B panels of the AVX-512 path (TENSORSHELL_GEMM_SHARED_MIN=0
    // below): two panel columns (n > 512) with a partial sliver and two KC blocks; a small B read in place;
    // rows of A 4 KiB apart.
    shapes.push([300, 530, 400, transA, transB], [2000, 64, 128, transA, transB], [40, 600, 1024, transA, transB]);
    // k over two blocks of the AVX-512 kernel's KC (2048): one thread and, on the shared panels, two.
    shapes.push([20, 40, 2100, transA, transB], [16, 600, 2100, transA, transB]);
    // Three shared panels (1024 columns each for k = 1024, the last partial): both halves of the double
    // buffer, and an aliased A read by later panels.
    shapes.push([20, 2100, 1024, transA, transB]);
  }
  const inputs = shapes.map(([m, n, k], i) => matmulInputs(m, n, k, true, 500 + i));
  const base64 = (x: Float32Array | Int32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');
  const script = `
    const addon = require('./build/Release/tensorshell.node');
    const f32 = (s) => new Float32Array(new Uint8Array(Buffer.from(s, 'base64')).buffer);
    const out = JSON.parse(require('node:fs').readFileSync(0, 'utf8')).map(([m, n, k, tA, tB, a, b]) => {
      const c = new Float32Array(m * n).fill(NaN);
      addon.matmul(f32(a), f32(b), c, m, n, k, tA, tB);
      return Buffer.from(c.buffer).toString('base64');
    });
    process.stdout.write(JSON.stringify({ simd: addon.simd, out }));`;
  const run = (kernels: string, env: Record<string, string> = {}) => {
    const child = spawnSync(process.execPath, ['-e', script], {
      input: JSON.stringify(shapes.map((s, i) => [...s, base64(inputs[i].a), base64(inputs[i].b)])),
      env: { ...process.env, TENSORSHELL_KERNELS: kernels, ...env }, maxBuffer: 1 << 28, encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout) as { simd: string; out: string[] };
  };

  const SHARED = { TENSORSHELL_GEMM_SHARED_MIN: '0' };
  it.each([...PATHS, 'avx512 with shared B panels'])('TENSORSHELL_KERNELS=%s', (name) => {
    const path = name.split(' ')[0];
    const { simd, out } = run(path, name === path ? {} : SHARED);
    // A path this build or CPU lacks gives the widest one below it, and says so.
    if (simd !== path) {
      const below = PATHS.slice(0, PATHS.indexOf(path)).join('|');
      expect(simd).toMatch(new RegExp(`^(${below}) \\(TENSORSHELL_KERNELS=${path}: not available here\\)$`));
    }
    shapes.forEach(([m, n, k, transA, transB], i) => {
      const c = new Float32Array(new Uint8Array(Buffer.from(out[i], 'base64')).buffer);
      expectMatmul(c, inputs[i].a, inputs[i].b, m, n, k, transA, transB, `${simd}: `);
    });
  });

  it.each(PATHS)('TENSORSHELL_KERNELS=%s gives the same bits on 1, 2 and 3 threads, slabs or shared panels', (path) => {
    const threads = (t: number) => ({ TENSORSHELL_THREADS: String(t) });
    const [one, two, three] = [1, 2, 3].map((t) => run(path, threads(t)).out);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    for (const t of [1, 2]) expect(run(path, { ...threads(t), ...SHARED }).out).toEqual(one);
  });

  it('ignores an unknown request, saying so', () => {
    const { simd } = run('avx9');
    expect(simd).toMatch(/^(avx512|avx2|portable) \(TENSORSHELL_KERNELS=avx9 ignored: expected avx512, avx2 or portable\)$/);
  });
});

describe('transpose', () => {
  it('matches the reference for random permutations up to rank 8, all dtypes', () => {
    const r = rng(8);
    for (let trial = 0; trial < 300; trial++) {
      const rank = trial < 20 ? 8 : r.int(0, 6);
      const shape = Array.from({ length: rank }, () => r.int(trial % 50 === 0 ? 0 : 1, rank >= 7 ? 3 : 6));
      const perm = shape.map((_, i) => i).sort(() => r.next() - 0.5);
      const n = product(shape);
      const kind = trial % 3;
      const x = kind === 0 ? randomFloats(r, n) : kind === 1 ? randomInts(r, n) : Uint8Array.from(randomInts(r, n, 0, 1));
      const out = new (x.constructor as Float32ArrayConstructor)(n) as typeof x;
      addon.transpose(x, out, new Int32Array(shape), new Int32Array(perm));
      expect(firstMismatch(out, transposeRef(x, shape, perm)), `shape ${shape} perm ${perm}`).toBeNull();
    }
  });

  it('transposes large matrices and batches (tiled, threaded)', () => {
    const r = rng(9);
    for (const [shape, perm] of [[[517, 1031], [1, 0]], [[3, 300, 401], [0, 2, 1]], [[40, 50, 60], [2, 0, 1]], [[2, 3, 200, 300], [1, 0, 3, 2]]] as const) {
      const x = randomFloats(r, product(shape));
      const out = new Float32Array(x.length);
      addon.transpose(x, out, new Int32Array(shape), new Int32Array(perm));
      expect(firstMismatch(out, transposeRef(x, [...shape], [...perm]))).toBeNull();
    }
  });
});

describe('cast', () => {
  it('converts float to int by truncation, NaN to 0, saturating', () => {
    const x = new Float32Array([1.9, -1.9, 0.5, -0.5, NaN, Infinity, -Infinity, 3e9, -3e9, 2147483520, -2147483648]);
    const out = new Int32Array(x.length);
    addon.cast(x, out);
    expect(Array.from(out)).toEqual([1, -1, 0, 0, 0, INT_MAX, INT_MIN, INT_MAX, INT_MIN, 2147483520, INT_MIN]);
  });

  it('converts to and from bool', () => {
    const b = new Uint8Array(4);
    addon.cast(new Float32Array([0, -0, NaN, 0.1]), b);
    expect(Array.from(b)).toEqual([0, 0, 1, 1]);
    addon.cast(new Int32Array([0, 5, -1, 0]), b);
    expect(Array.from(b)).toEqual([0, 1, 1, 0]);
    const f = new Float32Array(3);
    addon.cast(new Uint8Array([0, 1, 2]), f);
    expect(Array.from(f)).toEqual([0, 1, 1]);
    const i = new Int32Array(3);
    addon.cast(new Uint8Array([2, 0, 1]), i);
    expect(Array.from(i)).toEqual([1, 0, 1]);
  });

  it('converts int32 to float32 with rounding, and copies same-type arrays', () => {
    const x = randomInts(rng(3), 400_000, INT_MIN, INT_MAX);
    const out = new Float32Array(x.length);
    addon.cast(x, out);
    expect(firstMismatch(out, Array.from(x, f32))).toBeNull();
    const copy = new Int32Array(x.length);
    addon.cast(x, copy);
    expect(firstMismatch(copy, x)).toBeNull();
  });
});

describe('random (Philox4x32-10)', () => {
  it('matches the Random123 known-answer vectors', () => {
    expect(philox4x32([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]))
      .toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    expect(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]))
      .toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
    const out = new Float32Array(4);
    addon.random(RandomKind.Uniform, out, 0, 0, 0);
    expect(Array.from(out)).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8].map(uniformFromBits));
  });

  it('matches the JS reference for uniform and normal, with large counters', () => {
    for (const [seed, stream, counter] of [[1, 2, 3], [0xffffffff, 7, 2 ** 40 + 5], [12345, 0, 2 ** 53 - 10]]) {
      const u = new Float32Array(103);
      addon.random(RandomKind.Uniform, u, seed, stream, counter);
      expect(firstMismatch(u, randomRef(0, 103, seed, stream, counter))).toBeNull();
      const g = new Float32Array(103);
      addon.random(RandomKind.Normal, g, seed, stream, counter);
      expect(firstMismatch(g, randomRef(1, 103, seed, stream, counter), 1e-5, 1e-5)).toBeNull();
    }
  });

  it('is deterministic, counter-addressed, and distributed as promised', () => {
    const n = 1 << 20;
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    addon.random(RandomKind.Uniform, a, 9, 1, 100);
    addon.random(RandomKind.Uniform, b, 9, 1, 100);
    expect(firstMismatch(a, b)).toBeNull();
    const shifted = new Float32Array(n - 8);
    addon.random(RandomKind.Uniform, shifted, 9, 1, 102); // two blocks of four later
    expect(firstMismatch(shifted, a.subarray(8))).toBeNull();
    addon.random(RandomKind.Uniform, b, 9, 1, 101);
    expect(b.some((v, i) => v !== a[i])).toBe(true);
    addon.random(RandomKind.Uniform, b, 9, 2, 100);
    expect(b.some((v, i) => v !== a[i])).toBe(true);

    const stats = (x: Float32Array) => {
      let s = 0;
      let s2 = 0;
      for (const v of x) {
        s += v;
        s2 += v * v;
      }
      const mean = s / x.length;
      return { mean, variance: s2 / x.length - mean * mean };
    };
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    const su = stats(a);
    expect(Math.abs(su.mean - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(su.variance - 1 / 12)).toBeLessThan(0.001);
    addon.random(RandomKind.Normal, b, 3, 0, 0);
    expect(b.every(Number.isFinite)).toBe(true);
    const sn = stats(b);
    expect(Math.abs(sn.mean)).toBeLessThan(0.005);
    expect(Math.abs(sn.variance - 1)).toBeLessThan(0.01);
  });
});

describe('zeroOut', () => {
  it('keeps only the element at index', () => {
    const x = new Float32Array([1, 2, 3, 4]);
    const out = new Float32Array(4).fill(9);
    addon.zeroOut(x, out, 2);
    expect(Array.from(out)).toEqual([0, 0, 3, 0]);
    const xi = new Int32Array([5, 6]);
    const oi = new Int32Array(2).fill(1);
    addon.zeroOut(xi, oi, 0);
    expect(Array.from(oi)).toEqual([5, 0]);
  });
});

describe('large elementwise arrays (threaded)', () => {
  it('adds 2M floats and applies exp across the pool', () => {
    const r = rng(1234);
    const n = 2_000_003;
    const a = randomFloats(r, n);
    const b = randomFloats(r, n);
    const out = new Float32Array(n);
    addon.binary(BinaryOp.Add, a, b, out);
    expect(firstMismatch(out, Array.from(a, (v, i) => f32(v + b[i])))).toBeNull();
    addon.unary(UnaryOp.Exp, a, out);
    expect(firstMismatch(out, Array.from(a, (v) => f32(Math.exp(v))), 1e-6)).toBeNull();
  });
});
