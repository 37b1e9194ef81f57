// The default graph's ops as the UI follows them from the kernel's events: added (in one or more batches per
// input: the kernel reports them before each Session.run inside it), removed again when their input failed
// and was undone, and dropped when the kernel replaced the graph.
import type { OpInfo } from '../kernel/events.js';

export interface GraphOps {
  ops: OpInfo[];
  /** How many of the last ops the latest input added (the ops panel highlights them). */
  newest: number;
  /** The kernel's id of that input; -1 for none. */
  newestInput: number;
}

export const NO_OPS: GraphOps = { ops: [], newest: 0, newestInput: -1 };

export function addOps(g: GraphOps, input: number, added: readonly OpInfo[]): GraphOps {
  const newest = input === g.newestInput ? g.newest + added.length : added.length;
  return { ops: g.ops.concat(added), newest, newestInput: input };
}

export function removeOps(g: GraphOps, names: readonly string[]): GraphOps {
  const gone = new Set(names);
  const tail = new Set(g.ops.slice(g.ops.length - g.newest));
  const ops = g.ops.filter((op) => !gone.has(op.name));
  return { ...g, ops, newest: ops.filter((op) => tail.has(op)).length };
}

/**
 * The kernel reports no reset as such: `:reset` and `tf.resetDefaultGraph()` show as a graph smaller than
 * the list (`opCount` comes with each idle event). Every op of a graph made afresh inside an input was
 * reported after the switch, so the new graph's ops are the last `opCount` of the list.
 */
export function syncCount(g: GraphOps, opCount: number): GraphOps {
  if (opCount >= g.ops.length) return g;
  const ops = g.ops.slice(g.ops.length - opCount);
  return { ...g, ops, newest: Math.min(g.newest, ops.length) };
}
