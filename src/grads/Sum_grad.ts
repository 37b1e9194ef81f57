// d sum(x) spreads the gradient back over the summed axes: Reshape to the kept-dims shape, then Tile.
// Mean divides that by the number of elements each output averaged.
import type { Tensor } from '../graph/tensor.js';
import { cast, reshape, shape } from '../ops/array.js';
import { constant } from '../ops/creation.js';
import { divide, maximum, floorDiv, reduceProd } from '../ops/math.js';
import { tile } from '../ops/support.js';
import { keptDimsShape, staticAxes } from './shape-helpers.js';
import { registerGradient, type GradOp } from './registry.js';

export function sumGrad(op: GradOp, grad: Tensor): Tensor {
  const x = op.inputs[0];
  const dims = x.shape.dims;
  const axes = staticAxes(op);
  // TF's fast path when every axis is reduced in order: Reshape to [1, …, 1], Tile by the input shape.
  if (dims !== null && axes !== null && axes.length === dims.length && axes.every((a, i) => a === i)) {
    const flat = reshape(grad, new Array<number>(dims.length).fill(1));
    const inputShape = x.shape.isFullyDefined ? constant(Int32Array.from(dims as number[]), { dtype: 'int32' }) : shape(x);
    return tile(flat, inputShape);
  }
  const kept = keptDimsShape(op);
  const scaling = Array.isArray(kept) ? (dims as number[]).map((d, i) => (kept[i] === d ? 1 : d)) : floorDiv(shape(x), maximum(kept, 1));
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
