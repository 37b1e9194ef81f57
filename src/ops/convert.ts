// Converting an op function's argument to a Tensor when the function needs its dtype or shape first.
import { Tensor } from '../graph/tensor.js';
import { toNDArray } from '../tensor/convert.js';
import type { DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { isConvertible } from './apply.js';
import { literalFits } from './literal-input.js';
import { constant } from './creation.js';

/** A tensor for `x`: tensors as they are, variables as their snapshot, literals as a Const named `name`. */
export function toTensorInput(x: unknown, dtypeHint: DType | undefined, name: string): Tensor {
  if (x instanceof Tensor) return x;
  if (isConvertible(x)) return x.toTensor(false);
  const dtype = dtypeHint !== undefined && literalFits(x, dtypeHint) ? dtypeHint : undefined;
  return constant(x as never, { dtype, name });
}

/** The rank of a tensor or literal, or null when unknown. */
export function staticRank(x: unknown): number | null {
  if (x instanceof Tensor) return x.shape.rank;
  if (isConvertible(x)) return x.toTensor(false).shape.rank;
  if (x instanceof NDArray) return x.rank;
  return toNDArray(x).rank;
}
