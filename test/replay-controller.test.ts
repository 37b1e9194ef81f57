// The replay's controller without Ink: what it asks of the UI (view changes, notes) and of the kernel
// (inputs shown, inputs unseen, restarts) as keys come in.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import type { Mode } from '../src/kernel/events.js';
import { parseTranscript } from '../src/transcript/format.js';
import { ReplayScript } from '../src/transcript/replay-script.js';
import { ReplayController } from '../src/ui/replay-controller.js';
import type { QuietResult } from '../src/ui/replay-kernel.js';
import type { ReplayOptions } from '../src/ui/replay-types.js';
import type { UiAction } from '../src/ui/state.js';
import { FENCE } from './replay-demo.js';

const block = (...inputs: string[]) => [`${FENCE}tensorshell`, ...inputs.map((i) => `> ${i}`), FENCE, ''];
const VIEWS = [
  '<!-- chart -->', ...block('a1', 'a2'),
  '<!-- graph -->', ...block('b1', 'b2'),
  '<!-- anchor: c -->', ...block('c1'),
].join('\n');

const KEY = { return: true } as Key;
const PLAIN = {} as Key;

/** A controller over `text` with a kernel that answers at once; `failing` decides what an unseen input reports. */
async function harness(text: string, options: Omit<ReplayOptions, 'script'> = {}, failing: (code: string) => QuietResult['errors'] = () => []) {
  const script = new ReplayScript(parseTranscript(text, 't.md'), 't.md');
  const ui: UiAction[] = [];
  const shown: string[] = [];
  const unseen: string[] = [];
  let mode: Mode = 'lazy';
  let restarts = 0;
  const c = new ReplayController(script, options, {
    kernel: {
      get mode() {
        return mode;
      },
      async quiet(code) {
        unseen.push(code);
        if (code.startsWith(':mode ')) mode = code.slice(6) as Mode;
        const errors = failing(code);
        return { status: errors.length > 0 ? 'error' : 'ok', errors };
      },
      async restart() {
        restarts++;
        return { status: 'ok' };
      },
    },
    async execute(code) {
      shown.push(code);
      return 'ok';
    },
    local: (action) => ui.push(action),
    remember: () => {},
  });
  /** Lets the controller's promise chains run out. */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const press = async (input: string, key = PLAIN) => {
    c.key(input, key);
    await settle();
  };
  const views = () => ui.filter((a) => a.type === 'view').map((a) => (a as { view: unknown }).view);
  const notes = () => ui.flatMap((a) => (a.type === 'note' ? [a.text] : []));
  await c.start();
  await settle();
  return { c, script, ui, shown, unseen, views, notes, press, restarts: () => restarts };
}

