// tf.train: optimizers and the global step.
import { callable } from '../callable.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import { Variable } from '../ops/variable.js';
import { AdamOptimizerImpl } from './adam.js';
import { GradientDescentOptimizerImpl } from './gradient-descent.js';
import { MomentumOptimizerImpl } from './momentum.js';

export { Optimizer, type GradAndVar, type Loss, type ComputeGradientsOptions, type ApplyGradientsOptions } from './optimizer.js';
export type { OptimizerOptions, Hyper } from './gradient-descent.js';
export type { AdamOptions } from './adam.js';

/** var ← var − lr · grad: `tf.train.GradientDescentOptimizer(0.025).minimize(loss)`. */
export const GradientDescentOptimizer = callable(GradientDescentOptimizerImpl);
export type GradientDescentOptimizer = GradientDescentOptimizerImpl;
/** Gradient descent with momentum: `tf.train.MomentumOptimizer(0.01, 0.9)`. */
export const MomentumOptimizer = callable(MomentumOptimizerImpl);
export type MomentumOptimizer = MomentumOptimizerImpl;
/** Adam: `tf.train.AdamOptimizer(0.001)`. */
export const AdamOptimizer = callable(AdamOptimizerImpl);
export type AdamOptimizer = AdamOptimizerImpl;

const GLOBAL_STEP = 'global_step';
let eagerGlobalStep: Variable | null = null;

/** The graph's `global_step` variable, or undefined. */
export function getGlobalStep(): Variable | undefined {
  if (executingEagerly()) return eagerGlobalStep ?? undefined;
  return getDefaultGraph().getCollection<Variable>(GLOBAL_STEP)[0];
}

/** The step counter `minimize(loss, {globalStep})` increments: an int32 Variable `global_step` (TF uses int64). */
export function getOrCreateGlobalStep(): Variable {
  const existing = getGlobalStep();
  if (existing) return existing;
  const step = new Variable(0, { name: GLOBAL_STEP, dtype: 'int32', trainable: false, initialValueName: 'Initializer/zeros' });
  if (executingEagerly()) eagerGlobalStep = step;
  else getDefaultGraph().addToCollection(GLOBAL_STEP, step);
  return step;
}
