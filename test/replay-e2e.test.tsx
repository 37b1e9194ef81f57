// `tensorshell replay` as a speaker meets it: the real CLI in a real terminal (a pseudo-terminal read by a
// terminal emulator, pty-terminal.ts), its kernel a real child process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { FENCE } from './replay-demo.js';
import { hasPty, killAll, ptyNote, PtyTerminal } from './pty-terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-replay-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TALK = [
  '<!-- hidden -->', `${FENCE}tensorshell`, '> const two = tf.constant(2.0)', FENCE, '',
  `${FENCE}tensorshell`, '> const y = two * 3', '> y', "<tf.Tensor 'mul:0' shape=() dtype=float32>", FENCE, '',
  '<!-- anchor: run -->', `${FENCE}tensorshell`, '> tf.Session().run(y)', '6.0', FENCE, '',
].join('\n');

const replay = (args: string[]) => new PtyTerminal(['replay', ...args], { cols: 100, rows: 30, home: mkdtempSync(join(scratch, 'home-')) });

beforeAll(() => ensureBuilt('dist/transcript/replay-cli.js'), 120_000);
afterEach(killAll);

describe.skipIf(!hasPty)(`tensorshell replay in a terminal${ptyNote ? ` — skipped: ${ptyNote}` : ''}`, () => {
  it('keys type the script, Enter runs it in the kernel, Ctrl-P hands over the prompt and back, Ctrl-D exits 0', async () => {
    const file = join(scratch, 'talk.md');
    writeFileSync(file, TALK);
    const t = replay([file]);
    await t.waitFor(/^replay step 1\/3 · keys type, Enter runs/m);
    await t.write('a');
    await t.waitFor(/^lazy> con/m);
    // Any key types on: a few more, one write each, and the line is typed whole.
    await t.type('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await t.waitFor(/^lazy> const y = two \* 3$/m);
    await t.write('\r');
    // The hidden input ran before: `two` exists, and the Const it made is in the panel with the Mul.
    await t.waitFor(/replay step 2\/3/);
    await t.write('\r');
    let screen = await t.waitFor(/^<tf\.Tensor 'mul:0' shape=\(\) dtype=float32>$/m);
    expect(screen).toMatch(/graph · 3 ops/);
    expect(screen).not.toMatch(/const two/);
    await t.write('\u0010');
    await t.waitFor(/the prompt is yours · Ctrl-P resumes the script/);
    await t.write('y.name\r');
    await t.waitFor(/^'mul:0'$/m);
    await t.write('\u0010');
    await t.waitFor(/^replay step 3\/3 · anchor run · keys type/m);
    await t.write('\r');
    screen = await t.waitFor(/^replay finished · the prompt is yours/m);
    expect(screen).toMatch(/^6\.0$/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(0);
  });

  it('--from runs what comes before the anchor unseen; [ goes back with a fresh kernel, ] forward again', async () => {
    const file = join(scratch, 'from.md');
    writeFileSync(file, TALK);
    const t = replay([file, '--from', 'run']);
    const screen = await t.waitFor(/^replay step 3\/3 · anchor run · keys type/m);
    expect(screen).toMatch(/replay: starting at anchor run; the 3 inputs before it ran unseen/);
    await t.write('[');
    await t.waitFor(/replay: back to the start with a fresh kernel\n[\s\S]*^replay step 1\/3 · keys type/m);
    await t.write(']');
    await t.waitFor(/replay: on to anchor run; ran the 2 inputs in between unseen\n[\s\S]*^replay step 3\/3 · anchor run · keys type/m);
    await t.write('\r');
    await t.waitFor(/^6\.0$/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(0);
  });
});
