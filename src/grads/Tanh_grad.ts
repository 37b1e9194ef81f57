// d tanh(x) = grad · (1 − y²) with y = tanh(x): one fused `TanhGrad(y, grad)` op.
// TanhGrad's own gradient (TF 1.15's _TanhGradGrad): its output is o = b(1 − a²), so
// ∂o/∂a = −2 · b · a and ∂o/∂b = TanhGrad(a, grad).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Tanh', (op, grad) => afterGrad(grad, () => [applyOp1('TanhGrad', [op.outputs[0], grad])]));

registerGradient('TanhGrad', (op, grad) => afterGrad(grad, () => {
  const [a, b] = op.inputs;
  const gradA = sugar.mul(sugar.mul(sugar.mul(grad, -2), b), a) as Tensor;
  return [gradA, applyOp1('TanhGrad', [a, grad])];
}));
