// The plain front end: lines in, results and errors out. It is what pipes, transcripts and tests use, and
// the interactive fallback where Ink cannot run. No prompts or escape codes unless it talks to a terminal.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ExecuteResult, Kernel } from './kernel.js';
import type { KernelEvent } from './events.js';
import { warmUpParser, warmUpWhenIdle } from './compile.js';
import { HISTORY_SIZE, foldHistory, loadHistory, saveHistory } from './history-file.js';
import { contextCompleter } from './tf-names.js';

export { DEFAULT_HISTORY } from './history-file.js';

export interface PlainOptions {
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  output: Writable & { isTTY?: boolean };
  /** Exit 1 at the first error instead of going on. */
  bail?: boolean;
  /** Print the ops each lazy input added. */
  showOps?: boolean;
  /** Where whole inputs are remembered between sessions (interactive use only). */
  historyFile?: string;
}

/** Runs the kernel over the input until it ends; resolves to the exit code. */
export async function runPlain(kernel: Kernel, options: PlainOptions): Promise<number> {
  const off = kernel.on((e) => print(e, (s) => options.output.write(s), options.showOps ?? false));
  const front = new PlainFrontEnd(kernel, options);
  // A rejection nobody handles, a throwing timer: Node would end the process, and the session with it.
  const escaped = (e: unknown) => kernel.reportEscaped(e);
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  try {
    return await front.run();
  } finally {
    process.off('unhandledRejection', escaped);
    process.off('uncaughtException', escaped);
    front.close();
    off();
  }
}

function print(e: KernelEvent, write: (s: string) => void, showOps: boolean): void {
  if (e.type === 'output') write(`${e.text}\n`);
  else if (e.type === 'error') write(`${e.name}: ${e.message}\n`);
  else if (e.type === 'warning') write(`WARNING: ${e.message}\n`);
  else if (e.type === 'ops-added' && showOps) {
    for (const op of e.ops) write(`+ ${op.name} (${op.type})${op.inputs.length ? ` ← ${op.inputs.join(', ')}` : ''}\n`);
  }
}

class PlainFrontEnd {
  private readonly interactive: boolean;
  private readonly rl: readline.Interface;
  /** readline keeps (and edits) this very array; multi-line inputs are folded into one entry. */
  private readonly history: string[];
  private readonly interrupts: Interrupts;
  private buffer = '';
  private idleCtrlC = 0;
  private closed = false;

  constructor(private readonly kernel: Kernel, private readonly options: PlainOptions) {
    this.interactive = options.input.isTTY === true && options.output.isTTY === true;
    this.history = this.interactive ? loadHistory(options.historyFile) : [];
    this.rl = readline.createInterface({
      input: options.input,
      output: this.interactive ? options.output : undefined,
      terminal: this.interactive,
      completer: this.interactive ? contextCompleter(kernel.context) : undefined,
      history: this.history,
      historySize: HISTORY_SIZE,
    });
    this.rl.on('close', () => { this.closed = true; });
    this.rl.on('SIGINT', () => this.ctrlC());
    this.interrupts = new Interrupts(this.write, () => kernel.interrupt());
  }

  private readonly write = (s: string): void => {
    this.options.output.write(s);
  };

  async run(): Promise<number> {
    let failed = false;
    if (this.interactive) {
      this.interrupts.install();
      // TypeScript loads after the first prompt is up, once the user pauses (plain JavaScript needs none).
      warmUpWhenIdle();
    }
    this.prompt(false);
    // acorn loads as soon as the prompt is up: a person's first line comes later than that.
    if (this.interactive) setImmediate(warmUpParser);
    for await (const line of this.rl) {
      this.idleCtrlC = 0;
      this.buffer = this.buffer === '' ? line : `${this.buffer}\n${line}`;
      const result = await this.execute(this.buffer);
      if (result.status === 'incomplete') {
        this.prompt(true);
        continue;
      }
      this.remember(this.buffer);
      this.buffer = '';
      if (result.status === 'error') {
        failed = true;
        if (this.options.bail) break;
      }
      this.prompt(false);
    }
    if (!(this.options.bail && failed) && !(await this.finishBuffer())) failed = true;
    if (this.interactive) this.write('\n');
    return this.options.bail && failed ? 1 : 0;
  }

