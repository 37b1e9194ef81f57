// d √x = grad · 0.5 / y with y = √x: one fused `SqrtGrad(y, grad)` op, reusing the forward output.
// SqrtGrad's own gradient (second order, TF 1.15's _SqrtGradGrad): its output is o = 0.5 · b / a, so
// ∂o/∂a = −o / a and ∂o/∂b = 0.5 / a, both built from ga = grad / a (ops `truediv`, `Neg`, `mul`, `mul_1`).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Sqrt', (op, grad) => [applyOp1('SqrtGrad', [op.outputs[0], grad])]);

registerGradient('SqrtGrad', (op, grad) => afterGrad(grad, () => {
  const ga = sugar.truediv(grad, op.inputs[0]);
  return [sugar.mul(sugar.neg(ga), op.outputs[0]) as Tensor, sugar.mul(0.5, ga) as Tensor];
}));
