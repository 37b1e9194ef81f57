// What the ops panel lists: one row per op, a big name scope (`gradients/…`, 40 ops an optimizer adds)
// folded into one row as TensorBoard folds it, and only the newest rows when they do not all fit.
import type { OpInfo } from '../kernel/events.js';

export type OpRow =
  | { kind: 'op'; op: OpInfo; newest: boolean }
  /** A top-level name scope folded into one row, placed where its latest op is. */
  | { kind: 'scope'; scope: string; count: number; newest: boolean }
  /** The older rows that did not fit, counted in ops. */
  | { kind: 'more'; count: number };

/**
 * A scope with this many ops or more is folded. A Variable's own scope (`initial_value`, `Assign`, `read`)
 * stays below it, so creating a Variable visibly adds its four ops.
 */
export const FOLD_AT = 6;

/**
 * The rows for `ops`, the last `newest` of them marked, in at most `maxRows` rows (oldest cut first).
 * Scopes named in `expanded` (`'*'`: all) are listed op by op however big.
 */
export function opRows(ops: readonly OpInfo[], newest: number, maxRows: number, expanded: readonly string[] = []): OpRow[] {
  if (maxRows <= 0) return [];
  const sizes = new Map<string, number>();
  for (const op of ops) {
    const scope = scopeOf(op.name);
    if (scope !== null) sizes.set(scope, (sizes.get(scope) ?? 0) + 1);
  }
  // Walk from the newest op back, so that a folded scope's row lands at its latest op.
  const reversed: OpRow[] = [];
  const folded = new Map<string, Extract<OpRow, { kind: 'scope' }>>();
  const firstNew = ops.length - newest;
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i];
    const scope = scopeOf(op.name);
    if (scope === null || sizes.get(scope)! < FOLD_AT || expanded.includes(scope) || expanded.includes('*')) {
      reversed.push({ kind: 'op', op, newest: i >= firstNew });
      continue;
    }
    let row = folded.get(scope);
    if (row === undefined) {
      row = { kind: 'scope', scope, count: 0, newest: false };
      folded.set(scope, row);
      reversed.push(row);
    }
    row.count++;
    row.newest ||= i >= firstNew;
  }
  const rows = reversed.reverse();
  if (rows.length <= maxRows) return rows;
  const kept = rows.slice(rows.length - (maxRows - 1));
  const shownOps = kept.reduce((n, r) => n + (r.kind === 'scope' ? r.count : 1), 0);
  return [{ kind: 'more', count: ops.length - shownOps }, ...kept];
}

/** `gradients` for `gradients/mul_grad/Mul`; null for a name outside any scope. */
export function scopeOf(name: string): string | null {
  const slash = name.indexOf('/');
  return slash < 0 ? null : name.slice(0, slash);
}

/**
 * A row's name in exactly `width` columns. An op name too long keeps its end after an ellipsis, as the graph
 * view does (`…mul_grad/Mul_1`: the end tells ops apart); a folded scope keeps its start (`random_unif…`).
 */
export function fitLabel(row: OpRow, width: number): string {
  const label = row.kind === 'op' ? row.op.name : row.kind === 'scope' ? `${row.scope}/…` : '';
  if (label.length <= width) return label.padEnd(width);
  if (width <= 1) return '…'.slice(0, width);
  return row.kind === 'scope' ? `${row.scope.slice(0, width - 1)}…` : `…${label.slice(label.length - (width - 1))}`;
}
