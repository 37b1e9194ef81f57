// The Ink UI's frames and keys, with a fake kernel and ink-testing-library (100 columns, 24 rows).
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { KernelEvent } from '../src/kernel/events.js';
import { App, type AppProps } from '../src/ui/App.js';
import type { Completer } from '../src/ui/completion.js';
import { plainText, renderGraphView } from '../src/graphview/index.js';
import { FakeKernel, op, type Script } from './ui-fake-kernel.js';

afterEach(cleanup);

const KEYS = { enter: '\r', up: '\u001B[A', down: '\u001B[B', tab: '\t', ctrlC: '\u0003', ctrlD: '\u0004', ctrlR: '\u0012' };
const completer: Completer = (line) => {
  const m = /tf\.\w*$/.exec(line);
  return m ? [['tf.constant', 'tf.matmul'].filter((n) => n.startsWith(m[0])), m[0]] : [[], line];
};

/** The App on a fake kernel, and helpers that wait for frames rather than for time. */
function setup(script?: Script, props: Partial<Pick<AppProps, 'history' | 'devices' | 'view'>> = {}) {
  const kernel = new FakeKernel(script);
  const app = render(<App kernel={kernel} completer={completer} {...props} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const waitFor = async (test: (frame: string) => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw ${what} in:\n${frame()}`);
  };
  /** Keys are written one batch at a time, each once the frame shows the one before took effect. */
  const press = async (keys: string) => {
    // ink-testing-library#11: a write before Ink listens is lost, so wait until it listens (once raw mode is on).
    await waitFor(() => app.stdin.listenerCount('readable') > 0, 'Ink reading stdin');
    app.stdin.write(keys);
  };
  /** The cursor's row of the prompt (the last `lazy> `, `eager> ` or `... ` row), without the cursor's cell. */
  const promptRow = () => frame().split('\n').filter((l) => /^(lazy|eager)>|^\.\.\. /.test(l)).at(-1)?.trimEnd() ?? '';
  /** Types `text` and waits until the prompt's row ends with it (not merely the frame holding it somewhere). */
  const type = async (text: string) => {
    await press(text);
    await waitFor(() => promptRow().endsWith(text.trimEnd()), `${text} typed on the prompt`);
  };
  return { kernel, app, frame, waitFor, press, type, promptRow };
}

/** The ops panel's rows: the lines between its title and its bottom border. */
function opsPanel(frame: string): string[] {
  const lines = frame.split('\n');
  const top = lines.findIndex((l) => l.includes('graph ·'));
  const bottom = lines.findIndex((l, i) => i > top && l.includes('╰'));
  return lines.slice(top + 1, bottom).map((l) => l.replace(/^│\s?|\s*│.*$/g, '').trimEnd());
}

const constant: Script = (code, id) => (code.includes('tf.constant')
  ? { events: [{ type: 'ops-added', id, ops: [op('Const', 'Const')] }] }
  : {});

describe('the Ink UI', () => {
  it('shows the prompt with the mode, the empty ops panel and the status line', async () => {
    const { waitFor } = setup();
    const f = await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    expect(f).toMatch(/graph · 0 ops/);
    expect(f).toMatch(/no ops yet/);
    expect(f.trimEnd().split('\n').at(-1)).toBe('lazy · 0 ops');
  });

  it('typing `const x = tf.constant(1.0)` and Enter runs it; the ops panel shows Const', async () => {
    const { kernel, type, press, waitFor } = setup(constant);
    await type('const x = tf.constant(1.0)');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('graph · 1 op'), 'the op');
    expect(kernel.inputs).toEqual(['const x = tf.constant(1.0)']);
    expect(opsPanel(f)).toEqual(['+ Const  Const']);
    // The input went to the history, above the panel, and the prompt is empty again (Ink trims line ends).
    expect(f).toMatch(/^lazy> const x = tf\.constant\(1\.0\)$/m);
    expect(f).toMatch(/^lazy>$/m);
  });

  it("a Variable's four ops are listed with their inputs, the newest highlighted", async () => {
    const variable: Script = (code, id) => ({
      events: code.includes('Variable') ? [{ type: 'ops-added', id, ops: [
        op('Variable/initial_value', 'Const'), op('Variable', 'VariableV2'),
        op('Variable/Assign', 'Assign', ['Variable:0', 'Variable/initial_value:0']), op('Variable/read', 'Identity', ['Variable:0']),
      ] }] : constant(code, id).events,
    });
    const { type, press, waitFor } = setup(variable);
    await type('const x = tf.constant(1.0)');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('graph · 1 op'), 'Const');
    await type('const w = tf.Variable(0.8)');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('graph · 5 ops'), 'the Variable');
    expect(opsPanel(f)).toEqual([
      '  Const                   Const',
      '+ Variable/initial_value  Const',
      '+ Variable                VariableV2',
      '+ Variable/Assign         Assign      ← Variable:0, Variable/initial_value:0',
      '+ Variable/read           Identity    ← Variable:0',
    ]);
  });

  it('logged scalars draw a chart with a legend beside the ops', async () => {
    const { kernel, waitFor } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    const events: KernelEvent[] = [];
    for (let step = 0; step < 50; step++) events.push({ type: 'scalar-logged', name: 'loss', step, value: 2 * Math.exp(-step / 10) });
    kernel.emit(...events);
    const f = await waitFor((f) => f.includes('── loss'), 'the legend');
    expect(f).toMatch(/── loss 0\.0149 @49/);
    expect(f).toMatch(/ {7}2 ┼╮/);
    expect(f).toMatch(/╰/);
  });

  it('no chart panel without series', async () => {
    const { waitFor } = setup();
    expect(await waitFor((f) => /^lazy>/m.test(f), 'the prompt')).not.toMatch(/┤|┼/);
  });

  it('Ctrl-C while an input runs interrupts the kernel; at the prompt it clears the line', async () => {
    const { kernel, type, press, waitFor } = setup(() => ({ hold: true }));
    await type('while (true) {}');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('running… Ctrl-C interrupts'), 'busy');
    await press(KEYS.ctrlC);
    expect(kernel.interrupts).toBe(1);
    kernel.finish();
    await waitFor((f) => !f.includes('running'), 'idle');
    await type('half typed');
    await press(KEYS.ctrlC);
    const f = await waitFor((f) => !f.includes('half typed'), 'the line cleared');
    expect(f).toMatch(/^lazy>$/m);
    expect(kernel.interrupts).toBe(1);
  });

  it('Up recalls the last input, Down brings back what was typed', async () => {
    const { kernel, type, press, waitFor } = setup(constant, { history: ['1 + 1'] });
    await type('const x = tf.constant(1.0)');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('graph · 1 op'), 'Const');
    await type('dra');
    await press(KEYS.up);
    await waitFor((f) => /^lazy> const x = tf\.constant\(1\.0\) ?$/m.test(f.split('╯').at(-1)!), 'the recalled input');
    await press(KEYS.up);
    await waitFor((f) => /^lazy> 1 \+ 1 ?$/m.test(f), 'the saved input');
    await press(KEYS.down);
    await press(KEYS.down);
    await waitFor((f) => /^lazy> dra ?$/m.test(f), 'the draft');
    // The recalled text is edited at its end.
    await press(KEYS.up);
    await waitFor((f) => /^lazy> const x = tf\.constant\(1\.0\) ?$/m.test(f.split('╯').at(-1)!), 'the recalled input');
    await type(' + 1');
    await press(KEYS.enter);
    await waitFor(() => kernel.inputs.length === 2, 'the second run');
    expect(kernel.inputs[1]).toBe('const x = tf.constant(1.0) + 1');
  });

  it('an incomplete input continues on `... ` lines and runs whole', async () => {
    const { kernel, type, press, waitFor } = setup((code) => ({ status: code.includes('}') ? 'ok' : 'incomplete' }));
    await type('function twice(x) {');
    await press(KEYS.enter);
    await waitFor((f) => /^\.\.\.$/m.test(f), 'the continuation prompt');
    await type('return x * 2 }');
    await press(KEYS.enter);
    await waitFor(() => kernel.inputs.length === 2, 'the whole input');
    expect(kernel.inputs[1]).toBe('function twice(x) {\nreturn x * 2 }');
  });

  it('Tab completes tf. names, and lists them when several match', async () => {
    const { type, press, waitFor } = setup();
    await type('tf.con');
    await press(KEYS.tab);
    await waitFor((f) => /^lazy> tf\.constant ?$/m.test(f), 'the completion');
  });

  it("Tab completes a member from the kernel's answer (sess.r → sess.run)", async () => {
    const { kernel, type, press, waitFor } = setup();
    const asked: string[] = [];
    kernel.complete = async (line) => {
      asked.push(line);
      return [['sess.run'], 'sess.r'];
    };
    await type('sess.r');
    await press(KEYS.tab);
    await waitFor((f) => /^lazy> sess\.run ?$/m.test(f), 'the member');
    expect(asked).toEqual(['sess.r']);
  });

  it('cuts an op name too long for the ops panel with an ellipsis, keeping its end', async () => {
    const long = 'layer_one/weights/Initializer/random_uniform/RandomUniform';
    const { type, press, waitFor } = setup((code, id) => ({ events: [{ type: 'ops-added', id, ops: [op(long, 'RandomUniform')] }] }));
    await type('w');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('RandomUniform  '), 'the op');
    const [row] = opsPanel(f);
    expect(row).toMatch(/^\+ …[\w/]*random_uniform\/RandomUniform {2}RandomUniform$/);
    expect(row).not.toContain('layer_one');
  });

  it('a dead kernel shows in the status line; Ctrl-R restarts it and re-runs the session', async () => {
    const { kernel, waitFor, press, frame } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    kernel.emit({ type: 'kernel-died', code: null, signal: 'SIGSEGV' });
    const f = await waitFor((f) => f.includes('kernel died'), 'the death');
    expect(f.trimEnd().split('\n').at(-1)).toBe('kernel died (signal SIGSEGV) — press Ctrl-R to restart and re-run');
    await press(KEYS.ctrlR);
    await waitFor(() => kernel.restarts.length === 1, 'the restart');
    expect(kernel.restarts).toEqual([{ rerun: true }]);
    await waitFor((f) => f.trimEnd().split('\n').at(-1) === 'lazy · 0 ops', 'the kernel back');
    // Ctrl-R typed no `r` into the line.
    expect(frame()).toMatch(/^lazy>$/m);
  });

  it('Ctrl-D exits on an empty line, and does nothing (types no `d`) on a line with text', async () => {
    const { kernel, type, press, waitFor, promptRow } = setup();
    await type('x');
    await press(KEYS.ctrlD);
    await type('y');
    expect(promptRow()).toBe('lazy> xy');
    expect(kernel.listening).toBe(1);
    await press(KEYS.ctrlC);
    await waitFor((f) => /^lazy>$/m.test(f), 'the line cleared');
    await press(KEYS.ctrlD);
    // The app unmounted: it no longer listens to the kernel.
    await waitFor(() => kernel.listening === 0, 'the exit');
  });

  it('Tab lists the candidates when several match', async () => {
    const { type, press, waitFor } = setup();
    await type('tf.');
    await press(KEYS.tab);
    const f = await waitFor((f) => f.includes('constant  matmul'), 'the candidates');
    expect(f).toMatch(/^lazy> tf\.$/m);
  });

  it('Ctrl-C twice on an empty line exits, saying so after the first', async () => {
    const { kernel, press, waitFor } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    await press(KEYS.ctrlC);
    await waitFor((f) => f.includes('(To exit, press Ctrl+C again or Ctrl+D)'), 'the hint');
    await press(KEYS.ctrlC);
    await waitFor(() => kernel.listening === 0, 'the exit');
  });

  it('the running input shows in the live area with its latest output; long op lists are cut to the newest', async () => {
    const { kernel, waitFor } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    const ops = Array.from({ length: 40 }, (_, i) => op(`op${i}`, 'Const'));
    kernel.emit({ type: 'input-started', id: 1, code: 'for (;;) {\n  step()\n}' }, { type: 'ops-added', id: 1, ops });
    for (let i = 0; i < 10; i++) kernel.emit({ type: 'output', id: 1, text: `step ${i}` });
    const f = await waitFor((f) => f.includes('step 9'), 'the output');
    expect(f).toMatch(/^lazy> for \(;;\) \{ …$/m);
    expect(f).not.toMatch(/step 6/);
    const panel = opsPanel(f);
    expect(panel[0]).toBe('  … 30 more');
    expect(panel.at(-1)).toBe('+ op39  Const');
    // Nothing here is in <Static>: the whole frame is the live area, and it stays shorter than 24 rows.
    expect(f.split('\n').length).toBeLessThan(24);
  });

  it('lays out again when the terminal is resized', async () => {
    const { app, kernel, waitFor } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    kernel.emit({ type: 'scalar-logged', name: 'loss', step: 0, value: 1 }, { type: 'scalar-logged', name: 'loss', step: 1, value: 0.5 });
    await waitFor((f) => f.includes('── loss'), 'the chart');
    Object.defineProperty(app.stdout, 'columns', { value: 60, configurable: true });
    Object.assign(app.stdout, { rows: 6 });
    app.stdout.emit('resize');
    // Six rows leave no room for the panels: only the prompt and the status line.
    const f = await waitFor((f) => !f.includes('── loss'), 'the panels hidden');
    expect(f.trimEnd().split('\n')).toEqual(['lazy>', 'lazy · 0 ops']);
    Object.assign(app.stdout, { rows: 30 });
    app.stdout.emit('resize');
    const wide = await waitFor((f) => f.includes('── loss'), 'the chart back');
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBe(60);
  });
});

describe('the Ink UI: what is on the screen', () => {
  const gradients: Script = (code, id) => (code.includes('minimize')
    ? { events: [{ type: 'ops-added', id, ops: [op('mul', 'Mul'), ...['Shape', 'grad_ys_0', 'Fill', 'mul_grad/Mul', 'mul_grad/Mul_1', 'AddN', 'mul_grad/tuple/group_deps'].map((n) => op(`gradients/${n}`, 'Op'))] }] }
    : {});
  const loss: KernelEvent[] = [{ type: 'scalar-logged', name: 'loss', step: 0, value: 1 }, { type: 'scalar-logged', name: 'loss', step: 1, value: 0.5 }];

  it(':chart hides the chart panel and shows it again; each answer stays in the history', async () => {
    const { kernel, type, press, waitFor } = setup();
    await waitFor((f) => /^lazy>/m.test(f), 'the prompt');
    kernel.emit(...loss);
    await waitFor((f) => f.includes('── loss'), 'the chart');
    await type(':chart');
    await press(KEYS.enter);
    let f = await waitFor((f) => !f.includes('── loss'), 'the chart hidden');
    expect(f).toMatch(/^lazy> :chart\nchart hidden \(:chart shows it again\)$/m);
    expect(kernel.inputs).toEqual([]);
    await type(':chart');
    await press(KEYS.enter);
    f = await waitFor((f) => f.includes('── loss'), 'the chart back');
    expect(f).toMatch(/^chart shown$/m);
    await type(':chart clear');
    await press(KEYS.enter);
    f = await waitFor((f) => f.includes('chart cleared'), 'cleared');
    expect(f).not.toMatch(/── loss/);
  });

  it('a big name scope is one row until :expand lists it op by op; :collapse folds it again', async () => {
    const { type, press, waitFor } = setup(gradients);
    await type('opt.minimize(loss)');
    await press(KEYS.enter);
    let f = await waitFor((f) => f.includes('gradients/…'), 'the folded scope');
    expect(opsPanel(f)).toEqual(['+ mul          Mul', '+ gradients/…  7 ops · :expand gradients']);
    await type(':expand gradients');
    await press(KEYS.enter);
    f = await waitFor((f) => f.includes('gradients/AddN'), 'the scope expanded');
    expect(opsPanel(f)).toHaveLength(8);
    expect(f).toMatch(/^gradients\/ listed op by op \(:collapse folds it again\)$/m);
    await type(':collapse');
    await press(KEYS.enter);
    f = await waitFor((f) => !f.includes('gradients/AddN'), 'folded again');
    expect(opsPanel(f)).toHaveLength(2);
  });

  it('UI commands answer while an input runs; a bad argument is an error that changes nothing', async () => {
    const { kernel, type, press, waitFor } = setup(() => ({ hold: true }));
    await type('while (true) {}');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('running…'), 'busy');
    await type(':theme purple');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes("Error: :theme takes dark or light, not 'purple'"), 'the error');
    expect(f).toMatch(/running… Ctrl-C interrupts/);
    expect(kernel.inputs).toEqual(['while (true) {}']);
    kernel.finish();
  });

  it('in eager mode the panel lists the ops that ran with their values, the latest input marked', async () => {
    const script: Script = (code, id) => ({ events: code === 'big' ? [
      { type: 'eager-ops', id, total: 500, ops: Array.from({ length: 64 }, (_, i) => ({ type: 'AddV2', value: `[${437 + i}. ${438 + i}.]` })) },
    ] : [{ type: 'eager-ops', id, total: 2, ops: [{ type: 'Mul', value: '6.0' }, { type: 'AddV2', value: '7.0' }] }] });
    const { kernel, type, press, waitFor } = setup(script);
    kernel.mode = 'eager';
    await type('a * 3 + 1');
    await press(KEYS.enter);
    let f = await waitFor((f) => f.includes('eager · ops as they ran') && f.includes('AddV2'), 'the eager panel');
    expect(f).toMatch(/^│ \+ Mul    6\.0 +│$/m);
    expect(f).toMatch(/^│ \+ AddV2  7\.0 +│$/m);
    await type('big');
    await press(KEYS.enter);
    f = await waitFor((f) => f.includes('[500. 501.]'), 'the loop');
    // 24 rows: the panel's rows are the newest ops, the first counting those that did not fit.
    const shown = (f.match(/\+ AddV2/g) ?? []).length;
    expect(f).toContain(`… ${500 - shown} earlier ops of the input marked +`);
    expect(f).toMatch(/\+ AddV2  \[500\. 501\.\]/);
    expect(f).not.toMatch(/Mul {4}6\.0/);
  });

  it('the status line says whether the variables are initialized', async () => {
    const { kernel, type, press, waitFor } = setup();
    kernel.variables = { total: 2, initialized: 0 };
    await type('const w = tf.Variable(0.8)');
    await press(KEYS.enter);
    await waitFor((f) => /^lazy · 0 ops · 2 variables, not initialized$/m.test(f), 'not initialized');
    kernel.variables = { total: 2, initialized: 2 };
    await type('sess.run(init)');
    await press(KEYS.enter);
    await waitFor((f) => /^lazy · 0 ops · 2 variables initialized$/m.test(f), 'initialized');
  });

  it('the status line names the devices', async () => {
    const { waitFor } = setup(undefined, { devices: ['/cpu:0', '/gpu:0'] });
    expect(await waitFor((f) => /^lazy · \/cpu:0 \/gpu:0 · 0 ops$/m.test(f), 'the status line')).toBeTruthy();
  });

  it('presenter mode: no frames, the code on the left and the panels beside it; narrow, the code alone', async () => {
    const { app, kernel, type, press, waitFor } = setup(constant, { view: { present: true } });
    await type('const x = tf.constant(1.0)');
    await press(KEYS.enter);
    kernel.emit(...loss);
    let f = await waitFor((f) => f.includes('── loss') && f.includes('+ Const'), 'the panels');
    // No panel frames (the chart's own line glyphs are not frames).
    expect(f).not.toMatch(/╭─{8,}╮|╰─{8,}╯/);
    const lines = f.split('\n');
    // The stage fills the terminal but one row, and the ops panel's title is at the top right.
    expect(lines).toHaveLength(23);
    expect(lines[1].indexOf('graph · 1 op')).toBeGreaterThan(55);
    expect(lines.some((l) => /^lazy> const x = tf\.constant\(1\.0\)\s*(\S|$)/.test(l))).toBe(true);
    Object.defineProperty(app.stdout, 'columns', { value: 50, configurable: true });
    app.stdout.emit('resize');
    f = await waitFor((f) => !f.includes('graph ·'), 'the code alone');
    expect(f).toMatch(/^lazy> const x = tf\.constant\(1\.0\)$/m);
    expect(Math.max(...f.split('\n').map((l) => l.length))).toBeLessThanOrEqual(50);
  });

  it('presenter mode wraps long code and output in the code column instead of cutting them off', async () => {
    const long = 'const product = tf.matmul(tf.constant([[3, 3]]), tf.constant([[2], [2]]), {name: "product"})';
    const script: Script = (code, id) => (code === long ? { events: [{ type: 'output', id, text: `${'value '.repeat(15)}end` }] } : {});
    const { press, waitFor } = setup(script, { view: { present: true } });
    // The prompt wraps the line as it is typed.
    await press(long);
    await waitFor((f) => f.includes('{name: "product"})'), 'the line typed');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('end'), 'the output');
    const code = f.split('\n').map((l) => l.slice(0, 55).trimEnd());
    const first = code.findIndex((l) => l.startsWith('lazy> const product'));
    // 55 columns: the prompt and 49 columns of code, then rows indented under the code.
    expect(code.slice(first, first + 2)).toEqual(['lazy> const product = tf.matmul(tf.constant([[3, 3]]),', '      tf.constant([[2], [2]]), {name: "product"})']);
    // 93 characters of output: nine words on the first row, the other six and `end` on the next.
    const out = code.findIndex((l) => l.startsWith('value'));
    expect(code.slice(out, out + 2)).toEqual([`${'value '.repeat(8)}value`, `${'value '.repeat(6)}end`]);
  });

  it(':present switches presenter mode on and off at the prompt', async () => {
    const { type, press, waitFor } = setup();
    await waitFor((f) => f.includes('╭'), 'the framed panel');
    await type(':present');
    await press(KEYS.enter);
    await waitFor((f) => !f.includes('╭') && f.includes('presenter mode:'), 'presenter mode');
    await type(':present off');
    await press(KEYS.enter);
    await waitFor((f) => f.includes('╭') && f.includes('presenter mode off'), 'frames back');
  });
});

describe('the Ink UI: the graph view', () => {
  const ops = [
    op('x', 'Const'), op('y', 'Const'), op('z', 'Const'), op('add', 'AddV2', ['x:0', 'y:0']), op('mul', 'Mul', ['add:0', 'z:0']),
    op('gradients/Fill', 'Fill'), op('gradients/mul_grad/Mul', 'Mul', ['gradients/Fill:0', 'z:0']), op('gradients/mul_grad/Mul_1', 'Mul', ['gradients/Fill:0', 'add:0']),
  ];
  const run = {
    ops: ops.map((o) => o.name),
    values: { 'x:0': '-2.0', 'y:0': '5.0', 'z:0': '-4.0', 'add:0': '3.0', 'mul:0': '-12.0', 'gradients/Fill:0': '1.0', 'gradients/mul_grad/Mul:0': '-4.0', 'gradients/mul_grad/Mul_1:0': '3.0' },
    fetched: ['mul:0', 'gradients/mul_grad/Mul:0', 'gradients/mul_grad/Mul_1:0'],
  };
  const gradients = { 'mul:0': 'gradients/Fill:0', 'add:0': 'gradients/mul_grad/Mul:0', 'z:0': 'gradients/mul_grad/Mul_1:0', 'x:0': 'gradients/mul_grad/Mul:0', 'y:0': 'gradients/mul_grad/Mul:0' };
  /** f = (x + y)·z, its gradients and a run, as the kernel reports them. */
  const problem1: Script = (code, id) => (code === 'problem1' ? {
    events: [
      { type: 'ops-added', id, ops }, { type: 'gradients-added', id, pairs: gradients },
      { type: 'run-finished', ms: 1, ...run },
    ],
  } : {});

  /** The graph view's rows inside its frame, without the title. */
  function graphPanel(frame: string): string[] {
    const lines = frame.split('\n');
    const top = lines.findIndex((l) => l.includes('graph view ·'));
    const bottom = lines.findIndex((l, i) => i > top && l.includes('╰'));
    return lines.slice(top + 1, bottom).map((l) => l.replace(/^│ |\s*│$/g, '').trimEnd());
  }

  /** Rows of the live area from the panel's top border on (the history above is <Static>, in the scrollback). */
  const liveRows = (frame: string) => {
    const lines = frame.trimEnd().split('\n');
    return lines.length - lines.findIndex((l) => l.includes('graph view ·')) + 1;
  };

  async function withProblem1(view?: AppProps['view']) {
    const ui = setup(problem1, { view });
    await ui.type('problem1');
    await ui.press(KEYS.enter);
    await ui.waitFor((f) => f.includes(`graph · ${ops.length} ops`) || f.includes('graph view ·'), 'the ops');
    return ui;
  }

  it(':graph shows the drawing in place of the ops panel, the UI answering it', async () => {
    const { kernel, type, press, waitFor } = await withProblem1();
    await type(':graph');
    await press(KEYS.enter);
    const f = await waitFor((f) => f.includes('graph view ·'), 'the graph view');
    expect(kernel.inputs).toEqual(['problem1']);
    expect(f).not.toMatch(/graph · \d+ ops/);
    expect(f).toMatch(/^│ graph view · :graph all shows every op · Esc closes\s*│$/m);
    // The drawing as graphview makes it for 100 columns less the frame and its padding, and 24 rows less the
    // prompt, the status line, one spare, the frame and the title; the panel no taller than the drawing.
    const expected = plainText(renderGraphView({ ops, run, gradients }, { width: 96, height: 18 }).lines).split('\n');
    expect(graphPanel(f)).toEqual(expected);
    expect(expected).toContain('│ y: Const │──────┘                   ├▶┃ mul ┃──────▶');
    expect(liveRows(f)).toBeLessThan(24);
  });

  it('Ctrl-G opens and closes it, Esc closes it; :graph all shows the gradient ops', async () => {
    const { type, press, waitFor } = await withProblem1();
    await press('\u0007');
    let f = await waitFor((f) => f.includes('graph view ·'), 'the graph view');
    expect(f).not.toContain('gradients/');
    await press('\u0007');
    await waitFor((f) => !f.includes('graph view ·') && f.includes(`graph · ${ops.length} ops`), 'the ops panel back');
    await press('\u0007');
    await waitFor((f) => f.includes('graph view ·'), 'the graph view again');
    await press('\u001B');
    await waitFor((f) => !f.includes('graph view ·'), 'closed by Esc');
    await type(':graph all');
    await press(KEYS.enter);
    f = await waitFor((f) => f.includes('graph view · every op'), 'every op');
    expect(f).toContain('gradients/mul_grad/Mul');
  });

  it('fits the terminal: a narrow one gets a window of the drawing and a note, never a wider line', async () => {
    const { app, press, waitFor } = await withProblem1();
    await press('\u0007');
    await waitFor((f) => f.includes('graph view ·'), 'the graph view');
    for (const [columns, rows] of [[60, 24], [36, 16], [100, 9]]) {
      Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
      Object.assign(app.stdout, { rows });
      app.stdout.emit('resize');
      const f = await waitFor((f) => Math.max(...f.split('\n').map((l) => l.length)) <= columns && liveRows(f) < rows, `${columns}×${rows}`);
      // The note wraps rather than being cut: the command that scrolls must stay readable.
      if (columns === 36) expect(graphPanel(f).slice(-3)).toEqual([expect.stringMatching(/^columns 1–32 of \d+$/), expect.stringMatching(/^rows 1–\d+ of \d+$/), '→ or :graph 33 shows more']);
      if (rows === 9) expect(f).toMatch(/rows 1–\d+ of \d+/);
    }
  });

  it('presenter mode: no frame, the drawing across the whole screen', async () => {
    const { press, waitFor } = await withProblem1({ present: true });
    await press('\u0007');
    const f = await waitFor((f) => f.includes('graph view ·'), 'the graph view');
    expect(f).not.toMatch(/[╭╰]/);
    expect(f).toContain('┃ mul ┃');
    expect(Math.max(...f.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it(':graph N scrolls a drawing wider than the panel to its column N; a bad argument is an error', async () => {
    const { app, type, press, waitFor } = await withProblem1();
    Object.defineProperty(app.stdout, 'columns', { value: 36, configurable: true });
    app.stdout.emit('resize');
    await type(':graph 33');
    await press(KEYS.enter);
    const f = await waitFor((f) => /columns 12–43 of 43/.test(f), 'the last columns');
    expect(f).toContain('graph view from column 33');
    await type(':graph sideways');
    await press(KEYS.enter);
    await waitFor((f) => f.replace(/\s*\n\s*/g, ' ').includes("Error: :graph takes 'all' and a column to start at (:graph all 101), or 'scope NAME', not 'sideways'"), 'the error');
  });
});
