// `:help`: the commands; `:help tf.matmul` or `?tf.matmul`: an API function's signature and doc line.
import * as tf from '../../index.js';
import { declarationOf, declarations } from '../../ops/declare.js';
import type { Command } from './command.js';
import { commands } from './index.js';

export const help: Command = {
  name: 'help',
  summary: 'list the commands, or show help for a tf function (:help tf.matmul, ?tf.matmul)',
  usage: '[tf.name]',
  run(_kernel, args) {
    const topic = args.trim();
    if (topic !== '') return describe(topic);
    const width = Math.max(...commands.map((c) => c.name.length + (c.usage ? c.usage.length + 1 : 0)));
    return [
      'TypeScript in, TensorFlow out. `tf` is preloaded; `a * b` on tensors builds `mul`.',
      'Ctrl-C or an error undoes the input: its names and graph ops; values that finished Session runs wrote into variables stay.',
      ...commands.map((c) => `  :${`${c.name}${c.usage ? ` ${c.usage}` : ''}`.padEnd(width)}  ${c.summary}`),
      `${'  ?tf.<name>'.padEnd(width + 5)}the signature of a tf function (?Session.run: a method)`,
    ].join('\n');
  },
};

/**
 * `tf.matmul(a: Tensor, b: Tensor, transposeA?: boolean, …): Tensor` and its doc line: the very declaration
 * every call is checked against (ops/declare.ts), so help and behaviour cannot disagree. `?Session.run`
 * names a method.
 */
function describe(topic: string): string {
  const method = declarations().find((d) => d.name === topic && d.isMethod);
  if (method) return format(method.spec, method.doc, false);
  const path = topic.replace(/^tf\./, '').split('.');
  let value: unknown = tf;
  for (const p of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[p];
  if (value === undefined) throw new Error(`tf.${path.join('.')} is not part of the tensorshell API; try :help for the commands`);
  if (typeof value !== 'function') return `tf.${path.join('.')}: ${typeof value === 'string' ? `'${value}'` : typeof value}`;
  const decl = declarationOf(value);
  if (decl) return format(`tf.${decl.spec}`, decl.doc, /^[A-Z]/.test(path[path.length - 1]));
  const isClass = /^[A-Z]/.test(path[path.length - 1]);
  return `tf.${path.join('.')}${isClass ? '  (a class)' : '()'}`;
}

function format(spec: string, doc: string, isClass: boolean): string {
  return `${spec}${isClass ? '  (a class: call it with or without new)' : ''}${doc ? `\n  ${doc}` : ''}`;
}
