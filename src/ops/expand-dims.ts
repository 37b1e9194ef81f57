// tf.expandDims: op `ExpandDims` (a size-1 axis inserted at `axis`; -1 appends).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';
import type { NameOption } from './scope.js';

export const expandDims: (input: TensorLike, axis: number | TensorLike, name?: string | NameOption) => Tensor = declare(
  'expandDims(input: Tensor, axis: int | Tensor, name?: string): Tensor',
  'input with a size-1 axis inserted at `axis` (-1 appends): op `ExpandDims` (`tf.expandDims(v, -1)` makes [n] a column [n, 1]).',
  (input: TensorLike, axis: number | TensorLike, o: NameOption) => applyOp1('ExpandDims', [input, axis], { Tdim: { kind: 'type', value: 'int32' } }, { name: o.name }));
