// The primitive kernel set every device implements, on NDArrays. Ops are written against this interface
// once; the CPU and GPU backends differ only in which native KernelSet they call.
import type { NDArray } from '../tensor/ndarray.js';
import type { DType } from '../tensor/dtype.js';

export interface Backend {
  /** 'CPU' or 'GPU'. */
  readonly deviceType: string;
  /** numpy-broadcasting binary op; comparisons return bool. Throws InvalidArgumentError on incompatible shapes. */
  binary(op: number, a: NDArray, b: NDArray): NDArray;
  unary(op: number, x: NDArray): NDArray;
  /** Reduces over `axes` (normalised, ascending, unique). */
  reduce(op: number, x: NDArray, axes: readonly number[], keepDims: boolean): NDArray;
  argReduce(op: number, x: NDArray, axis: number): NDArray;
  /** Rank-2 matmul; throws InvalidArgumentError when inner dimensions differ. */
  matmul(a: NDArray, b: NDArray, transA: boolean, transB: boolean): NDArray;
  transpose(x: NDArray, perm: readonly number[]): NDArray;
  cast(x: NDArray, dtype: DType): NDArray;
  random(kind: number, shape: readonly number[], seed: number, stream: number, counter: number): NDArray;
  zeroOut(x: NDArray, index: number): NDArray;
}
