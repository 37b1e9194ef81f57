// Name scopes folded into one box, as the ops panel folds them into one row and TensorBoard into one node:
// `random_uniform/… 7 ops` instead of the seven ops tf.randomUniform builds, `gradients/… 43 ops` in
// `:graph all`. A scope is folded when it would draw FOLD_AT boxes or more; the op named like the scope
// (`random_uniform`, the Add that gives its value) goes in with it, unless it is a Variable (its slots are
// the scope, the Variable is what the learner made). Inside `:graph scope NAME` the same rule folds the
// scopes one level down (`gradients/mul_grad/… 12 ops`), so every level reads the same way.
// A fold is undone when it would make a cycle (an op outside it both reads from it and feeds it): an arrow
// going backwards would tell a lie about the order ops run in.

/** As the ops panel's FOLD_AT (src/ui/ops-rows.ts): a Variable's own three ops never fold. */
export const FOLD_AT = 6;

/** What a folded box says: the scope and how many ops it stands for. */
export const foldLabel = (scope: string, ops: number): string => `${scope}/… ${ops} ops`;

/**
 * Node id → fold id (`scope/`) for the scopes folded among `nodes` (box ids after Variable reads are folded,
 * in creation order). `base` is the scope being drawn ('' for the whole graph); `expanded` lists scopes drawn
 * op by op (`'*'`: every one). `isVariable` keeps a Variable out of its own scope's fold.
 */
export function foldScopes(nodes: readonly string[], base: string, expanded: readonly string[],
  isVariable: (id: string) => boolean): Map<string, string> {
  const prefix = base === '' ? '' : `${base}/`;
  const byScope = new Map<string, string[]>();
  const exact: string[] = [];
  for (const id of nodes) {
    if (!id.startsWith(prefix) || id === base) continue;
    const slash = id.indexOf('/', prefix.length);
    if (slash < 0) exact.push(id);
    else {
      const scope = id.slice(0, slash);
      byScope.set(scope, [...(byScope.get(scope) ?? []), id]);
    }
  }
  for (const id of exact) if (byScope.has(id) && !isVariable(id)) byScope.get(id)!.push(id);
  const folds = new Map<string, string>();
  if (expanded.includes('*')) return folds;
  for (const [scope, ids] of byScope) {
    if (ids.length < FOLD_AT || expanded.includes(scope)) continue;
    for (const id of ids) folds.set(id, `${scope}/`);
  }
  return folds;
}

/**
 * Undoes the folds that close a cycle among `edges` (node ids before folding), a round at a time. A node
 * left over by Kahn's order both forwards and backwards lies on a cycle (or between two); each round
 * undoes the folds among them. Changes `folds` in place.
 */
export function breakFoldCycles(folds: Map<string, string>, edges: ReadonlyArray<readonly [string, string]>): void {
  for (;;) {
    const at = (id: string) => folds.get(id) ?? id;
    const folded = edges.map(([a, b]) => [at(a), at(b)] as const).filter(([a, b]) => a !== b);
    const ahead = leftByKahn(folded);
    const behind = leftByKahn(folded.map(([a, b]) => [b, a] as const));
    const onCycle = new Set([...ahead].filter((id) => behind.has(id) && id.endsWith('/')));
    if (onCycle.size === 0) return;
    for (const [id, fold] of [...folds]) if (onCycle.has(fold)) folds.delete(id);
  }
}

/** The nodes Kahn's algorithm cannot order: on a cycle, or after one. */
function leftByKahn(edges: ReadonlyArray<readonly [string, string]>): Set<string> {
  const into = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const [from, to] of edges) {
    out.set(from, [...(out.get(from) ?? []), to]);
    into.set(to, (into.get(to) ?? 0) + 1);
    if (!into.has(from)) into.set(from, 0);
  }
  const ready = [...into].filter(([, n]) => n === 0).map(([id]) => id);
  while (ready.length > 0) {
    for (const next of out.get(ready.pop()!) ?? []) {
      const n = into.get(next)! - 1;
      into.set(next, n);
      if (n === 0) ready.push(next);
    }
  }
  return new Set([...into].filter(([, n]) => n > 0).map(([id]) => id));
}
