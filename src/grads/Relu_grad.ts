// d relu(x) passes grad where the output is positive: one `ReluGrad(grad, features)` op. TF's nn_grad
// hands it op.outputs[0] rather than x — the same mask, since relu(x) > 0 exactly where x > 0.
// ReluGrad's own gradient: it is linear in the gradient it masks (ReluGrad again, same mask) and flat in
// the features wherever it is differentiable, so they get zeros (`Shape`, `zeros/Const`, `zeros`).
import { applyOp1 } from '../ops/apply.js';
import { shape } from '../ops/array.js';
import { registerGradient } from './registry.js';
import { zerosOfShape } from './shape-helpers.js';

registerGradient('Relu', (op, grad) => [applyOp1('ReluGrad', [grad, op.outputs[0]])]);

registerGradient('ReluGrad', (op, grad) => {
  const features = op.inputs[1];
  return [applyOp1('ReluGrad', [grad, features]), zerosOfShape(shape(features), features.dtype)];
});
