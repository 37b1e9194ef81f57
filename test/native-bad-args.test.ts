// No JS value may crash the addon: every call either succeeds or throws TypeError/RangeError.
// A seeded fuzzer starts from valid arguments for each function and breaks one to three of them
// (garbage values of every kind, wrong array types and lengths, off-by-one sizes, bad shapes),
// thousands of times per function; a crash would take the test worker down with it. Then the
// documented error cases are checked one by one.
import { describe, expect, it } from 'vitest';

import { addon } from '../src/backends/native/addon.js';
import type { KernelSet } from '../src/backends/native/addon-types.js';
import { BinaryOp, ReduceOp, UnaryOp } from '../src/backends/native/opcodes.js';
import { INT_MIN, rng, type Rng } from './native-reference.js';

const CALLS_PER_FUNCTION = 5000;

function detachedFloat32(): Float32Array {
  const x = new Float32Array(4);
  structuredClone(x.buffer, { transfer: [x.buffer] });
  return x;
}

/** A view that went out of bounds when its resizable buffer shrank (length now reads 0). */
function outOfBoundsView(): Float32Array {
  // Resizable buffers are in Node 20 but not in the ES2023 lib typings.
  type Resizable = ArrayBuffer & { resize(bytes: number): void };
  const Resizable = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => Resizable;
  const buffer = new Resizable(32, { maxByteLength: 64 });
  const view = new Float32Array(buffer, 8, 4);
  buffer.resize(4);
  return view;
}

function randomTypedArray(r: Rng, length = r.int(0, 9)) {
  const make = r.pick([Float32Array, Int32Array, Uint8Array, Float64Array, Int16Array, Uint8ClampedArray, Uint32Array, Int8Array]);
  const x = new make(length);
  for (let i = 0; i < length; i++) x[i] = r.int(-3, 12);
  return x;
}

/** Any JS value at all, weighted toward the ones most likely to slip through a check. */
function garbage(r: Rng): unknown {
  const makers: (() => unknown)[] = [
    () => undefined, () => null, () => true, () => false,
    () => r.pick([0, -0, 1, -1, 2, 3, 0.5, -0.5, 1e-300, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 32 - 1, 2 ** 53, 2 ** 53 - 1, 2 ** 64, -(2 ** 53), Number.MAX_VALUE, 18, 17, 16, 15, 8, 9]),
    () => r.pick(['', '1', 'abc', '0x10']), () => Symbol('x'), () => r.pick([0n, 1n, -1n, 2n ** 70n]),
    () => ({}), () => [], () => [1, 2, 3], () => () => 1, () => new Date(0), () => new Map(), () => Object.create(null),
    () => ({ length: 4, 0: 1, valueOf: () => { throw new Error('valueOf must not be called'); } }),
    () => new Proxy(new Float32Array(4), {}),
    () => new ArrayBuffer(8), () => new DataView(new ArrayBuffer(8)),
    () => randomTypedArray(r), () => randomTypedArray(r), () => randomTypedArray(r),
    () => new Float32Array(new SharedArrayBuffer(16)),
    () => new Float32Array(12).subarray(r.int(0, 6), 12),
    () => Buffer.from([0, 1, 2]),
    () => detachedFloat32(), () => outOfBoundsView(),
    () => new Int32Array(r.int(0, 9)).map(() => r.pick([-1, 0, 1, 2, 3, 7, 2 ** 31 - 1, INT_MIN])),
  ];
  return r.pick(makers)();
}

