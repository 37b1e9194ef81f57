// The graph view in the Ink UI on a graph taller than the screen: PgUp/PgDn, the wheel and (on an empty
// prompt) the arrows scroll it, a new input's ops pull the window to them, `:graph scope` draws one scope,
// and the terminal reports the mouse only while the view is open. Fake kernel, ink-testing-library.
import { cleanup, render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInfo } from '../src/kernel/events.js';
import { App } from '../src/ui/App.js';
import { MOUSE_OFF, MOUSE_ON } from '../src/ui/use-mouse.js';
import { FakeKernel, op, type Script } from './ui-fake-kernel.js';

afterEach(cleanup);

/** React's act() around `write`: the renders and effects it causes have all run when it returns. */
async function acted(write: () => void): Promise<void> {
  // Only for the write: the fake kernel's own updates come outside act, and React would warn of each.
  const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  env.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    await act(async () => write());
  } finally {
    env.IS_REACT_ACT_ENVIRONMENT = false;
  }
}

const KEYS = { enter: '\r', up: '\u001B[A', down: '\u001B[B', pageUp: '\u001B[5~', pageDown: '\u001B[6~', wheelDown: '\u001B[<65;10;5M', ctrlG: '\u0007', esc: '\u001B' };

/** `chains N` adds N chains `cI → nI` (numbered on from the last), one under the other. */
function chains(from: number, n: number): OpInfo[] {
  return Array.from({ length: n }, (_, k) => [op(`c${from + k}`, 'Const'), op(`n${from + k}`, 'Neg', [`c${from + k}:0`])]).flat();
}
let made = 0;
const script: Script = (code, id) => {
  const m = /^chains (\d+)$/.exec(code);
  if (m) {
    const ops = chains(made, Number(m[1]));
    made += Number(m[1]);
    return { events: [{ type: 'ops-added', id, ops }] };
  }
  if (code === 'scoped') return { events: [{ type: 'ops-added', id, ops: [op('s/a', 'Const'), op('s/b', 'Neg', ['s/a:0']), op('t', 'Neg', ['s/b:0'])] }] };
  return {};
};

function setup() {
  made = 0;
  const kernel = new FakeKernel(script);
  const app = render(<App kernel={kernel} completer={(line) => [[], line]} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const waitFor = async (test: (frame: string) => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw ${what} in:\n${frame()}`);
  };
  /**
   * Writes `keys` once Ink listens (ink-testing-library#11: a write before is lost), inside act(), so that the
   * renders and effects it causes have all run when it returns: the graph panel reports the window it drew in
   * an effect, and a scroll key that came before that report would move from the window before it.
   */
  const press = async (keys: string) => {
    await waitFor(() => app.stdin.listenerCount('readable') > 0, 'Ink reading stdin');
    await acted(() => app.stdin.write(keys));
  };
  const run = async (code: string) => {
    await press(code);
    await waitFor((f) => f.includes(code), code);
    await press(KEYS.enter);
    await waitFor(() => kernel.inputs.includes(code) && /^lazy>\s*$/m.test(frame()), `${code} run`);
  };
  /**
   * Waits for a frame that passes `test`, then for a frame after it: the panel reports the window it drew in an
   * effect, which React runs before it renders again, and the scroll keys need that window.
   */
  const waitForWindow = async (test: (frame: string) => boolean, what: string) => {
    const plain = (f: string) => f.replace(/\u001B\[[0-9;]*m/g, '');
    await waitFor(() => app.frames.some((f) => test(plain(f))), what);
    const first = app.frames.findIndex((f) => test(plain(f)));
    await waitFor(() => app.frames.length > first + 1, `${what}, and the window it reported`);
  };
  /** The first row of the drawing shown, from the note under it (`rows 17–32 of 47`). */
  const firstRow = () => Number(/rows (\d+)–\d+ of \d+/.exec(frame())?.[1] ?? NaN);
  return { kernel, app, frame, waitFor, waitForWindow, press, run, firstRow };
}

describe('the graph view, taller than the screen', () => {
  it('PgDn, the wheel and ↓ on an empty prompt scroll down, PgUp back; with text typed ↓ is the editor’s', async () => {
    const { press, run, waitFor, waitForWindow, firstRow } = setup();
    await run('chains 12');
    await press(KEYS.ctrlG);
    await waitForWindow((f) => /rows 1–\d+ of \d+; PgDn or ↓ shows more/.test(f), 'the first rows and the keys to see more');
    await press(KEYS.pageDown);
    await waitFor(() => firstRow() > 10, 'a page further');
    const paged = firstRow();
    await press(KEYS.wheelDown);
    await waitFor(() => firstRow() === paged + 3, 'three rows further');
    await press(KEYS.down);
    await waitFor(() => firstRow() === paged + 4, 'one row further');
    await press('x');
    await waitFor((f) => /^lazy> x/m.test(f), 'x at the prompt');
    await press(KEYS.down);
    await press(KEYS.pageUp);
    await waitFor(() => firstRow() === paged + 4 - (paged - 1), 'a page back');
    await press(KEYS.pageUp);
    await waitFor(() => firstRow() === 1, 'the top, and no further');
  });

  it('follows the newest ops: a new input that adds ops at the bottom brings the window to them', async () => {
    const { press, run, waitFor, frame } = setup();
    await run('chains 12');
    await press(KEYS.ctrlG);
    await waitFor((f) => f.includes('│ n0: Neg │'), 'the top of the drawing');
    await run('chains 1');
    const f = await waitFor((f) => f.includes('│ n12: Neg │'), 'the new chain');
    expect(f).not.toContain('│ n0: Neg │');
    expect(frame()).toMatch(/rows \d+–(\d+) of \1/);
  });

  it('Up on an empty prompt still recalls the last input when the drawing fits', async () => {
    const { press, run, waitFor } = setup();
    await run('chains 1');
    await press(KEYS.ctrlG);
    await waitFor((f) => f.includes('│ n0: Neg │'), 'the graph view');
    await press(KEYS.up);
    await waitFor((f) => /^lazy> chains 1/m.test(f), 'the input recalled');
  });

  it(':graph scope NAME draws that scope by its own names, with what it feeds', async () => {
    const { press, run, waitFor } = setup();
    await run('scoped');
    await press(':graph scope s');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('graph view · scope s · :graph for the whole graph'), 'the scope view');
    expect(f).toContain('│ b: Neg │');
    expect(f).toContain('│ t: Neg │');
    expect(f).not.toContain('s/b');
  });

  it('the terminal reports the mouse while the view is open, and stops when it closes', async () => {
    const { app, press, run, waitFor } = setup();
    Object.defineProperty(app.stdout, 'isTTY', { value: true, configurable: true });
    await run('chains 1');
    await press(KEYS.ctrlG);
    await waitFor(() => app.frames.includes(MOUSE_ON), 'mouse reports on');
    expect(app.frames.includes(MOUSE_OFF)).toBe(false);
    await press(KEYS.esc);
    await waitFor(() => app.frames.indexOf(MOUSE_OFF) > app.frames.indexOf(MOUSE_ON), 'mouse reports off');
  });
});
