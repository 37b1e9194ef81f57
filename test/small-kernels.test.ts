// The JS path for tiny tensors must be bit-identical to the native kernels it stands in for, special
// values included: this compares every op it takes over against the addon itself.
import { describe, expect, it } from 'vitest';
import { addon } from '../src/backends/native/addon.js';
import { cpuBackend } from '../src/backends/native/index.js';
import { smallBinary, smallGradientDescent, smallUnary, SMALL_SIZE } from '../src/backends/native/small-kernels.js';
import { NDArray } from '../src/tensor/ndarray.js';

const SPECIAL = [0, -0, 1, -1, 0.5, 1e-45, -1e-45, 1.17549435e-38, 3.4028235e38, -3.4028235e38, Infinity, -Infinity, NaN, 0.1, 0.7310586, 16777217];
const INT_SPECIAL = [0, 1, -1, 2, 2147483647, -2147483648, 46341, -46341, 65536, 7];

let seed = 12345;
function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return ((seed >>> 8) / 2 ** 24);
}

function floats(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => (rand() < 0.4 ? SPECIAL[Math.floor(rand() * SPECIAL.length)] : (rand() - 0.5) * 10 ** Math.floor(rand() * 8 - 4)));
}

function ints(n: number): Int32Array {
  return Int32Array.from({ length: n }, () => (rand() < 0.4 ? INT_SPECIAL[Math.floor(rand() * INT_SPECIAL.length)] : Math.floor((rand() - 0.5) * 2 ** (rand() * 32))));
}

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(new Float32Array(Array.from(a)).buffer));

function same(got: NDArray, expected: ArrayLike<number>, dtype: string): void {
  if (dtype === 'float32' && !(got.data instanceof Uint8Array)) expect(bits(got.data)).toEqual(bits(expected));
  else expect(Array.from(got.data)).toEqual(Array.from(expected));
}

describe('small tensors computed in JS match the native kernels bit for bit', () => {
  for (const dtype of ['float32', 'int32'] as const) {
    it(`every binary op it takes over, ${dtype}`, () => {
      let covered = 0;
      for (let op = 0; op <= 17; op++) {
        if (!smallBinary(op, dtype)) continue;
        covered++;
        for (let trial = 0; trial < 200; trial++) {
          const n = 1 + Math.floor(rand() * 16);
          const make = dtype === 'float32' ? floats : ints;
          const a = make(n);
          const b = trial % 3 === 0 ? make(1) : make(n);
          const got = cpuBackend.binary(op, new NDArray(a, [n], dtype), new NDArray(b, [b.length], dtype));
          const out = new (got.data.constructor as new (n: number) => Float32Array)(n);
          addon.binary(op, a, b, out);
          same(got, out, dtype);
        }
      }
      expect(covered).toBeGreaterThanOrEqual(dtype === 'float32' ? 16 : 11);
    });

    it(`every unary op it takes over, ${dtype}`, () => {
      for (let op = 0; op <= 15; op++) {
        if (!smallUnary(op, dtype)) continue;
        for (let trial = 0; trial < 200; trial++) {
          const n = 1 + Math.floor(rand() * 16);
          const x = dtype === 'float32' ? floats(n) : ints(n);
          const got = cpuBackend.unary(op, new NDArray(x, [n], dtype));
          const out = new (x.constructor as new (n: number) => Float32Array)(n);
          addon.unary(op, x, out);
          same(got, out, dtype);
        }
      }
    });
  }

  it('ApplyGradientDescent of a small variable: the bits of the native update, through the backend too', () => {
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(rand() * SMALL_SIZE);
      const w = floats(n), delta = floats(n);
      const alpha = trial % 4 === 0 ? SPECIAL[trial % SPECIAL.length] : floats(1)[0] * (trial % 3 === 0 ? 1 / 3 : 1);
      const expected = new Float32Array(n);
      addon.applyGradientDescent(w, delta, expected, alpha);
      const got = new Float32Array(n);
      smallGradientDescent(w, delta, got, alpha);
      expect(bits(got)).toEqual(bits(expected));
      const viaBackend = cpuBackend.applyGradientDescent!(new NDArray(w, [n], 'float32'), new NDArray(delta, [n], 'float32'), alpha);
      expect(bits(viaBackend.data)).toEqual(bits(expected));
    }
    // A delta of the wrong size still reaches the kernel, which refuses it.
    expect(() => cpuBackend.applyGradientDescent!(new NDArray(floats(2), [2], 'float32'), new NDArray(floats(3), [3], 'float32'), 0.1))
      .toThrow(/applyGradientDescent: argument 'delta'/);
  });

  it('transcendental ops and larger tensors are left to the addon', () => {
    expect(smallUnary(3 /* Exp */, 'float32')).toBeUndefined();
    expect(smallBinary(4 /* Pow */, 'float32')).toBeUndefined();
    expect(smallBinary(3 /* Div: int32 floor division raises on zero */, 'int32')).toBeUndefined();
  });
});
