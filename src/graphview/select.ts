// Which ops the graph view draws, before any folding (scopes.ts folds what is left):
// - hiddenOps: the default view leaves bookkeeping out (see model.ts's header for the rule).
// - foldedReads: a Variable's `V/read` is drawn as the Variable's box.
// - deadOps: ops of earlier inputs that nothing since connects to (the rule is below).
// - scopeOps: `:graph scope NAME` draws one name scope and the ops right outside it that it reads or feeds.
import type { OpInfo } from '../kernel/events.js';

const GRADIENT_SCOPE = /^gradients(_\d+)?\//;
const BOOKKEEPING = /^(Assign\w*|\w*Apply\w*|NoOp|\w*Summary\w*)$/;
/** Consumers that make what feeds only them bookkeeping too. */
const UPDATES = /^(Assign\w*|\w*Apply\w*)$/;
export const VARIABLE = /^(Variable|VariableV2|VarHandleOp)$/;

export const opOf = (tensor: string): string => tensor.replace(/^\^/, '').replace(/:\d+$/, '');

/** The bookkeeping ops of the default view, found in one backward pass over creation order. */
export function hiddenOps(ops: readonly OpInfo[]): Set<string> {
  const consumers = new Map<string, string[]>();
  for (const op of ops) {
    for (const t of op.inputs) {
      if (!t.startsWith('^')) consumers.set(opOf(t), [...(consumers.get(opOf(t)) ?? []), op.name]);
    }
  }
  const hidden = new Set<string>();
  const hiding = new Set<string>();
  // Creation order is topological: every consumer comes after what it reads.
  for (let i = ops.length - 1; i >= 0; i--) {
    const { name, type } = ops[i];
    const readers = consumers.get(name) ?? [];
    const feedsUpdatesOnly = readers.length > 0 && readers.every((c) => hiding.has(c));
    if (GRADIENT_SCOPE.test(name)) hidden.add(name);
    else if (UPDATES.test(type) || feedsUpdatesOnly) {
      hidden.add(name);
      hiding.add(name);
    } else if (BOOKKEEPING.test(type)) hidden.add(name);
  }
  return hidden;
}

/** `V/read` → `V` for every Variable read the way tf.Variable makes it. */
export function foldedReads(ops: readonly OpInfo[]): Map<string, string> {
  const types = new Map(ops.map((o) => [o.name, o.type]));
  const owner = new Map<string, string>();
  for (const op of ops) {
    if (op.type !== 'Identity' || !op.name.endsWith('/read')) continue;
    const v = op.name.slice(0, -'/read'.length);
    if (op.inputs[0] === `${v}:0` && VARIABLE.test(types.get(v) ?? '')) owner.set(op.name, v);
  }
  return owner;
}

/**
 * The dead ops: those sharing no path of edges (data or control, either way) with the ops `seeds` names —
 * what the last Session.run evaluated and fetched, and every op made since it. A learner's scratch work
 * (`sess.run(tf.randomUniform([100]))` made into data, a tensor printed once) falls away as soon as the
 * model that follows it is run; a model built but not yet run stays, since it is newer than the run.
 * No seed in the graph (no run yet, a graph replaced): nothing is dead.
 */
export function deadOps(ops: readonly OpInfo[], seeds: Iterable<string>): Set<string> {
  const index = new Map(ops.map((o, i) => [o.name, i]));
  const parent = ops.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  ops.forEach((op, i) => {
    for (const t of op.inputs) {
      const j = index.get(opOf(t));
      if (j !== undefined) parent[find(j)] = find(i);
    }
  });
  const live = new Set<number>();
  for (const name of seeds) {
    const i = index.get(name);
    if (i !== undefined) live.add(find(i));
  }
  if (live.size === 0) return new Set();
  return new Set(ops.filter((_, i) => !live.has(find(i))).map((o) => o.name));
}

/** The ops in scope `scope` (the op named `scope` too), and those outside it that they read or that read them. */
export function scopeOps(ops: readonly OpInfo[], scope: string): { inside: Set<string>; context: Set<string> } {
  const inside = new Set(ops.filter((o) => o.name === scope || o.name.startsWith(`${scope}/`)).map((o) => o.name));
  const context = new Set<string>();
  for (const op of ops) {
    const reads = op.inputs.filter((t) => !t.startsWith('^')).map(opOf);
    if (inside.has(op.name)) for (const r of reads) if (!inside.has(r)) context.add(r);
    if (!inside.has(op.name) && reads.some((r) => inside.has(r))) context.add(op.name);
  }
  return { inside, context };
}
