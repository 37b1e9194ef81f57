// `:compare` with the learner's own graph tensors (`:compare tf.matmul(A, tf.transpose(A))`, A lazy). Eager
// ops take values, not graph tensors, and a fresh graph cannot hold A: so the eager half runs with each name
// of the expression that holds a graph tensor or variable standing for an eager copy of its value, and the
// lazy half builds in the learner's graph itself, its ops taken out again afterwards. Values come from a
// throwaway Session on that graph that holds the variable values of the learner's session (the default one,
// or the one that ran the graph last); the learner's sessions are never run, so their state stays theirs.
import * as tf from '../../index.js';
import type { Kernel } from '../kernel.js';

/** The names an expression reads (not the ones after a dot): a name in a string is a harmless extra. */
const NAME = /(?<![\w$.])[A-Za-z_$][\w$]*/g;

/** A graph tensor or graph variable: the things an eager op cannot take. */
export function isGraphElement(value: unknown): value is tf.Tensor | tf.Variable {
  return (value instanceof tf.Tensor && !value.isEager) || (value instanceof tf.Variable && !value.isEager);
}

/** The session holding the learner's values for `graph`: the default one, else the one that ran it last. */
export function sourceSession(kernel: Kernel, graph: tf.Graph): tf.Session | null {
  const fallback = kernel.lastRun?.session ?? null;
  for (const s of [tf.getDefaultSession(), fallback]) {
    if (s instanceof tf.Session && s.graph === graph && !s.isClosed) return s;
  }
  return null;
}

/** `fn` given a fresh Session on `graph` with `source`'s variable values; the session is closed after. */
export function withMirror<T>(graph: tf.Graph, source: tf.Session | null, fn: (sess: tf.Session) => T): T {
  const sess = tf.Session({ graph });
  try {
    const values = new Map<string, tf.NDArray>();
    for (const name of source?.initializedVariables() ?? []) {
      const v = source!.variableValue(name);
      if (v !== undefined) values.set(name, v);
    }
    if (values.size > 0) sess.setVariables(values);
    return fn(sess);
  } finally {
    sess.close();
  }
}

/** The learner's graph tensors an expression names, with their values (computed in graph mode), or why not. */
export interface Yours {
  values: Map<string, { value: tf.NDArray; variable: boolean }>;
  /** Names whose value could not be computed (a placeholder with no feed), and the error. */
  failed: Map<string, string>;
}

export function valuesOfNames(kernel: Kernel, expr: string): Yours {
  const yours: Yours = { values: new Map(), failed: new Map() };
  const context = kernel.context as Record<string, unknown>;
  const graph = tf.getDefaultGraph();
  const names = new Set(expr.match(NAME) ?? []);
  const found = [...names].filter((n) => Object.prototype.hasOwnProperty.call(context, n) && isGraphElement(context[n]));
  const mine = found.filter((n) => (context[n] as tf.Tensor | tf.Variable).graph === graph);
  if (mine.length === 0) return yours;
  withMirror(graph, sourceSession(kernel, graph), (sess) => {
    for (const n of mine) {
      try {
        yours.values.set(n, { value: sess.run(context[n]) as tf.NDArray, variable: context[n] instanceof tf.Variable });
      } catch (e) {
        yours.failed.set(n, (e as Error).message ?? String(e));
      }
    }
  });
  return yours;
}

/**
 * Runs `fn` (eager mode on) with each name in `yours` bound to an eager copy of its value — a constant, or a
 * Variable for a variable, so `w.assign(…)` works on the copy — and every binding put back after.
 */
export function withEagerCopies<T>(kernel: Kernel, yours: Yours, fn: () => T): T {
  const context = kernel.context as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor>();
  try {
    for (const [name, { value, variable }] of yours.values) {
      const d = Object.getOwnPropertyDescriptor(context, name);
      if (d === undefined || !(d.writable || d.configurable)) continue;
      saved.set(name, d);
      context[name] = variable ? tf.Variable(value) : tf.constant(value);
    }
    return fn();
  } finally {
    for (const [name, d] of saved) Object.defineProperty(context, name, d);
  }
}

/** What the eager half says about the names that stood for values, or, when some could not, about those instead. */
export function copiesNote(yours: Yours): string {
  if (yours.failed.size > 0) {
    return [...yours.failed].map(([name, why]) => `${name} has no value for the eager half: ${why.split('\n')[0]}`).join('\n');
  }
  const copied = [...yours.values.keys()];
  if (copied.length === 0) return '';
  const one = copied.length === 1;
  const kinds = [...new Set([...yours.values.values()].map((v) => (v.variable ? 'variable' : 'tensor')))].sort().reverse();
  const what = one ? `is a graph ${kinds[0]}` : `are graph ${kinds.map((k) => `${k}s`).join(' and ')}`;
  return `(${copied.join(', ')} ${what} of yours: eager ops take values, so here `
    + `${one ? 'it stands for its value' : 'they stand for their values'}, computed by a Session on your graph)`;
}
