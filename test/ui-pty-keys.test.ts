// The keyboard as the Ink UI reads it from a real terminal (issue 17): the real `node dist/cli.js --ui` in a
// pseudo-terminal read by a terminal emulator (pty-terminal.ts). However the bytes are cut into reads — a line
// and its Enter in one write, or one byte per write; keys before the first render; a bracketed paste; an
// escape sequence split in two — they are the same keys.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './build.js';
import { hasPty, killAll, ptyNote, PtyTerminal } from './pty-terminal.js';

beforeAll(() => ensureBuilt('dist/ui/start.js'), 120_000);
afterEach(killAll);

const KEY = {
  enter: '\r', left: '\u001B[D', home: '\u001B[H', end: '\u001B[F', ss3Home: '\u001BOH', ss3End: '\u001BOF',
  ctrlA: '\u0001', ctrlE: '\u0005', ctrlW: '\u0017', ctrlU: '\u0015', ctrlC: '\u0003', ctrlD: '\u0004', ctrlG: '\u0007', esc: '\u001B',
};

/** The UI at its first prompt. */
async function ui(cols = 100, rows = 30): Promise<PtyTerminal> {
  const t = new PtyTerminal(['--ui'], { cols, rows });
  await t.waitFor(/graph · 0 ops[\s\S]*^lazy>/m);
  return t;
}

/** The prompt's row is exactly `lazy> TEXT` (rows are trimmed: the cursor's cell at the end is a space). */
const prompt = (text: string) => (s: string) => s.split('\n').some((row) => row === `lazy> ${text}`.trimEnd());

/** The column of the cursor (the inverse cell) in the text on the prompt's row (the last row that starts `lazy>`). */
function cursorColumn(t: PtyTerminal): number {
  const row = t.screen().split('\n').findLastIndex((r) => r.startsWith('lazy>'));
  for (let col = 0; col < t.term.cols; col++) if (t.cell(row, col).inverse) return col - 'lazy> '.length;
  return -1;
}

