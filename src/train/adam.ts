// Adam (Kingma & Ba): per-variable first and second moment slots `m` and `v`, and the bias-correction
// powers beta1^t, beta2^t kept in two extra variables, `beta1_power` and `beta2_power`.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { assign } from '../ops/state.js';
import { Variable } from '../ops/variable.js';
import type { Hyper, OptimizerOptions } from './gradient-descent.js';
import { Optimizer } from './optimizer.js';

export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class AdamOptimizerImpl extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private powers: [Variable, Variable] | null = null;
  private t: Record<'lr' | 'beta1' | 'beta2' | 'epsilon', Tensor> | null = null;

  /** `tf.train.AdamOptimizer()` (learning rate 0.001, β1 0.9, β2 0.999, ε 1e-8, TF's defaults). */
  readonly learningRate: Hyper;

  constructor(options: AdamOptions & { learningRate?: Hyper } = {}) {
    super(options.name ?? 'Adam', options.useLocking);
    this.learningRate = options.learningRate ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  protected override createSlots(vars: readonly Variable[]): void {
    // One pair of power accumulators per optimizer and graph (TF keys its non-slot variables by graph).
    if (this.powers === null || (!executingEagerly() && this.powers[0].graph !== getDefaultGraph())) {
      this.powers = [
        new Variable(this.beta1, { name: 'beta1_power', trainable: false }),
        new Variable(this.beta2, { name: 'beta2_power', trainable: false }),
      ];
    }
    for (const v of vars) {
      this.zerosSlot(v, 'm', this.name);
      this.zerosSlot(v, 'v', this.name);
    }
  }

  protected prepare(): void {
    this.t = {
      lr: this.hyper(this.learningRate, 'learning_rate'),
      beta1: this.hyper(this.beta1, 'beta1'),
      beta2: this.hyper(this.beta2, 'beta2'),
      epsilon: this.hyper(this.epsilon, 'epsilon'),
    };
  }

  protected applyDense(grad: Tensor, v: Variable): Tensor {
    const [b1p, b2p] = this.powers!;
    const t = this.t!;
    return applyOp1('ApplyAdam', [v, this.getSlot(v, 'm')!, this.getSlot(v, 'v')!, b1p, b2p, t.lr, t.beta1, t.beta2, t.epsilon, grad],
      { use_locking: attr.b(this.useLocking), use_nesterov: attr.b(false) });
  }

  /** After the updates: beta1_power ← beta1_power · β1 and the same for β2 (`Adam/mul`, `Adam/Assign`, …). */
  protected override finish(updates: readonly Operation[], scope: string): Operation | null {
    const [b1p, b2p] = this.powers!;
    const step = () => [
      assign(b1p, sugar.mul(b1p, this.t!.beta1) as Tensor, { useLocking: this.useLocking }),
      assign(b2p, sugar.mul(b2p, this.t!.beta2) as Tensor, { useLocking: this.useLocking }),
    ];
    if (executingEagerly()) {
      step();
      return null;
    }
    const assigns = getDefaultGraph().withControlDependencies(updates, step);
    return applyGraphOp('NoOp', [], {}, { name: scope, controlInputs: [...updates, ...assigns.map((a) => a.op)] });
  }
}
