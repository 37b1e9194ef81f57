// A real terminal for end-to-end tests: one tmux server per terminal, on its own socket, so a user's
// sessions are never touched. The tests that use it are skipped where tmux (3.1 or later) is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// capture-pane -N (keep trailing spaces, so `lazy> ` can be told from `lazy>`) came with tmux 3.1.
const version = /tmux (\d+)\.(\d+)/.exec(spawnSync('tmux', ['-V'], { encoding: 'utf8' }).stdout ?? '');
export const hasTmux = version !== null && Number(version[1]) * 100 + Number(version[2]) >= 301;

export interface TerminalOptions {
  columns?: number;
  rows?: number;
  /** Keep trailing spaces in screen captures (a line REPL's prompt ends in one). */
  keepTrailingSpaces?: boolean;
}

export class Terminal {
  private readonly socket: string;

  /** `scratch` is a temporary folder the test removes afterwards. */
  constructor(scratch: string, private readonly options: TerminalOptions = {}) {
    this.socket = join(mkdtempSync(join(scratch, 'tmux-')), 's');
  }

  /** Runs `command` in the terminal; `EXIT=<status>` shows when it ends, and the pane stays for a look. */
  protected launch(command: string): void {
    this.tmux('new-session', '-d', '-x', String(this.options.columns ?? 120), '-y', String(this.options.rows ?? 40),
      `${command}; echo "EXIT=$?"; sleep 30`);
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', '0', ...keys);
  }

  /** Types a line and waits for what it should print, ending at the next prompt (no typing ahead). */
  async enter(line: string, expected: RegExp): Promise<string> {
    this.keys(line, 'Enter');
    return this.waitFor(expected);
  }

  screen(): string {
    const flags = this.options.keepTrailingSpaces ? ['-p', '-N'] : ['-p'];
    return this.tmux('capture-pane', ...flags, '-t', '0').replace(/\n+$/, '\n');
  }

  /** The screen and everything scrolled off above it, oldest first. */
  history(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', '0').replace(/\n+$/, '\n');
  }

  /** Resizes the terminal, as a user dragging its window or zooming does: the program gets SIGWINCH. */
  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', '0', '-x', String(columns), '-y', String(rows));
  }

  /** Waits until the screen matches (up to 20 s, then fails showing the screen). */
  async waitFor(pattern: RegExp): Promise<string> {
    for (let i = 0; i < 400; i++) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the terminal never showed ${pattern}:\n${this.screen()}`);
  }

  stop(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.socket, { force: true });
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }
}
