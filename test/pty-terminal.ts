// A real terminal for end-to-end tests: `node dist/cli.js ARGS` in a pseudo-terminal (node-pty), its output read
// by a real terminal emulator (@xterm/headless) of the same size, which also answers the program's terminal
// queries, as a terminal window would. Waits re-check the screen each time the emulator has parsed more output
// (never a polling sleep), and a failed wait prints the screen. Where node-pty cannot be loaded (its addon not
// built), `hasPty` is false and `ptyNote` says why: the tests skip with that note.
import { write as fsWrite, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPty } from 'node-pty';
import xterm, { type Terminal as XTerm } from '@xterm/headless';
import { root } from './build.js';

type Spawn = typeof import('node-pty').spawn;
let spawnPty: Spawn | null = null;
let loadError = '';
try {
  const mod = (await import('node-pty')) as unknown as { spawn?: Spawn; default?: { spawn: Spawn } };
  spawnPty = mod.spawn ?? mod.default?.spawn ?? null;
} catch (e) {
  loadError = e instanceof Error ? e.message.split('\n')[0] : String(e);
}
export const hasPty = spawnPty !== null;
export const ptyNote = hasPty ? '' : `node-pty could not be loaded (${loadError}): the terminal tests are skipped; run \`npm rebuild node-pty\``;
if (!hasPty) console.warn(`note: ${ptyNote}`);

export interface PtyOptions {
  cols?: number;
  rows?: number;
  /** The working directory (the repository by default). */
  cwd?: string;
  /** HOME for the program (a fresh empty folder by default, so no history file is shared). */
  home?: string;
  /** A command the CLI runs under (`['timeout', '--foreground', '120']`). */
  wrapper?: string[];
  /** Keep the spaces a program wrote at a row's end in screen() and history() (a line REPL's prompt ends in one). */
  keepTrailingSpaces?: boolean;
}

export type ScreenTest = RegExp | ((screen: string) => boolean);

/** What a cell on the screen holds and how it is drawn (colours as xterm's palette index, -1 default). */
export interface Cell {
  chars: string;
  bold: boolean;
  inverse: boolean;
  fg: number;
  bg: number;
}

const live = new Set<PtyTerminal>();

/** Kills every terminal still running (an afterEach for a test that failed half-way). */
export function killAll(): void {
  for (const t of live) t.kill();
}

export class PtyTerminal {
  readonly term: XTerm;
  /** Resolves with the exit code once the program has exited and its last output has been parsed (128 + N: killed by signal N, as a shell says). */
  readonly exit: Promise<number>;
  readonly home: string;
  private readonly pty: IPty;
  private readonly fd: number;
  private readonly listeners = new Set<() => void>();
  private writes: Promise<void> = Promise.resolve();
  private exited: { exitCode: number; signal?: number } | null = null;
  private killed = false;
  private readonly keepSpaces: boolean;

