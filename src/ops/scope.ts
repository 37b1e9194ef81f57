// Building blocks the op functions share (not public API): all-or-nothing graph edits, name scopes, Cast attrs.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph as getGraph } from '../graph/default-graph.js';

/** Runs `fn` so that, in graph mode, everything it adds is removed again if it throws. */
export function atomic<T>(fn: () => T): T {
  return executingEagerly() ? fn() : getGraph().atomically(fn);
}

/** Runs `fn` inside name scope `name` in graph mode (fn gets the scope, e.g. 'truediv/'); eager: no scope. */
export function scoped<T>(name: string, fn: (scope: string | undefined) => T): T {
  if (executingEagerly()) return fn(undefined);
  return getGraph().atomically(() => getGraph().nameScope(name, fn));
}

export function castAttrs(src: string, dst: string) {
  return { SrcT: attr.type(src as 'float32'), DstT: attr.type(dst as 'float32'), Truncate: attr.b(false) };
}

export interface NameOption {
  /** The op's name (uniquified); defaults to the op type. */
  name?: string;
}
