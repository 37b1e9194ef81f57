// `:compare tf.constant(2) * 3`: the contrast the tool exists for, in one command. The expression runs once
// eagerly (a value at once) and once lazily (ops, then a Session.run), one after the other. The lazy half
// builds in a fresh graph, and the mode is restored, so the user's graph, mode and sessions stay as they were.
// An expression over the user's own graph tensors (`tf.matmul(A, tf.transpose(A))`) works too: the eager
// half sees their values, the lazy half builds in the user's graph and takes its ops out again
// (compare-yours.ts).
import * as tf from '../../index.js';
import { opInfo } from '../event-views.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';
import { copiesNote, sourceSession, valuesOfNames, withEagerCopies, withMirror, type Yours } from './compare-yours.js';
import { compileInContext, describeError } from './expression.js';
import { opTable } from './ops.js';

const LABEL = { eager: 'eager → ', lazy: 'lazy  → ' };
const INDENT = ' '.repeat(LABEL.eager.length);

export const compare: Command = {
  name: 'compare',
  summary: 'evaluate an expression eagerly and lazily (in a fresh graph, or in yours for your graph tensors) and show both',
  usage: '<expr>',
  run(kernel, args) {
    const fn = compileInContext<() => unknown>(kernel, args, ':compare', (e) => `(() => (${e}\n))`);
    const wasEager = tf.executingEagerly();
    try {
      // Runs made here are the command's, not the user's: the graph view must not show them.
      return kernel.withoutRunEvents(() => {
        tf.disableEagerExecution();
        const yours = valuesOfNames(kernel, args);
        tf.enableEagerExecution();
        const note = copiesNote(yours);
        const eager = yours.failed.size > 0 ? note : attempt(() => eagerHalf(kernel, fn, yours), eagerHint) + (note && `\n${note}`);
        tf.disableEagerExecution();
        const lazy = attempt(() => lazyHalf(kernel, fn), lazyHint);
        return `${LABEL.eager}${indented(eager)}\n${LABEL.lazy}${indented(lazy)}`;
      });
    } finally {
      if (wasEager) tf.enableEagerExecution();
      else tf.disableEagerExecution();
    }
  },
};

/** One half's text, or its error as the REPL prints errors: one failing half must not hide the other. */
function attempt(half: () => string, hint: (e: unknown) => string): string {
  try {
    return half();
  } catch (e) {
    return describeError(e) + hint(e);
  }
}

const messageOf = (e: unknown): string => (typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : '');

/** A graph tensor the expression reaches other than by a name of the session's (`model.w`) has no value here. */
function eagerHint(e: unknown): string {
  if (!/cannot be used in eager mode|has no attribute 'numpy'/.test(messageOf(e))) return '';
  return "\n(:compare gives the eager half the values of your graph's tensors that the expression names; "
    + 'this one is reached another way (name it first: const w = model.w), or is from an earlier graph)';
}

/** Your graph's variables have values only in a session that initialized them. */
function lazyHint(e: unknown): string {
  const message = messageOf(e);
  if (/uninitialized/i.test(message)) {
    return '\n(:compare runs your graph with the variable values of your session: initialize them there first, '
      + 'sess.run(tf.globalVariablesInitializer()))';
  }
  if (/must feed a value/i.test(message)) return '\n(:compare feeds no placeholders: sess.run(expr, { feedDict }) does)';
  return '';
}

/** The eager value, the user's graph tensors standing for their values; a graph tensor left over has none. */
function eagerHalf(kernel: Kernel, fn: () => unknown, yours: Yours): string {
  const value = withEagerCopies(kernel, yours, fn);
  if (graphOf(value) === null) return kernel.format(value);
  return `${String(value)} is a graph element of your graph: eager mode has no value for it (sess.run gives one)`;
}

/** The value the expression builds in a fresh graph (or, if it uses your graph, in yours), its new ops, and what a Session.run gives. */
function lazyHalf(kernel: Kernel, fn: () => unknown): string {
  const graph = new tf.Graph();
  let value: unknown;
  try {
    value = tf.withGraph(graph, fn);
  } catch (e) {
    if (/same graph/i.test(messageOf(e))) return inYourGraph(kernel, fn);
    throw e;
  }
  const owner = graphOf(value);
  if (owner !== null && owner !== graph) return inYourGraph(kernel, fn);
  const lines = built(kernel, value, graph.getOperations(), '');
  if (owner === null) return lines.join('\n');
  withMirror(graph, null, (sess) => lines.push(runLine(kernel, sess, graph, 0, value)));
  return lines.join('\n');
}

/** The lazy half in the user's default graph: every op, name and collection entry it adds is removed after. */
function inYourGraph(kernel: Kernel, fn: () => unknown): string {
  const graph = tf.getDefaultGraph();
  const opsBefore = graph.version;
  const variablesBefore = graph.getCollection('variables').length;
  const journal = graph.openJournal();
  try {
    const value = fn();
    const lines = built(kernel, value, graph.getOperations().slice(opsBefore), ' in your graph (taken out again)');
    const owner = graphOf(value);
    if (owner === null) return lines.join('\n');
    if (owner !== graph) throw new tf.ValueError(`${String(value)} is from a graph other than the default one: run it in a Session of its own graph`);
    withMirror(graph, sourceSession(kernel, graph), (sess) => lines.push(runLine(kernel, sess, graph, variablesBefore, value)));
    return lines.join('\n');
  } finally {
    journal.rollback();
  }
}

/** `<tf.Tensor 'mul:0' …>, from 3 new ops:` and the ops' table. */
function built(kernel: Kernel, value: unknown, ops: readonly tf.Operation[], where: string): string[] {
  const head = kernel.format(value) + (ops.length ? `, from ${ops.length} new op${ops.length === 1 ? '' : 's'}${where}:` : where ? ', already in your graph' : '');
  return [head, ...opTable(ops.map(opInfo)).map((l) => `  ${l}`)];
}

/** `Session.run → value`, after initializing the variables the expression made (those after `variablesBefore`). */
function runLine(kernel: Kernel, sess: tf.Session, graph: tf.Graph, variablesBefore: number, value: unknown): string {
  const made = graph.getCollection<tf.Variable>('variables').slice(variablesBefore);
  if (made.length > 0) sess.run(tf.withGraph(graph, () => tf.variablesInitializer(made)));
  const run = 'Session.run → ';
  return `${run}${kernel.format(sess.run(value)).split('\n').join(`\n${' '.repeat(run.length)}`)}`;
}

/** The graph a Session would need to run `value`, or null for a value that is no graph element. */
function graphOf(value: unknown): tf.Graph | null {
  if (value instanceof tf.Tensor) return value.isEager ? null : value.graph;
  if (value instanceof tf.Operation) return value.graph;
  if (value instanceof tf.Variable) return value.isEager ? null : value.graph;
  return null;
}

/** Lines after the first line up under the label. */
function indented(text: string): string {
  return text.split('\n').join(`\n${INDENT}`);
}
