// Public array ops: reshape, transpose, shape, cast, identity, oneHot.
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import { applyOp1, type TensorLike } from './apply.js';
import { toTensorInput } from './convert.js';
import { atomic, castAttrs, scoped, type NameOption } from './math.js';

/** The same values in a new shape (one entry may be -1): op `Reshape` (`tf.reshape(x, [2, -1])`). */
export function reshape(x: TensorLike, shape: readonly number[] | TensorLike, options: NameOption = {}): Tensor {
  return applyOp1('Reshape', [x, shape], { Tshape: attr.type('int32') }, { name: options.name });
}

/** Permutes axes (reverses them by default): op `transpose` of type Transpose, with its `transpose/perm`. */
export function transpose(x: TensorLike, options: NameOption & { perm?: readonly number[] } = {}): Tensor {
  return scoped(options.name ?? 'transpose', (scope) => {
    const input = toTensorInput(x, undefined, 'a');
    const rank = input.shape.rank;
    if (options.perm === undefined && rank === null) throw new TypeError('transpose of a tensor of unknown rank needs {perm}');
    const perm = options.perm ?? Array.from({ length: rank! }, (_, i) => rank! - 1 - i);
    return applyOp1('Transpose', [input, Int32Array.from(perm)], { Tperm: attr.type('int32') }, { name: scope });
  });
}

/** The shape of a tensor as a 1-D int32 tensor: op `Shape` (`tf.shape(v)` → [2 2 3]). */
export function shape(x: TensorLike, options: NameOption = {}): Tensor {
  return applyOp1('Shape', [x], { out_type: attr.type('int32') }, { name: options.name });
}

/** Converts to `dtype`: op `Cast`; returns `x` unchanged when it already has that dtype, as TF does. */
export function cast(x: TensorLike, dtype: DType | string, options: NameOption = {}): Tensor {
  const to = parseDType(dtype);
  return atomic(() => {
    const input = toTensorInput(x, undefined, 'x');
    if (input.dtype === to) return input;
    return applyOp1('Cast', [input], castAttrs(input.dtype, to), { name: options.name ?? 'Cast' });
  });
}

/** A copy of `x`: op `Identity`. */
export function identity(x: TensorLike, options: NameOption = {}): Tensor {
  return applyOp1('Identity', [x], {}, { name: options.name });
}

export interface OneHotOptions extends NameOption {
  onValue?: number;
  offValue?: number;
  /** Where the new axis goes (-1: last). */
  axis?: number;
  dtype?: DType | string;
}

/** One-hot encoding of int32 indices: op `one_hot` of type OneHot (`tf.oneHot([0, 2], 3)`). */
export function oneHot(indices: TensorLike, depth: number, options: OneHotOptions = {}): Tensor {
  const dtype = parseDType(options.dtype ?? 'float32');
  return scoped(options.name ?? 'one_hot', (scope) => {
    const ind = toTensorInput(indices, 'int32', 'indices');
    const on = toTensorInput(options.onValue ?? 1, dtype, 'on_value');
    const off = toTensorInput(options.offValue ?? 0, dtype, 'off_value');
    return applyOp1('OneHot', [ind, depth, on, off], { axis: attr.i(options.axis ?? -1), TI: attr.type('int32') }, { name: scope });
  });
}
