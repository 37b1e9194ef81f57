// The Ink UI as a user meets it: the real `node dist/cli.js --ui` in a real terminal (a pseudo-terminal read by
// a terminal emulator, pty-terminal.ts), its kernel a real child process. The keyboard's own cases (a line
// and its Enter in one read, pastes, split escape sequences, readline keys) are in ui-pty-keys.test.ts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { hasPty, killAll, ptyNote, PtyTerminal } from './pty-terminal.js';

beforeAll(() => ensureBuilt('dist/ui/start.js'), 120_000);
afterEach(killAll);

/** xterm's palette: what chalk's basic colours are drawn with. */
const GREEN = 2;
const CYAN = 6;

describe('tensorshell --ui without a terminal', () => {
  it('says so in one line on stderr and runs the plain front end', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--ui'], { input: '1 + 1\n', encoding: 'utf8', timeout: 20_000 });
    expect(r).toMatchObject({ stdout: '2\n', stderr: 'tensorshell: the terminal UI needs a terminal on stdin and stdout; using the plain front end\n', status: 0 });
  });
});

describe.skipIf(!hasPty)(`tensorshell --ui in a terminal${ptyNote ? ` — skipped: ${ptyNote}` : ''}`, () => {
  it('typing `const x = tf.constant(1.0)` shows Const in the ops panel; a Variable adds its four ops; Ctrl-D exits 0', async () => {
    const t = new PtyTerminal(['--ui'], { cols: 100, rows: 30 });
    await t.waitFor(/graph · 0 ops[\s\S]*^lazy>/m);
    // The UI asks the terminal for bracketed pastes, and leaves the mouse to it (for selecting text).
    expect(t.term.modes).toMatchObject({ bracketedPasteMode: true, mouseTrackingMode: 'none' });
    await t.write('const x = tf.constant(1.0)\r');
    await t.waitFor(/│ \+ Const\s+Const\s+│/);
    // The latest input's ops are marked `+`, and drawn bold in the accent colour.
    const constRow = t.find('+ Const')!;
    expect(t.cell(constRow.row, constRow.col + 2)).toMatchObject({ chars: 'C', bold: true, fg: GREEN });
    await t.write('const w = tf.Variable(0.8)\r');
    const screen = await t.waitFor(/graph · 5 ops[\s\S]*^lazy · .* · 5 ops · 1 variable, not initialized$/m);
    for (const op of ['Variable/initial_value', 'Variable ', 'Variable/Assign', 'Variable/read']) {
      expect(screen).toMatch(new RegExp(`│ \\+ ${op.replace('/', '\\/')}`));
    }
    expect(screen).toMatch(/^│ {3}Const\s+Const\s+│$/m);
    // Const is no longer the newest: plain again; the Variable's rows are the highlighted ones.
    const old = t.find(/ {3}Const/)!;
    expect(t.cell(old.row, old.col + 3)).toMatchObject({ chars: 'C', bold: false, fg: -1 });
    const read = t.find('+ Variable/read')!;
    expect(t.cell(read.row, read.col + 2)).toMatchObject({ chars: 'V', bold: true, fg: GREEN });
    expect(screen).toMatch(/^lazy · \/cpu:0( \/gpu:\d)* · 5 ops · 1 variable, not initialized$/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(0);
    // The terminal is left as it was found.
    expect(t.term.modes.bracketedPasteMode).toBe(false);
  });

  it("Tab completes a member from the kernel process: sess.r → sess.run, w.as lists assign's kin", async () => {
    const t = new PtyTerminal(['--ui'], { cols: 100, rows: 30 });
    await t.waitFor(/^lazy>/m);
    await t.write('const sess = tf.Session(); const w = tf.Variable(1.0)\r');
    await t.waitFor(/graph · 4 ops/);
    await t.write('sess.r\t');
    await t.waitFor(/^lazy> sess\.run$/m);
    await t.write('\u0015w.as\t');
    await t.waitFor(/^lazy> w\.assign$/m);
    await t.write('\t');
    await t.waitFor(/^assign {2}assignAdd {2}assignSub$/m);
    await t.write('\u0015\u0004');
    expect(await t.waitExit()).toBe(0);
  });

  it('resizing smaller, then wider again, leaves no copy of the panels in the scrollback: only the inputs and outputs', async () => {
    const t = new PtyTerminal(['--ui'], { cols: 100, rows: 30 });
    await t.waitFor(/graph · 0 ops[\s\S]*^lazy>/m);
    await t.write('const w = tf.Variable(0.8)\r');
    await t.waitFor(/graph · 4 ops/);
    await t.write('w\r');
    await t.waitFor(/^<tf\.Variable 'Variable:0'/m);
    for (const [cols, rows] of [[70, 24], [50, 20], [100, 30]]) {
      t.resize(cols, rows);
      // Settled: the scrollback and screen hold one ops panel, at the new width, and the history again.
      await t.until(() => {
        const h = t.history();
        return h.match(/graph · \d+ ops/g)?.length === 1 && h.includes(`╰${'─'.repeat(cols - 2)}╯`) && h.includes("<tf.Variable 'Variable:0'");
      }, `one ops panel ${cols} columns wide and the history`);
      const h = t.history();
      expect(h.match(/^lazy> const w = tf\.Variable\(0\.8\)$/gm), h).toHaveLength(1);
      expect(h.match(/^lazy> w$/gm), h).toHaveLength(1);
      expect(h.match(/^<tf\.Variable 'Variable:0'/gm), h).toHaveLength(1);
      expect(h.match(/[╭╰]/g), h).toHaveLength(2);
      // The live area fits the new width: no row is wider than the terminal, none was wrapped into two.
      expect(t.screen().split('\n').every((row) => [...row].length <= cols)).toBe(true);
    }
  });

  it('a 50-step training loop with a logged loss draws the chart; Ctrl-C stops `while (true) {}` and every variable survives', async () => {
    const t = new PtyTerminal(['--ui'], { cols: 110, rows: 36 });
    await t.waitFor(/^lazy>/m);
    await t.write('const w = tf.Variable(0.0); const loss = tf.square(w - 3); const summary = tf.summary.scalar("loss", loss)\r');
    await t.waitFor(/1 variable, not initialized/);
    await t.write('const train = new tf.train.GradientDescentOptimizer(0.1).minimize(loss); const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())\r');
    await t.waitFor(/variables? initialized/);
    await t.write('for (let i = 0; i < 50; i++) sess.run([train, summary])\r');
    // The legend with the last value, and the chart's axis: (3 - w)² after 50 steps of 0.2·(3 - w) is tiny.
    const chart = await t.waitFor(/── loss [\d.e-]+ @49\b/);
    expect(chart).toMatch(/[┤┼]/);
    expect(chart).toMatch(/│\s+9 ┼/);
    // The curve is drawn in the first series' colour (cyan), its glyphs the first series' (─│╮╯╭╰), and the
    // legend's glyph in the same colour.
    const legend = t.find('── loss')!;
    expect(t.cell(legend.row, legend.col)).toMatchObject({ chars: '─', fg: CYAN });
    const curve = new Set<string>();
    for (let row = legend.row + 1; row < t.term.rows; row++) {
      for (let col = legend.col; col < t.term.cols; col++) {
        const c = t.cell(row, col);
        if (c.fg === CYAN) curve.add(c.chars);
      }
    }
    expect([...curve].every((ch) => '─│╮╯╭╰┬┴┤├┼╴'.includes(ch)), [...curve].join('')).toBe(true);
    expect(curve.has('─')).toBe(true);
    expect(curve.size).toBeGreaterThan(1);
    await t.write('while (true) {}\r');
    await t.waitFor(/running… Ctrl-C interrupts/);
    await t.write('\u0003');
    await t.waitFor(/KeyboardInterrupt/);
    await t.waitFor((s) => !s.includes('running…'));
    await t.write('sess.run(w) > 2.9\r');
    await t.waitFor(/^true$/m);
    await t.write('typeof train + " " + typeof summary\r');
    await t.waitFor(/^'object object'$/m);
  }, 60_000);
});
