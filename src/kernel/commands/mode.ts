// `:mode eager` / `:mode lazy`: switch schedules; variables stay, and the REPL says what changes.
import * as tf from '../../index.js';
import type { Command } from './command.js';

export const mode: Command = {
  name: 'mode',
  summary: 'switch between lazy (graph, TF 1.15) and eager (TF 2) execution',
  usage: 'eager|lazy',
  run(kernel, args) {
    const want = args.trim();
    if (want === '') return `${kernel.mode} mode`;
    if (want !== 'eager' && want !== 'lazy') throw new Error(`:mode takes 'eager' or 'lazy', not '${want}'`);
    if (want === kernel.mode) return `already in ${want} mode`;
    if (want === 'eager') {
      tf.enableEagerExecution();
      return 'eager mode: each op now runs at once and returns its value (TF 2). Your variables are kept; graph tensors made before keep their graph and need a Session.';
    }
    tf.disableEagerExecution();
    const n = tf.getDefaultGraph().version;
    return `lazy mode: ops are added to the default graph (${n} op${n === 1 ? '' : 's'} so far) and run by a Session (TF 1.15). Your variables are kept; eager values become Consts when used.`;
  },
};
