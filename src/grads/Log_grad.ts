// d log(x) = grad / x. TF 1.15 multiplies by the reciprocal (ops `Reciprocal`, `mul`) under a control
// dependency on grad, so 1/x is not computed before the gradient that needs it exists.
import type { Tensor } from '../graph/tensor.js';
import { reciprocal } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('Log', (op, grad) => afterGrad(grad, () => [sugar.mul(grad, reciprocal(op.inputs[0])) as Tensor]));
