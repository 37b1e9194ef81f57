// The graph view: the drawing itself (src/graphview) on hand-made op lists, and `:graph` through a real Kernel.
// The oracle is the hand-drawn backprop diagram of f = (x + y)·z at x = -2, y = 5, z = -4: q = x + y = 3,
// f = -12; ∂f/∂q = z = -4, ∂f/∂x = ∂f/∂y = ∂f/∂q·1 = -4, ∂f/∂z = q = 3, and ∂f/∂f = 1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import type { Mode, OpInfo } from '../src/kernel/events.js';
import { MAX_NODES, plainText, renderGraphView, type GraphViewInput } from '../src/graphview/index.js';
import { closeKernels, printingKernel } from './kernel-session.js';

const op = (name: string, type: string, inputs: string[] = []): OpInfo => ({ name, type, inputs, device: '/cpu:0' });
const draw = (input: GraphViewInput, width = 100, height?: number) => plainText(renderGraphView(input, { width, height }).lines);

/** Problem 1 as the kernel reports it after `tf.gradients(f, [q, x, y, z])` and a run fetching all five. */
const PROBLEM_1: GraphViewInput = {
  ops: [
    op('x', 'Const'), op('y', 'Const'), op('z', 'Const'), op('add', 'AddV2', ['x:0', 'y:0']), op('mul', 'Mul', ['add:0', 'z:0']),
    op('gradients/Shape', 'Shape', ['mul:0']), op('gradients/grad_ys_0', 'Const'),
    op('gradients/Fill', 'Fill', ['gradients/Shape:0', 'gradients/grad_ys_0:0']),
    op('gradients/mul_grad/Mul', 'Mul', ['gradients/Fill:0', 'z:0']), op('gradients/mul_grad/Mul_1', 'Mul', ['gradients/Fill:0', 'add:0']),
  ],
  run: {
    ops: ['x', 'y', 'z', 'add', 'mul', 'gradients/Shape', 'gradients/grad_ys_0', 'gradients/Fill', 'gradients/mul_grad/Mul', 'gradients/mul_grad/Mul_1'],
    values: {
      'x:0': '-2.0', 'y:0': '5.0', 'z:0': '-4.0', 'add:0': '3.0', 'mul:0': '-12.0', 'gradients/Shape:0': '[]', 'gradients/grad_ys_0:0': '1.0',
      'gradients/Fill:0': '1.0', 'gradients/mul_grad/Mul:0': '-4.0', 'gradients/mul_grad/Mul_1:0': '3.0',
    },
    fetched: ['mul:0', 'gradients/mul_grad/Mul:0', 'gradients/mul_grad/Mul_1:0'],
  },
  gradients: {
    'mul:0': 'gradients/Fill:0', 'add:0': 'gradients/mul_grad/Mul:0', 'z:0': 'gradients/mul_grad/Mul_1:0',
    'x:0': 'gradients/mul_grad/Mul:0', 'y:0': 'gradients/mul_grad/Mul:0',
  },
};

/** Hand-checked: each edge's value above it and its gradient below, the fetched `mul` heavy. */
const PROBLEM_1_DRAWING = [
  '┌──────────┐  -2',
  '│ x: Const │──────┐',
  '└──────────┘  ∂-4 │   ┌─────┐     +3',
  '                  ├──▶│ add │─────────┐',
  '                  │   └─────┘     ∂-4 │',
  '┌──────────┐  +5  │                   │ ┏━━━━━┓  -12',
  '│ y: Const │──────┘                   ├▶┃ mul ┃──────▶',
  '└──────────┘  ∂-4   ┌──────────┐  -4  │ ┗━━━━━┛  ∂+1',
  '                    │ z: Const │──────┘',
  '                    └──────────┘  ∂+3',
  'value above each edge · ∂ gradient below · ┏━┓ fetched',
].join('\n');

/** `w = tf.Variable(0.5)`'s four ops, `y = w * x`, and `init`, as the kernel lists them. */
const VARIABLE: OpInfo[] = [
  op('w/initial_value', 'Const'), op('w', 'VariableV2'), op('w/Assign', 'Assign', ['w:0', 'w/initial_value:0']),
  op('w/read', 'Identity', ['w:0']), op('x', 'Const'), op('mul', 'Mul', ['w/read:0', 'x:0']), op('init', 'NoOp', ['^w/Assign']),
];

