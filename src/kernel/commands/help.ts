// `:help`: the commands; `:help tf.matmul` or `?tf.matmul`: an API function's signature and doc line.
import * as tf from '../../index.js';
import { apiDoc } from './api-docs.js';
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
      ...commands.map((c) => `  :${`${c.name}${c.usage ? ` ${c.usage}` : ''}`.padEnd(width)}  ${c.summary}`),
      `${'  ?tf.<name>'.padEnd(width + 5)}the signature of a tf function`,
    ].join('\n');
  },
};

/** `tf.matmul(a: TensorLike, …): Tensor` and its doc line from the declarations, else the function's own parameter list. */
function describe(topic: string): string {
  const path = topic.replace(/^tf\./, '').split('.');
  let value: unknown = tf;
  for (const p of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[p];
  if (value === undefined) throw new Error(`tf.${path.join('.')} is not part of the tensorshell API; try :help for the commands`);
  if (typeof value !== 'function') return `tf.${path.join('.')}: ${typeof value}`;
  const documented = apiDoc(path[path.length - 1]);
  if (documented) return `tf.${[...path.slice(0, -1), documented.signature].join('.')}${documented.doc ? `\n  ${documented.doc}` : ''}`;
  const source = Function.prototype.toString.call(value);
  const params = /^[^(]*\(([^)]*)\)/.exec(source)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
  const isClass = source.startsWith('class') || /^[A-Z]/.test(path[path.length - 1]);
  return `tf.${path.join('.')}(${params})${isClass ? '  — a class; callable with or without `new`' : ''}`;
}
