// Automatic differentiation: the gradient registry, tf.gradients (graph) and tf.GradientTape (eager).
import './Add_grad.js';
import './Sub_grad.js';
import './Mul_grad.js';
import './RealDiv_grad.js';
import './Pow_grad.js';
import './Maximum_grad.js';
import './MatMul_grad.js';
import './Sum_grad.js';
import './unary_grads.js';
import './ZeroOut_grad.js';
import './not-differentiable.js';

import { callable } from '../callable.js';
import { GradientTapeImpl } from './tape.js';

export { gradients, type GradientsOptions } from './gradients.js';
export { registerGradient, notDifferentiable, type GradFn, type GradOp } from './registry.js';
export type { GradientTapeOptions } from './tape.js';

/** Records eager ops for differentiation: `const tape = tf.GradientTape(); const y = tape.record(() => f(x))`. */
export const GradientTape = callable(GradientTapeImpl);
export type GradientTape = GradientTapeImpl;