describe('renderGraphView', () => {
  it('draws problem 1 with its values and gradients', () => {
    expect(draw(PROBLEM_1)).toBe(PROBLEM_1_DRAWING);
  });

  it("a Variable's four ops are one box, its initializer and init hidden; `all` shows every op", () => {
    const forward = draw({ ops: VARIABLE });
    expect(forward).toContain('│ w: VariableV2 │');
    expect(forward).toContain('│ x: Const │');
    expect(forward).toContain('│ mul │');
    for (const hidden of ['initial_value', 'Assign', 'read', 'init']) expect(forward).not.toContain(hidden);
    const all = draw({ ops: VARIABLE, all: true });
    for (const shown of ['w/initial_value: Const', 'w: VariableV2', 'w/Assign', 'w/read: Identity', 'init: NoOp']) expect(all).toContain(shown);
    // Control edges are never drawn: `init` stands alone, no line into it.
    expect(all).not.toMatch(/▶│ init/);
  });

  it("the Variable's box carries its read's value", () => {
    const run = { ops: ['w', 'w/read', 'x', 'mul'], values: { 'w:0': '0.5', 'w/read:0': '0.5', 'x:0': '2.0', 'mul:0': '1.0' }, fetched: ['mul:0'] };
    const lines = draw({ ops: VARIABLE, run }).split('\n');
    expect(lines[0]).toMatch(/^┌─+┐ +\+0\.5$/);
    expect(lines[1]).toMatch(/^│ w: VariableV2 │─+┐$/);
  });

  it('a fetched box is heavy (┏━┓), one the last run did not evaluate dashed (┌╌┐), the rest plain', () => {
    const ops = [op('a', 'Const'), op('b', 'Const'), op('add', 'AddV2', ['a:0', 'b:0']), op('mul', 'Mul', ['add:0', 'b:0'])];
    const run = { ops: ['a', 'b', 'add'], values: { 'a:0': '1.0', 'b:0': '2.0', 'add:0': '3.0' }, fetched: ['add:0'] };
    const text = draw({ ops, run });
    expect(text).toMatch(/┏━━━━━┓[\s\S]*┃ add ┃[\s\S]*┗━━━━━┛/);
    expect(text).toMatch(/┌╌╌╌╌╌┐[\s\S]*╎ mul ╎[\s\S]*└╌╌╌╌╌┘/);
    expect(text).toContain('│ a: Const │');
    expect(text.split('\n').at(-1)).toBe('value above each edge · tf.gradients adds ∂ gradients below · ┏━┓ fetched · ┌╌┐ not run');
  });

  it('before any run: no values, and the legend says what a run adds', () => {
    const text = draw({ ops: PROBLEM_1.ops, gradients: PROBLEM_1.gradients });
    expect(text).not.toMatch(/[-+]\d|∂/);
    expect(text.split('\n').at(-1)).toBe('no Session.run yet: after one, each edge shows the value it carried');
  });

  it('narrower than the drawing: types go first, then a window with a note saying which columns and how to see more', () => {
    const width = PROBLEM_1_DRAWING.split('\n').reduce((w, l) => Math.max(w, [...l].length), 0);
    // Without types `x: Const` is `x`: the drawing shrinks to fit.
    const short = renderGraphView(PROBLEM_1, { width: width - 1 });
    expect(short.drawingWidth).toBeLessThan(width);
    expect(plainText(short.lines)).toContain('│ x │');
    expect(plainText(short.lines)).toContain('types left out (:ops lists them)');
    const view = renderGraphView(PROBLEM_1, { width: 30, scrollHint: (next) => `:graph ${next.x}` });
    const lines = plainText(view.lines).split('\n');
    expect(lines.at(-1)).toBe(`columns 1–30 of ${view.drawingWidth}; :graph 30`);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(30);
    // The last window says how to get back to the start.
    const last = renderGraphView(PROBLEM_1, { width: 30, offsetX: 1000, scrollHint: (n) => (n.x === 0 && n.y === 0 ? 'back' : 'more') });
    expect(last.offsetX).toBe(view.drawingWidth - 30);
    expect(plainText(last.lines).split('\n').at(-1)).toBe(`columns ${view.drawingWidth - 29}–${view.drawingWidth} of ${view.drawingWidth}; back`);
  });

  it('never more lines than `height`: too low, rows are windowed, then the notes go', () => {
    for (const height of [1, 2, 3, 5, 8]) {
      const view = renderGraphView(PROBLEM_1, { width: 100, height, scrollHint: (n) => `row ${n.y}` });
      expect(view.lines.length).toBeLessThanOrEqual(height);
    }
    const view = renderGraphView(PROBLEM_1, { width: 100, height: 5, scrollHint: (n) => `:graph ${n.x} ${n.y} shows more` });
    expect(plainText(view.lines).split('\n').at(-1)).toBe(`rows 1–3 of ${view.drawingHeight}; :graph 0 3 shows more`);
  });

  it(`more than ${MAX_NODES} boxes: a note instead of spaghetti`, () => {
    const ops = Array.from({ length: MAX_NODES + 1 }, (_, i) => op(`c${i}`, 'Const'));
    expect(draw({ ops })).toBe(`${MAX_NODES + 1} ops are too many to draw (${MAX_NODES} at most).\n:ops lists them`);
    expect(draw({ ops: ops.slice(1) })).toContain('│ c40: Const │');
  });

  it('an empty graph, and one with only bookkeeping ops, say so', () => {
    expect(draw({ ops: [] })).toBe('the graph is empty: in lazy mode each tf call adds an op to it');
    expect(draw({ ops: [op('init', 'NoOp')] })).toBe('nothing to draw: every op is a gradient, initializer or update op (:graph all shows them)');
  });
});

