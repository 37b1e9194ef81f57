// `:ops`: the default graph's operations with their types and inputs, as the ops panel lists them.
import * as tf from '../../index.js';
import type { OpInfo } from '../events.js';
import { opInfo } from '../event-views.js';
import type { Command } from './command.js';

export const ops: Command = {
  name: 'ops',
  usage: '[scope]',
  summary: "list the default graph's operations: name, type, inputs (or those of one name scope)",
  run(_kernel, args) {
    const all = tf.getDefaultGraph().getOperations().map(opInfo);
    if (all.length === 0) return 'the default graph is empty';
    const scope = args.trim().replace(/\/+$/, '');
    if (scope === '') return opTable(all).join('\n');
    const list = all.filter((o) => o.name === scope || o.name.startsWith(`${scope}/`));
    if (list.length === 0) throw new Error(`no op is named ${scope} or is in the name scope ${scope}/; :ops lists them all`);
    return opTable(list).join('\n');
  },
};

/** `name  type  inputs`, one line per op, the columns aligned (also `:compare`'s list). */
export function opTable(list: readonly OpInfo[]): string[] {
  const width = Math.max(...list.map((o) => o.name.length));
  const typeWidth = Math.max(...list.map((o) => o.type.length));
  return list.map((o) => `${o.name.padEnd(width)}  ${o.type.padEnd(typeWidth)}  ${o.inputs.join(', ')}`.trimEnd());
}
