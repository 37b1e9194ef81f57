// d (1/x) = −grad · y² with y = 1/x: one fused `ReciprocalGrad(y, grad)` op.
// ReciprocalGrad's own gradient (TF 1.15's _ReciprocalGradGrad): its output is o = −b · a², so
// ∂o/∂a = −2 · b · a and ∂o/∂b = −a², which is ReciprocalGrad(a, grad) again.
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Reciprocal', (op, grad) => [applyOp1('ReciprocalGrad', [op.outputs[0], grad])]);

registerGradient('ReciprocalGrad', (op, grad) => afterGrad(grad, () => {
  const [a, b] = op.inputs;
  const gradA = sugar.mul(sugar.mul(sugar.mul(grad, -2), b), a) as Tensor;
  return [gradA, applyOp1('ReciprocalGrad', [a, grad])];
}));
