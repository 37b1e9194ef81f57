// d sum(x) spreads the gradient back over the summed axes: Reshape to the kept-dims shape, then Tile.
// Mean divides that by the number of elements each output averaged.
import type { Tensor } from '../graph/tensor.js';
import { cast, reshape, shape } from '../ops/array.js';
import { constant } from '../ops/creation.js';
import { divide, maximum, floorDiv, reduceProd } from '../ops/math.js';
import { tile } from '../ops/support.js';
import { normalizeAxis } from '../tensor/shape.js';
import { sumAxes } from './helpers.js';
import { registerGradient, type GradOp } from './registry.js';

/** The constant reduction axes of a Sum/Mean op, or null when they are computed at run time. */
function constAxes(op: GradOp): number[] | null {
  const axes = op.inputs[1];
  const value = axes.isEager ? axes.numpy() : axes.op.type === 'Const' ? (axes.op.attrs.value.value as { data: Int32Array }) : null;
  return value === null ? null : Array.from(value.data);
}

export function sumGrad(op: GradOp, grad: Tensor): Tensor {
  const x = op.inputs[0];
  const dims = x.shape.dims;
  const axes = constAxes(op);
  if (dims !== null && axes !== null) {
    const rank = dims.length;
    // TF's fast path when every axis is reduced in order: Reshape to [1, …, 1], Tile by the input shape.
    if (axes.length === rank && axes.every((a, i) => a === i)) {
      const flat = reshape(grad, new Array<number>(rank).fill(1));
      const inputShape = x.shape.isFullyDefined ? constant(Int32Array.from(dims as number[]), { dtype: 'int32' }) : shape(x);
      return tile(flat, inputShape);
    }
    if (x.shape.isFullyDefined) {
      const reduced = new Set(axes.map((a) => normalizeAxis(a, rank)));
      const kept = (dims as number[]).map((d, i) => (reduced.has(i) ? 1 : d));
      const scaling = (dims as number[]).map((d, i) => (reduced.has(i) ? d : 1));
      return tile(reshape(grad, kept), scaling);
    }
  }
  // Shapes known only at run time: the kept-dims shape is the shape of a keep-dims Sum of the input.
  const inputShape = shape(x);
  const kept = shape(sumAxes(x, op.inputs[1], true));
  const scaling = floorDiv(inputShape, maximum(kept, 1));
  return tile(reshape(grad, kept), scaling);
}

registerGradient('Sum', (op, grad) => [sumGrad(op, grad), null]);

registerGradient('Mean', (op, grad) => {
  const sum = sumGrad(op, grad);
  const inSize = op.inputs[0].shape.numElements();
  const outSize = op.outputs[0].shape.numElements();
  if (inSize !== null && outSize !== null) {
    return [divide(sum, constant(Math.floor(inSize / Math.max(outSize, 1)), { dtype: sum.dtype })), null];
  }
  const factor = floorDiv(reduceProd(shape(op.inputs[0])), maximum(reduceProd(shape(op.outputs[0])), 1));
  return [divide(sum, cast(factor, sum.dtype)), null];
});
