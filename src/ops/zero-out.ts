// tf.zeroOut: the op from TensorFlow's "Create an op" guide, added the way a user adds one — through
// tf.registerOp — so it is the worked example of that API; the work is the native kernel zero_out.cc.
import type { Tensor } from '../graph/tensor.js';
import type { TensorLike } from './apply.js';
import { registerOp } from './custom-op.js';
import { declare } from './declare.js';

const zeroOutOp = registerOp({
  name: 'ZeroOut',
  inputs: ['to_zero'],
  // The seeds' kernel takes int32 only; float32 too here, so that its gradient (ZeroOut of the float
  // upstream gradient, ZeroOut_grad.ts) can use the op itself.
  dtypes: ['float32', 'int32'],
  attrs: { preserve_index: { type: 'int', default: 0, min: 0 } },
  // As in TF's guide, the index is checked by the kernel (OP_REQUIRES), so a graph with a bad index builds
  // and its run is the InvalidArgumentError; a user kernel's Error becomes one, naming the op.
  shape: ([toZero]) => toZero,
  kernel: ([toZero], { preserve_index: index }, ctx) => {
    const n = toZero.size;
    if ((index as number) >= n) {
      throw new Error(`preserve_index out of range: ${index} is not less than the ${n} element${n === 1 ? '' : 's'} of to_zero`);
    }
    return ctx.backend.zeroOut(toZero, index as number);
  },
});

export interface ZeroOutOptions {
  /** The element of the flattened input to keep (default 0); the op's attr `preserve_index`. */
  preserveIndex?: number;
  /** The op's name (uniquified); defaults to 'ZeroOut'. */
  name?: string;
}

/**
 * Keeps element `preserveIndex` of the flattened input and zeroes the rest: op `ZeroOut` (float32 or int32).
 * `tf.zeroOut([[1, 2], [3, 4]], { preserveIndex: 2 })` → [[0 0] [3 0]]. An index past the last element is a
 * ValueError at graph build when the shape is known, else an InvalidArgumentError when it runs.
 * ZeroOut is a built-in: `tf.registerOp({ name: 'ZeroOut', … })` is refused; give your own version another
 * name, e.g. 'MyZeroOut'.
 */
export const zeroOut: (toZero: TensorLike, options?: ZeroOutOptions) => Tensor = declare(
  'zeroOut(toZero: Tensor, { preserveIndex?, name?: string }): Tensor',
  'Keeps element `preserveIndex` (default 0) of the flattened input and zeroes the rest: op `ZeroOut`, the seeds\' custom-op example.',
  (toZero: TensorLike, options: ZeroOutOptions) => zeroOutOp(toZero, { name: options.name, preserve_index: options.preserveIndex }));
