// `:reset`: a fresh default graph, and the sessions of the old one closed (TF's tf.reset_default_graph()).
//
// Confirmation, in a line REPL: `:reset` alone only says what it would drop; `:reset yes` drops it. The kernel
// is headless (it may run in a child process), so it cannot ask "are you sure?" and wait for a key; a second
// command keeps it a plain input that pipes and transcripts replay the same way. Closing a session loses the
// values its variables were trained to, which nothing brings back, hence the extra word. With nothing to
// lose (an empty graph, no session), `:reset` just resets.
import * as tf from '../../index.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';

export const reset: Command = {
  name: 'reset',
  summary: 'fresh default graph, sessions closed; :reset says what it would drop, :reset yes drops it',
  usage: '[yes]',
  run(kernel, args) {
    const answer = args.trim();
    if (answer !== '' && answer !== 'yes') throw new Error(`:reset takes nothing or 'yes', not '${answer}'`);
    const graph = tf.getDefaultGraph();
    const sessions = sessionsOf(kernel, graph);
    const ops = graph.version;
    if (ops === 0 && sessions.length === 0) {
      tf.resetDefaultGraph();
      return 'nothing to drop: the default graph was already empty (a fresh one is in place)';
    }
    if (answer !== 'yes') return `:reset would drop ${describe(graph, sessions, 'close')}. Type :reset yes to do it; JS names are kept.`;
    const dropped = describe(graph, closeAll(sessions, graph), 'closed');
    tf.resetDefaultGraph();
    return `dropped ${dropped}. JS names are kept; graph tensors they hold now belong to the old graph.`;
  },
};

export interface HeldSession {
  session: tf.Session;
  /** The JS name holding it, or null for an InteractiveSession only the default-session stack knows. */
  name: string | null;
}

/** Open sessions on `graph`: those bound to JS names, and the default (interactive) session. */
export function sessionsOf(kernel: Kernel, graph: tf.Graph): HeldSession[] {
  const found = new Map<tf.Session, string | null>();
  for (const key of Object.getOwnPropertyNames(kernel.context)) {
    const v = Object.getOwnPropertyDescriptor(kernel.context, key)?.value;
    if (isOpenOn(v, graph) && !found.has(v)) found.set(v, key);
  }
  const current = tf.getDefaultSession();
  if (isOpenOn(current, graph) && !found.has(current)) found.set(current, null);
  return [...found].map(([session, name]) => ({ session, name }));
}

/** Closes `sessions`, then any default session of `graph` left under them; returns all that were closed. */
function closeAll(sessions: readonly HeldSession[], graph: tf.Graph): HeldSession[] {
  const closed = [...sessions];
  for (const s of sessions) s.session.close();
  // Closing pops a session off the default stack; an unnamed InteractiveSession may have been under it.
  for (let s = tf.getDefaultSession(); isOpenOn(s, graph); s = tf.getDefaultSession()) {
    s.close();
    closed.push({ session: s, name: null });
  }
  return closed;
}

function isOpenOn(value: unknown, graph: tf.Graph): value is tf.Session {
  return value instanceof tf.Session && value.graph === graph && !value.isClosed;
}

/** "12 ops and 2 variables (counter, weight) and close 1 session (sess)". */
function describe(graph: tf.Graph, sessions: readonly HeldSession[], close: 'close' | 'closed'): string {
  const variables = graph.getCollection<tf.Variable>('variables').map((v) => v.op.name);
  const parts = [`${plural(graph.version, 'op')} and ${plural(variables.length, 'variable')}${list(variables)}`];
  if (sessions.length > 0) parts.push(`${close} ${plural(sessions.length, 'session')}${list(sessions.map((s) => s.name ?? 'the interactive session'))}`);
  return parts.join(' and ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ` (a, b, c)`, at most eight names; nothing for none. */
export function list(names: readonly string[]): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, 8).join(', ');
  return ` (${names.length > 8 ? `${shown}, and ${names.length - 8} more` : shown})`;
}
