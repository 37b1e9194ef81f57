// Gradients of elementwise unary ops: each is local derivative × upstream gradient. Ops with a fused
// gradient op and a second-order gradient (Sigmoid, Tanh, Sqrt, …) have their own <Op>_grad.ts files.
import { getDefaultGraph } from '../graph/default-graph.js';
import { executingEagerly } from '../engine/mode.js';
import type { Tensor } from '../graph/tensor.js';
import { constant } from '../ops/creation.js';
import { multiply, negative as neg } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';

/** TF builds some gradients under `control_dependencies([grad])`, so they run after the gradient exists. */
export function afterGrad<T>(grad: Tensor, fn: () => T): T {
  if (executingEagerly()) return fn();
  return getDefaultGraph().withControlDependencies([grad.op], fn);
}

registerGradient('Neg', (_op, grad) => [neg(grad)]);
registerGradient('Identity', (_op, grad) => [grad]);

// d eˣ = grad · eˣ, reusing the op's output: `mul`.
registerGradient('Exp', (op, grad) => afterGrad(grad, () => [sugar.mul(grad, op.outputs[0]) as Tensor]));

// d x² = grad · (x · 2): `Const`, `Mul`, `Mul_1`.
registerGradient('Square', (op, grad) => afterGrad(grad, () => {
  const two = constant(2, { dtype: op.inputs[0].dtype });
  return [multiply(grad, multiply(op.inputs[0], two))];
}));