describe.skipIf(!hasPty)(`the UI's keys from a real terminal${ptyNote ? ` — skipped: ${ptyNote}` : ''}`, () => {
  it('a line and its Enter in ONE write runs, and so does a line typed one byte per write', async () => {
    const t = await ui();
    await t.write('const x = tf.constant(1.0)\r');
    await t.waitFor(/graph · 1 op\b[\s\S]*^lazy>$/m);
    await t.type('const y = tf.constant(2.0)\r', { chunk: 1 });
    await t.waitFor(/graph · 2 ops[\s\S]*^lazy>$/m);
    // Three lines typed a byte at a time, the next ones while the first runs: each runs, in order.
    await t.type('const a = 20\rconst b = a + 1\rb * 2\r', { chunk: 1 });
    const s = await t.waitFor(/^42$/m);
    expect(s).toMatch(/^lazy> const a = 20\nlazy> const b = a \+ 1\nlazy> b \* 2\n42$/m);
    // And in writes of three bytes, Enter falling anywhere in one.
    await t.type('b - 1\rb - 2\r', { chunk: 3 });
    await t.waitFor(/^lazy> b - 1\n20\nlazy> b - 2\n19$/m);
  });

  it('keys written the moment the process starts, before its first render, are not lost', async () => {
    const t = new PtyTerminal(['--ui'], { cols: 100, rows: 30 });
    // Nothing is on the screen yet: the terminal holds the keys until the UI reads them.
    expect(t.history().trim()).toBe('');
    await t.write('const w = tf.Variable(2.0)\r');
    await t.write('const x = tf.constant(1.0)');
    await t.write('\r');
    const s = await t.waitFor(/graph · 5 ops[\s\S]*^lazy>$/m);
    expect(t.history().match(/^lazy> const w = tf\.Variable\(2\.0\)$/gm)).toHaveLength(1);
    expect(s).toMatch(/^lazy> const x = tf\.constant\(1\.0\)$/m);
  });

  it('a bracketed paste of several lines is one input, run by Enter as if typed; split across writes too', async () => {
    const t = await ui();
    await t.write('\u001B[200~function twice(v) {\r  return v * 2\r}\u001B[201~');
    // On the prompt, its lines not run one by one: nothing ran yet.
    await t.waitFor(/^lazy> function twice\(v\) \{\n\.\.\. {3}return v \* 2\n\.\.\. \}$/m);
    expect(t.screen()).not.toMatch(/ReferenceError|SyntaxError/);
    await t.write('\r');
    await t.write('twice(21)\r');
    await t.waitFor(/^42$/m);
    // The same paste cut into writes of two bytes: its markers, its line breaks, split anywhere.
    await t.type('\u001B[200~const p = 5\rconst q = p * 3\u001B[201~', { chunk: 2 });
    await t.waitFor(/^lazy> const p = 5\n\.\.\. const q = p \* 3$/m);
    await t.write('\r');
    await t.write('q\r');
    await t.waitFor(/^15$/m);
  });

  it('an escape sequence split across writes is one key: Esc then [D is Left, Esc then OH is Home', async () => {
    const t = await ui();
    await t.write('10 + 3');
    await t.waitFor(prompt('10 + 3'));
    await t.write('\u001B');
    await t.write('[D');
    await t.write('2');
    await t.waitFor(prompt('10 + 23'));
    await t.type(KEY.ss3Home, { chunk: 1 });
    await t.write('-');
    await t.waitFor(prompt('-10 + 23'));
    expect(cursorColumn(t)).toBe(1);
    await t.write('\r');
    await t.waitFor(/^13$/m);
  });

  it('readline keys edit the line: Ctrl-A, Ctrl-E, Ctrl-W, Ctrl-U, Home and End (CSI and SS3)', async () => {
    const t = await ui();
    // A key that moves the cursor changes no text: the wait is for the text and the cursor both.
    const step = async (keys: string, text: string, cursor?: number) => {
      await t.write(keys);
      await t.until(() => prompt(text)(t.screen()) && (cursor === undefined || cursorColumn(t) === cursor), `lazy> ${text} with the cursor at ${cursor}`);
    };
    await step('2 * 3', '2 * 3', 5);
    await step(KEY.home, '2 * 3', 0);
    await step('1 + ', '1 + 2 * 3', 4);
    await step(KEY.end, '1 + 2 * 3', 9);
    await step(' + 4', '1 + 2 * 3 + 4');
    await step(KEY.ctrlW, '1 + 2 * 3 + ');
    await step('10', '1 + 2 * 3 + 10');
    await step(KEY.ss3Home, '1 + 2 * 3 + 10', 0);
    await step('(', '(1 + 2 * 3 + 10');
    await step(KEY.ss3End, '(1 + 2 * 3 + 10', 15);
    await step(')', '(1 + 2 * 3 + 10)');
    await step(KEY.ctrlA, '(1 + 2 * 3 + 10)', 0);
    await step('-', '-(1 + 2 * 3 + 10)');
    await step(KEY.ctrlE, '-(1 + 2 * 3 + 10)', 17);
    await step(' * 2', '-(1 + 2 * 3 + 10) * 2');
    // Ctrl-U takes the line up to the cursor: all of it here.
    await step(`${KEY.left}${KEY.left}${KEY.left}${KEY.left}${KEY.ctrlU}`, ' * 2', 0);
    await step(KEY.ctrlE + KEY.ctrlU, '');
    await step('-(1 + 2 * 3 + 10) * 2', '-(1 + 2 * 3 + 10) * 2');
    await t.write('\r');
    await t.waitFor(/^-34$/m);
  });

  it('Ctrl-G opens the graph view and closes it; Esc closes it; neither touches the line being typed', async () => {
    const t = await ui();
    await t.write('const a = tf.constant(2.0); const b = a * 3\r');
    await t.waitFor(/graph · 3 ops[\s\S]*^lazy>$/m);
    await t.write('b.name');
    await t.waitFor(prompt('b.name'));
    await t.write(KEY.ctrlG);
    let s = await t.waitFor(/graph view · :graph all shows every op · Esc closes/);
    expect(prompt('b.name')(s)).toBe(true);
    expect(s).not.toMatch(/graph · 3 ops/);
    // The graph view turns mouse reports on (after drawing), for its wheel: a wheel report types nothing.
    const mouse = (mode: string) => t.until(() => t.term.modes.mouseTrackingMode === mode, `mouse tracking ${mode}`);
    await mouse('vt200');
    await t.write('\u001B[<65;10;5M');
    await t.write(KEY.ctrlG);
    s = await t.waitFor(/graph · 3 ops/);
    expect(prompt('b.name')(s)).toBe(true);
    await mouse('none');
    await t.write(KEY.ctrlG);
    await t.waitFor(/graph view ·/);
    // A lone Esc: the UI lets it go after a silence, as Esc, not the start of a sequence.
    await t.write(KEY.esc);
    s = await t.waitFor(/graph · 3 ops/);
    expect(prompt('b.name')(s)).toBe(true);
    await mouse('none');
    // Esc with no graph view open does nothing (Esc Esc[D: an Esc, then Left); Esc then Enter at once is
    // Alt-Enter, a line break, which Ctrl-U at the new line's start takes back.
    await t.write(KEY.esc + KEY.left);
    await t.until(() => prompt('b.name')(t.screen()) && cursorColumn(t) === 5, 'the cursor one left');
    await t.write(`${KEY.ctrlE}${KEY.esc}\r`);
    await t.waitFor(/^lazy> b\.name\n\.\.\.$/m);
    await t.write(KEY.ctrlU);
    await t.waitFor((screen) => prompt('b.name')(screen) && !/^\.\.\.$/m.test(screen));
    await t.write('\r');
    await t.waitFor(/^'mul:0'$/m);
  });

  it('Ctrl-C clears a typed line, then once on an empty prompt warns, twice exits 0; Ctrl-D on text does not exit', async () => {
    const t = await ui();
    await t.write('1 + 2');
    await t.waitFor(prompt('1 + 2'));
    // Ctrl-D on a line with text deletes under the cursor (nothing at its end): the UI stays.
    await t.write(`${KEY.home}${KEY.ctrlD}`);
    await t.waitFor(prompt(' + 2'));
    await t.write(KEY.ctrlC);
    await t.waitFor((s) => prompt('')(s) && !s.includes('+ 2'));
    await t.write(KEY.ctrlC);
    await t.waitFor(/\(To exit, press Ctrl\+C again or Ctrl\+D\)/);
    await t.write(KEY.ctrlC);
    expect(await t.waitExit()).toBe(0);
  });
});
