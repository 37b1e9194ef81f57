// The Ink UI as a user meets it: the real `node dist/cli.js --ui` in a tmux terminal, its kernel a real child
// process. Skipped where tmux (3.1 or later) is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { hasTmux, Terminal } from './terminal.js';
const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-ui-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The CLI in a terminal of its own, with its own HOME. */
class CliTerminal extends Terminal {
  start(args: string): void {
    // Ink draws only the last frame under CI (is-in-ci); a terminal user has no CI variable.
    this.launch(`cd '${root}' && env -u CI HOME='${mkdtempSync(join(scratch, 'home-'))}' '${process.execPath}' dist/cli.js ${args}`);
  }
}

beforeAll(() => ensureBuilt('dist/ui/start.js'), 120_000);

describe('tensorshell --ui without a terminal', () => {
  it('says so in one line on stderr and runs the plain front end', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--ui'], { input: '1 + 1\n', encoding: 'utf8', timeout: 20_000 });
    expect(r).toMatchObject({ stdout: '2\n', stderr: 'tensorshell: the terminal UI needs a terminal on stdin and stdout; using the plain front end\n', status: 0 });
  });
});

describe.skipIf(!hasTmux)('tensorshell --ui in a terminal', () => {
  it('typing `const x = tf.constant(1.0)` shows Const in the ops panel; a Variable adds its four ops; Ctrl-D exits 0', async () => {
    const t = new CliTerminal(scratch, { columns: 100, rows: 30 });
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
      expect(screen).toMatch(/^lazy · \/cpu:0( \/gpu:\d)* · 5 ops · 1 variable, not initialized$/m);
      t.keys('C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);

  it('keys sent the moment it starts, a line and its Enter sent together, and a paste of several lines all run as typed', async () => {
    const t = new CliTerminal(scratch, { columns: 100, rows: 30 });
    try {
      t.start('--ui');
      // Before the UI is up: the terminal holds the keys until it reads them.
      t.keys('-l', 'const w = tf.Variable(2.0)\r');
      await t.waitFor(/graph · 4 ops/);
      // Issue 17's repro: the text, then Enter straight after it, then the next line and its Enter in one write.
      t.keys('-l', 'const x = tf.constant(1.0)');
      t.keys('Enter');
      t.keys('-l', 'const y = tf.constant(2.0)\r');
      await t.waitFor(/graph · 6 ops/);
      // A bracketed paste: one input on the prompt, its lines not run one by one; Enter runs it.
      t.keys('-l', '\u001B[200~function twice(v) {\r  return v * 2\r}\u001B[201~');
      await t.waitFor(/^\.\.\. \}\s*$/m);
      t.keys('Enter');
      t.keys('-l', 'twice(21)\r');
      await t.waitFor(/^42$/m);
      t.keys('C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);

  it("Tab completes a member from the kernel process: sess.r → sess.run, w.as lists assign's kin", async () => {
    const t = new CliTerminal(scratch, { columns: 100, rows: 30 });
    try {
      t.start('--ui');
      await t.waitFor(/^lazy>/m);
      t.keys('const sess = tf.Session(); const w = tf.Variable(1.0)', 'Enter');
      await t.waitFor(/graph · 4 ops/);
      t.keys('sess.r', 'Tab');
      await t.waitFor(/^lazy> sess\.run\s*$/m);
      t.keys('C-u', 'w.as', 'Tab');
      await t.waitFor(/^lazy> w\.assign\s*$/m);
      t.keys('Tab');
      await t.waitFor(/^assign {2}assignAdd {2}assignSub\s*$/m);
      t.keys('C-u', 'C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);

  it('resizing smaller, then wider again, leaves no copy of the panels in the scrollback: only the inputs and outputs', async () => {
    const t = new CliTerminal(scratch, { columns: 100, rows: 30 });
    /** The scrollback and screen once they hold one ops panel at the new width and the history again. */
    const settled = async (columns: number) => {
      for (let i = 0; i < 400; i++) {
        const h = t.history();
        if (h.match(/graph · \d+ ops/g)?.length === 1 && h.includes(`╰${'─'.repeat(columns - 2)}╯`) && h.includes("<tf.Variable 'Variable:0'")) return h;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the panels never settled at ${columns} columns:\n${t.history()}`);
    };
    try {
      t.start('--ui');
      await t.waitFor(/graph · 0 ops[\s\S]*^lazy>/m);
      t.keys('const w = tf.Variable(0.8)', 'Enter');
      await t.waitFor(/graph · 4 ops/);
      t.keys('w', 'Enter');
      await t.waitFor(/^<tf\.Variable 'Variable:0'/m);
      for (const [columns, rows] of [[70, 24], [50, 20], [100, 30]]) {
        t.resize(columns, rows);
        const h = await settled(columns);
        expect(h.match(/^lazy> const w = tf\.Variable\(0\.8\)$/gm), h).toHaveLength(1);
        expect(h.match(/^<tf\.Variable 'Variable:0'/gm), h).toHaveLength(1);
        expect(h.match(/[╭╰]/g), h).toHaveLength(2);
      }
    } finally {
      t.stop();
    }
  }, 60_000);

  it('a 50-step training loop with a logged loss draws the chart; Ctrl-C stops `while (true) {}` and every variable survives', async () => {
    const t = new CliTerminal(scratch, { columns: 110, rows: 36 });
    try {
      t.start('--ui');
      await t.waitFor(/^lazy>/m);
      t.keys('const w = tf.Variable(0.0); const loss = tf.square(w - 3); const summary = tf.summary.scalar("loss", loss)', 'Enter');
      await t.waitFor(/1 variable, not initialized/);
      t.keys('const train = new tf.train.GradientDescentOptimizer(0.1).minimize(loss); const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())', 'Enter');
      await t.waitFor(/variables? initialized/);
      t.keys('for (let i = 0; i < 50; i++) sess.run([train, summary])', 'Enter');
      // The legend with the last value, and the chart's axis: (3 - w)² after 50 steps of 0.2·(3 - w) is tiny.
      const chart = await t.waitFor(/── loss [\d.e-]+ @\d+/);
      expect(chart).toMatch(/[┤┼]/);
      expect(chart).toMatch(/│\s+9 ┼/);
      t.keys('while (true) {}', 'Enter');
      await t.waitFor(/running… Ctrl-C interrupts/);
      t.keys('C-c');
      await t.waitFor(/KeyboardInterrupt/);
      t.keys('sess.run(w) > 2.9', 'Enter');
      await t.waitFor(/^true$/m);
    } finally {
      t.stop();
    }
  }, 90_000);
});
