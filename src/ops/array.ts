// Public array ops: reshape, transpose, shape, cast, identity, oneHot.
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import { applyOp1, type TensorLike } from './apply.js';
import { toTensorInput } from './convert.js';
import { declare } from './declare.js';
import { atomic, castAttrs, scoped, type NameOption } from './scope.js';

export const reshape: (tensor: TensorLike, shape: readonly number[] | TensorLike, name?: string | NameOption) => Tensor = declare(
  'reshape(tensor: Tensor, shape: int[] | Tensor, name?: string): Tensor',
  'The same values in a new shape (one entry may be -1): op `Reshape` (`tf.reshape(x, [2, -1])`).',
  (x: TensorLike, shape: unknown, o: NameOption) => applyOp1('Reshape', [x, shape], { Tshape: attr.type('int32') }, { name: o.name }));

export const transpose: (a: TensorLike, perm?: readonly number[] | NameOption & { perm?: readonly number[] }, name?: string) => Tensor = declare(
  'transpose(a: Tensor, perm?: int[], name?: string): Tensor',
  'Permutes axes (reverses them by default): op `transpose` of type Transpose, with its `transpose/perm`.',
  (x: TensorLike, o: NameOption & { perm?: readonly number[] }) => scoped(o.name ?? 'transpose', (scope) => {
    const input = toTensorInput(x, undefined, 'a');
    const rank = input.shape.rank;
    if (o.perm === undefined && rank === null) throw new TypeError('transpose of a tensor of unknown rank needs a perm');
    const perm = o.perm ?? Array.from({ length: rank! }, (_, i) => rank! - 1 - i);
    return applyOp1('Transpose', [input, Int32Array.from(perm)], { Tperm: attr.type('int32') }, { name: scope });
  }));

export const shape: (input: TensorLike, name?: string | NameOption) => Tensor = declare(
  'shape(input: Tensor, name?: string, { outType?: DType }): Tensor',
  'The shape of a tensor as a 1-D int32 tensor: op `Shape` (`tf.shape(v)` → [2 2 3]).',
  (x: TensorLike, o: NameOption & { outType?: string }) => {
    if (o.outType !== undefined && parseDType(o.outType) !== 'int32') throw new TypeError('tf.shape(): outType must be int32 in tensorshell.');
    return applyOp1('Shape', [x], { out_type: attr.type('int32') }, { name: o.name });
  });

export const cast: (x: TensorLike, dtype: DType | string, name?: string | NameOption) => Tensor = declare(
  'cast(x: Tensor, dtype: DType, name?: string): Tensor',
  'Converts to `dtype`: op `Cast`; returns `x` unchanged when it already has that dtype, as TF does.',
  (x: TensorLike, dtype: string, o: NameOption) => {
    const to = parseDType(dtype);
    return atomic(() => {
      const input = toTensorInput(x, undefined, 'x');
      if (input.dtype === to) return input;
      return applyOp1('Cast', [input], castAttrs(input.dtype, to), { name: o.name ?? 'Cast' });
    });
  });

export const identity: (input: TensorLike, name?: string | NameOption) => Tensor = declare(
  'identity(input: Tensor, name?: string): Tensor',
  'A copy of `input`: op `Identity`.',
  (x: TensorLike, o: NameOption) => applyOp1('Identity', [x], {}, { name: o.name }));

export interface OneHotOptions extends NameOption {
  onValue?: number;
  offValue?: number;
  /** Where the new axis goes (-1: last). */
  axis?: number;
  dtype?: DType | string;
}

export const oneHot: (indices: TensorLike, depth: number, onValue?: number | OneHotOptions, offValue?: number, axis?: number, dtype?: DType | string, name?: string) => Tensor = declare(
  'oneHot(indices: Tensor, depth: int, onValue?: number, offValue?: number, axis?: int, dtype?: DType, name?: string): Tensor',
  'One-hot encoding of int32 indices: op `one_hot` of type OneHot (`tf.oneHot([0, 2], 3)`).',
  (indices: TensorLike, depth: number, o: OneHotOptions) => {
    const dtype = parseDType(o.dtype ?? 'float32');
    return scoped(o.name ?? 'one_hot', (scope) => {
      const ind = toTensorInput(indices, 'int32', 'indices');
      const on = toTensorInput(o.onValue ?? 1, dtype, 'on_value');
      const off = toTensorInput(o.offValue ?? 0, dtype, 'off_value');
      return applyOp1('OneHot', [ind, depth, on, off], { axis: attr.i(o.axis ?? -1), TI: attr.type('int32') }, { name: scope });
    });
  });
