// d σ(x) = grad · y(1 − y) with y = σ(x): one fused `SigmoidGrad(y, grad)` op, reusing the forward output.
// SigmoidGrad's own gradient (TF 1.15's _SigmoidGradGrad): its output is o = b · a(1 − a), so
// ∂o/∂a = b(1 − 2a), written as gb − 2·gb·a with gb = grad · b, and ∂o/∂b = SigmoidGrad(a, grad).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Sigmoid', (op, grad) => afterGrad(grad, () => [applyOp1('SigmoidGrad', [op.outputs[0], grad])]));

registerGradient('SigmoidGrad', (op, grad) => afterGrad(grad, () => {
  const [a, b] = op.inputs;
  const gb = sugar.mul(grad, b);
  const gradA = sugar.sub(gb, sugar.mul(sugar.mul(2, gb), a)) as Tensor;
  return [gradA, applyOp1('SigmoidGrad', [a, grad])];
}));
