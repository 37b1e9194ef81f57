// What :save-vars and :restore-vars work on: the REPL's variables, the checkpoint key of each, and where
// their values live. In lazy mode these are the default graph's variables (tf.globalVariables()), keyed by
// op name as TF's Saver keys them, their values held by a Session; in eager mode, the eager tf.Variables the
// learner's JS names hold, keyed by those names (two eager variables may share TF's default name
// `Variable`; JS names are unique), each holding its own value.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as tf from '../../index.js';
import { VariableImpl } from '../../ops/variable.js';
import type { Kernel } from '../kernel.js';
import { list, plural, sessionsOf } from './reset.js';

export interface VariableSet {
  eager: boolean;
  /** Checkpoint key → variable, in the order the graph or the bindings hold them. */
  vars: Map<string, VariableImpl>;
  /** The session that holds the values (lazy mode), and how the output names it. */
  session: tf.Session | null;
  sessionLabel: string;
  /** Why that session, where several were open; '' otherwise. */
  sessionNote: string;
}

export interface VarsArgs {
  prefix: string;
  /** A JS name holding the session to use, if given. */
  session: string | null;
}

/** `FILE [session]`: a checkpoint prefix and, optionally, the JS name of a Session. */
export function parseVarsArgs(command: string, args: string): VarsArgs {
  const words = args.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 2) {
    throw new Error(`:${command} takes a checkpoint prefix and optionally a session's JS name, e.g. :${command} model.ckpt (or :${command} model.ckpt sess)`);
  }
  return { prefix: words[0], session: words[1] ?? null };
}

function isEager(v: VariableImpl): boolean {
  return v.isEager;
}

/**
 * Eager variables bound to the learner's JS names, by name; a variable under two names is kept under the
 * first. `_` (the REPL's last value) is not a name the learner chose.
 */
function eagerBindings(kernel: Kernel): Map<string, VariableImpl> {
  const out = new Map<string, VariableImpl>();
  const seen = new Set<VariableImpl>();
  for (const key of Object.getOwnPropertyNames(kernel.context)) {
    const v: unknown = Object.getOwnPropertyDescriptor(kernel.context, key)?.value;
    if (key !== '_' && v instanceof VariableImpl && isEager(v) && !seen.has(v)) {
      seen.add(v);
      out.set(key, v);
    }
  }
  return out;
}

function graphVariables(): Map<string, VariableImpl> {
  return new Map(tf.getDefaultGraph().getCollection<VariableImpl>('variables').map((v) => [v.saveName, v]));
}

/** The variables of the mode the REPL is in, with their session; an Error that says why when there are none. */
export function variableSet(kernel: Kernel, command: string, args: VarsArgs): VariableSet {
  const eager = kernel.mode === 'eager';
  const vars = eager ? eagerBindings(kernel) : graphVariables();
  if (vars.size === 0) {
    const other = eager ? graphVariables().size : eagerBindings(kernel).size;
    const hint = other === 0 ? '' : eager
      ? ` (the default graph's ${plural(other, 'variable')} belong to lazy mode: :mode lazy, then :${command})`
      : ` (${plural(other, 'JS name')} hold eager variables: :mode eager, then :${command})`;
    throw new Error(`:${command}: ${eager ? 'no JS name holds an eager tf.Variable' : 'the default graph has no variables'}${hint}`);
  }
  if (eager) {
    if (args.session !== null) throw new Error(`:${command}: eager variables hold their own values; leave the session name (${args.session}) out`);
    return { eager, vars, session: null, sessionLabel: '', sessionNote: '' };
  }
  return { eager, vars, ...pickSession(kernel, command, args) };
}

/**
 * The session whose values are saved or restored: the one named; else the only open one on the default
 * graph; else, of several, the one that ran last (what the status line counts); else an Error naming them.
 */
function pickSession(kernel: Kernel, command: string, args: VarsArgs): { session: tf.Session; sessionLabel: string; sessionNote: string } {
  const graph = tf.getDefaultGraph();
  const open = sessionsOf(kernel, graph).map((h) => ({ session: h.session, label: h.name ?? 'the interactive session' }));
  const last = kernel.lastRun?.session;
  if (last && last.graph === graph && !last.isClosed && !open.some((h) => h.session === last)) open.push({ session: last, label: 'the session that ran last' });
  const labels = open.map((h) => h.label);
  if (args.session !== null) {
    const named = open.find((h) => h.label === args.session);
    if (named) return { session: named.session, sessionLabel: named.label, sessionNote: '' };
    throw new Error(`:${command}: ${args.session} is not an open Session on the default graph; ${open.length === 0 ? 'none is open' : `open: ${labels.join(', ')}`}`);
  }
  if (open.length === 0) {
    const what = command === 'save-vars'
      ? "no open Session on the default graph holds the variables' values: create one and run the initializer, e.g. const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())"
      : 'no open Session on the default graph to restore into: create one, e.g. const sess = tf.Session() (restoring sets the variables, no initializer run needed)';
    throw new Error(`:${command}: ${what}`);
  }
  if (open.length === 1) return { session: open[0].session, sessionLabel: open[0].label, sessionNote: '' };
  const ran = open.find((h) => h.session === last);
  if (!ran) throw new Error(`:${command}: ${plural(open.length, 'session')} are open on the default graph${list(labels)} and the last Session.run was none of theirs; name one: :${command} ${args.prefix} ${labels[0]}`);
  const others = labels.filter((l) => l !== ran.label);
  return {
    session: ran.session,
    sessionLabel: ran.label,
    sessionNote: `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} open too; this used ${ran.label}, the session that ran last (:${command} ${args.prefix} ${others[0]} picks another)`,
  };
}

/** An Error like `:save`'s where the prefix's directory is missing (Saver's own message names no cwd). */
export function checkDirectory(command: string, file: string): void {
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`:${command} cannot write ${file}: no such directory ${dirname(file)} (relative names start at ${process.cwd()})`);
  }
}

/** `counter, weight`, at most eight names. */
export function names(keys: Iterable<string>): string {
  return list([...keys]).replace(/^ \((.*)\)$/, '$1');
}
