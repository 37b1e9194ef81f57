// The CUDA kernels against the CPU kernels on the same random data. Runs only where the addon was
// compiled with CUDA and a device is present; elsewhere every case is skipped.
import { describe, expect, it } from 'vitest';

import { addon } from '../src/backends/native/addon.js';
import type { KernelArray, KernelSet } from '../src/backends/native/addon-types.js';
import { ArgReduceOp, BinaryOp, RandomKind, ReduceOp, UnaryOp } from '../src/backends/native/opcodes.js';
import { firstMismatch, isComparison, product, randomFloats, randomInts, rng } from './native-reference.js';

const hasGpu = addon.cuda.deviceCount() > 0 && addon.gpu !== undefined;
const gpu = addon.gpu as KernelSet;
const cpu: KernelSet = addon;

type Maker = () => KernelArray;

/** Runs the same call on both backends with fresh outputs and compares them. */
function same(makeOut: Maker, call: (k: KernelSet, out: KernelArray) => void, rtol = 0, atol = 0, what = '') {
  const c = makeOut();
  const g = makeOut();
  call(cpu, c);
  call(gpu, g);
  expect(firstMismatch(g, c, rtol, atol), what).toBeNull();
}

describe.skipIf(!hasGpu)('GPU kernels agree with the CPU kernels', () => {
  it('names its devices', () => {
    for (let i = 0; i < addon.cuda.deviceCount(); i++) expect(addon.cuda.deviceName(i).length).toBeGreaterThan(0);
    addon.gpu!.setDevice(0);
  });

  it('binary and binaryBroadcast, every op and dtype', () => {
    const r = rng(1);
    for (const n of [1, 1000, 1 << 20]) {
      for (let op = 0 as BinaryOp; op < 18; op++) {
        const types = op === BinaryOp.SigmoidGrad || op === BinaryOp.TanhGrad ? ['f'] : ['f', 'i'];
        for (const t of types) {
          const a = t === 'f' ? randomFloats(r, n) : randomInts(r, n, -1000, 1000);
          const b = t === 'f' ? randomFloats(r, n) : randomInts(r, n, 1, 12);
          const mk = () => (isComparison(op) ? new Uint8Array(n) : t === 'f' ? new Float32Array(n) : new Int32Array(n));
          const tol = op === BinaryOp.Pow ? 4e-7 : 0;
          same(mk, (k, out) => k.binary(op, a, b, out), tol, 0, `binary op ${op} ${t} n=${n}`);
          same(mk, (k, out) => k.binary(op, a, b.subarray(0, 1), out), tol, 0, `binary scalar op ${op} ${t}`);
        }
      }
    }
    const a = randomFloats(r, 7 * 5);
    const b = randomFloats(r, 5);
    same(() => new Float32Array(3 * 7 * 5), (k, out) => k.binaryBroadcast(BinaryOp.Mul, a, b, out,
      new Int32Array([3, 7, 5]), new Int32Array([0, 5, 1]), new Int32Array([0, 0, 1])));
  });

  it('unary, every op', () => {
    const r = rng(2);
    const x = randomFloats(r, 100_003, -30, 30);
    const xi = randomInts(r, 100_003);
    for (let op = 0 as UnaryOp; op < 15; op++) {
      same(() => new Float32Array(x.length), (k, out) => k.unary(op, x, out), 4e-7, 1e-37, `unary ${op}`);
    }
    for (const op of [UnaryOp.Neg, UnaryOp.Square, UnaryOp.Abs, UnaryOp.Relu, UnaryOp.Sign]) {
      same(() => new Int32Array(xi.length), (k, out) => k.unary(op, xi, out));
    }
    const bits = Uint8Array.from(randomInts(r, 999, 0, 1));
    same(() => new Uint8Array(999), (k, out) => k.unary(UnaryOp.LogicalNot, bits, out));
  });

  it('reduce and argReduce', () => {
    const r = rng(3);
    for (const [o, m, i] of [[1, 1 << 20, 1], [33, 1000, 1], [4, 300, 77], [2, 0, 3]]) {
      const x = randomFloats(r, o * m * i);
      const xi = randomInts(r, o * m * i, -100, 100);
      for (let op = 0 as ReduceOp; op < 4; op++) {
        const xf = op === ReduceOp.Prod ? randomFloats(r, o * m * i, 0.999, 1.001) : x;
        same(() => new Float32Array(o * i), (k, out) => k.reduce(op, xf, out, o, m, i), 1e-6, 1e-6, `reduce ${op}`);
        same(() => new Int32Array(o * i), (k, out) => k.reduce(op, xi, out, o, m, i));
      }
      if (m > 0) {
        for (const op of [ArgReduceOp.ArgMax, ArgReduceOp.ArgMin]) {
          same(() => new Int32Array(o * i), (k, out) => k.argReduce(op, x, out as Int32Array, o, m, i));
          same(() => new Int32Array(o * i), (k, out) => k.argReduce(op, xi, out as Int32Array, o, m, i));
        }
      }
    }
  });

  it('matmul, all transposes, float and int', () => {
    const r = rng(4);
    for (const [m, n, k] of [[1, 1, 1], [7, 17, 129], [300, 129, 64], [512, 512, 512], [65, 33, 0]]) {
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
        const a = randomFloats(r, m * k, -1, 1);
        const b = randomFloats(r, k * n, -1, 1);
        same(() => new Float32Array(m * n), (kk, out) => kk.matmul(a, b, out, m, n, k, ta, tb), 0, 1e-5 * Math.max(1, k), `matmul ${m}x${n}x${k}`);
        const ai = randomInts(r, m * k, -5000, 5000);
        const bi = randomInts(r, k * n, -5000, 5000);
        same(() => new Int32Array(m * n), (kk, out) => kk.matmul(ai, bi, out, m, n, k, ta, tb));
      }
    }
  });

  it('transpose, cast, random and zeroOut', () => {
    const r = rng(5);
    const shape = [3, 4, 5, 6, 2, 1, 3, 2];
    const x = randomFloats(r, product(shape));
    same(() => new Float32Array(x.length), (k, out) => k.transpose(x, out, new Int32Array(shape), new Int32Array([7, 2, 0, 5, 1, 6, 4, 3])));
    const big = randomFloats(r, 1000 * 700);
    same(() => new Float32Array(big.length), (k, out) => k.transpose(big, out, new Int32Array([1000, 700]), new Int32Array([1, 0])));
    const special = new Float32Array([1.5, -1.5, NaN, Infinity, -3e9, 0, -0.2, 7]);
    for (const make of [() => new Float32Array(8), () => new Int32Array(8), () => new Uint8Array(8)]) {
      same(make, (k, out) => k.cast(special, out));
    }
    same(() => new Float32Array(1_000_001), (k, out) => k.random(RandomKind.Uniform, out as Float32Array, 7, 3, 2 ** 40));
    same(() => new Float32Array(1_000_001), (k, out) => k.random(RandomKind.Normal, out as Float32Array, 7, 3, 11), 1e-5, 1e-5);
    same(() => new Int32Array(50), (k, out) => k.zeroOut(randomInts(rng(6), 50), out, 17));
  });

  it('throws RangeError for integer division by zero on the GPU too', () => {
    expect(() => gpu.binary(BinaryOp.Div, new Int32Array([1]), new Int32Array([0]), new Int32Array(1))).toThrow(RangeError);
  });
});
