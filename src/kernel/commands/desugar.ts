// `:desugar a * b`: what the operator sugar makes of the code, `tf.ops.mul(a, b)`.
import { desugar as desugarCode } from '../compile.js';
import type { Command } from './command.js';

export const desugar: Command = {
  name: 'desugar',
  summary: 'show what the operator sugar makes of some code',
  usage: '<code>',
  run(_kernel, args) {
    if (args.trim() === '') throw new Error(':desugar needs some code, e.g. :desugar weight * input_value');
    return desugarCode(args.trim());
  },
};
