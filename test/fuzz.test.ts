// Property-based fuzzing (fast-check): random shapes, dtypes, axes, permutations and values for the public
// ops, in both modes. Each call must give the reference's value and shape (graph mode: the static shape
// too), or, where the reference says TF refuses, a TF-style error — never a JS RangeError or an internal
// TypeError, never a tensor of a shape TF would not give. Bounded to a few seconds.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import * as ref from './fuzz-reference.js';
import { MODES, setMode, type Mode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

// A fixed seed keeps `npm test` reproducible; FUZZ_SEED=random (or a number) explores further.
const seed = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261206);
fc.configureGlobal({ seed });

type DType = 'float32' | 'int32';
const RUNS = 400;

const dim = fc.integer({ min: 0, max: 3 });
const shapeArb = fc.array(dim, { maxLength: 3 });
const value = (dtype: DType) => (dtype === 'int32' ? fc.integer({ min: -5, max: 5 })
  : fc.float({ min: -8, max: 8, noNaN: true, noDefaultInfinity: true }).map((v) => Math.fround(v) + 0));
const refArb = (shape: number[], dtype: DType) => fc.array(value(dtype), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
  .map((data): ref.Ref => ({ data, shape }));
const dtypeArb = fc.constantFrom<DType>('float32', 'int32');
const tensorArb = fc.tuple(shapeArb, dtypeArb).chain(([s, d]) => refArb(s, d).map((r) => ({ r, dtype: d })));

/** A second shape that often broadcasts with `s` (dims dropped or set to 1) and sometimes does not. */
const partnerShape = (s: number[]) => fc.oneof(
  fc.constant(s),
  fc.integer({ min: 0, max: s.length }).map((k) => s.slice(k)),
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((ones) => s.map((d, i) => (ones[i] ? 1 : d))),
  shapeArb,
);

function ndarray(r: ref.Ref, dtype: DType): tf.NDArray {
  const data = dtype === 'int32' ? Int32Array.from(r.data) : Float32Array.from(r.data);
  return new tf.NDArray(data, r.shape, dtype);
}

/** Errors that are the engine's own failure, not TF's answer. */
function isEngineBug(e: unknown): boolean {
  if (!(e instanceof Error)) return true;
  if (e instanceof RangeError) return true;
  return e instanceof TypeError && /is not a function|Cannot read prop|of undefined|of null|is not iterable|Invalid typed array|Maximum call stack/.test(e.message);
}

const TF_ERRORS = [tf.ValueError, tf.InvalidArgumentError, TypeError, tf.ResourceExhaustedError];

function run(mode: Mode, build: () => tf.Tensor): { value: tf.NDArray; staticShape: (number | null)[] | null } {
  setMode(mode);
  const t = build();
  if (mode === 'eager') return { value: t.numpy(), staticShape: null };
  const staticShape = t.shape.dims === null ? null : [...t.shape.dims];
  return { value: tf.Session().run(t) as tf.NDArray, staticShape };
}

function close(a: number, b: number, dtype: string): boolean {
  if (dtype !== 'float32') return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-3 + 1e-4 * Math.abs(b);
}

/** The property every case checks: the reference's answer, or a TF error where the reference refuses. */
function agrees(mode: Mode, build: () => tf.Tensor, expected: ref.Ref | null, dtype: DType | 'bool'): boolean {
  let got: ReturnType<typeof run>;
  try {
    got = run(mode, build);
  } catch (e) {
    if (isEngineBug(e)) throw e;
    if (expected !== null) throw new Error(`refused a valid call: ${(e as Error).name}: ${(e as Error).message}`);
    if (!TF_ERRORS.some((C) => e instanceof C)) throw e;
    return true;
  } finally {
    tf.disableEagerExecution();
  }
  if (expected === null) throw new Error(`accepted what TF refuses: got shape [${got.value.shape}]`);
  expect(got.value.shape).toEqual(expected.shape);
  if (got.staticShape !== null) expect(got.staticShape.every((d, i) => d === null || d === expected.shape[i])).toBe(true);
  expect(got.value.dtype).toBe(dtype);
  const data = Array.from(got.value.data);
  expect(data.every((v, i) => close(v, expected.data[i], dtype)), `${data} vs ${expected.data}`).toBe(true);
  return true;
}

const BINARY: Array<[string, (a: tf.NDArray, b: tf.NDArray) => tf.Tensor, (x: number, y: number) => number]> = [
  ['add', (a, b) => tf.add(a, b), (x, y) => x + y],
  ['subtract', (a, b) => tf.subtract(a, b), (x, y) => x - y],
  ['multiply', (a, b) => tf.multiply(a, b), (x, y) => x * y],
  ['maximum', (a, b) => tf.maximum(a, b), Math.max],
  ['minimum', (a, b) => tf.minimum(a, b), Math.min],
  ['squaredDifference', (a, b) => tf.squaredDifference(a, b), (x, y) => (x - y) ** 2],
];

const REDUCTIONS: Array<[string, typeof tf.reduceSum, (xs: number[]) => number, boolean]> = [
  ['reduceSum', tf.reduceSum, (xs) => xs.reduce((a, b) => a + b, 0), true],
  ['reduceMean', tf.reduceMean, (xs) => xs.reduce((a, b) => a + b, 0) / xs.length, false],
  ['reduceMax', tf.reduceMax, (xs) => Math.max(...xs), false],
  ['reduceMin', tf.reduceMin, (xs) => Math.min(...xs), false],
  ['reduceProd', tf.reduceProd, (xs) => xs.reduce((a, b) => a * b, 1), true],
];

describe.each(MODES)('fuzz, %s mode', (mode) => {
  it.each(BINARY)('%s broadcasts as numpy, or refuses incompatible shapes', (_name, op, f) => {
    const arb = fc.tuple(shapeArb, dtypeArb).chain(([s, d]) => fc.tuple(refArb(s, d), partnerShape(s).chain((t) => refArb(t, d)), fc.constant(d)));
    fc.assert(fc.property(arb, ([a, b, d]) => {
      const expected = ref.binary(a, b, (x, y) => (d === 'int32' ? f(x, y) | 0 : Math.fround(f(x, y))));
      return agrees(mode, () => op(ndarray(a, d), ndarray(b, d)), expected, d);
    }), { numRuns: RUNS / 2 });
  });

  it.each(REDUCTIONS)('%s over random axes, keepDims or not', (_name, op, f, emptyOk) => {
    const arb = tensorArb.chain(({ r, dtype }) => fc.tuple(fc.constant(r), fc.constant(dtype),
      fc.option(fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 3 }), { nil: undefined }), fc.boolean()));
    fc.assert(fc.property(arb, ([r, dtype, axes, keepDims]) => {
      fc.pre(emptyOk || r.data.length > 0);
      const expected = ref.reduce(r, axes, keepDims, (xs) => (dtype === 'int32' ? Math.trunc(f(xs)) : f(xs)));
      // A mean, max or min over no elements at all has no value worth comparing (TF: nan, -inf, inf).
      fc.pre(emptyOk || expected === null || !expected.data.some((v) => !Number.isFinite(v)));
      return agrees(mode, () => op(ndarray(r, dtype), axes, keepDims), expected, dtype);
    }), { numRuns: RUNS / 2 });
  });

  it('transpose with random permutations, valid or not', () => {
    const arb = tensorArb.chain(({ r, dtype }) => fc.tuple(fc.constant(r), fc.constant(dtype),
      fc.oneof(fc.shuffledSubarray([0, 1, 2].slice(0, r.shape.length), { minLength: r.shape.length, maxLength: r.shape.length }),
        fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }))));
    fc.assert(fc.property(arb, ([r, dtype, perm]) => agrees(mode, () => tf.transpose(ndarray(r, dtype), perm), ref.transpose(r, perm), dtype)), { numRuns: RUNS });
  });

  it('reshape to random shapes, with -1 or impossible sizes', () => {
    const arb = tensorArb.chain(({ r, dtype }) => fc.tuple(fc.constant(r), fc.constant(dtype), fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 3 })));
    fc.assert(fc.property(arb, ([r, dtype, target]) => agrees(mode, () => tf.reshape(ndarray(r, dtype), target), ref.reshape(r, target), dtype)), { numRuns: RUNS });
  });

  it('matmul of random rank-2 shapes with transposes', () => {
    const m2 = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }));
    const arb = fc.tuple(m2, m2, dtypeArb, fc.boolean(), fc.boolean(), fc.boolean())
      .chain(([s, t, d, ta, tb, rank1]) => fc.tuple(refArb(rank1 ? [s[0]] : s, d), refArb(t, d), fc.constant(d), fc.constant(ta), fc.constant(tb)));
    fc.assert(fc.property(arb, ([a, b, d, ta, tb]) => {
      const expected = ref.matmul(a, b, ta, tb);
      return agrees(mode, () => tf.matmul(ndarray(a, d), ndarray(b, d), ta, tb), expected && { ...expected, data: expected.data.map((v) => (d === 'int32' ? v | 0 : Math.fround(v))) }, d);
    }), { numRuns: RUNS });
  });

  it('argMax along random axes', () => {
    const arb = tensorArb.chain(({ r, dtype }) => fc.tuple(fc.constant(r), fc.constant(dtype), fc.integer({ min: -4, max: 4 })));
    fc.assert(fc.property(arb, ([r, dtype, axis]) => agrees(mode, () => tf.argMax(ndarray(r, dtype), axis), ref.argMax(r, axis), 'int32')), { numRuns: RUNS });
  });

  it('zeros, ones and fill of random, sometimes invalid, dimensions', () => {
    const dims = fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 2.5, NaN, 100, 2 ** 31)), { maxLength: 3 });
    fc.assert(fc.property(dims, dtypeArb, (shape, dtype) => {
      const valid = shape.every((d) => Number.isInteger(d) && d >= 0);
      const n = valid ? shape.reduce((a, b) => a * b, 1) : 0;
      const expected = valid && n < 1e7 ? { data: new Array<number>(n).fill(1), shape } : null;
      if (!valid || n >= 1e7) return agrees(mode, () => tf.ones(shape, dtype), null, dtype);
      return agrees(mode, () => tf.ones(shape, dtype), expected, dtype) && agrees(mode, () => tf.zeros(shape, dtype), { ...expected!, data: expected!.data.map(() => 0) }, dtype);
    }), { numRuns: RUNS });
  });

  it('unary ops keep shape and follow the reference', () => {
    const ops: Array<[(x: tf.NDArray) => tf.Tensor, (v: number) => number]> = [
      [(x) => tf.negative(x), (v) => -v], [(x) => tf.square(x), (v) => v * v], [(x) => tf.abs(x), Math.abs],
      [(x) => tf.relu(x), (v) => Math.max(v, 0)], [(x) => tf.tanh(x), Math.tanh], [(x) => tf.exp(x), Math.exp],
    ];
    const arb = fc.tuple(shapeArb.chain((s) => refArb(s, 'float32')), fc.integer({ min: 0, max: ops.length - 1 }));
    fc.assert(fc.property(arb, ([r, k]) => agrees(mode, () => ops[k][0](ndarray(r, 'float32')), ref.unary(r, (v) => Math.fround(ops[k][1](v))), 'float32')), { numRuns: RUNS });
  });

  it('cast between float32 and int32 truncates toward zero', () => {
    fc.assert(fc.property(tensorArb, ({ r, dtype }) => {
      const to: DType = dtype === 'int32' ? 'float32' : 'int32';
      const expected = ref.unary(r, (v) => (to === 'int32' ? Math.trunc(v) : v));
      return agrees(mode, () => tf.cast(ndarray(r, dtype), to), expected, to);
    }), { numRuns: RUNS });
  });

  it('tile by random multiples, the wrong count refused', () => {
    const arb = tensorArb.chain(({ r, dtype }) => fc.tuple(fc.constant(r), fc.constant(dtype), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })));
    fc.assert(fc.property(arb, ([r, dtype, m]) => agrees(mode, () => tf.tile(ndarray(r, dtype), m), ref.tile(r, m), dtype)), { numRuns: RUNS });
  });

  it('oneHot of random indices (out of range ones give all zeros) and depths', () => {
    const arb = fc.tuple(shapeArb, fc.integer({ min: 0, max: 4 })).chain(([s, depth]) => fc.tuple(
      fc.array(fc.integer({ min: -1, max: 5 }), { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }).map((data) => ({ data, shape: s })),
      fc.constant(depth)));
    fc.assert(fc.property(arb, ([ind, depth]) => agrees(mode, () => tf.oneHot(ndarray(ind, 'int32'), depth), ref.oneHot(ind, depth), 'float32')), { numRuns: RUNS });
  });

  it('softmax along a random axis', () => {
    const arb = fc.tuple(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }).chain((s) => refArb(s, 'float32')), fc.integer({ min: -3, max: 3 }));
    fc.assert(fc.property(arb, ([r, axis]) => agrees(mode, () => tf.softmax(ndarray(r, 'float32'), axis), ref.softmax(r, axis), 'float32')), { numRuns: RUNS });
  });
});
