// `tensorshell lesson N` in the Ink UI (ui-lesson.ts + use-lesson.ts), on the real in-process kernel and
// ink-testing-library: the prose in the history, each step's code on the prompt, Enter running it with the
// ops panel live, hidden setup unseen, :hint typed after a step's code, an edit that prints something else,
// an exercise judged, a `:chart` step the UI answers itself, and the exit status.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { Kernel } from '../src/kernel/kernel.js';
import { readLesson } from '../src/lessons/catalogue.js';
import { runLesson } from '../src/lessons/lesson-cli.js';
import { UiLesson } from '../src/lessons/ui-lesson.js';
import { freshGlobals } from '../src/transcript/check-session.js';
import { App } from '../src/ui/App.js';
import type { UiKernel } from '../src/ui/ui-kernel.js';

const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-ui-lesson-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const kernels: Kernel[] = [];
afterEach(() => {
  cleanup();
  for (const k of kernels.splice(0)) k.dispose();
  freshGlobals();
  tf.disableEagerExecution();
});

const LESSON = `# Lesson 1: Tiny

After this lesson you can
take a lesson in the terminal UI.

<!-- hidden -->
\`\`\`tensorshell
> const secret = tf.constant(41.0, 'float32', [], 'secret')
\`\`\`

A constant of your own:

<!-- graph -->
\`\`\`tensorshell
> const two = tf.constant(2.0)
> sess = new tf.Session(); sess.run(two)
2.0
\`\`\`

Some logged values:

\`\`\`tensorshell
> :chart
\`\`\`

**Exercise 1.** Print the secret.

<!-- exercise: 1 -->
\`\`\`tensorshell
> sess.run(secret)
41.0
\`\`\`
`;

/** The real kernel, as the UI sees RemoteKernel. */
function inProcess(): UiKernel {
  freshGlobals();
  const kernel = new Kernel({ mode: 'lazy', colors: false });
  kernels.push(kernel);
  return {
    get mode() {
      return kernel.mode;
    },
    execute: (code) => kernel.execute(code),
    on: (listener) => kernel.on(listener),
    interrupt: () => kernel.interrupt(),
    restart: () => Promise.reject(new Error('no restart here')),
    close: async () => undefined,
  };
}

