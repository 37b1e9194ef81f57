// `tensorshell replay` in the Ink UI, with the fake kernel and ink-testing-library (100 columns, 24 rows): keys
// type the script, Enter runs it and the next input waits for the kernel, Ctrl-P hands the prompt over and
// back, `[` and `]` jump, a pause waits for a key, --speed types on its own.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '../src/kernel/events.js';
import { parseTranscript } from '../src/transcript/format.js';
import { ReplayScript } from '../src/transcript/replay-script.js';
import { App } from '../src/ui/App.js';
import type { ReplayOptions } from '../src/ui/replay-types.js';
import { DEMO } from './replay-demo.js';
import { FakeKernel, type Script } from './ui-fake-kernel.js';

afterEach(cleanup);

const KEYS = { enter: '\r', ctrlC: '\u0003', ctrlP: '\u0010' };
const FUNCTION = 'function twice(t) {\n  return t * 2\n}';

/** The App replaying DEMO on a fake kernel that switches mode on `:mode`, and helpers that wait for frames. */
function setup(options: Omit<ReplayOptions, 'script'> = {}, script: Script = () => ({})) {
  const kernel: FakeKernel = new FakeKernel((code, id) => {
    if (code.startsWith(':mode ')) kernel.mode = code.slice(6) as Mode;
    return script(code, id);
  });
  const replay: ReplayOptions = { script: new ReplayScript(parseTranscript(DEMO, 'demo.md'), 'demo.md'), ...options };
  const app = render(<App kernel={kernel} completer={(line) => [[], line]} replay={replay} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const waitFor = async (test: (frame: string) => boolean, what: string) => {
    for (let i = 0; i < 400; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw ${what} in:\n${frame()}\ninputs: ${JSON.stringify(kernel.inputs)}`);
  };
  const press = async (keys: string) => {
    // ink-testing-library#11: a write before Ink listens is lost, so wait until it listens (once raw mode is on).
    await waitFor(() => app.stdin.listenerCount('readable') > 0, 'Ink reading stdin');
    app.stdin.write(keys);
  };
  /** The prompt line (the last one that starts with the mode), without the text input's cursor. */
  const prompt = () => frame().split('\n').filter((l) => /^(lazy|eager)>/.test(l)).at(-1)?.trimEnd();
  return { kernel, app, frame, waitFor, press, prompt };
}

const ready = (f: string) => f.includes('keys type, Enter runs');

describe('tensorshell replay', () => {
  it('keys type the script, Enter runs it; the hidden setup ran unseen', async () => {
    const { kernel, frame, waitFor, press, prompt } = setup();
    await waitFor((f) => f.includes('replay step 1/4 · keys type, Enter runs · Ctrl-P takes over · [ ] anchors'), 'the replay status');
    expect(kernel.inputs).toEqual(['const setup = 1']);
    expect(frame()).not.toContain('setup');
    await press('a');
    await waitFor(() => prompt() === 'lazy> con', 'the first chunk');
    // Keys that come in one chunk (typed fast, or written at once by a terminal) type a chunk of the script each.
    await press('xyz');
    await waitFor(() => prompt() === 'lazy> const x = tf.', 'three more chunks');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('replay step 2/4'), 'the next step');
    expect(kernel.inputs).toEqual(['const setup = 1', 'const x = tf.constant(2.0)']);
    expect(f).toMatch(/^lazy> const x = tf\.constant\(2\.0\)$/m);
    expect(prompt()).toBe('lazy>');
  });

  it('a multi-line input is typed line by line, and the next input waits until the kernel has finished', async () => {
    const { kernel, waitFor, press, prompt, frame } = setup({}, (code) => ({ hold: code.startsWith('function') }));
    await waitFor(ready, 'the replay');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('replay step 2/4 · keys type'), 'step 2');
    await press('aaaaaaa');
    await waitFor(() => prompt() === 'lazy> function twice(t) {', 'the first line');
    await press('a');
    await press('a');
    await waitFor((f) => /^lazy> function twice\(t\) \{\n\.\.\.   ret/m.test(f), 'the second line, under a continuation prompt');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('the next input waits until this one has finished'), 'the input running');
    expect(kernel.inputs.at(-1)).toBe(FUNCTION);
    // Keys while it runs are dropped as they come (the replay takes each key at once): none waits to run later.
    await press('a');
    await press(KEYS.enter);
    kernel.finish();
    // So the pause after it waits for a key of its own: the `a` went nowhere, and nothing else ran.
    await waitFor((f) => f.includes('paused: any key goes on'), 'the pause after it');
    expect(prompt()).toBe('lazy>');
    expect(kernel.inputs.at(-1)).toBe(FUNCTION);
    expect(frame()).toMatch(/^\.\.\. {3}return t \* 2$/m);
    await press('a');
    await waitFor((f) => f.includes('replay step 3/4 · anchor eager · keys type'), 'the key that ends the pause');
    expect(kernel.inputs.at(-1)).toBe(':mode eager');
  });

  it('<!-- pause --> waits for a key, which types nothing; the mode switch after it runs unseen', async () => {
    const { kernel, frame, waitFor, press, prompt } = setup();
    await waitFor(ready, 'the replay');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('replay step 2/4 · keys type'), 'step 2');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('replay step 3/4 · anchor eager · paused: any key goes on'), 'the pause');
    expect(kernel.inputs).toEqual(['const setup = 1', 'const x = tf.constant(2.0)', FUNCTION]);
    await press('a');
    await waitFor((f) => f.includes('replay step 3/4 · anchor eager · keys type'), 'the step after the pause');
    expect(prompt()).toBe('eager>');
    expect(kernel.inputs.at(-1)).toBe(':mode eager');
    expect(frame()).not.toContain(':mode');
    await press('a');
    await waitFor(() => prompt() === 'eager> twi', 'typing again');
  });

  it('Ctrl-P hands the prompt to the speaker, whose inputs run in the session; Ctrl-P again resumes the script', async () => {
    const { kernel, waitFor, press, prompt } = setup();
    await waitFor(ready, 'the replay');
    await press('a');
    await waitFor(() => prompt() === 'lazy> con', 'the script typing');
    await press(KEYS.ctrlP);
    await waitFor((f) => f.includes('replay step 1/4 · the prompt is yours · Ctrl-P resumes the script'), 'the speaker\'s turn');
    expect(prompt()).toBe('lazy>');
    await press('[1, 2]');
    await waitFor(() => prompt() === 'lazy> [1, 2]', 'the speaker typing');
    await press(KEYS.enter);
    await waitFor(() => kernel.inputs.includes('[1, 2]'), 'the speaker\'s input run');
    await press(KEYS.ctrlP);
    await waitFor((f) => ready(f) && prompt() === 'lazy> con', 'the script back where it was');
    await press(KEYS.enter);
    await waitFor(() => kernel.inputs.at(-1) === 'const x = tf.constant(2.0)', 'the script going on');
  });

  it('] runs the inputs up to the next anchor unseen and goes on there; after the last anchor it does nothing', async () => {
    const { kernel, frame, waitFor, press, prompt } = setup();
    await waitFor(ready, 'the replay');
    await press('a');
    await press(']');
    let f = await waitFor((f) => f.includes('replay step 3/4 · anchor eager · keys type'), 'the anchor');
    expect(f).toContain('replay: on to anchor eager; ran the 2 inputs in between unseen');
    expect(f).not.toContain('function twice');
    expect(kernel.inputs).toEqual(['const setup = 1', 'const x = tf.constant(2.0)', FUNCTION, ':mode eager']);
    expect(prompt()).toBe('eager>');
    await press(']');
    f = await waitFor((f) => f.includes('replay step 4/4 · anchor end · keys type'), 'the last anchor');
    expect(kernel.inputs.at(-1)).toBe('twice(x)');
    await press(']');
    // A key after it still types the script's input: `]` started no jump (a jump would drop the key, busy).
    await press('a');
    await waitFor(() => prompt() === 'eager> x', 'the key after ] typing');
    expect(frame()).toContain('replay step 4/4 · anchor end · keys type');
    expect(kernel.restarts).toEqual([]);
  });

  it('--from starts at an anchor; [ restarts the kernel and runs everything before the section unseen', async () => {
    const script = new ReplayScript(parseTranscript(DEMO, 'demo.md'), 'demo.md');
    const { kernel, frame, waitFor, press, prompt } = setup({ start: script.anchorItem('end') });
    await waitFor((f) => f.includes('replay step 4/4 · anchor end · keys type'), 'the start anchor');
    const before = ['const setup = 1', 'const x = tf.constant(2.0)', FUNCTION, ':mode eager', 'twice(x)'];
    expect(kernel.inputs).toEqual(before);
    expect(frame()).toContain('replay: starting at anchor end; the 4 inputs before it ran unseen');
    await press('a');
    await waitFor(() => prompt() === 'eager> x', 'typing');
    // Something of this section was shown: `[` goes back to its start.
    await press('[');
    await waitFor(() => kernel.restarts.length === 1 && kernel.inputs.length === 2 * before.length + 1, 'a fresh kernel catching up');
    // The fresh kernel kept the fake's eager mode: the file's start switches it back to lazy first.
    expect(kernel.inputs.slice(before.length)).toEqual([':mode lazy', ...before]);
    await waitFor((f) => f.includes('replay: back to anchor end with a fresh kernel, which ran the 4 inputs before it unseen') && ready(f), 'the note');
    expect(prompt()).toBe('eager>');
    // Nothing of it shown now: `[` goes to the section before.
    await press('[');
    await waitFor((f) => f.includes('replay step 3/4 · anchor eager · keys type'), 'the section before');
    expect(kernel.restarts).toHaveLength(2);
  });

  it('a hidden input that fails says so in a note', async () => {
    const failing: Script = (code, id) => (code === 'const setup = 1'
      ? { status: 'error', events: [{ type: 'error', id, name: 'ReferenceError', message: 'tf is not defined' }] } : {});
    const { waitFor } = setup({}, failing);
    const f = await waitFor(ready, 'the replay');
    expect(f).toContain('replay: the hidden input at demo.md:4 failed: ReferenceError: tf is not defined');
    expect(f.match(/ReferenceError/g)).toHaveLength(1);
  });

  it("a hidden input's output and warnings stay off the screen; a shown input's warning shows", async () => {
    const warns: Script = (code, id) => (code === 'const setup = 1'
      ? { events: [{ type: 'warning', id, message: 'soft placement: MatMul on /cpu:0' }, { type: 'output', id, text: 'set up' }] }
      : code === 'const x = tf.constant(2.0)' ? { events: [{ type: 'warning', id, message: 'a deprecated name' }] } : {});
    const { waitFor, press, frame } = setup({}, warns);
    await waitFor(ready, 'the replay');
    expect(frame()).not.toMatch(/WARNING|soft placement|set up/);
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('replay step 2/4'), 'the next step');
    expect(f).toContain('WARNING: a deprecated name');
    expect(f).not.toMatch(/soft placement|set up/);
  });

  it('--speed types on its own, runs each input once typed, stops at a pause, and hands the prompt over at the end', async () => {
    const { kernel, waitFor, press, frame } = setup({ speed: 2000, beats: { beforeEnter: 5, afterOutput: 5 } });
    await waitFor((f) => f.includes('paused: any key goes on'), 'the pause');
    expect(kernel.inputs).toEqual(['const setup = 1', 'const x = tf.constant(2.0)', FUNCTION]);
    expect(frame()).toMatch(/^lazy> const x = tf\.constant\(2\.0\)$/m);
    await press(' ');
    await waitFor((f) => f.includes('replay finished · the prompt is yours'), 'the end');
    expect(kernel.inputs.slice(3)).toEqual([':mode eager', 'twice(x)', 'x']);
    await press('1 + 1');
    await waitFor((f) => /^eager> 1 \+ 1/m.test(f), 'the speaker typing at the end');
  });
});
