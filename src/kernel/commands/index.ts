// The command table. `:name args` runs a command; `?tf.name` is `:help tf.name`.
import { recordSession } from '../../transcript/recorder.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';
import { chart, recordScalars } from './chart.js';
import { compare } from './compare.js';
import { desugar } from './desugar.js';
import { exportGraph } from './export.js';
import { graph } from './graph.js';
import { help } from './help.js';
import { history } from './history.js';
import { load } from './load.js';
import { mode } from './mode.js';
import { nodedef } from './nodedef.js';
import { ops } from './ops.js';
import { reset } from './reset.js';
import { restoreVars } from './restore-vars.js';
import { save } from './save.js';
import { saveVars } from './save-vars.js';
import { time } from './time.js';
import { trace } from './trace.js';

export const commands: Command[] = [help, mode, compare, ops, graph, nodedef, exportGraph, saveVars, restoreVars, reset, time, desugar, save, load, history, chart, trace];

/** The command an input calls, with its argument text, or null for code. */
export function findCommand(input: string): { command: Command; args: string } | null {
  if (input.startsWith('?')) return { command: help, args: input.slice(1) };
  const m = /^:([a-z][a-z-]*)(?:\s+([\s\S]*))?$/.exec(input);
  if (!m) return null;
  const command = commands.find((c) => c.name === m[1]);
  if (!command) {
    return { command: { name: m[1], summary: '', run: () => { throw new Error(`unknown command :${m[1]}; :help lists them`); } }, args: '' };
  }
  return { command, args: m[2] ?? '' };
}

/**
 * Called by the Kernel's constructor: what commands need to watch from the first input on. `:save` writes
 * every input with its output, so the recorder must listen before anything is said.
 */
export function attachCommands(kernel: Kernel): void {
  recordSession(kernel);
  recordScalars(kernel);
}
