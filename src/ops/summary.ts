// tf.summary: scalars for the REPL's chart (TensorBoard's job in TensorFlow).
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';

const SUMMARIES = 'summaries';

/**
 * Logs a scalar under `name` each time it is evaluated: `tf.summary.scalar('loss', loss)` adds op `loss`
 * (type ScalarSummary) in graph mode, recorded whenever a Session.run evaluates it; in eager mode the
 * value is recorded at once. The REPL charts every tag (`:chart`). Returns the logged value's tensor
 * in graph mode (TF returns a serialized proto) and nothing in eager mode.
 */
function scalarImpl(name: string, value: TensorLike): Tensor | undefined {
  if (typeof name !== 'string' || name === '') throw new ValueError(`tf.summary.scalar needs a name for the series, got ${String(name)}`);
  if (executingEagerly()) {
    applyOp1('ScalarSummary', [value], { tag: attr.s(name) });
    return undefined;
  }
  const graph = getDefaultGraph();
  return graph.atomically(() => {
    const tag = graph.uniqueName(name, false);
    const t = applyOp1('ScalarSummary', [value], { tag: attr.s(tag) }, { name });
    graph.addToCollection(SUMMARIES, t.op);
    return t;
  });
}

/** One op that evaluates every summary of the graph (`sess.run(tf.summary.mergeAll())`); null if none. */
function mergeAllImpl(): Operation | null {
  if (executingEagerly()) return null;
  const ops = getDefaultGraph().getCollection<Operation>(SUMMARIES);
  if (ops.length === 0) return null;
  return applyGraphOp('NoOp', [], {}, { name: 'Merge/MergeSummary', controlInputs: ops });
}

export const scalar: (name: string, tensor: TensorLike) => Tensor | undefined = declare(
  'summary.scalar(name: string, tensor: Tensor): Tensor',
  "Logs a scalar under `name` each time it is evaluated (op type ScalarSummary); the REPL charts every tag (`:chart`).",
  scalarImpl);

export const mergeAll: () => Operation | null = declare(
  'summary.mergeAll(): Operation',
  "One op that evaluates every summary of the graph (`sess.run(tf.summary.mergeAll())`); null if none.",
  mergeAllImpl);
