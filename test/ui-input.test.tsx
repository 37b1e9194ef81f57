// The prompt in the whole App (fake kernel, ink-testing-library): whatever way the terminal delivers the keys —
// a line and its Enter in one read, several lines in one read, a paste, an escape sequence cut in two, keys
// written the moment the UI is up — they reach the kernel as typed.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../src/ui/App.js';
import type { Completer } from '../src/ui/completion.js';
import { FakeKernel, op, type Script } from './ui-fake-kernel.js';

afterEach(cleanup);

const K = { enter: '\r', up: '\u001B[A', left: '\u001B[D', home: '\u001B[H', ctrlC: '\u0003', tab: '\t' };
const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;
const completer: Completer = (line) => {
  const m = /tf\.\w*$/.exec(line);
  return m ? [['tf.constant', 'tf.Session'].filter((n) => n.startsWith(m[0])), m[0]] : [[], line];
};
const constant: Script = (code, id) => (code.includes('tf.constant') ? { events: [{ type: 'ops-added', id, ops: [op('Const', 'Const')] }] } : {});

/** The App on a fake kernel; `write` sends one read to it at once, with no wait before or after. */
function setup(script?: Script, props: Partial<Pick<AppProps, 'history'>> = {}) {
  const kernel = new FakeKernel(script);
  const app = render(<App kernel={kernel} completer={completer} {...props} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const waitFor = async (test: (frame: string) => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw ${what} in:\n${frame()}\ninputs: ${JSON.stringify(kernel.inputs)}`);
  };
  const write = (...reads: string[]) => reads.forEach((r) => app.stdin.write(r));
  /** The prompt's lines (from the last `lazy>` on, up to the status line). */
  const prompt = () => {
    const lines = frame().trimEnd().split('\n');
    const first = lines.findLastIndex((l) => /^lazy>/.test(l));
    return lines.slice(first, -1).map((l) => l.trimEnd());
  };
  return { kernel, frame, waitFor, write, prompt };
}

describe('the prompt, however the keys arrive', () => {
  it('a line and its Enter in one read, written the moment the UI is up, runs', async () => {
    const { kernel, write, waitFor } = setup(constant);
    write('const x = tf.constant(1.0)\r');
    const f = await waitFor((f) => f.includes('graph · 1 op'), 'the op');
    expect(kernel.inputs).toEqual(['const x = tf.constant(1.0)']);
    expect(f).toMatch(/^lazy>$/m);
  });

  it('keys typed straight after start-up are all there', async () => {
    const { write, waitFor, prompt } = setup();
    write('const w');
    write(' = tf.Variable(2.0)');
    await waitFor(() => prompt()[0] === 'lazy> const w = tf.Variable(2.0)', 'the typing');
  });

  it('two lines with their Enters in one read run one after the other, in order', async () => {
    const { kernel, write, waitFor, prompt } = setup(constant);
    write('const x = tf.constant(1.0)\rconst y = x\rx');
    await waitFor(() => kernel.inputs.length === 2, 'both inputs');
    expect(kernel.inputs).toEqual(['const x = tf.constant(1.0)', 'const y = x']);
    await waitFor(() => prompt()[0] === 'lazy> x', 'the rest on the prompt');
  });

  it('a block typed ahead in one read, without paste marks, runs whole once the kernel says it is complete', async () => {
    const { kernel, write, waitFor, prompt } = setup((code) => ({ status: code.split('{').length === code.split('}').length ? 'ok' : 'incomplete' }));
    write('function f() {\r  return 1\r}\rf()');
    await waitFor(() => kernel.inputs.includes('function f() {\n  return 1\n}'), 'the whole function');
    await waitFor(() => prompt()[0] === 'lazy> f()', 'the last line left to edit');
  });

  it('a paste with line breaks is one input: every line shows on the prompt, and Enter runs it once, whole', async () => {
    const { kernel, write, waitFor, prompt } = setup();
    write(paste('function f() {\r\n  return 1\r\n}\r\nf()'));
    await waitFor(() => prompt().length === 4, 'the pasted lines');
    expect(prompt()).toEqual(['lazy> function f() {', '...   return 1', '... }', '... f()']);
    expect(kernel.inputs).toEqual([]);
    write(K.enter);
    await waitFor(() => kernel.inputs.length === 1, 'the paste run');
    expect(kernel.inputs).toEqual(['function f() {\n  return 1\n}\nf()']);
  });

  it('an escape sequence cut across two reads is still one key', async () => {
    const { write, waitFor, prompt } = setup();
    write('ab', '\u001B', '[D', 'X');
    await waitFor(() => prompt()[0] === 'lazy> aXb', 'X before the b');
  });

  it('Ctrl-C discards the line being typed: a later Enter runs nothing', async () => {
    const { kernel, write, waitFor, prompt } = setup();
    write('half typed');
    await waitFor(() => prompt()[0] === 'lazy> half typed', 'the typing');
    write(K.ctrlC, K.enter, 'ok\r');
    await waitFor(() => kernel.inputs.length === 1, 'the next input');
    expect(kernel.inputs).toEqual(['ok']);
  });

  it('Ctrl-C while an input runs interrupts it, and the line entered behind it never runs', async () => {
    const { kernel, write, waitFor, frame } = setup((code) => ({ hold: code.startsWith('while') }));
    write('while (true) {}\r');
    await waitFor((f) => f.includes('running… Ctrl-C interrupts'), 'busy');
    write('sess.run(x)\r');
    await waitFor((f) => f.includes('Enter: this runs once the kernel has finished'), 'the held Enter');
    write(K.ctrlC);
    expect(kernel.interrupts).toBe(1);
    kernel.finish();
    await waitFor((f) => !f.includes('running'), 'idle');
    // A key typed now is drawn only after the UI has taken in that the kernel is idle (React runs that effect
    // before the next render): had the Enter still been held, it would have run the line and `z` be alone.
    write('z');
    await waitFor((f) => /^lazy> sess\.run\(x\)z$/m.test(f), 'the key typed after the line');
    expect(kernel.inputs).toEqual(['while (true) {}']);
    // It stays on the prompt, not run: Enter runs it now.
    write('\u007F\r');
    await waitFor(() => kernel.inputs.length === 2, 'the line run by Enter');
    expect(kernel.inputs).toEqual(['while (true) {}', 'sess.run(x)']);
  });

  it('a recalled multi-line input is edited on its first line and runs whole', async () => {
    const loop = 'for (let i = 0; i < 3; i++) {\n  total += i\n}';
    const { kernel, write, waitFor, prompt } = setup(undefined, { history: [loop] });
    write(K.up);
    await waitFor(() => prompt().length === 3, 'the recalled input');
    write(...Array(8).fill(K.left), '\u007F', '5');
    await waitFor(() => prompt()[0] === 'lazy> for (let i = 0; i < 5; i++) {', 'the first line edited');
    write(K.enter);
    await waitFor(() => kernel.inputs.length === 1, 'the run');
    expect(kernel.inputs).toEqual(['for (let i = 0; i < 5; i++) {\n  total += i\n}']);
  });

  it('a long input shows a window around the cursor, and says how many lines are hidden', async () => {
    const { write, waitFor, frame } = setup();
    write(paste(Array.from({ length: 20 }, (_, i) => `line${i}`).join('\n')));
    await waitFor((f) => f.includes('... (12 lines above)'), 'the window at the end');
    expect(frame()).toMatch(/^\.\.\. line12\n[\s\S]*^\.\.\. line19$/m);
    write(...Array(10).fill(K.up));
    const f = await waitFor((f) => f.includes('... (5 lines above, 7 below)'), 'the window in the middle');
    expect(f).toMatch(/^\.\.\. line5$/m);
    expect(f).toMatch(/^\.\.\. line12$/m);
    expect(f).not.toMatch(/line4|line13/);
  });

  it("Tab completes the learner's own names once the input declaring them ran", async () => {
    const { write, waitFor, prompt } = setup();
    write('const session = tf.Session()\r');
    // The input in the history above the panels: it has finished.
    await waitFor((f) => /^lazy> const session = tf\.Session\(\)$/m.test(f), 'the run');
    write('sess', K.tab);
    await waitFor(() => prompt()[0] === 'lazy> session', 'the completion');
  });
});
