// tf.train: optimizers and the global step.
import { declare, declareClass, declareMethods } from '../ops/declare.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import { Variable } from '../ops/variable.js';
import { Optimizer } from './optimizer.js';
import { AdamOptimizerImpl } from './adam.js';
import { GradientDescentOptimizerImpl } from './gradient-descent.js';
import { MomentumOptimizerImpl } from './momentum.js';
import { SaverImpl } from './saver.js';
import { latestCheckpoint as latestCheckpointImpl } from '../io/checkpoint-state.js';
import { SummaryWriterImpl } from '../io/event-writer.js';

export { Optimizer, type GradAndVar, type Loss, type ComputeGradientsOptions, type ApplyGradientsOptions } from './optimizer.js';
export type { OptimizerOptions, Hyper } from './gradient-descent.js';
export type { AdamOptions } from './adam.js';

declareMethods(Optimizer, {
  minimize: ['Optimizer.minimize(loss: Tensor | function, globalStep?: Variable, varList?: Variable[], { name?: string }): Operation',
    'Adds the ops that update `varList` (default: the trainable variables) to decrease `loss`, and returns the op that runs them.'],
  computeGradients: ['Optimizer.computeGradients(loss: Tensor | function, varList?: Variable[]): Array',
    'The [gradient, variable] pairs of `loss` (the first half of minimize).'],
  applyGradients: ['Optimizer.applyGradients(gradsAndVars: Array, globalStep?: Variable, name?: string): Operation',
    'The op that applies [gradient, variable] pairs (the second half of minimize).'],
  getSlot: ['Optimizer.getSlot(var: Variable, name: string): Variable', "The optimizer's slot variable `name` for `var` ('momentum', 'm', 'v')."],
  getSlotNames: ['Optimizer.getSlotNames(): string[]', "The names of the optimizer's slots."],
});

/** var ← var − lr · grad: `tf.train.GradientDescentOptimizer(0.025).minimize(loss)`. */
export const GradientDescentOptimizer = declareClass(
  'train.GradientDescentOptimizer(learningRate: number | Tensor | function, useLocking?: boolean, name?: string): Optimizer',
  'var ← var − learningRate · grad: `tf.train.GradientDescentOptimizer(0.025).minimize(loss)`.',
  GradientDescentOptimizerImpl);
export type GradientDescentOptimizer = GradientDescentOptimizerImpl;
/** Gradient descent with momentum: `tf.train.MomentumOptimizer(0.01, 0.9)`. */
export const MomentumOptimizer = declareClass(
  'train.MomentumOptimizer(learningRate: number | Tensor | function, momentum: number | Tensor | function, useLocking?: boolean, name?: string, useNesterov?: boolean): Optimizer',
  'Gradient descent with momentum: `tf.train.MomentumOptimizer(0.01, 0.9)`.',
  MomentumOptimizerImpl);
export type MomentumOptimizer = MomentumOptimizerImpl;
/** Adam: `tf.train.AdamOptimizer(0.001)`. */
export const AdamOptimizer = declareClass(
  'train.AdamOptimizer(learningRate?: number | Tensor | function, beta1?: number, beta2?: number, epsilon?: number, useLocking?: boolean, name?: string): Optimizer',
  "Adam: `tf.train.AdamOptimizer(0.001)` (TF's defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-8).",
  AdamOptimizerImpl);
export type AdamOptimizer = AdamOptimizerImpl;

const GLOBAL_STEP = 'global_step';
let eagerGlobalStep: Variable | null = null;

function getGlobalStepImpl(): Variable | undefined {
  if (executingEagerly()) return eagerGlobalStep ?? undefined;
  return getDefaultGraph().getCollection<Variable>(GLOBAL_STEP)[0];
}

function getOrCreateGlobalStepImpl(): Variable {
  const existing = getGlobalStepImpl();
  if (existing) return existing;
  const step = new Variable(0, { name: GLOBAL_STEP, dtype: 'int32', trainable: false, initialValueName: 'Initializer/zeros' });
  if (executingEagerly()) eagerGlobalStep = step;
  else getDefaultGraph().addToCollection(GLOBAL_STEP, step);
  return step;
}

export const getGlobalStep: () => Variable | undefined = declare('train.getGlobalStep(): Variable',
  "The graph's `global_step` variable, or undefined.", getGlobalStepImpl);

export const getOrCreateGlobalStep: () => Variable = declare('train.getOrCreateGlobalStep(): Variable',
  'The step counter `minimize(loss, globalStep)` increments: an int32 Variable `global_step` (TF uses int64).', getOrCreateGlobalStepImpl);

/** Saves and restores variables in TensorFlow's V2 checkpoint format (train/saver.ts). */
export const Saver = declareClass(
  'train.Saver(varList?: unknown, { maxToKeep?: int | null }): Saver',
  "Saves and restores variables as TensorFlow's V2 checkpoints (`prefix.index` + `prefix.data-00000-of-00001`, and the `checkpoint` file): `saver.save(sess, 'ckpt/model', { globalStep: 100 })`, `saver.restore(sess, tf.train.latestCheckpoint('ckpt'))`. varList: a list of variables or {name: variable} (default: every variable of the graph); maxToKeep (5) checkpoints are kept.",
  SaverImpl);
export type Saver = SaverImpl;

declareMethods(SaverImpl, {
  save: ['Saver.save(sess: Session | null, savePath: string, globalStep?: unknown, latestFilename?: string, { writeState?: boolean }): string',
    "Writes every variable's value to `savePath` (`-<globalStep>` appended when given) through temporary files, fsync and rename, updates `checkpoint`, and returns the prefix written."],
  restore: ['Saver.restore(sess: Session | null, savePath: string | null): null',
    'Checks the whole checkpoint (table checksums, each tensor\'s CRC32C, names, dtypes, shapes) and only then assigns every variable; a broken or mismatched checkpoint raises and changes nothing.'],
});

export const latestCheckpoint: (checkpointDir: string, latestFilename?: string) => string | null = declare(
  'train.latestCheckpoint(checkpointDir: string, latestFilename?: string): string | null',
  "The newest checkpoint's prefix named by `checkpointDir/checkpoint`, or null when there is none (or its files are gone).",
  (dir: string, o: { latestFilename?: string }) => latestCheckpointImpl(dir, o.latestFilename));

/** The seeds' tf.train.SummaryWriter: TF renamed it tf.summary.FileWriter; it warns once and is one. */
export const SummaryWriter = declareClass(
  'train.SummaryWriter(logdir: string, graph?: unknown, maxQueue?: int, flushSecs?: number, graphDef?: unknown, filenameSuffix?: string): FileWriter',
  "TF 0.x's name for tf.summary.FileWriter (the seeds use it): warns once that TF renamed it, then writes the same event file.",
  SummaryWriterImpl);

export { writeGraph, loadCheckpoint, listVariables, summaryIterator } from '../ops/interop.js';
