// d prod(x, axes): each element's gradient is grad times the product of the OTHER elements it was
// multiplied with. Dividing the product by the element fails on zeros, so TF 1.15's _ProdGrad moves the
// reduced axes first, flattens to [reduced, other] and multiplies an exclusive cumprod from the left by
// one from the right. tensorshell has no Cumprod kernel; it forms the same "product of the others"
// directly: row i of an [n, n, m] stack is the input with row i replaced by ones (Tile, then Select
// with an identity mask), and a Prod over the middle axis gives Π_{j≠i} x[j] — exact with zeros, at the
// cost of n² · m elements for n reduced elements (the shapes must be known when the gradient is built).
import { NotImplementedError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { reshape, transpose } from '../ops/array.js';
import { constant } from '../ops/creation.js';
import { reduceProd } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { onesLike, tile, where } from '../ops/support.js';
import { sizeOf } from '../tensor/shape.js';
import { registerGradient, type GradOp } from './registry.js';
import { staticAxes, staticDims } from './shape-helpers.js';
import { sumGrad } from './Sum_grad.js';

/** Π_{j≠i} p[j, k] for each i, k of an [n, m] tensor, without division. */
function productOfOthers(p: Tensor, n: number, m: number): Tensor {
  const stacked = tile(reshape(p, [1, n, m]), [n, 1, 1]);
  const eye = new Array(n * n).fill(false).map((_, k) => Math.floor(k / n) === k % n);
  const mask = tile(constant(eye, { dtype: 'bool', shape: [n, n, 1] }), [1, 1, m]);
  return reduceProd(where(mask, onesLike(stacked), stacked), { axis: 1 });
}

function staticPlan(op: GradOp): { dims: number[]; reduced: number[]; other: number[] } {
  const x = op.inputs[0];
  const dims = staticDims(x);
  const reduced = staticAxes(op);
  if (dims === null || reduced === null) {
    throw new NotImplementedError(`Prod's gradient needs the shape of its input '${x.name}' ${x.shape.toString()} and its `
      + 'reduction axes known when the gradient is built. Give the placeholder a full shape (no null dims), '
      + 'or pass the axes as numbers.');
  }
  const other = dims.map((_, i) => i).filter((i) => !reduced.includes(i));
  return { dims, reduced, other };
}

registerGradient('Prod', (op, grad) => {
  const { dims, reduced, other } = staticPlan(op);
  const perm = [...reduced, ...other];
  const inverse = perm.map((_, i) => perm.indexOf(i));
  const n = sizeOf(reduced.map((a) => dims[a]));
  const m = sizeOf(other.map((a) => dims[a]));
  // grad spread over the input's shape, exactly as Sum's gradient spreads it.
  const spread = sumGrad(op, grad);
  const packed = reshape(transpose(op.inputs[0], { perm }), [n, m]);
  const others = reshape(productOfOthers(packed, n, m), perm.map((a) => dims[a]));
  return [reshape(sugar.mul(spread, transpose(others, { perm: inverse })) as Tensor, dims), null];
});
