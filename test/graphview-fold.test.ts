// The graph view on bigger graphs: name scopes folded into one box, one scope drawn by itself, dead ops of
// earlier inputs left out, and a window that follows the newest ops. Hand-made op lists, shaped as the
// kernel reports tf.randomUniform, tf.Variable and minimize.
import { describe, expect, it } from 'vitest';
import type { OpInfo } from '../src/kernel/events.js';
import { FOLD_AT, parseGraphArgs, plainText, renderGraphView, type GraphViewInput } from '../src/graphview/index.js';

const op = (name: string, type: string, inputs: string[] = []): OpInfo => ({ name, type, inputs, device: '/cpu:0' });
const draw = (input: GraphViewInput, width = 200, height?: number) => plainText(renderGraphView(input, { width, height }).lines);

/** tf.randomUniform([1], -1, 1) under `scope`: seven ops, the last named like the scope. */
const randomUniform = (scope: string): OpInfo[] => [
  op(`${scope}/shape`, 'Const'), op(`${scope}/min`, 'Const'), op(`${scope}/max`, 'Const'),
  op(`${scope}/RandomUniform`, 'RandomUniform', [`${scope}/shape:0`]), op(`${scope}/sub`, 'Sub', [`${scope}/max:0`, `${scope}/min:0`]),
  op(`${scope}/mul`, 'Mul', [`${scope}/RandomUniform:0`, `${scope}/sub:0`]), op(scope, 'Add', [`${scope}/mul:0`, `${scope}/min:0`]),
];

/** `const r = sess.run(tf.randomUniform([1]))`, then `x = tf.constant(2)`, `y = r * x` made from its value. */
const SCRATCH_THEN_MODEL: OpInfo[] = [...randomUniform('random_uniform'), op('x', 'Const'), op('mul/y', 'Const'), op('mul', 'Mul', ['x:0', 'mul/y:0'])];

describe('name scopes', () => {
  it(`a scope of ${FOLD_AT} boxes or more is one box with its count, the op named like it included; its edges join the box`, () => {
    const ops = [...randomUniform('random_uniform'), op('w', 'Mul', ['random_uniform:0', 'random_uniform/min:0'])];
    const run = { ops: ops.map((o) => o.name), values: { 'random_uniform:0': '0.5', 'random_uniform/min:0': '-1.0', 'w:0': '-0.5' }, fetched: ['w:0'] };
    const text = draw({ ops, run });
    expect(text).toContain('│ random_uniform/… 7 ops │');
    expect(text).not.toMatch(/RandomUniform|random_uniform\/mul/);
    // The two tensors into `w` (the scope's value and its min) are two edges out of the one box, with their values.
    expect(text).toMatch(/│ random_uniform\/… 7 ops │─┤/);
    expect(text).toMatch(/-1\b[\s\S]*\+0\.5/);
    expect(text).toContain('folded: random_uniform (:graph scope NAME draws one)');
  });

  it(':expand (expanded) draws a scope op by op; a small scope is never folded', () => {
    const ops = [...randomUniform('random_uniform'), op('small/a', 'Const'), op('small/b', 'Neg', ['small/a:0'])];
    for (const expanded of [['random_uniform'], ['*']]) {
      const text = draw({ ops, expanded });
      expect(text).toContain('random_uniform/RandomUniform');
      expect(text).not.toContain('ops │');
    }
    expect(draw({ ops })).toContain('│ small/b: Neg │');
  });

  it("`all` folds the gradients scope (hidden otherwise); a Variable stays out of its own scope's fold", () => {
    const slots = ['m', 'v', 'm/Assign', 'v/Assign', 'm/read', 'v/read'].map((s) => op(`w/${s}`, s.endsWith('Assign') ? 'Assign' : s.endsWith('read') ? 'Identity' : 'VariableV2'));
    const grads = Array.from({ length: 8 }, (_, i) => op(`gradients/g${i}`, 'Mul', i === 0 ? ['loss:0'] : [`gradients/g${i - 1}:0`]));
    const ops = [op('w', 'VariableV2'), ...slots, op('loss', 'Square', ['w:0']), ...grads];
    const text = draw({ ops, all: true });
    expect(text).toContain('gradients/… 8 ops');
    expect(text).toContain('w/… 6 ops');
    expect(text).toContain('│ w: VariableV2 │');
  });

  it('a fold that would make a cycle (an op outside both reads it and feeds it) is undone', () => {
    const inner = Array.from({ length: FOLD_AT }, (_, i) => op(`s/c${i}`, 'Const'));
    const ops = [...inner, op('out', 'Neg', ['s/c0:0']), op('s/last', 'Add', ['out:0', 's/c1:0'])];
    const text = draw({ ops });
    expect(text).not.toContain('s/… ');
    expect(text).toContain('s/last: Add');
  });
});

