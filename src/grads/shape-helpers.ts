// Shape facts the array and reduction gradients share: values known before anything runs (so a graph
// gets Consts instead of shape arithmetic, as TF's static paths do), the kept-dims shape of a reduction,
// and TF's array_ops.zeros(shape_tensor).
import type { DType } from '../tensor/dtype.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor } from '../graph/tensor.js';
import { shape } from '../ops/array.js';
import { constant, fill } from '../ops/creation.js';
import { scoped } from '../ops/scope.js';
import { sumAxes } from './helpers.js';
import type { GradOp } from './registry.js';

/** The integers in `t` when they are known at build time (an eager tensor or a Const), else null. */
export function staticInts(t: Tensor): number[] | null {
  if (t.isEager) return Array.from(t.numpy().data);
  if (t.op.type !== 'Const') return null;
  return Array.from((t.op.attrs.value.value as { data: ArrayLike<number> }).data);
}

/** The input's dims when every one is known (always in eager mode), else null. */
export function staticDims(t: Tensor): number[] | null {
  return t.shape.isFullyDefined ? [...(t.shape.dims as number[])] : null;
}

/** The distinct reduction axes of a reduction op, made non-negative, or null when not known at build time. */
export function staticAxes(op: GradOp): number[] | null {
  const axes = staticInts(op.inputs[1]);
  const rank = op.inputs[0].shape.rank;
  if (axes === null || rank === null) return null;
  return [...new Set(axes.map((a) => normalizeAxis(a, rank) ?? a))];
}

/**
 * TF's math_ops.reduced_shape: the reduction's output shape with the reduced axes kept as 1. Static dims
 * when the input shape and axes are known; otherwise the shape of a keep-dims Sum of the input, which
 * has exactly that shape (tensorshell has no DynamicStitch to build it the way TF does).
 */
export function keptDimsShape(op: GradOp): number[] | Tensor {
  const dims = staticDims(op.inputs[0]);
  const axes = staticAxes(op);
  if (dims !== null && axes !== null) return dims.map((d, i) => (axes.includes(i) ? 1 : d));
  return shape(sumAxes(op.inputs[0], op.inputs[1], true));
}

/** TF's array_ops.zeros(shape_tensor, dtype): scope `zeros` with `zeros/Const` and the Fill named `zeros`. */
export function zerosOfShape(s: Tensor, dtype: DType): Tensor {
  return scoped('zeros', (scope) => fill(s, constant(0, { dtype, name: 'Const' }), { name: scope ?? 'zeros' }));
}
