// Public functions for the ops gradients are built from, building what TF 1.15's Python functions build:
// add_n → `AddN`, tile → `Tile`, where → `Select`, zeros_like and ones_like → their own name scopes.
import { attr } from '../engine/attrs.js';
import { NotImplementedError, ValueError } from '../errors.js';
import { Tensor } from '../graph/tensor.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { sizeOf } from '../tensor/shape.js';
import { applyOp, applyOp1, isConvertible, type TensorLike } from './apply.js';
import { cast, identity, shape } from './array.js';
import { toTensorInput } from './convert.js';
import { constant, fill } from './creation.js';
import { declare } from './declare.js';
import { atomic, scoped, type NameOption } from './scope.js';

function knownDType(x: unknown): DType | undefined {
  if (x instanceof Tensor || x instanceof NDArray) return x.dtype;
  return isConvertible(x) ? x.toTensor(false).dtype : undefined;
}

export const addN: (inputs: readonly TensorLike[], name?: string | NameOption) => Tensor = declare(
  'addN(inputs: Tensor[], name?: string): Tensor',
  'Sums same-shape tensors elementwise: op `AddN` (`tf.addN([a, b, c])`); a single input comes back as it is.',
  (inputs: readonly TensorLike[], options: NameOption) => {
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new ValueError('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
    }
    return atomic(() => {
      // TF converts the list before opening the op's scope, so literals become top-level `Const`s; they take
      // the dtype of the first tensor in the list, as TF's op builder casts list elements.
      const hint = inputs.map(knownDType).find((d) => d !== undefined);
      const tensors = inputs.map((x) => toTensorInput(x, hint, 'Const'));
      if (tensors.length === 1) return options.name ? identity(tensors[0], { name: options.name }) : tensors[0];
      const attrs = { N: attr.i(tensors.length), T: attr.type(tensors[0].dtype) };
      return applyOp1('AddN', tensors, attrs, { name: options.name });
    });
  });

export const broadcastGradientArgs: (s0: TensorLike, s1: TensorLike, name?: string | NameOption) => [Tensor, Tensor] = declare(
  'broadcastGradientArgs(s0: Tensor, s1: Tensor, name?: string): [Tensor, Tensor]',
  'The axes to sum each gradient over to undo broadcasting: op `BroadcastGradientArgs` ([2, 3], [3] → [], [0]).',
  (s0: TensorLike, s1: TensorLike, options: NameOption): [Tensor, Tensor] => {
    const [r0, r1] = applyOp('BroadcastGradientArgs', [s0, s1], { T: attr.type('int32') }, { name: options.name });
    return [r0, r1];
  });

export const tile: (input: TensorLike, multiples: readonly number[] | TensorLike, name?: string | NameOption) => Tensor = declare(
  'tile(input: Tensor, multiples: int[] | Tensor, name?: string): Tensor',
  'Repeats input `multiples[i]` times along axis i: op `Tile` (`tf.tile([[1, 2]], [2, 1])` → [[1 2] [1 2]]).',
  (x: TensorLike, multiples: unknown, options: NameOption) => {
    return applyOp1('Tile', [x, multiples], { Tmultiples: attr.type('int32') }, { name: options.name });
  });

export const where: (condition: TensorLike, x?: TensorLike, y?: TensorLike, name?: string) => Tensor = declare(
  'where(condition: Tensor, x?: Tensor, y?: Tensor, name?: string): Tensor',
  'TF 1.x tf.where(condition, x, y): x where condition is true, else y, as op `Select` (a vector condition picks whole rows).',
  (condition: TensorLike, { x, y, ...options }: NameOption & { x?: TensorLike; y?: TensorLike }) => {
    if (x === undefined && y === undefined) {
      throw new NotImplementedError('tf.where(condition) without x and y (op Where: the coordinates of true elements) is not supported in tensorshell; pass x and y.');
    }
    if (x === undefined || y === undefined) throw new ValueError('x and y must both be non-None or both be None.');
    return applyOp1('Select', [condition, x, y], {}, { name: options.name });
  });