  constructor(args: string[], options: PtyOptions = {}) {
    if (spawnPty === null) throw new Error(ptyNote);
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.keepSpaces = options.keepTrailingSpaces ?? false;
    this.home = options.home ?? mkdtempSync(join(tmpdir(), 'tensorshell-pty-home-'));
    this.term = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    // Ink draws only the last frame under CI (is-in-ci); a terminal user has no CI variable, nor a tmux one.
    for (const k of ['CI', 'TMUX', 'TMUX_PANE', 'STY', 'NO_COLOR', 'FORCE_COLOR']) delete env[k];
    Object.assign(env, { HOME: this.home, TERM: 'xterm-256color', COLUMNS: String(cols), LINES: String(rows) });
    const [file, ...rest] = [...(options.wrapper ?? []), process.execPath, join(root, 'dist/cli.js'), ...args];
    this.pty = spawnPty(file, rest, { name: 'xterm-256color', cols, rows, cwd: options.cwd ?? root, env });
    this.fd = (this.pty as unknown as { fd: number }).fd;
    live.add(this);
    // Checked after each read from the pty is parsed, unless it ended inside a frame that Ink wraps in a
    // synchronized update (\x1b[?2026h … \x1b[?2026l), which a terminal shows only whole; and at each frame's end.
    this.pty.onData((data) => this.term.write(data, () => {
      if (!this.term.modes.synchronizedOutputMode) this.changed();
    }));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.includes(2026)) this.changed();
      return false;
    });
    // The terminal's answers to the program's queries (cursor position, device attributes) go back to it.
    this.term.onData((reply) => void this.write(reply));
    this.exit = new Promise((resolve) => {
      this.pty.onExit((e) => {
        // Every byte before the exit is parsed first (an empty write's callback comes after them).
        this.term.write('', () => {
          this.exited = e;
          live.delete(this);
          this.changed();
          resolve(this.exitCode());
        });
      });
    });
  }

  /** Sends `data` to the program in one write(2); resolves once the pty has taken all of it. */
  write(data: string): Promise<void> {
    const bytes = Buffer.from(data, 'utf8');
    const send = (offset: number): Promise<void> => new Promise((resolve, reject) => {
      if (offset >= bytes.length || this.exited !== null || this.killed) return resolve();
      // A node-pty without the master's fd (not Unix): its own queued write, taken when it returns.
      if (typeof this.fd !== 'number') return resolve(this.pty.write(bytes));
      fsWrite(this.fd, bytes, offset, bytes.length - offset, null, (err, written) => {
        // The pty's input queue is full (the program is not reading): try again once the loop has turned.
        if (err && (err as NodeJS.ErrnoException).code === 'EAGAIN') setImmediate(() => send(offset).then(resolve, reject));
        else if (err) reject(err);
        else send(offset + written).then(resolve, reject);
      });
    });
    this.writes = this.writes.then(() => send(0));
    return this.writes;
  }

  /** Types `text` as many writes of `chunk` characters (1: a key at a time), each taken by the pty before the next. */
  async type(text: string, { chunk = 1 }: { chunk?: number } = {}): Promise<void> {
    const chars = [...text];
    for (let i = 0; i < chars.length; i += chunk) await this.write(chars.slice(i, i + chunk).join(''));
  }

  /** The visible rows, as text (trailing blank rows dropped, and each row's trailing spaces unless kept). */
  screen(): string {
    const b = this.term.buffer.active;
    return this.lines(b.baseY, b.baseY + this.term.rows);
  }

  /** The scrollback and the screen, oldest first. */
  history(): string {
    return this.lines(0, this.term.buffer.active.length);
  }

  /** The cell at `row` (of the screen, from 0) and `col`. */
  cell(row: number, col: number): Cell {
    const c = this.term.buffer.active.getLine(this.term.buffer.active.baseY + row)?.getCell(col);
    if (c === undefined) throw new Error(`no cell at ${row},${col}`);
    return { chars: c.getChars(), bold: c.isBold() !== 0, inverse: c.isInverse() !== 0, fg: c.isFgDefault() ? -1 : c.getFgColor(), bg: c.isBgDefault() ? -1 : c.getBgColor() };
  }

  /** Where `text` first shows on the screen (row and column from 0), or null. */
  find(text: string | RegExp): { row: number; col: number } | null {
    const rows = this.screen().split('\n');
    for (let row = 0; row < rows.length; row++) {
      const m = typeof text === 'string' ? rows[row].indexOf(text) : rows[row].search(text);
      if (m >= 0) return { row, col: [...rows[row].slice(0, m)].length };
    }
    return null;
  }

  /**
   * Waits until `test` holds for the screen (a RegExp matches it), re-checked whenever more output is parsed;
   * fails after `timeoutMs`, or at once if the program exits first, showing the screen.
   */
  waitFor(test: ScreenTest, timeoutMs = 20_000): Promise<string> {
    const holds = () => (typeof test === 'function' ? test(this.screen()) : test.test(this.screen()));
    return this.until(holds, String(test), timeoutMs).then(() => this.screen());
  }

  /** Waits until `holds()` (any state of the terminal: its history, a cell), checked as waitFor checks. */
  until(holds: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const fail = (why: string) => done(new Error(`${why} ${what}; the screen (${this.term.cols}×${this.term.rows}):\n${this.screen()}`));
      const check = () => {
        if (holds()) done();
        else if (this.exited !== null) fail(`the program exited (${this.exitStatus()}) before the terminal showed`);
      };
      const timer = setTimeout(() => fail(`after ${timeoutMs} ms the terminal had not shown`), timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Waits for the program to exit; resolves with its exit code. */
  waitExit(timeoutMs = 20_000): Promise<number> {
    return this.until(() => this.exited !== null, 'the program exiting', timeoutMs).then(() => this.exitCode());
  }

  /** Resizes the terminal as a window does: the emulator reflows its rows, then the program gets SIGWINCH. */
  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (this.exited === null) this.pty.resize(cols, rows);
  }

  kill(): void {
    if (this.exited === null && !this.killed) this.pty.kill('SIGKILL');
    this.killed = true;
    live.delete(this);
  }

  private exitCode(): number {
    const e = this.exited!;
    return e.signal ? 128 + e.signal : e.exitCode;
  }

  /** `exit code 1`, or `killed by SIGINT` (node-pty gives code 0 and the signal's number). */
  private exitStatus(): string {
    const e = this.exited!;
    const names: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM' };
    return e.signal ? `killed by ${names[e.signal] ?? `signal ${e.signal}`}` : `exit code ${e.exitCode}`;
  }

  private changed(): void {
    for (const check of [...this.listeners]) check();
  }

  private lines(from: number, to: number): string {
    const b = this.term.buffer.active;
    const out: string[] = [];
    for (let y = from; y < Math.min(to, b.length); y++) {
      // translateToString(true) drops the cells never written; a written space stays.
      const row = b.getLine(y)?.translateToString(true) ?? '';
      out.push(this.keepSpaces ? row : row.trimEnd());
    }
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }
}