describe(':graph scope NAME', () => {
  const ops = [op('loss', 'Square', ['x:0']), op('x', 'Const'), ...randomUniform('gradients/Square_grad'), op('gradients/Fill', 'Fill', ['loss:0']),
    op('gradients/Neg', 'Neg', ['gradients/Fill:0']), op('train', 'ApplyGradientDescent', ['gradients/Neg:0'])];

  it('draws the scope by its own names, the ops it reads and feeds around it, its big sub-scopes folded', () => {
    const text = draw({ ops, scope: 'gradients' });
    expect(text).toContain('│ Fill │');
    expect(text).toContain('│ Neg │');
    expect(text).toContain('Square_grad/… 7 ops');
    expect(text).toContain('│ loss: Square │');
    expect(text).toContain('│ train: ApplyGradientDescent │');
    expect(text).not.toContain('x: Const');
    expect(draw({ ops, scope: 'gradients/Square_grad' })).toContain('│ RandomUniform │');
  });

  it('says so for a scope with no op, and parses as a command', () => {
    expect(draw({ ops, scope: 'nothing' })).toBe("no op is in the name scope 'nothing' (:ops lists the ops by name)");
    expect(parseGraphArgs('scope gradients/')).toEqual({ all: false, column: 1, scope: 'gradients' });
    expect(parseGraphArgs('scope gradients_1 41')).toEqual({ all: false, column: 41, scope: 'gradients_1' });
    expect(() => parseGraphArgs('scope')).toThrow(/:graph scope takes a name scope/);
  });
});

describe('dead ops of earlier inputs', () => {
  const run = { ops: ['x', 'mul/y', 'mul'], values: { 'mul:0': '4.0' }, fetched: ['mul:0'] };

  it('with `recent`, ops that share no edge with the last run or with what came after it are left out, and counted', () => {
    const text = draw({ ops: SCRATCH_THEN_MODEL, run, recent: [] });
    expect(text).not.toContain('random_uniform');
    expect(text).toContain('┃ mul ┃');
    expect(text).toContain('7 ops of earlier inputs left out: nothing run or made since uses them (:graph all)');
    // The kernel's :graph (no `recent`) and :graph all leave nothing out.
    expect(draw({ ops: SCRATCH_THEN_MODEL, run })).toContain('random_uniform/… 7 ops');
    expect(draw({ ops: SCRATCH_THEN_MODEL, run, recent: [], all: true })).toContain('random_uniform/… 7 ops');
  });

  it('a model built after the last run stays, though it has not run yet; so does what the run used', () => {
    const scratchRun = { ops: randomUniform('random_uniform').map((o) => o.name), values: {}, fetched: ['random_uniform:0'] };
    const text = draw({ ops: SCRATCH_THEN_MODEL, run: scratchRun, recent: ['x', 'mul/y', 'mul'] });
    expect(text).toContain('random_uniform/… 7 ops');
    expect(text).toContain('╎ mul ╎');
    expect(text).not.toContain('left out');
  });
});

describe('a window that follows', () => {
  /** Twelve separate chains `cI → nI`, one below the other: a drawing far taller than the window. */
  const tall = Array.from({ length: 12 }, (_, i) => [op(`c${i}`, 'Const'), op(`n${i}`, 'Neg', [`c${i}:0`])]).flat();

  it('shows the focused ops (the newest) when no offset is given; an offset wins; it says how far it can go', () => {
    const top = renderGraphView({ ops: tall }, { width: 80, height: 12 });
    expect(top.offsetY).toBe(0);
    expect(top.maxOffsetY).toBeGreaterThan(20);
    const followed = renderGraphView({ ops: tall }, { width: 80, height: 12, focus: ['n11'] });
    expect(plainText(followed.lines)).toContain('│ n11: Neg │');
    expect(followed.offsetY).toBe(followed.maxOffsetY);
    const middle = renderGraphView({ ops: tall }, { width: 80, height: 12, focus: ['n11'], offsetY: 9 });
    expect(middle.offsetY).toBe(9);
    expect(plainText(middle.lines)).not.toContain('n11');
    expect(plainText(middle.lines).split('\n').at(-1)).toBe(`rows 10–${9 + middle.rows} of ${middle.drawingHeight}`);
  });

  it('a focus in a fold follows the fold; one on nothing drawn leaves the window at the start', () => {
    const ops = [...tall, ...randomUniform('random_uniform')];
    const followed = renderGraphView({ ops }, { width: 80, height: 12, focus: ['random_uniform/mul'] });
    expect(plainText(followed.lines)).toContain('random_uniform/… 7 ops');
    expect(renderGraphView({ ops }, { width: 80, height: 12, focus: ['gone'] }).offsetY).toBe(0);
  });
});
