// Plain gradient descent: var ← var − learning_rate · grad, one ApplyGradientDescent op per variable.
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import type { Variable } from '../ops/variable.js';
import { Optimizer } from './optimizer.js';

export type Hyper = number | Tensor | (() => number | Tensor);

export interface OptimizerOptions {
  useLocking?: boolean;
  /** The name scope of the update ops. */
  name?: string;
}

export class GradientDescentOptimizerImpl extends Optimizer {
  private lr: Tensor | null = null;

  /** `tf.train.GradientDescentOptimizer(0.025)`. */
  constructor(readonly learningRate: Hyper, options: OptimizerOptions = {}) {
    super(options.name ?? 'GradientDescent', options.useLocking);
  }

  protected prepare(): void {
    this.lr = this.hyper(this.learningRate, 'learning_rate');
  }

  protected applyDense(grad: Tensor, v: Variable): Tensor {
    return applyOp1('ApplyGradientDescent', [v, this.lr, grad], { use_locking: attr.b(this.useLocking) });
  }
}
