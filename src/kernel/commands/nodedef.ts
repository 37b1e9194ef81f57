// `:nodedef mul`: an op of the default graph as TF 1.x prints `op.node_def` — what the graph really stores.
import * as tf from '../../index.js';
import type { Command } from './command.js';

export const nodedef: Command = {
  name: 'nodedef',
  summary: "show an op's NodeDef (:nodedef mul; also a tensor name mul:0 or a JS name holding a tensor)",
  usage: '<op name>',
  run(kernel, args) {
    const name = args.trim();
    if (name === '') throw new Error(':nodedef needs an op name, e.g. :nodedef mul (:ops lists them)');
    return String(findOp(kernel.context, name).nodeDef);
  },
};

/** The op named `name` (or `name:0`'s op); failing that, the op of a graph element a JS name holds. */
function findOp(context: Record<string, unknown>, name: string): tf.Operation {
  const graph = tf.getDefaultGraph();
  const opName = name.replace(/:\d+$/, '');
  const byName = graph.getOperations().find((o) => o.name === opName);
  if (byName) return byName;
  const held = Object.prototype.hasOwnProperty.call(context, name) ? context[name] : undefined;
  if (held instanceof tf.Operation) return held;
  if ((held instanceof tf.Tensor && !held.isEager) || isGraphVariable(held)) return (held as tf.Tensor).op;
  throw new tf.KeyError(`The name '${opName}' refers to an Operation not in the graph. ${suggestions(graph, opName)}`);
}

function isGraphVariable(value: unknown): boolean {
  if (!(value instanceof tf.Variable)) return false;
  try {
    return value.op !== undefined;
  } catch {
    return false; // An eager variable has no op.
  }
}

/** Up to five op names close to `name` (typos, a missing `_1`), or where to look. */
function suggestions(graph: tf.Graph, name: string): string {
  const names = graph.getOperations().map((o) => o.name);
  if (names.length === 0) {
    return tf.executingEagerly()
      ? 'The default graph is empty: in eager mode ops run at once and add nothing to it.'
      : 'The default graph is empty.';
  }
  const lower = name.toLowerCase();
  const scored = names
    .map((n) => ({ n, d: n.toLowerCase().includes(lower) || lower.includes(n.toLowerCase()) ? 1 : editDistance(lower, n.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n));
  if (scored.length === 0) return `:ops lists the graph's ${names.length} op${names.length === 1 ? '' : 's'}.`;
  return `Did you mean ${scored.slice(0, 5).map(({ n }) => n).join(', ')}?`;
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
