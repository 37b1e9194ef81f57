// `:compare tf.constant(2) * 3`: the contrast the tool exists for, in one command. The expression runs once
// eagerly (a value at once) and once lazily (ops, then a Session.run), one after the other. The lazy half
// builds in a fresh graph, and the mode is restored, so the user's graph, mode and sessions stay as they were.
import * as tf from '../../index.js';
import { opInfo } from '../event-views.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';
import { compileInContext, describeError } from './expression.js';
import { opTable } from './ops.js';

const LABEL = { eager: 'eager → ', lazy: 'lazy  → ' };
const INDENT = ' '.repeat(LABEL.eager.length);

export const compare: Command = {
  name: 'compare',
  summary: 'evaluate an expression eagerly and lazily (in a fresh graph) and show both',
  usage: '<expr>',
  run(kernel, args) {
    const fn = compileInContext<() => unknown>(kernel, args, ':compare', (e) => `(() => (${e}\n))`);
    const wasEager = tf.executingEagerly();
    try {
      // Runs made here are the command's, not the user's: the graph view must not show them.
      return kernel.withoutRunEvents(() => {
        tf.enableEagerExecution();
        const eager = attempt(() => eagerHalf(kernel, fn));
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
function attempt(half: () => string, hint: (e: unknown) => string = () => ''): string {
  try {
    return half();
  } catch (e) {
    return describeError(e) + hint(e);
  }
}

/** The graph-mismatch error says to look for tf.resetDefaultGraph(); here the fresh graph is the reason. */
function lazyHint(e: unknown): string {
  const message = typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : '';
  if (!/same graph|not an element of this graph/i.test(message)) return '';
  return '\n(:compare builds the lazy half in a fresh graph, so tensors and variables of your graph cannot join it; '
    + 'use plain values or eager tensors there, or sess.run on your own graph)';
}

/** The eager value; a graph tensor the expression merely names has none, and must not pass for one. */
function eagerHalf(kernel: Kernel, fn: () => unknown): string {
  const value = fn();
  if (graphOf(value) === null) return kernel.format(value);
  return `${String(value)} is a graph element of your graph: eager mode has no value for it (sess.run gives one)`;
}

/** The value the expression builds in a fresh graph, the ops it added, and what a Session.run gives. */
function lazyHalf(kernel: Kernel, fn: () => unknown): string {
  const graph = new tf.Graph();
  const value = tf.withGraph(graph, fn);
  const ops = graph.getOperations().map(opInfo);
  const lines = [kernel.format(value) + (ops.length ? `, from ${ops.length} new op${ops.length === 1 ? '' : 's'}:` : '')];
  lines.push(...opTable(ops).map((l) => `  ${l}`));
  const owner = graphOf(value);
  if (owner === null) return lines.join('\n');
  if (owner !== graph) {
    throw new tf.ValueError(`${String(value)} is not an element of this graph: it was not built by the expression but comes from your graph`);
  }
  const sess = tf.Session({ graph });
  try {
    const variables = graph.getCollection<tf.Variable>('variables');
    if (variables.length > 0) sess.run(tf.withGraph(graph, () => tf.variablesInitializer(variables)));
    const run = 'Session.run → ';
    lines.push(`${run}${kernel.format(sess.run(value)).split('\n').join(`\n${' '.repeat(run.length)}`)}`);
  } finally {
    sess.close();
  }
  return lines.join('\n');
}

/** The graph a Session would need to run `value`, or null for a value that is no graph element. */
function graphOf(value: unknown): tf.Graph | null {
  if (value instanceof tf.Tensor) return value.isEager ? null : value.graph;
  if (value instanceof tf.Operation) return value.graph;
  if (value instanceof tf.Variable) {
    try {
      return value.graph;
    } catch {
      return null; // An eager variable has no graph.
    }
  }
  return null;
}

/** Lines after the first line up under the label. */
function indented(text: string): string {
  return text.split('\n').join(`\n${INDENT}`);
}