/** A kernel whose `run(code)` resolves to what the plain front end prints for that input. */
const open = (mode: Mode = 'lazy', colors = false) => printingKernel({ mode, colors, runEvents: false });

const PROBLEM_1_CODE = [
  'const x = tf.constant(-2.0, {name: "x"})', 'const y = tf.constant(5.0, {name: "y"})', 'const z = tf.constant(-4.0, {name: "z"})',
  'const q = x + y', 'const f = q * z', 'const [dq, dx, dy, dz] = tf.gradients(f, [q, x, y, z])', 'const sess = tf.Session()',
];

beforeEach(() => {
  tf.resetDefaultGraph();
});

afterEach(closeKernels);

describe(':graph', () => {
  it('after tf.gradients and sess.run draws problem 1 as the hand-drawn diagram', async () => {
    const { run } = open();
    for (const line of PROBLEM_1_CODE) expect(await run(line)).not.toMatch(/Error/);
    expect(await run('sess.run([f, dq, dx, dy, dz])')).toBe('[-12.0, -4.0, -4.0, -4.0, 3.0]');
    expect(await run(':graph')).toBe(PROBLEM_1_DRAWING);
    // A later run that computes less shows less: no gradients, and what it skipped dashed.
    await run('sess.run(q)');
    const text = await run(':graph');
    expect(text.split('\n').slice(0, -1).join('\n')).not.toContain('∂');
    expect(text.split('\n').at(-1)).toBe('value above each edge · no ∂ gradients in this run · ┏━┓ fetched · ┌╌┐ not run');
    expect(text).toMatch(/┃ add ┃/);
    expect(text).toMatch(/╎ mul ╎/);
    expect(text).toMatch(/╎ z: Const ╎/);
  });

  it(':graph all adds the gradient ops; it is wider than 100 columns, so the note offers the next columns', async () => {
    const { run } = open();
    for (const line of PROBLEM_1_CODE) await run(line);
    await run('sess.run([f, dq, dx, dy, dz])');
    const text = await run(':graph all');
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(text).toContain('gradients/Fill');
    const note = /^columns 1–100 of (\d+); :graph all 101 shows more$/.exec(lines.at(-1)!);
    expect(note).not.toBeNull();
    // The hint is a command that works: it goes on from column 101, as far as the drawing (121 columns wide
    // here) lets a full window go.
    const width = Number(note![1]);
    const next = (await run(':graph all 101')).split('\n');
    expect(next.at(-1)).toBe(`columns ${width - 99}–${width} of ${width}; :graph all shows the start again`);
    expect(await run(':graph all 1')).toBe(text);
  });

  it('refuses arguments it does not take', async () => {
    const { run } = open();
    expect(await run(':graph everything')).toBe("Error: :graph takes 'all' and a column to start at (:graph all 101), or 'scope NAME', not 'everything'");
    expect(await run(':graph 1 2')).toMatch(/^Error: :graph takes 'all'/);
    expect(await run(':graph 100 all')).toMatch(/^Error: :graph takes 'all'/);
    expect(await run(':graph -1')).toMatch(/^Error: :graph takes 'all'/);
  });

  it('a Variable is one box; its initializer shows with :graph all', async () => {
    const { run } = open();
    await run('const w = tf.Variable(0.5, {name: "w"})');
    await run('const y = w * tf.constant(2.0, {name: "x"})');
    await run('const sess = tf.Session()');
    await run('sess.run(tf.globalVariablesInitializer())');
    await run('sess.run(y)');
    const forward = await run(':graph');
    expect(forward).toMatch(/│ w: VariableV2 │─+┐/);
    expect(forward).toMatch(/┃ mul ┃─+▶/);
    expect(forward).not.toMatch(/Assign|initial_value|init/);
    expect(forward.split('\n')[0]).toMatch(/\+0\.5$/);
    expect(await run(':graph all')).toMatch(/w\/Assign[\s\S]*init: NoOp/);
  });

  it('in eager mode says that no graph is built, instead of drawing or throwing', async () => {
    const { run } = open('eager');
    expect(await run(':graph')).toBe('eager mode builds no graph: each op ran at once and returned its value. :mode lazy, then define the ops, to draw one');
    await run(':mode lazy');
    await run('const a = tf.constant(1.0) + 2');
    await run(':mode eager');
    expect((await run(':graph')).split('\n')[1]).toBe('(the default graph still holds the 3 ops built in lazy mode: :mode lazy, then :graph draws them)');
  });

  it('after :reset the old run is not drawn on new ops with the same names', async () => {
    const { run } = open();
    for (const line of PROBLEM_1_CODE) await run(line);
    await run('sess.run([f, dq, dx, dy, dz])');
    await run(':reset yes');
    expect(await run(':graph')).toBe('the graph is empty: in lazy mode each tf call adds an op to it');
    for (const line of PROBLEM_1_CODE.slice(0, 5)) await run(line);
    const text = await run(':graph');
    expect(text).not.toMatch(/-12|\+3|∂/);
    expect(text.split('\n').at(-1)).toBe('no Session.run yet: after one, each edge shows the value it carried');
  });

  it('after tf.resetDefaultGraph() in an input, likewise', async () => {
    const { run } = open();
    await run('const a = tf.constant(3.0, {name: "a"}); const s = tf.Session(); s.run(a * 2)');
    expect(await run(':graph')).toContain('+6');
    await run('tf.resetDefaultGraph(); const b = tf.constant(1.0, {name: "a"}) * 5');
    expect(await run(':graph')).not.toContain('+6');
  });

  it('a run made by an input that failed (and was undone) is not drawn', async () => {
    const { run } = open();
    await run('const a = tf.constant(3.0, {name: "a"}); const s = tf.Session()');
    expect(await run('s.run(a * 2); null.boom')).toMatch(/TypeError/);
    await run('const b = a * 4');
    const text = await run(':graph');
    expect(text).not.toContain('+6');
    expect(text).toContain('│ mul │');
  });

  it('with colours on, styles become ANSI colours: fetched bold, negative red, gradients magenta', async () => {
    const { run } = open('lazy', true);
    for (const line of PROBLEM_1_CODE) await run(line);
    await run('sess.run([f, dq, dx, dy, dz])');
    const text = await run(':graph');
    expect(text).toContain('\u001B[1m┏━━━━━┓\u001B[0m');
    expect(text).toContain('\u001B[31m-12\u001B[0m');
    expect(text).toContain('\u001B[35m∂\u001B[0m\u001B[32m+1\u001B[0m');
    expect(text.replace(/\u001B\[\d+m/g, '')).toBe(PROBLEM_1_DRAWING);
  });

  it(':help lists it', async () => {
    expect(await open().run(':help')).toMatch(/^ {2}:graph \[all \| scope NAME\] \[column\] +draw the default graph/m);
  });

  it(':graph scope NAME draws that scope alone, in the plain front end too', async () => {
    const { run } = open();
    await run("const a = tf.nameScope('layer', () => tf.ops.mul(tf.constant(2.0, {name: 'two'}), 3.0))");
    await run("const b = tf.ops.add(tf.constant(5.0, {name: 'five'}), 1.0)");
    const scoped = await run(':graph scope layer');
    expect(scoped).toContain('two');
    expect(scoped).not.toContain('five');
    expect(await run(':graph')).toContain('five');
  });
});
