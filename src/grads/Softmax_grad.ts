// d softmax: with s = softmax(x) over the last axis, ∂L/∂x = (grad − Σ grad·s) · s, the sum taken over
// that axis and kept for broadcasting (TF 1.15 nn_grad's _SoftmaxGrad: `mul`, `Sum`, `sub`, `mul_1`).
import type { Tensor } from '../graph/tensor.js';
import { reduceSum } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';

registerGradient('Softmax', (op, grad) => {
  const s = op.outputs[0];
  const sumChannels = reduceSum(sugar.mul(grad, s) as Tensor, { axis: -1, keepDims: true });
  return [sugar.mul(sugar.sub(grad, sumChannels), s) as Tensor];
});
