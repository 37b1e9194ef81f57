// What stands for a tensor among an op's inputs besides a Tensor: a Variable, which converts itself.
import type { KernelInput } from '../engine/registry.js';
import type { Tensor } from '../graph/tensor.js';
import type { NDArray } from '../tensor/ndarray.js';

/** Anything that stands for a tensor in an op's inputs: a Variable converts itself. */
export interface TensorConvertible {
  /** The tensor to use as an input: the snapshot (`Variable/read:0`), or the ref for Assign-like inputs. */
  toTensor(asRef: boolean): Tensor;
  /** Eager variables: the storage an Assign kernel writes. */
  eagerRef?(): KernelInput;
}

export type TensorLike = Tensor | TensorConvertible | NDArray | number | boolean | TensorLike[] | Float32Array | Int32Array | Uint8Array;

export function isConvertible(x: unknown): x is TensorConvertible {
  return typeof x === 'object' && x !== null && typeof (x as TensorConvertible).toTensor === 'function';
}