/** A nearby wrong value for an argument of this kind: off-by-one sizes, other array types, ... */
function perturb(r: Rng, value: unknown): unknown {
  if (typeof value === 'number') return r.pick([value + 1, value - 1, -value - 1, value * 2 + 1, value + 0.5, 0, NaN]);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const t = value as Int32Array;
    if (t instanceof Int32Array && t.length && r.next() < 0.5) {
      const copy = t.slice();
      copy[r.int(0, copy.length - 1)] = r.pick([-1, 0, 1, 5, 9, 2 ** 31 - 1, INT_MIN]);
      return copy;
    }
    return r.next() < 0.5 ? randomTypedArray(r, t.length) : new (t.constructor as Int32ArrayConstructor)(Math.max(0, t.length + r.pick([-1, 1, 5])));
  }
  if (typeof value === 'boolean') return r.pick([0, 1, 'true', undefined]);
  return garbage(r);
}

const floatOrInt = (r: Rng, n: number) => (r.next() < 0.5 ? new Float32Array(n) : new Int32Array(n).map(() => r.int(1, 5)));

/** Valid arguments for each kernel (valid for most ops; an unsupported op/type pair is fine too). */
const VALID: Record<keyof KernelSet, (r: Rng) => unknown[]> = {
  binary: (r) => {
    const n = r.int(0, 8);
    const a = floatOrInt(r, n);
    const op = r.int(0, 17);
    const cmp = op >= BinaryOp.Equal && op <= BinaryOp.LessEqual;
    return [op, a, a.slice(), cmp ? new Uint8Array(n) : a.slice()];
  },
  binaryBroadcast: (r) => {
    const shape = [r.int(1, 3), r.int(1, 3)];
    const a = floatOrInt(r, shape[1]);
    return [r.int(0, 6), a, new (a.constructor as Int32ArrayConstructor)(1).fill(1), new (a.constructor as Int32ArrayConstructor)(shape[0] * shape[1]),
      new Int32Array(shape), new Int32Array([0, 1]), new Int32Array([0, 0])];
  },
  unary: (r) => {
    const x = floatOrInt(r, r.int(0, 8));
    return [r.pick([UnaryOp.Neg, UnaryOp.Abs, UnaryOp.Exp]), x, x.slice()];
  },
  reduce: (r) => {
    const [o, m, i] = [r.int(0, 3), r.int(0, 3), r.int(0, 3)];
    const x = floatOrInt(r, o * m * i);
    return [r.int(0, 3), x, new (x.constructor as Int32ArrayConstructor)(o * i), o, m, i];
  },
  argReduce: (r) => {
    const [o, m, i] = [r.int(0, 3), r.int(1, 3), r.int(0, 3)];
    return [r.int(0, 1), floatOrInt(r, o * m * i), new Int32Array(o * i), o, m, i];
  },
  matmul: (r) => {
    const [m, n, k] = [r.int(0, 4), r.int(0, 4), r.int(0, 4)];
    const a = floatOrInt(r, m * k);
    const C = a.constructor as Int32ArrayConstructor;
    return [a, new C(k * n), new C(m * n), m, n, k, r.next() < 0.5, r.next() < 0.5];
  },
  transpose: (r) => {
    const shape = [r.int(0, 3), r.int(1, 3), r.int(1, 2)];
    const n = shape[0] * shape[1] * shape[2];
    const x = r.next() < 0.3 ? new Uint8Array(n) : floatOrInt(r, n);
    return [x, x.slice(), new Int32Array(shape), new Int32Array(r.pick([[0, 1, 2], [2, 0, 1], [1, 2, 0]]))];
  },
  cast: (r) => {
    const n = r.int(0, 6);
    return [randomTypedArray(r, n), r.pick([new Float32Array(n), new Int32Array(n), new Uint8Array(n)])];
  },
  random: (r) => [r.int(0, 1), new Float32Array(r.int(0, 9)), r.int(0, 2 ** 32 - 1), r.int(0, 5), r.int(0, 2 ** 40)],
  zeroOut: (r) => {
    const x = floatOrInt(r, r.int(1, 6));
    return [x, x.slice(), r.int(0, x.length - 1)];
  },
};