function setup(text = LESSON) {
  const dir = mkdtempSync(join(scratch, 'lessons-'));
  writeFileSync(join(dir, '01-tiny.md'), text);
  const driver = new UiLesson(readLesson(1, dir)!);
  const app = render(<App kernel={inProcess()} completer={(line) => [[], line]} lesson={driver} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const waitFor = async (test: (f: string) => boolean, what: string) => {
    for (let i = 0; i < 2000; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw ${what} in:\n${frame()}`);
  };
  const prompt = () => frame().split('\n').filter((l) => /^(lazy|eager)>/.test(l)).at(-1)?.trimEnd();
  /** Waits until the prompt shows `line`, then writes `keys` (one write: the text and its Enter together). */
  const at = async (line: string, keys: string) => {
    await waitFor(() => prompt() === line, `the prompt ${line}`);
    app.stdin.write(keys);
  };
  return { driver, app, frame, waitFor, prompt, at };
}

describe('a lesson in the terminal UI', () => {
  it('shows the prose, offers each step on the prompt, runs it with the ops panel live, and judges the exercise', async () => {
    const { driver, app, frame, waitFor, at } = setup();
    await waitFor((f) => f.includes('A constant of your own:'), 'the prose');
    expect(frame()).toContain('tensorshell lesson 1: Enter runs the code on the prompt');
    expect(frame()).toContain('lesson: Enter runs the code on the prompt (edit it first if you like) · :hint · :skip · :help');
    // The hidden setup ran unseen: its op is in the graph, its input is not on the screen.
    expect(frame()).toMatch(/\+ secret +Const/);
    expect(frame()).not.toContain('const secret');

    // :hint typed after the step's code: the hint, and the code comes back.
    await at('lazy> const two = tf.constant(2.0)', ':hint\r');
    await waitFor((f) => f.includes("↳ the lesson's code prints nothing"), 'the hint');
    await at('lazy> const two = tf.constant(2.0)', '\r');
    await waitFor((f) => /\+ Const +Const/.test(f), 'the new Const in the ops panel');
    expect(frame()).toContain('lazy> const two = tf.constant(2.0):hint');
    // An edit that prints something else: the lesson says what it got.
    await at('lazy> sess = new tf.Session(); sess.run(two)', '\u0015sess = new tf.Session(); sess.run(tf.add(two, 1))\r');
    await waitFor((f) => f.includes('↳ the lesson got: 2.0'), 'what the lesson got');
    expect(frame()).toContain('3.0');
    // The block's <!-- graph -->: the graph view opens once it has run, and the next input closes it.
    await waitFor((f) => /┃ Add ┃/.test(f), 'the graph view');
    // A UI command as a step: the UI answers it, and the lesson goes on.
    await at('lazy> :chart', '\r');
    await waitFor((f) => f.includes('Exercise 1: your turn.'), 'the exercise');
    expect(frame()).not.toMatch(/┃ Add ┃/);
    // An empty Enter before any answer, a wrong answer, an empty Enter (the difference), the right answer.
    await at('lazy>', '\r');
    await waitFor((f) => f.includes('Nothing to check yet'), 'nothing to check');
    await at('lazy>', 'sess.run(two)\r');
    await waitFor((f) => /^2\.0$/m.test(f.split('Nothing to check yet')[1] ?? ''), 'the wrong answer ran');
    await at('lazy>', '\r');
    await waitFor((f) => f.includes("✗ Exercise 1: not yet. What the lesson's answer prints (-) and what yours printed (+):"), 'the verdict');
    expect(frame()).toContain('  -41.0');
    expect(frame()).toContain('  +2.0');
    await at('lazy>', 'sess.run(secret)\r');
    await waitFor((f) => f.includes("✓ Exercise 1: your answer prints what the lesson's answer prints."), 'the pass');
    await waitFor((f) => f.includes('End of lesson 1: 1 of 1 exercise solved.'), 'the end');
    // After the end the prompt is the learner's: inputs run as typed, the lesson's commands do nothing.
    await at('lazy>', ':hint\r');
    await waitFor((f) => f.includes('(the lesson is over: :hint has nothing to do)'), 'the lesson over');
    app.unmount();
    await waitFor(() => driver.result !== null, 'the exit status');
    expect(driver.result).toBe(0);
  }, 60_000);

  it('Ctrl-C clears the offered step, an empty Enter offers it again; leaving before the end is status 1', async () => {
    const { driver, app, waitFor, prompt, at } = setup();
    await at('lazy> const two = tf.constant(2.0)', '\u0003');
    await waitFor(() => prompt() === 'lazy>', 'the cleared prompt');
    app.stdin.write('\r');
    await waitFor(() => prompt() === 'lazy> const two = tf.constant(2.0)', 'the step again');
    // Keys typed onto the step edit it: Ctrl-A then text goes at the start.
    app.stdin.write('\u0001void ');
    await waitFor(() => prompt() === 'lazy> void const two = tf.constant(2.0)', 'the edit');
    app.unmount();
    await waitFor(() => driver.result !== null, 'the exit status');
    expect(driver.result).toBe(1);
  }, 60_000);
});

describe("a lesson's unseen setup that fails", () => {
  // The learner can break what setup builds on (a name of their own, :reset); the lesson says so instead of going on silently.
  const BROKEN = LESSON.replace("const secret = tf.constant(41.0, 'float32', [], 'secret')", 'const secret = undefinedName + 1');
  const SAID = "(the lesson's unseen setup failed here — ReferenceError: undefinedName is not defined; what follows may print something other than the lesson shows)";

  it('is said in the UI', async () => {
    const { app, waitFor } = setup(BROKEN);
    await waitFor((f) => f.replace(/\s*\n\s*/g, ' ').includes(SAID), 'the note, whole');
    app.unmount();
  }, 60_000);

  it('is said at the line front end', async () => {
    const dir = mkdtempSync(join(scratch, 'lessons-'));
    writeFileSync(join(dir, '01-tiny.md'), BROKEN);
    let out = '';
    const stdin = new PassThrough();
    stdin.end('');
    const stdout = new Writable({ write(chunk, _e, done) { out += String(chunk); done(); } });
    await runLesson(['1'], { stdin, stdout, stderr: stdout }, { dir });
    expect(out).toContain(SAID);
    expect(out).not.toContain('undefinedName + 1');
  }, 60_000);
});
