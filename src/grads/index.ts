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
import './Sigmoid_grad.js';
import './Tanh_grad.js';
import './Relu_grad.js';
import './Softmax_grad.js';
import './Log_grad.js';
import './Abs_grad.js';
import './Sqrt_grad.js';
import './Rsqrt_grad.js';
import './Reciprocal_grad.js';
import './SquaredDifference_grad.js';
import './FloorMod_grad.js';
import './Max_grad.js';
import './Prod_grad.js';
import './Reshape_grad.js';
import './Tile_grad.js';
import './Cast_grad.js';
import './Fill_grad.js';
import './Select_grad.js';
import './ZeroOut_grad.js';
import './not-differentiable.js';

import { callable } from '../callable.js';
import { GradientTapeImpl } from './tape.js';

export { gradients, type GradientsOptions } from './gradients.js';
export { registerGradient, notDifferentiable, type GradFn, type GradOp } from './registry.js';
export type { GradientTapeOptions } from './tape.js';
/** Numeric gradient checks: `tf.test.computeGradientError((x) => tf.tanh(x), [[0.5, -1]])` → ~1e-4. */
export * as test from './check.js';

/** Records eager ops for differentiation: `const tape = tf.GradientTape(); const y = tape.record(() => f(x))`. */
export const GradientTape = callable(GradientTapeImpl);
export type GradientTape = GradientTapeImpl;
