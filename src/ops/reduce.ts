// Reductions, arg-reductions and softmax, with TF 1.15's positional forms: `tf.reduceSum(x, 1)`,
// `tf.reduceMean(x, [0], true)`, `tf.argMax(y, 1)`, `tf.softmax(x, 0)`.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import type { Tensor } from '../graph/tensor.js';
import { InvalidArgumentError } from '../errors.js';
import { TensorShape } from '../tensor/shape.js';
import { applyOp1, type TensorLike } from './apply.js';
import { transpose } from './array.js';
import { staticRank, toTensorInput } from './convert.js';
import { constant } from './creation.js';
import { declare } from './declare.js';
import { reductionAttrs } from './defs/reduce-defs.js';
import { range, rank as rankOf } from './range.js';
import { atomic, type NameOption } from './scope.js';

export interface ReduceOptions extends NameOption {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  axis?: number | number[] | TensorLike;
  keepDims?: boolean;
}

type Reduction = (inputTensor: TensorLike, axis?: number | number[] | TensorLike | ReduceOptions, keepDims?: boolean, name?: string) => Tensor;

/**
 * TF's _ReductionDims: every axis, as a Const when the rank is known, else `range(0, Rank(x))`, built
 * before (outside) the reduction op, as TF does.
 */
function allAxes(x: TensorLike): TensorLike {
  const rank = staticRank(x);
  if (rank !== null) return constant(Int32Array.from({ length: rank }, (_, i) => i), { dtype: 'int32' });
  return range(0, rankOf(x));
}

function reduction(fn: string, type: string, what: string): Reduction {
  return declare(`${fn}(inputTensor: Tensor, axis?: int | int[] | Tensor, keepDims?: boolean, name?: string): Tensor`,
    `${what} over \`axis\` (all axes when omitted): op \`${type}\` (\`tf.${fn}(x, 1)\`, \`tf.${fn}(x, { axis: 1, keepDims: true })\`).`,
    (x: TensorLike, o: ReduceOptions) => atomic(() => {
      const input = executingEagerly() ? x : toTensorInput(x, undefined, 'input_tensor');
      const keepDims = o.keepDims ?? false;
      const out = applyOp1(type, [input, o.axis ?? allAxes(input)], reductionAttrs(keepDims), { name: o.name });
      // TF's _may_reduce_to_scalar: reducing everything without keepdims is a scalar, rank known or not.
      if (o.axis === undefined && !keepDims && !out.isEager) out.setShape(new TensorShape([]));
      return out;
    }));
}

export const reduceSum = reduction('reduceSum', 'Sum', 'Sum');
export const reduceMean = reduction('reduceMean', 'Mean', 'Mean');
export const reduceMax = reduction('reduceMax', 'Max', 'Maximum');
export const reduceMin = reduction('reduceMin', 'Min', 'Minimum');
export const reduceProd = reduction('reduceProd', 'Prod', 'Product');

export interface ArgOptions extends NameOption {
  /** Axis to search (default 0, as TF 1.x). */
  axis?: number | TensorLike;
  outputType?: string;
}

type ArgReduction = (input: TensorLike, axis?: number | TensorLike | ArgOptions, name?: string) => Tensor;

function argReduction(fn: string, type: string, what: string): ArgReduction {
  return declare(`${fn}(input: Tensor, axis?: int | Tensor, name?: string, { outputType?: DType }): Tensor`,
    `Index of the ${what} value along \`axis\` (default 0, as TF 1.x): op \`${type}\`, int32 result (\`tf.${fn}(y, 1)\`).`,
    (x: TensorLike, o: ArgOptions) => {
      if (o.outputType !== undefined && o.outputType !== 'int32') {
        throw new TypeError(`tf.${fn}(): outputType ${o.outputType} is not supported; tensorshell's ${type} returns int32.`);
      }
      return applyOp1(type, [x, o.axis ?? 0], { output_type: attr.type('int32'), Tidx: attr.type('int32') }, { name: o.name });
    });
}

export const argMax = argReduction('argMax', 'ArgMax', 'largest');
export const argMin = argReduction('argMin', 'ArgMin', 'smallest');

export const softmax: (logits: TensorLike, axis?: number | NameOption & { axis?: number }, name?: string) => Tensor = declare(
  'softmax(logits: Tensor, axis?: int, name?: string): Tensor',
  'exp(x) / sum(exp(x)) along `axis` (default -1, the last): op `Softmax`; another axis is transposed to the end and back.',
  (logits: TensorLike, o: NameOption & { axis?: number }) => {
    if (o.axis === undefined || o.axis === -1) return applyOp1('Softmax', [logits], {}, { name: o.name });
    return atomic(() => {
      const x = toTensorInput(logits, undefined, 'logits');
      const rank = x.shape.rank;
      if (rank === null) throw new TypeError('tf.softmax(): an axis other than -1 needs a tensor of known rank.');
      if (o.axis! < -rank || o.axis! >= rank) {
        throw new InvalidArgumentError(`Dimension (${o.axis}) must be in the range [${-rank}, ${rank}) where ${rank} is the number of dimensions in the input.`);
      }
      const axis = (o.axis! + rank) % rank;
      if (axis === rank - 1) return applyOp1('Softmax', [x], {}, { name: o.name });
      const perm = Array.from({ length: rank }, (_, i) => (i === axis ? rank - 1 : i === rank - 1 ? axis : i));
      return transpose(applyOp1('Softmax', [transpose(x, perm)]), perm, o.name);
    });
  });
