// `tensorshell replay` as a speaker meets it: the real CLI in a tmux terminal, its kernel a real child process.
// Skipped where tmux (3.1 or later) is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { FENCE } from './replay-demo.js';
import { hasTmux, Terminal } from './terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-replay-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TALK = [
  '<!-- hidden -->', `${FENCE}tensorshell`, '> const two = tf.constant(2.0)', FENCE, '',
  `${FENCE}tensorshell`, '> const y = two * 3', '> y', "<tf.Tensor 'mul:0' shape=() dtype=float32>", FENCE, '',
  '<!-- anchor: run -->', `${FENCE}tensorshell`, '> tf.Session().run(y)', '6.0', FENCE, '',
].join('\n');

class ReplayTerminal extends Terminal {
  start(args: string): void {
    // Ink draws only the last frame under CI (is-in-ci); a terminal user has no CI variable.
    this.launch(`cd '${root}' && env -u CI HOME='${mkdtempSync(join(scratch, 'home-'))}' '${process.execPath}' dist/cli.js replay ${args}`);
  }
}

beforeAll(() => ensureBuilt('dist/transcript/replay-cli.js'), 120_000);

describe.skipIf(!hasTmux)('tensorshell replay in a terminal', () => {
  it('keys type the script, Enter runs it in the kernel, Ctrl-P hands over the prompt and back, Ctrl-D exits 0', async () => {
    const file = join(scratch, 'talk.md');
    writeFileSync(file, TALK);
    const t = new ReplayTerminal(scratch, { columns: 100, rows: 30 });
    try {
      t.start(`'${file}'`);
      await t.waitFor(/^replay step 1\/3 · keys type, Enter runs/m);
      t.keys('a');
      await t.waitFor(/^lazy> con/m);
      t.keys('Enter');
      // The hidden input ran before: `two` exists, and the Const it made is in the panel with the Mul.
      await t.waitFor(/replay step 2\/3/);
      t.keys('Enter');
      let screen = await t.waitFor(/^<tf\.Tensor 'mul:0' shape=\(\) dtype=float32>$/m);
      expect(screen).toMatch(/graph · 3 ops/);
      expect(screen).not.toMatch(/const two/);
      t.keys('C-p');
      await t.waitFor(/the prompt is yours · Ctrl-P resumes the script/);
      t.keys('y.name', 'Enter');
      await t.waitFor(/^'mul:0'$/m);
      t.keys('C-p');
      await t.waitFor(/^replay step 3\/3 · anchor run · keys type/m);
      t.keys('Enter');
      screen = await t.waitFor(/^replay finished · the prompt is yours/m);
      expect(screen).toMatch(/^6\.0$/m);
      t.keys('C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);

  it('--from runs what comes before the anchor unseen; [ goes back with a fresh kernel, ] forward again', async () => {
    const file = join(scratch, 'from.md');
    writeFileSync(file, TALK);
    const t = new ReplayTerminal(scratch, { columns: 100, rows: 30 });
    try {
      t.start(`'${file}' --from run`);
      const screen = await t.waitFor(/^replay step 3\/3 · anchor run · keys type/m);
      expect(screen).toMatch(/replay: starting at anchor run; the 3 inputs before it ran unseen/);
      t.keys('[');
      await t.waitFor(/replay: back to the start with a fresh kernel\n[\s\S]*^replay step 1\/3 · keys type/m);
      t.keys(']');
      await t.waitFor(/replay: on to anchor run; ran the 2 inputs in between unseen\n[\s\S]*^replay step 3\/3 · anchor run · keys type/m);
      t.keys('Enter');
      await t.waitFor(/^6\.0$/m);
      t.keys('C-d');
      await t.waitFor(/^EXIT=0$/m);
    } finally {
      t.stop();
    }
  }, 60_000);
});
