// tile(x, multiples) repeats x, so x's gradient sums grad over the copies. TF 1.15's _TileGrad reshapes
// grad to the interleaved shape [m0, d0, m1, d1, …] — copy index, then position within the copy, per axis
// — and sums the even (copy) axes. Known shapes give that shape as a Const; otherwise it is computed.
import { NotImplementedError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { reshape, shape } from '../ops/array.js';
import { constant } from '../ops/creation.js';
import * as sugar from '../ops/operators.js';
import { sumAxes } from './helpers.js';
import { registerGradient } from './registry.js';
import { staticDims, staticInts } from './shape-helpers.js';

/**
 * [m0, d0, m1, d1, …] from the multiples and input shape at run time. TF stacks and transposes them;
 * tensorshell has no Pack op, so the [rank, 2] matrix is built as m·[1, 0] + d·[0, 1] by broadcasting.
 */
function interleavedShape(multiples: Tensor, x: Tensor): Tensor {
  const column = (t: Tensor) => reshape(t, [-1, 1]);
  const m = sugar.mul(column(multiples), constant([[1, 0]], { dtype: 'int32' }));
  const d = sugar.mul(column(shape(x)), constant([[0, 1]], { dtype: 'int32' }));
  return reshape(sugar.add(m, d) as Tensor, [-1]);
}

registerGradient('Tile', (op, grad) => {
  const [x, multiples] = op.inputs;
  const m = staticInts(multiples);
  const rank = x.shape.rank ?? m?.length ?? multiples.shape.dims?.[0] ?? null;
  if (rank === null) {
    throw new NotImplementedError(`Tile's gradient needs the rank of its input '${x.name}' when the graph is built; `
      + 'give the placeholder a shape (dims may be null, e.g. [null, 3]).');
  }
  const dims = staticDims(x);
  const split = dims !== null && m !== null ? dims.flatMap((d, i) => [m[i], d]) : interleavedShape(multiples, x);
  const copyAxes = Array.from({ length: rank }, (_, i) => 2 * i);
  return [sumAxes(reshape(grad, split), copyAxes), null];
});