/** TF's zeros() for a static shape: a Const when under 1000 elements, else `shape_as_tensor`, `Const` and a Fill. */
function zerosOfShape(dims: number[], dtype: DType, scope: string): Tensor {
  const zero = dtype === 'bool' ? false : 0;
  if (sizeOf(dims) < 1000) return constant(zero, { dtype, shape: dims, name: scope });
  const shapeTensor = constant(Int32Array.from(dims), { dtype: 'int32', name: 'shape_as_tensor' });
  return fill(shapeTensor, constant(zero, { dtype, name: 'Const' }), { name: scope });
}

export const zerosLike: (tensor: TensorLike, dtype?: DType | NameOption, name?: string) => Tensor = declare(
  'zerosLike(tensor: Tensor, dtype?: DType, name?: string): Tensor',
  'Zeros with the shape (and dtype) of `tensor`: in a graph a Const named `zeros_like` for a static shape, else op `ZerosLike`.',
  (x: TensorLike, options: NameOption & { dtype?: DType }) => {
    return scoped(options.name ?? 'zeros_like', (scope) => {
      const t = toTensorInput(x, undefined, 'tensor');
      const dtype = options.dtype === undefined ? t.dtype : parseDType(options.dtype);
      if (scope !== undefined && t.shape.isFullyDefined) return zerosOfShape(t.shape.dims as number[], dtype, scope);
      const zeros = applyOp1('ZerosLike', [t], {}, { name: scope });
      return dtype === t.dtype ? zeros : cast(zeros, dtype);
  });
  });

export const onesLike: (tensor: TensorLike, dtype?: DType | NameOption, name?: string) => Tensor = declare(
  'onesLike(tensor: Tensor, dtype?: DType, name?: string): Tensor',
  "Ones with the shape (and dtype) of `tensor`: TF 1.15's `ones_like/Shape`, `ones_like/Const` and the Fill `ones_like`.",
  (x: TensorLike, options: NameOption & { dtype?: DType }) => {
    return scoped(options.name ?? 'ones_like', (scope) => {
      const t = toTensorInput(x, undefined, 'tensor');
      const dtype = options.dtype === undefined ? t.dtype : parseDType(options.dtype);
      if (scope === undefined) return dtype === t.dtype ? applyOp1('OnesLike', [t]) : cast(applyOp1('OnesLike', [t]), dtype);
      const dims = t.shape.isFullyDefined
        ? constant(Int32Array.from(t.shape.dims as number[]), { dtype: 'int32', name: 'Shape' })
        : shape(t, { name: 'Shape' });
      const out = fill(dims, constant(dtype === 'bool' ? true : 1, { dtype, name: 'Const' }), { name: scope });
      // TF's ones_like sets the input's static shape on the Fill, which alone would know only the rank.
      out.setShape(t.shape);
      return out;
  });
  });

export const invertPermutation: (x: TensorLike, name?: string | NameOption) => Tensor = declare(
  'invertPermutation(x: Tensor, name?: string): Tensor',
  'The inverse of a permutation vector: op `InvertPermutation` (`tf.invertPermutation([3, 4, 0, 2, 1])` → [2 4 3 0 1]).',
  (x: TensorLike, options: NameOption) => {
    return applyOp1('InvertPermutation', [x], {}, { name: options.name });
  });

export const stopGradient: (input: TensorLike, name?: string | NameOption) => Tensor = declare(
  'stopGradient(input: Tensor, name?: string): Tensor',
  'input unchanged, but gradients do not flow through it: op `StopGradient`.',
  (x: TensorLike, options: NameOption) => {
    return applyOp1('StopGradient', [x], {}, { name: options.name });
  });

export const size: (input: TensorLike, name?: string | NameOption) => Tensor = declare(
  'size(input: Tensor, name?: string, { outType?: DType }): Tensor',
  'The number of elements as an int32 scalar: op `Size` (`tf.size([[1, 2], [3, 4]])` → 4).',
  (x: TensorLike, options: NameOption & { outType?: string }) => {
    if (options.outType !== undefined && parseDType(options.outType) !== 'int32') throw new TypeError('tf.size(): outType must be int32 in tensorshell.');
    return applyOp1('Size', [x], { out_type: attr.type('int32') }, { name: options.name });
  });