  close(): void {
    this.interrupts.uninstall();
    this.rl.close();
  }

  /**
   * At a terminal, an input runs with it out of raw mode, so Ctrl-C raises SIGINT and the kernel's script guard (sigint.ts)
   * stops even `while (true) {}`; raw mode (line editing) comes back for the next prompt.
   */
  private async execute(code: string): Promise<ExecuteResult> {
    if (!this.interactive) return this.kernel.execute(code);
    this.options.input.setRawMode?.(false);
    this.interrupts.begin();
    try {
      return await this.kernel.execute(code);
    } finally {
      this.interrupts.end();
      this.options.input.setRawMode?.(true);
    }
  }

  /** Input that ended in the middle of a statement is still reported, as the syntax error it is. */
  private async finishBuffer(): Promise<boolean> {
    if (this.buffer.trim() === '') return true;
    const result = await this.kernel.execute(`${this.buffer}\n`);
    if (result.status === 'incomplete') {
      this.write(`SyntaxError: the input ended inside an unfinished statement: ${this.buffer.split('\n')[0].trim()}\n`);
    }
    return result.status === 'ok';
  }

  private remember(input: string): void {
    if (!this.interactive || input.trim() === '') return;
    foldHistory(this.history, input);
    saveHistory(this.options.historyFile, input);
  }

  private prompt(more: boolean): void {
    if (!this.interactive || this.closed) return;
    this.rl.setPrompt(more ? '... ' : `${this.kernel.mode}> `);
    this.rl.prompt();
  }

  /** Ctrl-C at the prompt, as in Node's REPL: it drops what is typed; at an empty prompt twice, it exits. */
  private ctrlC(): void {
    const empty = this.buffer === '' && this.rl.line === '';
    endLine(this.rl, this.write);
    this.buffer = '';
    if (!empty) this.idleCtrlC = 0;
    else if (++this.idleCtrlC >= 2) return void this.rl.close();
    else this.write('(To exit, press Ctrl+C again or Ctrl+D)\n');
    this.prompt(false);
  }
}

/**
 * SIGINT while the interactive front end runs. The kernel takes it while an input's synchronous part runs;
 * this handler sees the rest: an input waiting in an `await` is abandoned (the kernel's interrupt(): it
 * fails as a KeyboardInterrupt, its names and ops undone, and the prompt comes back). Where nothing can be
 * abandoned (a command that awaits), Ctrl-C says so and a second one quits.
 * At the prompt the terminal is raw, so a signal then is not a keypress: it is a copy that a parent relays
 * (`npm start` and `timeout` forward SIGINT to the child as well) or a `kill -INT`, and must not end the
 * session. A copy comes within milliseconds of the key's own signal, and nobody presses twice within 100 ms,
 * so two signals that close count once; one that comes later, after the input was stopped, is let go too.
 */
class Interrupts {
  private running = false;
  private stopped = false;
  private presses = 0;
  private last = -Infinity;
  private readonly handler = () => this.onSigint();

  constructor(private readonly write: (s: string) => void, private readonly interrupt: () => boolean) {}

  install(): void {
    process.on('SIGINT', this.handler);
  }

  uninstall(): void {
    process.off('SIGINT', this.handler);
  }

  begin(): void {
    this.running = true;
    this.stopped = false;
    this.presses = 0;
  }

  end(): void {
    this.running = false;
  }

  private onSigint(): void {
    const now = performance.now();
    const copy = now - this.last < 100;
    this.last = now;
    if (!this.running || copy || this.stopped) return;
    this.write('\n');
    if (this.interrupt()) return void (this.stopped = true);
    if (++this.presses >= 2) process.exit(130);
    this.write('KeyboardInterrupt: this input cannot be stopped; press Ctrl+C again to quit tensorshell\n');
  }
}

/** Ends the line being edited, keeping it visible, and empties it, as Node's REPL does on Ctrl-C. */
function endLine(rl: readline.Interface, write: (s: string) => void): void {
  const r = rl as unknown as { clearLine?: () => void };
  if (typeof r.clearLine === 'function') return r.clearLine();
  // Where readline lacks it (it is undocumented): erase the line instead.
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
  write('\n');
}
