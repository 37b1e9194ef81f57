// The in-process kernel a lesson runs in, as the plain front end drives it: results, command text,
// `console.log` lines and `ErrorClass: message` are printed, and each input's printed lines are kept (without
// colour codes) so the lesson can compare them with its own. It starts as a new process would: an empty
// default graph, no default session, fresh random state, lazy mode.
import { stripVTControlCharacters } from 'node:util';
import * as tf from '../index.js';
import type { ExecuteStatus, Mode } from '../kernel/events.js';
import { Kernel } from '../kernel/kernel.js';
import { freshGlobals } from '../transcript/check-session.js';
import { withoutTrailingBlanks } from '../transcript/format.js';
import { printedLines } from '../transcript/recorder.js';

export interface Ran {
  status: ExecuteStatus;
  /** What the input printed, line by line, as the lesson's expected outputs write it (no escape codes). */
  printed: string[];
}

export class LessonKernel {
  readonly kernel: Kernel;
  /** While set, inputs run without printing (a hidden block). */
  silent = false;
  private printed: string[] = [];
  private readonly wasEager = tf.executingEagerly();

  constructor(private readonly write: (text: string) => void, colors: boolean) {
    freshGlobals();
    this.kernel = new Kernel({ mode: 'lazy', colors, runEvents: false });
    this.kernel.on((e) => {
      const p = printedLines(e);
      if (p === null) return;
      if (!this.silent) write(`${p.lines.join('\n')}\n`);
      this.printed.push(...p.lines.map((l) => stripVTControlCharacters(l)));
    });
  }

  get mode(): Mode {
    return this.kernel.mode;
  }

  /** Runs one input (code or a `:command`); `incomplete` when it needs more lines. */
  async run(code: string): Promise<Ran> {
    this.printed = [];
    let status: ExecuteStatus;
    try {
      status = (await this.kernel.execute(code)).status;
    } catch (e) {
      // The kernel reports an input's failures as events; this is a failure of the kernel itself.
      const line = `${(e as Error).name ?? 'Error'}: ${(e as Error).message ?? String(e)}`;
      if (!this.silent) this.write(`${line}\n`);
      this.printed.push(line);
      status = 'error';
    }
    return { status, printed: withoutTrailingBlanks(this.printed) };
  }

  /** Stops an input that awaits a promise (Ctrl-C); synchronous code is stopped by vm itself. */
  interrupt(): void {
    this.kernel.interrupt();
  }

  dispose(): void {
    this.kernel.dispose();
    freshGlobals();
    if (this.wasEager) tf.enableEagerExecution();
    else tf.disableEagerExecution();
  }
}