type Backend = { name: string; kernels: KernelSet; deviceLess: boolean };
const backends: Backend[] = [{ name: 'cpu', kernels: addon, deviceLess: false }];
if (addon.gpu) backends.push({ name: 'gpu', kernels: addon.gpu, deviceLess: addon.cuda.deviceCount() === 0 });

/** Calls fn and classifies the outcome; a GPU call with no device may fail with a plain Error. */
function outcome(fn: () => void, backend: Backend): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) return 'checked';
    if (backend.deviceLess && err instanceof Error && err.constructor === Error) return 'no-device';
    return `unexpected ${(err as Error)?.constructor?.name}: ${String(err)}`;
  }
}

describe.each(backends)('randomised bad arguments ($name)', (backend) => {
  it.each(Object.keys(VALID) as (keyof KernelSet)[])('%s never crashes and throws only TypeError/RangeError', (name) => {
    const fn = backend.kernels[name] as (...args: unknown[]) => void;
    const seed = [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7);
    const r = rng(seed);
    const tally: Record<string, number> = {};
    for (let call = 0; call < CALLS_PER_FUNCTION; call++) {
      const args = VALID[name](r);
      const mode = call % 4;
      if (mode !== 0) {
        const count = r.int(1, 3);
        for (let j = 0; j < count; j++) {
          const at = r.int(0, args.length - 1);
          args[at] = mode === 1 ? garbage(r) : perturb(r, args[at]);
        }
      }
      if (r.next() < 0.05) args.length = r.int(0, args.length); // missing arguments
      if (r.next() < 0.02) args.push(garbage(r)); // extra ones are ignored
      const result = outcome(() => fn(...args), backend);
      if (result.startsWith('unexpected')) throw new Error(`${backend.name}.${name} call ${call} (seed ${seed}): ${result}`);
      tally[result] = (tally[result] ?? 0) + 1;
    }
    // The fuzzer must exercise both sides: calls that pass every check and calls that fail one.
    expect(tally.checked ?? 0).toBeGreaterThan(CALLS_PER_FUNCTION / 10);
    expect((tally.ok ?? 0) + (tally['no-device'] ?? 0)).toBeGreaterThan(CALLS_PER_FUNCTION / 10);
  });
});

