// The classifier ops' gradients, as TF 1.15's nn_grad: the fused cross-entropies scale their stored
// backprop by the loss gradient (_BroadcastMul: `ExpandDims`, `mul`); the dense one also sends
// -log_softmax(logits) to the labels (TF's _v2). LogSoftmax: grad - sum(grad) * exp(output). L2Loss: x * grad.
import { executingEagerly } from '../engine/mode.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import { expandDims } from '../ops/expand-dims.js';
import { exp, negative, reduceSum } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';

const broadcastMul = (vec: Tensor, mat: Tensor) => sugar.mul(expandDims(vec, -1), mat) as Tensor;

/** TF skips the second-order term when the backprop output's gradient is the zeros it was filled with. */
function isZeros(g: Tensor | undefined): boolean {
  if (g === undefined || g === null) return true;
  if (!executingEagerly() && !g.isEager) return g.op.type === 'ZerosLike';
  return g.numpy().data.every((v) => v === 0);
}

registerGradient('SoftmaxCrossEntropyWithLogits', (op, gradLoss, gradGrad) => {
  const logits = op.inputs[0];
  let grad = broadcastMul(gradLoss, op.outputs[1]);
  if (!isZeros(gradGrad)) {
    const softmax = applyOp1('Softmax', [logits]);
    const inner = reduceSum(sugar.mul(gradGrad, softmax) as Tensor, { axis: -1, keepDims: true });
    grad = sugar.add(grad, sugar.mul(sugar.sub(gradGrad, inner), softmax)) as Tensor;
  }
  return [grad, broadcastMul(gradLoss, negative(applyOp1('LogSoftmax', [logits])))];
});

registerGradient('SparseSoftmaxCrossEntropyWithLogits', (op, gradLoss) => [broadcastMul(gradLoss, op.outputs[1]), null]);

registerGradient('LogSoftmax', (op, grad) => {
  const sum = reduceSum(grad, { axis: -1, keepDims: true });
  return [sugar.sub(grad, sugar.mul(sum, exp(op.outputs[0]))) as Tensor];
});

registerGradient('L2Loss', (op, grad) => [sugar.mul(op.inputs[0], grad) as Tensor]);

registerGradient('ExpandDims', (op, grad) => [applyOp1('Reshape', [grad, applyOp1('Shape', [op.inputs[0]], { out_type: { kind: 'type', value: 'int32' } })]), null]);
