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
import './Conv2D_grad.js';
import './MaxPool_grad.js';
import './BiasAdd_grad.js';
import './SoftmaxCrossEntropyWithLogits_grad.js';
import './not-differentiable.js';

import { declare, declareClass, declareMethods } from '../ops/declare.js';
import { gradients as gradientsImpl } from './gradients.js';
import { notDifferentiable as notDifferentiableImpl, registerGradient as registerGradientImpl, type GradFn } from './registry.js';
import { GradientTapeImpl } from './tape.js';

export type { GradientsOptions } from './gradients.js';
export type { GradFn, GradOp } from './registry.js';

export const gradients: typeof gradientsImpl = declare(
  'gradients(ys: Tensor | Tensor[], xs: Tensor | Tensor[], gradYs?: Tensor | Tensor[], name?: string, { stopGradients?: Tensor[], gateGradients?: boolean }): Tensor[]',
  'The symbolic partial derivatives of sum(ys) with respect to each x, added to the graph: `const [dx, dy] = tf.gradients(f, [x, y])`.',
  gradientsImpl);

export const registerGradient: (type: string, fn: GradFn) => void = declare(
  'registerGradient(type: string, fn: function): void',
  "Registers the gradient function of op type `type` (TF's @ops.RegisterGradient).", registerGradientImpl);

export const notDifferentiable: (type: string) => void = declare(
  'notDifferentiable(type: string): void',
  "Declares that op type `type` has no gradient (TF's ops.NotDifferentiable).", notDifferentiableImpl);
export type { GradientTapeOptions } from './tape.js';
/** Numeric gradient checks: `tf.test.computeGradientError((x) => tf.tanh(x), [[0.5, -1]])` → ~1e-4. */
export * as test from './check-api.js';

/** Records eager ops for differentiation: `const tape = tf.GradientTape(); const y = tape.record(() => f(x))`. */
declareMethods(GradientTapeImpl, {
  record: ['GradientTape.record(fn: function): unknown', "Runs `fn` with this tape recording (Python's `with tape:`) and returns what fn returns."],
  start: ['GradientTape.start(): void', 'Starts recording (for line-by-line use at a prompt); `stop()` ends it.'],
  stop: ['GradientTape.stop(): void', 'Stops recording.'],
  watch: ['GradientTape.watch(tensor: Tensor | Tensor[]): void', 'Records operations on `tensor` (variables are watched when read).'],
  watchedVariables: ['GradientTape.watchedVariables(): Variable[]', 'The variables this tape watches.'],
  reset: ['GradientTape.reset(): void', 'Forgets everything recorded.'],
  gradient: ['GradientTape.gradient(target: Tensor, sources: Tensor | Variable | Array, outputGradients?: Tensor): Tensor',
    'd target / d sources from what was recorded (once, unless the tape is persistent).'],
});

export const GradientTape = declareClass('GradientTape(persistent?: boolean, watchAccessedVariables?: boolean): GradientTape',
  'Records eager ops for differentiation: `const tape = tf.GradientTape(); const y = tape.record(() => f(x))`.', GradientTapeImpl);
export type GradientTape = GradientTapeImpl;
