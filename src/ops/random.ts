// Random tensors and seeds: TF 1.15's `random_uniform` / `random_normal` scopes, `tf.setRandomSeed`.
import { attr } from '../engine/attrs.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import { applyOp1 } from './apply.js';
import { constant } from './creation.js';
import { declare } from './declare.js';
import { resetEagerRandomCounters } from './defs/random-defs.js';
import { add, multiply, subtract } from './math.js';
import { scoped, type NameOption } from './scope.js';

export interface RandomOptions extends NameOption {
  dtype?: DType | string;
  /** Op-level seed: the same seed gives the same sequence of values in a new program or session. */
  seed?: number;
}

// A seedless op draws a key per process, so values differ between programs, as in TF.
const processSeed = (Math.random() * 0x7fffffff) | 0;
const DEFAULT_GRAPH_SEED = 87654321;
let globalSeed: number | null = null;
let seedlessOps = 0;

export const setRandomSeed: (seed: number) => void = declare(
  'setRandomSeed(seed: int): void',
  "Sets the global random seed (TF's tf.random.set_seed): every random op, seeded or not, then gives the same sequence each run.",
  (seed: number) => {
    globalSeed = seed;
    seedlessOps = 0;
    resetEagerRandomCounters();
  });

/**
 * Forgets the global seed and restarts every eager sequence, as a new process starts: `check` runs each
 * transcript this way, so one file's random values never depend on the file before it.
 */
export const resetRandomState: () => void = declare(
  'resetRandomState(): void',
  'Forgets the global seed and restarts every eager random sequence, as a new process starts.',
  () => {
    globalSeed = null;
    seedlessOps = 0;
    resetEagerRandomCounters();
  });

/** The seed `tf.setRandomSeed` set, or null: data sets seed their shuffling from it. */
export function currentGlobalSeed(): number | null {
  return globalSeed;
}

function seedAttrs(seed: number | undefined) {
  const [s1, s2] = seed !== undefined ? [globalSeed ?? DEFAULT_GRAPH_SEED, seed]
    : globalSeed !== null ? [globalSeed, ++seedlessOps] : [processSeed, processSeed ^ 0x5bd1e995];
  return { seed: attr.i(s1), seed2: attr.i(s2), dtype: attr.type('float32'), T: attr.type('int32') };
}

function checkFloat(dtype: DType | string | undefined, fn: string): void {
  if (dtype !== undefined && parseDType(dtype) !== 'float32') throw new ValueError(`${fn}: only float32 is supported, got ${dtype}`);
}

type UniformOptions = RandomOptions & { minval?: number; maxval?: number };
type NormalOptions = RandomOptions & { mean?: number; stddev?: number };

export const randomUniform: (shape: readonly number[], minval?: number | UniformOptions, maxval?: number, dtype?: DType | string, seed?: number, name?: string) => Tensor = declare(
  'randomUniform(shape: Dims, minval?: number, maxval?: number, dtype?: DType, seed?: int, name?: string): Tensor',
  "Uniform values in [minval, maxval) (default [0, 1)): TF's `random_uniform` scope (`RandomUniform`, `mul`, then `Add`).",
  (shape: readonly number[], o: UniformOptions) => {
    checkFloat(o.dtype, 'randomUniform');
    return uniform(shape, o);
  });

/** TF's random_uniform for a static shape or a shape tensor (tf.nn.dropout draws for `Shape(x)`). */
export function uniform(shape: readonly number[] | Tensor, o: UniformOptions): Tensor {
  return scoped(o.name ?? 'random_uniform', (scope) => {
    const shapeT = Array.isArray(shape) ? constant(Int32Array.from(shape), { dtype: 'int32', name: 'shape' }) : shape as Tensor;
    const min = constant(o.minval ?? 0, { dtype: 'float32', name: 'min' });
    const max = constant(o.maxval ?? 1, { dtype: 'float32', name: 'max' });
    const rnd = applyOp1('RandomUniform', [shapeT], seedAttrs(o.seed), { name: 'RandomUniform' });
    return add(multiply(rnd, subtract(max, min, { name: 'sub' }), { name: 'mul' }), min, { name: scope });
  });
}

export const randomNormal: (shape: readonly number[], mean?: number | NormalOptions, stddev?: number, dtype?: DType | string, seed?: number, name?: string) => Tensor = declare(
  'randomNormal(shape: Dims, mean?: number, stddev?: number, dtype?: DType, seed?: int, name?: string): Tensor',
  "Normal values with `mean` (0) and `stddev` (1): TF's `random_normal` scope (`RandomStandardNormal`, `mul`, `Add`).",
  (shape: readonly number[], o: NormalOptions) => normal('randomNormal', 'random_normal', 'RandomStandardNormal', shape, o));

export const truncatedNormal: (shape: readonly number[], mean?: number | NormalOptions, stddev?: number, dtype?: DType | string, seed?: number, name?: string) => Tensor = declare(
  'truncatedNormal(shape: Dims, mean?: number, stddev?: number, dtype?: DType, seed?: int, name?: string): Tensor',
  "Normal values redrawn until within 2 stddev of the mean (the usual weight initialiser, `tf.truncatedNormal([5, 5, 1, 32], { stddev: 0.1 })`): TF's `truncated_normal` scope (`TruncatedNormal`, `mul`, `Add`).",
  (shape: readonly number[], o: NormalOptions) => normal('truncatedNormal', 'truncated_normal', 'TruncatedNormal', shape, o));

function normal(fn: string, scopeName: string, type: string, shape: readonly number[], o: NormalOptions): Tensor {
  checkFloat(o.dtype, fn);
  return scoped(o.name ?? scopeName, (scope) => {
    const shapeT = constant(Int32Array.from(shape), { dtype: 'int32', name: 'shape' });
    const mean = constant(o.mean ?? 0, { dtype: 'float32', name: 'mean' });
    const stddev = constant(o.stddev ?? 1, { dtype: 'float32', name: 'stddev' });
    const rnd = applyOp1(type, [shapeT], seedAttrs(o.seed), { name: type });
    return add(multiply(rnd, stddev, { name: 'mul' }), mean, { name: scope });
  });
}
