// Momentum: accum ← momentum · accum + grad; var ← var − lr · accum (or Nesterov's look-ahead update).
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import type { Variable } from '../ops/variable.js';
import type { Hyper, OptimizerOptions } from './gradient-descent.js';
import { Optimizer } from './optimizer.js';

export class MomentumOptimizerImpl extends Optimizer {
  private lr: Tensor | null = null;
  private mom: Tensor | null = null;
  readonly useNesterov: boolean;

  /** `tf.train.MomentumOptimizer(0.01, 0.9)`; `{useNesterov: true}` for Nesterov momentum. */
  constructor(readonly learningRate: Hyper, readonly momentum: Hyper, options: OptimizerOptions & { useNesterov?: boolean } = {}) {
    super(options.name ?? 'Momentum', options.useLocking);
    this.useNesterov = options.useNesterov ?? false;
  }

  protected override createSlots(vars: readonly Variable[]): void {
    for (const v of vars) this.zerosSlot(v, 'momentum', this.name);
  }

  protected prepare(): void {
    this.lr = this.hyper(this.learningRate, 'learning_rate');
    this.mom = this.hyper(this.momentum, 'momentum');
  }

  protected applyDense(grad: Tensor, v: Variable): Tensor {
    const accum = this.getSlot(v, 'momentum')!;
    return applyOp1('ApplyMomentum', [v, accum, this.lr, grad, this.mom],
      { use_locking: attr.b(this.useLocking), use_nesterov: attr.b(this.useNesterov) });
  }
}
