// Creating tensors: constants, placeholders, zeros, ones and filled tensors, in TF 1.15's argument order
// (`tf.constant(1, tf.int32)`, `tf.placeholder(tf.float32, [null, 784])`, `tf.zeros([2, 3], tf.int32)`).
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../graph/tensor.js';
import { toNDArray } from '../tensor/convert.js';
import { allocate, parseDType, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { sizeOf, TensorShape, type Dim } from '../tensor/shape.js';
import { applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';
import type { NameOption } from './scope.js';

export interface ConstantOptions extends NameOption {
  /** 'float32' (the default for JS numbers), 'int32' or 'bool'. */
  dtype?: DType | string;
  /** Reshape the value to this shape, or fill it when the value is a scalar. */
  shape?: readonly number[];
  verifyShape?: boolean;
}

function constantImpl(value: unknown, o: ConstantOptions): Tensor {
  if (value instanceof Tensor) throw new TypeError(`tf.constant expects a JS value, got the tensor ${value.toString()}; use tf.identity to copy a tensor.`);
  const dtype = o.dtype === undefined ? undefined : parseDType(o.dtype);
  let nd = toNDArray(value, dtype);
  let fill = false;
  if (o.shape !== undefined) {
    const shape = [...o.shape];
    if (o.verifyShape && (nd.rank !== shape.length || nd.shape.some((d, i) => d !== shape[i]))) {
      throw new TypeError(`Expected Tensor's shape: (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), got (${nd.shape.join(', ')}${nd.rank === 1 ? ',' : ''}).`);
    }
    if (nd.size === 1 && sizeOf(shape) !== 1) {
      const data = allocate(nd.dtype, sizeOf(shape), shape);
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
  return applyOp1('Const', [], { dtype: attr.type(nd.dtype), value: valueAttr }, { name: o.name ?? 'Const' });
}

export const constant: (value: unknown, dtype?: DType | string | ConstantOptions, shape?: readonly number[], name?: string) => Tensor = declare(
  'constant(value: unknown, dtype?: DType, shape?: Dims, name?: string, { verifyShape?: boolean }): Tensor',
  'A constant tensor: op `Const` (`tf.constant(1.0)`, `tf.constant([[3, 3]])`, `tf.constant(0, tf.int32, [2, 2])`).',
  constantImpl);

export interface PlaceholderOptions extends NameOption {
  /** Static shape; null entries are unknown (`[null, 2]` prints as `(?, 2)`). Omit for an unknown rank. */
  shape?: readonly Dim[] | null;
}

export const placeholder: (dtype: DType | string, shape?: readonly Dim[] | PlaceholderOptions, name?: string) => Tensor = declare(
  'placeholder(dtype: DType, shape?: Shape, name?: string): Tensor',
  'A value fed at run time (`feedDict`): op `Placeholder` (`tf.placeholder(tf.float32, [null, 784])`). Graph mode only, as in TF.',
  (dtype: string, o: PlaceholderOptions) => {
    if (executingEagerly()) throw new RuntimeError('tf.placeholder() is not compatible with eager execution.');
    const shape = new TensorShape(o.shape === undefined ? null : o.shape);
    return applyOp1('Placeholder', [], { dtype: attr.type(parseDType(dtype)), shape: attr.shape(shape) }, { name: o.name ?? 'Placeholder' });
  });

export interface FillOptions extends NameOption {
  dtype?: DType | string;
}

type Filled = (shape: readonly number[], dtype?: DType | string | FillOptions, name?: string) => Tensor;

const filled = (fn: string, value: number, doc: string): Filled => declare(
  `${fn}(shape: Dims, dtype?: DType, name?: string): Tensor`, doc,
  (shape: readonly number[], o: FillOptions) => constantImpl(value, { dtype: o.dtype ?? 'float32', shape, name: o.name ?? fn }));

export const zeros = filled('zeros', 0, 'A tensor of zeros, float32 unless a dtype is given: a Const named `zeros` (`tf.zeros([2, 3])`).');
export const ones = filled('ones', 1, 'A tensor of ones, float32 unless a dtype is given: a Const named `ones`.');

export const fill: (dims: readonly number[] | TensorLike, value: TensorLike, name?: string | NameOption) => Tensor = declare(
  'fill(dims: int[] | Tensor, value: Tensor, name?: string): Tensor',
  'A tensor of `dims` filled with `value`: op `Fill` (`tf.fill([2, 2], 7)`).',
  (dims: unknown, value: unknown, o: NameOption) => applyOp1('Fill', [dims, value], { index_type: attr.type('int32') }, { name: o.name }));
