// Where a lesson reads the learner's lines. At a terminal: readline, with the step's code typed onto the
// prompt (`rl.write`) so that Enter runs it and the arrow keys edit it, Tab completion and the REPL's
// history file. Elsewhere (a pipe, a test): one line per prompt, an empty line standing for the code that
// would be on the prompt, and each line echoed after its prompt so the output reads like a session.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { HISTORY_SIZE, foldHistory, loadHistory, saveHistory } from '../kernel/history-file.js';

export interface LessonInput extends Readable {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => void;
}

export interface LessonOutput extends Writable {
  isTTY?: boolean;
  columns?: number;
}

export interface LineSource {
  /** The next line entered at `prompt`, `prefill` being on the line to run or edit; null when input ends. */
  ask(prompt: string, prefill: string): Promise<string | null>;
  /** A whole input that ran, for the history (a multi-line input is one entry). */
  remember(input: string): void;
  /** Around each input's run: at a terminal it runs out of raw mode, so Ctrl-C stops even `while (true) {}`. */
  running(on: boolean, interrupt: () => void): void;
  close(): void;
}

/** readline's completer: the completions of the line's end, and the text they replace. */
export type LineCompleter = (line: string) => [string[], string];

export function lineSource(input: LessonInput, output: LessonOutput, historyFile?: string, completer?: LineCompleter): LineSource {
  return input.isTTY === true && output.isTTY === true ? new TerminalLines(input, output, historyFile, completer) : new PipedLines(input, output);
}

class PipedLines implements LineSource {
  private readonly rl: readline.Interface;
  private readonly lines: AsyncIterator<string>;

  constructor(input: Readable, private readonly output: Writable) {
    this.rl = readline.createInterface({ input, terminal: false });
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  async ask(prompt: string, prefill: string): Promise<string | null> {
    const next = await this.lines.next();
    if (next.done) return null;
    const line = next.value === '' ? prefill : next.value;
    this.output.write(`${prompt}${line}\n`);
    return line;
  }

  remember(): void {}

  running(): void {}

  close(): void {
    this.rl.close();
  }
}

class TerminalLines implements LineSource {
  private readonly rl: readline.Interface;
  private readonly lines: AsyncIterator<string>;
  private readonly history: string[];
  private idleCtrlC = 0;
  private onSigint: (() => void) | null = null;

  constructor(private readonly input: LessonInput, private readonly output: Writable, private readonly historyFile?: string, completer?: LineCompleter) {
    this.history = loadHistory(historyFile);
    this.rl = readline.createInterface({ input, output, terminal: true, completer, history: this.history, historySize: HISTORY_SIZE });
    this.lines = this.rl[Symbol.asyncIterator]();
    this.rl.on('SIGINT', () => this.ctrlC());
    input.on('keypress', this.ctrlD);
  }

  /**
   * Ctrl-D leaves, as at an empty REPL prompt, even with a step's code on the line (readline itself only
   * deletes the character under the cursor there): after readline's own handler, at the end of the line.
   */
  private readonly ctrlD = (_s: string | undefined, key: { ctrl?: boolean; name?: string } | undefined): void => {
    if (key?.ctrl && key.name === 'd' && this.rl.line !== '' && this.rl.cursor === this.rl.line.length) this.rl.close();
  };

  async ask(prompt: string, prefill: string): Promise<string | null> {
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    if (prefill !== '') this.rl.write(prefill);
    const next = await this.lines.next();
    this.idleCtrlC = 0;
    return next.done ? null : next.value;
  }

  remember(input: string): void {
    if (input.trim() === '') return;
    foldHistory(this.history, input);
    saveHistory(this.historyFile, input);
  }

  running(on: boolean, interrupt: () => void): void {
    this.input.setRawMode?.(!on);
    if (this.onSigint) process.off('SIGINT', this.onSigint);
    this.onSigint = null;
    // The kernel's script guard stops synchronous code by itself (sigint.ts); an awaited promise is abandoned (Kernel.interrupt).
    if (on) process.on('SIGINT', this.onSigint = interrupt);
  }

  close(): void {
    this.running(false, () => {});
    this.input.off('keypress', this.ctrlD);
    this.rl.close();
  }

  /** Ctrl-C at the prompt, as in the REPL: it drops what is on the line; on an empty line twice, it leaves. */
  private ctrlC(): void {
    if (this.rl.line !== '') this.idleCtrlC = 0;
    else if (++this.idleCtrlC >= 2) return void this.rl.close();
    const r = this.rl as unknown as { clearLine?: () => void };
    if (typeof r.clearLine === 'function') r.clearLine();
    else {
      this.rl.write(null, { ctrl: true, name: 'e' });
      this.rl.write(null, { ctrl: true, name: 'u' });
      this.output.write('\n');
    }
    if (this.idleCtrlC === 1) this.output.write('(To leave the lesson, press Ctrl+C again or Ctrl+D)\n');
    this.rl.prompt();
  }
}
