// d x^(−1/2) = −0.5 · grad · y³ with y = rsqrt(x): one fused `RsqrtGrad(y, grad)` op.
// RsqrtGrad's own gradient (TF 1.15's _RsqrtGradGrad): its output is o = −0.5 · b · a³, so
// ∂o/∂a = −1.5 · b · a² and ∂o/∂b = −0.5 · a³, which is RsqrtGrad(a, grad) again.
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import { square } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Rsqrt', (op, grad) => [applyOp1('RsqrtGrad', [op.outputs[0], grad])]);

registerGradient('RsqrtGrad', (op, grad) => afterGrad(grad, () => {
  const [a, b] = op.inputs;
  const gradA = sugar.mul(sugar.mul(sugar.mul(-1.5, grad), b), square(a)) as Tensor;
  return [gradA, applyOp1('RsqrtGrad', [a, grad])];
}));