describe('documented errors', () => {
  const i32 = (...v: number[]) => new Int32Array(v);

  it('rejects integer division by zero before computing', () => {
    const out = i32(7, 7);
    for (const op of [BinaryOp.Div, BinaryOp.FloorMod]) {
      expect(() => addon.binary(op, i32(1, 2), i32(1, 0), out)).toThrow(new RangeError('Integer division by zero'));
      expect(() => addon.binary(op, i32(1, 2), i32(0), out)).toThrow(RangeError);
      expect(() => addon.binaryBroadcast(op, i32(1, 2), i32(3, 0), out, i32(2), i32(1), i32(1))).toThrow('Integer division by zero');
    }
    expect(Array.from(out)).toEqual([7, 7]);
    // A zero that the strides never reach is not an error.
    addon.binaryBroadcast(BinaryOp.Div, i32(4, 6), i32(2, 0), out, i32(2), i32(1), i32(0));
    expect(Array.from(out)).toEqual([2, 3]);
    // Float division by zero is IEEE.
    const f = new Float32Array(2);
    addon.binary(BinaryOp.Div, new Float32Array([1, -1]), new Float32Array([0, 0]), f);
    expect(Array.from(f)).toEqual([Infinity, -Infinity]);
  });

  it('wraps INT_MIN / -1 instead of trapping', () => {
    const out = i32(0, 0);
    addon.binary(BinaryOp.Div, i32(INT_MIN, INT_MIN), i32(-1), out);
    expect(Array.from(out)).toEqual([INT_MIN, INT_MIN]);
    addon.binary(BinaryOp.FloorMod, i32(INT_MIN, 5), i32(-1), out);
    expect(Array.from(out)).toEqual([0, 0]);
  });

  it('rejects negative integer exponents', () => {
    expect(() => addon.binary(BinaryOp.Pow, i32(2), i32(-1), i32(0))).toThrow(
      new RangeError('Integers to negative integer powers are not allowed'));
    const out = i32(0);
    addon.binary(BinaryOp.Pow, i32(3), i32(4), out);
    expect(out[0]).toBe(81);
  });

  it('rejects strides that reach past the end of an operand', () => {
    const f = (n: number) => new Float32Array(n);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(6), f(1), f(6), i32(2, 3), i32(3, 1), i32(0, 0))).not.toThrow();
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(5), f(1), f(6), i32(2, 3), i32(3, 1), i32(0, 0))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(6), f(1), f(6), i32(2, 3), i32(3, 1), i32(0, 1))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(6), f(1), f(6), i32(2, 3), i32(-3, 1), i32(0, 0))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(6), f(1), f(6), i32(2, 3), i32(2 ** 31 - 1, 1), i32(0, 0))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(6), f(6), f(6), i32(2, 3), i32(3, 1), i32(3))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(1), f(1), f(1), new Int32Array(9).fill(1), new Int32Array(9), new Int32Array(9))).toThrow(RangeError);
    expect(() => addon.binaryBroadcast(BinaryOp.Add, f(0), f(0), f(0), i32(2, -1, 0), i32(0, 0, 0), i32(0, 0, 0))).toThrow(RangeError);
  });

  it('rejects shapes and permutations that do not describe the array', () => {
    const x = new Float32Array(6);
    const out = new Float32Array(6);
    expect(() => addon.transpose(x, out, i32(2, 3), i32(1, 0))).not.toThrow();
    for (const perm of [i32(0, 0), i32(1, 2), i32(-1, 0), i32(1, 1)]) {
      expect(() => addon.transpose(x, out, i32(2, 3), perm)).toThrow(/permutation/);
    }
    expect(() => addon.transpose(x, out, i32(2, 4), i32(1, 0))).toThrow(RangeError);
    expect(() => addon.transpose(x, out, i32(-2, -3), i32(1, 0))).toThrow(RangeError);
    expect(() => addon.transpose(x, out, new Int32Array(9).fill(1), new Int32Array(9))).toThrow(RangeError);
    expect(() => addon.transpose(x, out, i32(2, 3), new Float32Array([1, 0]) as unknown as Int32Array)).toThrow(TypeError);
  });

  it('checks reduction and product sizes', () => {
    const x = new Float32Array(6);
    expect(() => addon.reduce(ReduceOp.Sum, x, new Float32Array(2), 2, 3, 1)).not.toThrow();
    expect(() => addon.reduce(ReduceOp.Sum, x, new Float32Array(2), 2, 4, 1)).toThrow(RangeError);
    expect(() => addon.reduce(ReduceOp.Sum, x, new Float32Array(3), 2, 3, 1)).toThrow(RangeError);
    expect(() => addon.reduce(ReduceOp.Sum, x, new Float32Array(2), 2, 3, 1.5)).toThrow(RangeError);
    expect(() => addon.reduce(ReduceOp.Sum, x, new Float32Array(2), 2 ** 40, 2 ** 40, 2 ** 40)).toThrow(RangeError);
    // mid = 0 makes x empty whatever outer and inner are; their product must still fit.
    expect(() => addon.reduce(ReduceOp.Sum, new Float32Array(0), new Float32Array(0), 2 ** 40, 0, 2 ** 40)).toThrow(RangeError);
    expect(() => addon.reduce(ReduceOp.Max, new Float32Array(0), new Float32Array(6), 2, 0, 3)).not.toThrow();
    expect(() => addon.reduce(4, x, new Float32Array(2), 2, 3, 1)).toThrow(RangeError);
    expect(() => addon.reduce(ReduceOp.Sum, new Uint8Array(6), new Uint8Array(2), 2, 3, 1)).toThrow(TypeError);
    expect(() => addon.argReduce(0, new Float32Array(0), new Int32Array(2), 2, 0, 1)).toThrow(RangeError);
    expect(() => addon.matmul(x, x, new Float32Array(4), 2, 2, 3, false, false)).not.toThrow();
    expect(() => addon.matmul(x, x, new Float32Array(5), 2, 2, 3, false, false)).toThrow(RangeError);
    expect(() => addon.matmul(x, new Float32Array(9), new Float32Array(6), 2, 3, 3, false, false)).not.toThrow();
    expect(() => addon.matmul(x, new Float32Array(9), new Float32Array(6), 2, 3, 3, 0 as unknown as boolean, false)).toThrow(TypeError);
    expect(() => addon.matmul(x, new Int32Array(9), new Float32Array(6), 2, 3, 3, false, false)).toThrow(TypeError);
    expect(() => addon.zeroOut(x, new Float32Array(6), 6)).toThrow(RangeError);
    expect(() => addon.zeroOut(new Float32Array(0), new Float32Array(0), 0)).toThrow(RangeError);
    expect(() => addon.random(0, new Float32Array(4), 2 ** 32, 0, 0)).toThrow(RangeError);
    expect(() => addon.random(0, new Float32Array(4), 0, 0, 2 ** 53)).toThrow(RangeError);
    expect(() => addon.random(3, new Float32Array(4), 0, 0, 0)).toThrow(RangeError);
  });

  it('names the function and argument in messages', () => {
    expect(() => addon.binary(BinaryOp.Add, new Float32Array(6), new Float32Array(6), new Int32Array(6))).toThrow(
      new TypeError("binary: argument 'out' must be a Float32Array of length 6 (got Int32Array of length 6)"));
    expect(() => addon.unary(UnaryOp.Sqrt, new Int32Array(2), new Int32Array(2))).toThrow(
      new TypeError('unary: op 2 (Sqrt) does not accept Int32Array'));
    expect(() => addon.binary(BinaryOp.SigmoidGrad, new Int32Array(2), new Int32Array(2), new Int32Array(2))).toThrow(TypeError);
    expect(() => addon.binary(BinaryOp.Add, new Uint8Array(2), new Uint8Array(2), new Uint8Array(2))).toThrow(TypeError);
    expect(() => addon.unary(UnaryOp.LogicalNot, new Float32Array(2), new Float32Array(2))).toThrow(TypeError);
    expect(() => addon.reduce(ReduceOp.Sum, new Float32Array(6), new Float32Array(2), -1, 3, 1)).toThrow(
      /^reduce: argument 'outer' must be an integer in \[0, 9007199254740991\] \(got -1\)$/);
    expect(() => (addon.matmul as (...a: unknown[]) => void)()).toThrow(/^matmul: argument 'a' .*\(got undefined\)$/);
  });

  it('treats detached and out-of-bounds arrays as empty', () => {
    expect(() => addon.binary(BinaryOp.Add, detachedFloat32(), detachedFloat32(), new Float32Array(0))).not.toThrow();
    expect(() => addon.unary(UnaryOp.Neg, outOfBoundsView(), new Float32Array(0))).not.toThrow();
    expect(() => addon.unary(UnaryOp.Neg, detachedFloat32(), new Float32Array(4))).toThrow(RangeError);
  });

  it('reports CUDA state without throwing', () => {
    expect(Number.isInteger(addon.cuda.deviceCount())).toBe(true);
    expect(addon.cuda.status().length).toBeGreaterThan(0);
    expect(() => addon.cuda.deviceName(addon.cuda.deviceCount())).toThrow(RangeError);
    expect(() => addon.cuda.deviceName(-1)).toThrow(RangeError);
    if (addon.gpu) expect(() => addon.gpu!.setDevice(addon.cuda.deviceCount())).toThrow(RangeError);
  });
});
