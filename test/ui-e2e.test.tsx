// The Ink UI as a user meets it: the real `node dist/cli.js --ui` in a tmux terminal, its kernel a real child
// process. Skipped where tmux (3.1 or later) is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-ui-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const version = /tmux (\d+)\.(\d+)/.exec(spawnSync('tmux', ['-V'], { encoding: 'utf8' }).stdout ?? '');
const hasTmux = version !== null && Number(version[1]) * 100 + Number(version[2]) >= 301;

/** One tmux server on its own socket (a user's sessions are never touched), 100×30. */
class Terminal {
  private readonly socket = join(mkdtempSync(join(scratch, 'tmux-')), 's');

  start(args: string): void {
    // Ink draws only the last frame under CI (is-in-ci); a terminal user has no CI variable.
    const cmd = `cd '${root}' && env -u CI HOME='${mkdtempSync(join(scratch, 'home-'))}' '${process.execPath}' dist/cli.js ${args}; echo "EXIT=$?"; sleep 30`;
    this.tmux('new-session', '-d', '-x', '100', '-y', '30', cmd);
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', '0', ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', '0');
  }

  /** Waits until the screen matches (up to 20 s, then fails showing it). */
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
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }
}

beforeAll(ensureBuilt, 120_000);

describe('tensorshell --ui without a terminal', () => {
  it('says so in one line on stderr and runs the plain front end', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--ui'], { input: '1 + 1\n', encoding: 'utf8', timeout: 20_000 });
    expect(r).toMatchObject({ stdout: '2\n', stderr: 'tensorshell: --ui needs a terminal on stdin and stdout; using the plain front end\n', status: 0 });
  });
});

describe.skipIf(!hasTmux)('tensorshell --ui in a terminal', () => {
  it('typing `const x = tf.constant(1.0)` shows Const in the ops panel; a Variable adds its four ops; Ctrl-D exits 0', async () => {
    const t = new Terminal();
    try {
      t.start('--ui');
      await t.waitFor(/graph · 0 ops[\s\S]*^lazy>/m);
      t.keys('const x = tf.constant(1.0)', 'Enter');
      await t.waitFor(/│ \+ Const\s+Const\s+│/);
      t.keys('const w = tf.Variable(0.8)', 'Enter');
      const screen = await t.waitFor(/graph · 5 ops/);
      for (const op of ['Variable/initial_value', 'Variable ', 'Variable/Assign', 'Variable/read']) {
        expect(screen).toMatch(new RegExp(`│ \\+ ${op.replace('/', '\\/')}`));
      }
      expect(screen).toMatch(/^lazy · 5 ops$/m);
      t.keys('C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);
});

/** dist/ is what the binary runs: rebuilt when a source file is newer. */
function ensureBuilt(): void {
  const entry = join(root, 'dist/ui/start.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(root, 'src'))) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing UI is fatal.
    if (!existsSync(entry)) throw e;
  }
}

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
