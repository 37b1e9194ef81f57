// d|x| = grad · sign(x) (ops `Sign`, `mul`), taking 0 at x = 0 as TF does; sign itself is flat wherever
// it is differentiable, so its gradient is zeros of x's shape (`Shape`, `zeros/Const`, `zeros`).
import type { Tensor } from '../graph/tensor.js';
import { shape } from '../ops/array.js';
import { sign } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';
import { zerosOfShape } from './shape-helpers.js';

registerGradient('Abs', (op, grad) => [sugar.mul(grad, sign(op.inputs[0])) as Tensor]);

registerGradient('Sign', (op) => [zerosOfShape(shape(op.inputs[0]), op.inputs[0].dtype)]);
