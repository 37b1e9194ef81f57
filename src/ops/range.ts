// tf.rank and tf.range (ops `Rank`, `Range`): what a reduction over every axis of a tensor of unknown rank
// is built from, and useful on their own (`tf.range(5)` → [0 1 2 3 4]).
import { attr } from '../engine/attrs.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import { inferDType } from '../tensor/convert.js';
import { applyOp1, isConvertible, type TensorLike } from './apply.js';
import { toTensorInput } from './convert.js';
import { declare } from './declare.js';
import { scoped, type NameOption } from './scope.js';
import { Tensor } from '../graph/tensor.js';

export const rank: (input: TensorLike, name?: string | NameOption) => Tensor = declare(
  'rank(input: Tensor, name?: string): Tensor',
  'The number of dimensions as an int32 scalar: op `Rank` (`tf.rank([[1, 2]])` → 2).',
  (x: TensorLike, o: NameOption) => applyOp1('Rank', [x], {}, { name: o.name }));

interface RangeOptions extends NameOption {
  limit?: TensorLike;
  delta?: TensorLike;
  dtype?: DType | string;
}

// A JS integer counts as Python's int here (a range of JS numbers is a range of indices), as a spelled one does.
const dtypeOf = (x: unknown): DType => (x instanceof Tensor ? x.dtype : isConvertible(x) ? x.toTensor(false).dtype
  : typeof x === 'number' && Number.isInteger(x) ? 'int32' : inferDType(x));

export const range: (start: TensorLike, limit?: TensorLike | RangeOptions, delta?: TensorLike, dtype?: DType | string, name?: string) => Tensor = declare(
  'range(start: Tensor, limit?: Tensor, delta?: Tensor, dtype?: DType, name?: string): Tensor',
  'start, start + delta, … up to (not including) limit: op `Range` (`tf.range(5)`, `tf.range(1, 10, 3)`).',
  (start: TensorLike, o: RangeOptions) => {
    const [first, limit] = o.limit === undefined ? [0, start] : [start, o.limit];
    const delta = o.delta ?? 1;
    const parts = [first, limit, delta];
    const dtype = o.dtype !== undefined ? parseDType(o.dtype) : parts.some((p) => dtypeOf(p) === 'float32') ? 'float32' : 'int32';
    return scoped(o.name ?? 'range', (scope) => {
      const [s, l, d] = parts.map((p, i) => toTensorInput(p, dtype, ['start', 'limit', 'delta'][i]));
      return applyOp1('Range', [s, l, d], { Tidx: attr.type(dtype) }, { name: scope });
    });
  });
