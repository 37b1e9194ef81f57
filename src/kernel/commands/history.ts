// `:history`: the inputs of this session, numbered, whole (multi-line inputs stay together).
import type { Command } from './command.js';

export const history: Command = {
  name: 'history',
  summary: 'list the inputs of this session',
  run(kernel) {
    const inputs = kernel.history.slice(0, -1);
    if (inputs.length === 0) return 'no inputs yet';
    const w = String(inputs.length).length;
    return inputs.map((code, i) => `${String(i + 1).padStart(w)}  ${code.replace(/\n/g, `\n${' '.repeat(w + 2)}`)}`).join('\n');
  },
};
