// Creating tensors: constants, placeholders, filled and random tensors.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../graph/tensor.js';
import { toNDArray } from '../tensor/convert.js';
import { allocate, parseDType, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { sizeOf, TensorShape, type Dim } from '../tensor/shape.js';
import { applyOp1 } from './apply.js';
import { add, multiply, scoped, subtract } from './math.js';
import { resetEagerRandomCounters } from './defs/random-defs.js';

export interface ConstantOptions {
  /** 'float32' (the default for JS numbers), 'int32' or 'bool'. */
  dtype?: DType | string;
  /** Reshape the value to this shape, or fill it when the value is a scalar. */
  shape?: readonly number[];
  name?: string;
}

/** A constant tensor: op `Const` (`tf.constant(1.0)`, `tf.constant([[3, 3]])`). */
export function constant(value: unknown, options: ConstantOptions = {}): Tensor {
  if (value instanceof Tensor) throw new TypeError(`tf.constant expects a JS value, got the tensor ${value.toString()}; use tf.identity to copy a tensor.`);
  const dtype = options.dtype === undefined ? undefined : parseDType(options.dtype);
  let nd = toNDArray(value, dtype);
  let fill = false;
  if (options.shape !== undefined) {
    const shape = [...options.shape];
    if (nd.size === 1 && sizeOf(shape) !== 1) {
      const data = allocate(nd.dtype, sizeOf(shape));
      data.fill(nd.data[0]);
      nd = new NDArray(data, shape, nd.dtype);
      fill = true;
    } else if (nd.size === sizeOf(shape)) {
      nd = nd.reshape(shape);
    } else {
      throw new ValueError(`Can't create a constant of shape [${shape.join(',')}] (${sizeOf(shape)} elements) from ${nd.size} values.`);
    }
  }
  if (executingEagerly()) return Tensor.eager(nd);
  const valueAttr = { ...attr.tensor(nd), fill } as ReturnType<typeof attr.tensor>;
  return applyOp1('Const', [], { dtype: attr.type(nd.dtype), value: valueAttr }, { name: options.name ?? 'Const' });
}

export interface PlaceholderOptions {
  /** Static shape; null entries are unknown (`[null, 2]` prints as `(?, 2)`). Omit for an unknown rank. */
  shape?: readonly Dim[] | null;
  name?: string;
}

/** A value fed at run time (`feedDict`): op `Placeholder`. Graph mode only, as in TF. */
export function placeholder(dtype: DType | string, options: PlaceholderOptions = {}): Tensor {
  if (executingEagerly()) throw new RuntimeError('tf.placeholder() is not compatible with eager execution.');
  const shape = new TensorShape(options.shape === undefined ? null : options.shape);
  return applyOp1('Placeholder', [], { dtype: attr.type(parseDType(dtype)), shape: attr.shape(shape) }, { name: options.name ?? 'Placeholder' });
}

export interface FillOptions {
  dtype?: DType | string;
  name?: string;
}

/** A tensor of zeros: a Const named `zeros` (`tf.zeros([2, 3])`). */
export function zeros(shape: readonly number[], options: FillOptions = {}): Tensor {
  return constant(0, { dtype: options.dtype ?? 'float32', shape, name: options.name ?? 'zeros' });
}

/** A tensor of ones: a Const named `ones`. */
export function ones(shape: readonly number[], options: FillOptions = {}): Tensor {
  return constant(1, { dtype: options.dtype ?? 'float32', shape, name: options.name ?? 'ones' });
}

/** A tensor of `dims` filled with `value`: op `Fill` (`tf.fill([2, 2], 7)`). */
export function fill(dims: readonly number[] | Tensor, value: unknown, options: { name?: string } = {}): Tensor {
  return applyOp1('Fill', [dims, value], { index_type: attr.type('int32') }, { name: options.name });
}

export interface RandomOptions {
  dtype?: DType | string;
  /** Op-level seed: the same seed gives the same sequence of values in a new program or session. */
  seed?: number;
  name?: string;
}

// A seedless op draws a key per process, so values differ between programs, as in TF.
const processSeed = (Math.random() * 0x7fffffff) | 0;
const DEFAULT_GRAPH_SEED = 87654321;
let globalSeed: number | null = null;
let seedlessOps = 0;

/**
 * Sets the global random seed (TF's `tf.random.set_seed`): afterwards every random op, seeded or not, gives
 * the same sequence each time the program runs, and eager sequences start again.
 */
export function setRandomSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new ValueError(`seed must be an integer, got ${seed}`);
  globalSeed = seed;
  seedlessOps = 0;
  resetEagerRandomCounters();
}

/**
 * Forgets the global seed and restarts every eager sequence, as a new process starts: `check` runs each
 * transcript this way, so one file's random values never depend on the file before it.
 */
export function resetRandomState(): void {
  globalSeed = null;
  seedlessOps = 0;
  resetEagerRandomCounters();
}

function seedAttrs(seed: number | undefined) {
  if (seed !== undefined && !Number.isInteger(seed)) throw new ValueError(`seed must be an integer, got ${seed}`);
  const [s1, s2] = seed !== undefined ? [globalSeed ?? DEFAULT_GRAPH_SEED, seed]
    : globalSeed !== null ? [globalSeed, ++seedlessOps] : [processSeed, processSeed ^ 0x5bd1e995];
  return { seed: attr.i(s1), seed2: attr.i(s2), dtype: attr.type('float32'), T: attr.type('int32') };
}

function checkFloat(dtype: DType | string | undefined, fn: string): void {
  if (dtype !== undefined && parseDType(dtype) !== 'float32') throw new ValueError(`${fn}: only float32 is supported, got ${dtype}`);
}

/** Uniform values in [minval, maxval): TF's `random_uniform` scope (`RandomUniform`, `mul`, then `Add`). */
export function randomUniform(shape: readonly number[], options: RandomOptions & { minval?: number; maxval?: number } = {}): Tensor {
  checkFloat(options.dtype, 'randomUniform');
  return scoped(options.name ?? 'random_uniform', (scope) => {
    const shapeT = constant(Int32Array.from(shape), { dtype: 'int32', name: 'shape' });
    const min = constant(options.minval ?? 0, { name: 'min' });
    const max = constant(options.maxval ?? 1, { name: 'max' });
    const rnd = applyOp1('RandomUniform', [shapeT], seedAttrs(options.seed), { name: 'RandomUniform' });
    return add(multiply(rnd, subtract(max, min, { name: 'sub' }), { name: 'mul' }), min, { name: scope });
  });
}

/** Normal values with `mean` and `stddev`: TF's `random_normal` scope (`RandomStandardNormal`, `mul`, `Add`). */
export function randomNormal(shape: readonly number[], options: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  checkFloat(options.dtype, 'randomNormal');
  return scoped(options.name ?? 'random_normal', (scope) => {
    const shapeT = constant(Int32Array.from(shape), { dtype: 'int32', name: 'shape' });
    const mean = constant(options.mean ?? 0, { name: 'mean' });
    const stddev = constant(options.stddev ?? 1, { name: 'stddev' });
    const rnd = applyOp1('RandomStandardNormal', [shapeT], seedAttrs(options.seed), { name: 'RandomStandardNormal' });
    return add(multiply(rnd, stddev, { name: 'mul' }), mean, { name: scope });
  });
}
