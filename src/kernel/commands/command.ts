// A REPL command is data: a name, a line of help, and what it does. One file per command.
import type { Kernel } from '../kernel.js';

export interface Command {
  /** The name typed after ':' (`mode` for `:mode eager`). */
  name: string;
  /** What `:help` lists. */
  summary: string;
  /** The argument syntax (`eager|lazy`), if any. */
  usage?: string;
  /** Does the work; the returned text is printed. Throw an Error for bad arguments. */
  run(kernel: Kernel, args: string): string | void | Promise<string | void>;
}