describe('the replay controller', () => {
  it('<!-- chart --> shows the chart as its block starts; <!-- graph --> opens the graph view once its block has run', async () => {
    const h = await harness(VIEWS);
    expect(h.views()).toEqual([{ chart: true }]);
    await h.press('', KEY);
    await h.press('', KEY);
    await h.press('', KEY);
    expect(h.views()).toEqual([{ chart: true }]);
    await h.press('', KEY);
    expect(h.shown).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(h.views()).toEqual([{ chart: true }, { graph: { all: false } }]);
    // It stays while the speaker talks, and closes as the next input is typed.
    expect(h.c.phase).toBe('typing');
    await h.press('x');
    expect(h.views()).toEqual([{ chart: true }, { graph: { all: false } }, { graph: null }]);
    expect(h.c.typed()).toEqual({ buffer: [], line: 'c1' });
  });

  it('an interrupted input stops the catch-up: the script goes on right after it', async () => {
    const h = await harness(VIEWS, { start: 5 }, (code) => (code === 'a2' ? [{ name: 'KeyboardInterrupt', message: 'interrupted' }] : []));
    expect(h.unseen).toEqual(['a1', 'a2']);
    expect(h.c.typed()).toEqual({ buffer: [], line: '' });
    expect(h.c.status()).toBe('replay step 3/5 · keys type, Enter runs · Ctrl-P takes over · [ ] anchors');
    expect(h.notes()).toContain('replay: the skipped input at t.md:4 failed: KeyboardInterrupt: interrupted');
  });

  it('the kernel dying while the replay catches up stops it at that input; it goes on once the kernel is back', async () => {
    let deaths = 0;
    const dies = (code: string) => (code === 'h1' && deaths++ === 0 ? [{ name: 'KernelDied', message: 'the kernel died' }] : []);
    const h = await harness(['<!-- hidden -->', ...block('h1'), ...block('v1')].join('\n'), {}, dies);
    expect(h.unseen).toEqual(['h1']);
    expect(h.c.phase).toBe('silent');
    expect(h.notes()).toEqual(['replay: the hidden input at t.md:3 did not run: the kernel died. Ctrl-R restarts it, and the script goes on from there']);
    h.c.setKernelState(false, false);
    h.c.setKernelState(true, true);
    h.c.setKernelState(false, true);
    await h.press('');
    expect(h.unseen).toEqual(['h1', 'h1']);
    expect(h.c.phase).toBe('typing');
    expect(h.c.typed()).toEqual({ buffer: [], line: '' });
    // A jump's catch-up stops at the input the kernel died on, which is then typed like any other.
    deaths = 0;
    const j = await harness(VIEWS, { start: 5 }, (code) => (code === 'b1' && deaths++ === 0 ? [{ name: 'KernelDied', message: 'the kernel died' }] : []));
    expect(j.unseen).toEqual(['a1', 'a2', 'b1']);
    expect(j.c.status()).toBe('replay step 3/5 · keys type, Enter runs · Ctrl-P takes over · [ ] anchors');
    await j.press('', KEY);
    expect(j.shown).toEqual(['b1']);
  });

  it('keys wait while the kernel runs an input the replay did not start, and while it is dead', async () => {
    const h = await harness(VIEWS);
    h.c.setKernelState(true, true);
    await h.press('x');
    await h.press('', KEY);
    expect(h.shown).toEqual([]);
    expect(h.c.status()).toContain('waiting for the running input');
    h.c.setKernelState(false, false);
    await h.press('', KEY);
    expect(h.shown).toEqual([]);
    expect(h.c.status()).toContain('the kernel died: Ctrl-R restarts it');
    h.c.setKernelState(false, true);
    await h.press('', KEY);
    expect(h.shown).toEqual(['a1']);
  });

  it('[ at the start of the file restarts the kernel; ] after the last anchor does nothing', async () => {
    const h = await harness(VIEWS);
    await h.press('[');
    expect(h.restarts()).toBe(1);
    expect(h.notes()).toEqual(['replay: back to the start with a fresh kernel']);
    await h.press(']');
    expect(h.unseen).toEqual(['a1', 'a2', 'b1', 'b2']);
    await h.press(']');
    expect(h.unseen).toHaveLength(4);
    expect(h.restarts()).toBe(1);
  });

  it('PgUp/PgDn are not the script\'s: they scroll the graph view, typing nothing', async () => {
    const h = await harness(VIEWS);
    const before = h.c.typed();
    for (const key of [{ pageDown: true }, { pageUp: true }] as Key[]) expect(h.c.key('', key)).toBe(false);
    expect(h.c.typed()).toEqual(before);
  });

  it('at the end the prompt is the speaker\'s; Ctrl-P gives it back to the script, where [ jumps back', async () => {
    const h = await harness(VIEWS, { start: 5 });
    expect(h.c.status()).toBe('replay step 5/5 · anchor c · keys type, Enter runs · Ctrl-P takes over · [ ] anchors');
    await h.press('', KEY);
    expect(h.c.phase).toBe('done');
    expect(h.c.speaker).toBe(true);
    expect(h.c.typed()).toBeNull();
    expect(h.c.key('x', PLAIN)).toBe(false);
    await h.press('p', { ctrl: true } as Key);
    expect(h.c.status()).toBe('replay finished · [ goes back · Ctrl-P gives you the prompt');
    await h.press('[');
    expect(h.restarts()).toBe(1);
    expect(h.c.status()).toContain('replay step 5/5 · anchor c · keys type');
  });
});
