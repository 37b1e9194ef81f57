// fill(dims, value) copies one scalar everywhere, so the value's gradient is the sum of grad
// (TF 1.15's _FillGrad: reduce_sum over all axes, `Const` and `Sum`); the dims get none.
import type { Tensor } from '../graph/tensor.js';
import { reshape } from '../ops/array.js';
import { reduceSum } from '../ops/math.js';
import { sumAxes } from './helpers.js';
import { registerGradient } from './registry.js';

function sumAll(grad: Tensor): Tensor {
  if (grad.shape.rank !== null) return reduceSum(grad);
  // Unknown rank (dims computed at run time): TF would build Rank and Range; flattening sums the same.
  return sumAxes(reshape(grad, [-1]), [0]);
}

registerGradient('Fill', (_op, grad) => [null, sumAll(grad)]);
