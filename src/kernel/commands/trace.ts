// `:trace`: the stack of the last error (errors print as `ErrorClass: message` only).
import type { Command } from './command.js';

export const trace: Command = {
  name: 'trace',
  summary: 'show the stack trace of the last error',
  run(kernel) {
    return kernel.lastError ? (kernel.lastError.stack ?? `${kernel.lastError.name}: ${kernel.lastError.message}`) : 'no error yet';
  },
};
