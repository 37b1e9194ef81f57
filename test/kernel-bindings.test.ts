// The REPL's names: what an input declares persists and can be retyped, and a failed input unbinds what it
// declared (issue 17) — `loss` is then a ReferenceError, not `undefined` waiting to fail somewhere else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import type { Kernel } from '../src/kernel/kernel.js';
import { closeKernels, printingKernel } from './kernel-session.js';

beforeEach(() => {
  tf.resetDefaultGraph();
});

afterEach(closeKernels);

/** A function `started()` for an input to call: the promise resolves once its script runs (the Ctrl-C tests). */
function untilStarted(kernel: Kernel): Promise<void> {
  return new Promise((resolve) => {
    (kernel.context as Record<string, unknown>).started = resolve;
  });
}

describe('a failed input unbinds the names it declared', () => {
  it('a failed const: ReferenceError, typeof undefined, and retyping it works', async () => {
    const { run } = printingKernel();
    await run('const p = tf.constant([0.5, 1.5])');
    expect(await run('const loss = tf.reduceMean(p, 5)')).toMatch(/^ValueError: Invalid reduction dimension 5/);
    expect(await run('loss')).toBe('ReferenceError: loss is not defined');
    expect(await run('typeof loss')).toBe("'undefined'");
    expect(await run("'loss' in globalThis")).toBe('false');
    expect(await run('const loss = tf.reduceMean(p)')).toBe('');
    expect(await run('loss')).toBe("<tf.Tensor 'Mean:0' shape=() dtype=float32>");
  });

  it('unbinds let, var, function, class and destructured names; earlier names keep their old values', async () => {
    const { run } = printingKernel();
    await run('let n = 1; const kept = "old"; function f() { return "old f" }');
    const failed = await run('n = 2; const kept = "new"; let l = 1; var v = 2; function f() { return "new f" }; function g() {}; class K {}; const [a, b] = [1, 2]; const { x, y: z } = { x: 1, y: 2 }; null.boom');
    expect(failed).toMatch(/^TypeError: Cannot read properties of null/);
    expect(await run('[n, kept, f()]')).toBe("[ 1, 'old', 'old f' ]");
    for (const name of ['l', 'v', 'g', 'K', 'a', 'b', 'x', 'z']) {
      expect(await run(name)).toBe(`ReferenceError: ${name} is not defined`);
    }
  });

  it('unbinds the names of an input whose await failed, also those assigned before the await', async () => {
    const { run } = printingKernel();
    await run('const before = 1');
    expect(await run('const early = 1; const before = 2; const late = await Promise.reject(new RangeError("no"))')).toBe('RangeError: no');
    expect(await run('early')).toBe('ReferenceError: early is not defined');
    expect(await run('late')).toBe('ReferenceError: late is not defined');
    expect(await run('before')).toBe('1');
  });

  it('Ctrl-C (interrupt) on an awaiting input unbinds its names and keeps the others', async () => {
    const { kernel, run } = printingKernel();
    await run('const kept = 1');
    const waiting = untilStarted(kernel);
    const pending = run('const half = 1; started(); const never = await new Promise(() => {})');
    await waiting;
    expect(kernel.interrupt()).toBe(true);
    expect(await pending).toMatch(/^KeyboardInterrupt: /);
    expect(await run('typeof half + typeof never + kept')).toBe("'undefinedundefined1'");
  });

  it('the rule: names and graph ops are rolled back, what finished Session runs wrote into variables is kept', async () => {
    const { run } = printingKernel();
    await run('const w = tf.Variable(1.0); const step = tf.assignSub(w, 0.25); const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())');
    const ops = tf.getDefaultGraph().getOperations().length;
    expect(await run('let steps = 0; const extra = tf.constant(2.0); for (;;) { sess.run(step); if (++steps === 2) null.stop }')).toMatch(/^TypeError/);
    expect(await run('typeof steps + typeof extra')).toBe("'undefinedundefined'");
    expect(tf.getDefaultGraph().getOperations()).toHaveLength(ops);
    expect(await run('sess.run(w)')).toBe('0.5');
  });

  it('Ctrl-C before the script starts (while it compiles, or before the loop hears the signal) stops it unrun', async () => {
    // The vm's timeout ends the spin if this ever breaks, instead of the test hanging.
    const { kernel, run } = printingKernel({ inputTimeoutMs: 5000 });
    await run('const kept = 1');
    // Only the drain before the script gives a signal that came during compile a chance: without it this spins.
    const pending = run('const spun = 1; while (true) {}');
    expect(kernel.interrupt()).toBe(true);
    expect(await pending).toMatch(/^KeyboardInterrupt: /);
    expect(await run('typeof spun + kept')).toBe("'undefined1'");
    // A command too (`:time` runs its own script).
    const timed = run(':time while (true) {}');
    expect(kernel.interrupt()).toBe(true);
    expect(await timed).toMatch(/^KeyboardInterrupt: /);
    expect(kernel.interrupt()).toBe(false);
  });

  it('an abandoned input stays stopped: when its promise settles later, it binds nothing and adds no ops', async () => {
    const { kernel, run } = printingKernel();
    await run('const hold = {}');
    const waiting = untilStarted(kernel);
    const pending = run('const early = 1; started(); const late = await new Promise((r) => { hold.release = r }); const after = tf.constant(1.0)');
    await waiting;
    expect(kernel.interrupt()).toBe(true);
    expect(await pending).toMatch(/^KeyboardInterrupt: /);
    await run('hold.release(5)');
    await run('await new Promise((r) => setImmediate(r))');
    expect(await run('typeof early + typeof late + typeof after')).toBe("'undefinedundefinedundefined'");
    expect(tf.getDefaultGraph().getOperations()).toEqual([]);
  });
});

describe('declarations keep the REPL behaviours', () => {
  it('functions and closures see names that later inputs declare, and their new values when retyped', async () => {
    const { run } = printingKernel();
    await run('function twice() { return later * 2 }');
    await run('const scaled = () => later * 10');
    await run('const later = 21');
    expect(await run('[twice(), scaled()]')).toBe('[ 42, 210 ]');
    await run('const later = 1');
    expect(await run('[twice(), scaled()]')).toBe('[ 2, 10 ]');
  });

  it('retypes const, let, var, function and class declarations', async () => {
    const { run } = printingKernel();
    for (const [declare, read, value] of [
      ['const c = 1', 'c', '1'], ['const c = 2', 'c', '2'], ['let c = 3', 'c', '3'], ['var c = 4', 'c', '4'],
      ['function h() { return 1 }', 'h()', '1'], ['function h() { return 2 }', 'h()', '2'],
      ['class A { v() { return 1 } }', 'new A().v()', '1'], ['class A { v() { return 2 } }', 'new A().v()', '2'],
    ]) {
      expect(await run(declare)).toBe('');
      expect(await run(read)).toBe(value);
    }
  });

  it('hoists function declarations, keeps names (f.name, a class that names itself) and lets `var x` keep a value', async () => {
    const { run } = printingKernel();
    expect(await run('const r = half(8); function half(x) { return x / 2 }\nr')).toBe('4');
    expect(await run('const arrow = () => 1; class Self { static me() { return Self } }; [half.name, arrow.name, Self.name, Self.me() === Self]')).toBe("[ 'half', 'arrow', 'Self', true ]");
    expect(await run('async function* gen() { yield 1 }; typeof gen().next')).toBe("'function'");
    await run('var kept = 5');
    expect(await run('var kept; let fresh; [kept, fresh]')).toBe('[ 5, undefined ]');
  });

  it('destructuring declarations: arrays with holes and rest, objects with renames, defaults and rest', async () => {
    const { run } = printingKernel();
    await run('const [a, , b, ...more] = [1, 2, 3, 4, 5]');
    expect(await run('[a, b, more]')).toBe('[ 1, 3, [ 4, 5 ] ]');
    await run('const { x, y: renamed, z = 9, ...others } = { x: 1, y: 2, p: 3, q: 4 }');
    expect(await run('[x, renamed, z, others]')).toBe('[ 1, 2, 9, { p: 3, q: 4 } ]');
    await run('const { s } = { s: 7 }, [t = 8] = []');
    expect(await run('s + t')).toBe('15');
  });

  it('keeps `let` and `const` inside a for loop or a block block-scoped: each closure its own i', async () => {
    const { run } = printingKernel();
    expect(await run('const fns = []; for (let i = 0; i < 3; i++) fns.push(() => i); fns.map((f) => f())')).toBe('[ 0, 1, 2 ]');
    expect(await run('{ const inner = 1; let other = 2 }; typeof i + typeof inner + typeof other')).toBe("'undefinedundefinedundefined'");
  });

  it('top-level await: declarations persist, and a function declared beside them sees their later values', async () => {
    const { run } = printingKernel();
    expect(await run('let count = await Promise.resolve(0); function inc() { return ++count }')).toBe('');
    expect(await run('inc(); inc()')).toBe('2');
    expect(await run('count')).toBe('2');
    expect(await run('const [u, w] = await Promise.all([1, 2]); u + w')).toBe('3');
  });

  it('a declaration echoes nothing, also after an expression; the value of the last expression prints', async () => {
    const { run } = printingKernel();
    expect(await run('const d = 6 * 7')).toBe('');
    expect(await run('1 + 1; const e = 2')).toBe('');
    expect(await run('const g2 = 2; d + g2')).toBe('44');
    expect(await run('class Q {}')).toBe('');
    expect(await run('function fn() {}')).toBe('');
  });

  it(':help states the rule: Ctrl-C or an error undoes names and graph ops, not what finished runs wrote', async () => {
    const { run } = printingKernel();
    expect((await run(':help')).split('\n')[1]).toBe('Ctrl-C or an error undoes the input: its names and graph ops; values that finished Session runs wrote into variables stay.');
  });

  it(':desugar shows declarations as typed, and an error still points into the input', async () => {
    const { kernel, run } = printingKernel();
    expect(await run(':desugar const y = x * 2')).toBe('const y = tf.ops.mul(x, tf.ops.int(2))');
    expect(await run('const ok = 1\nconst bad = null.boom')).toMatch(/^TypeError/);
    expect(kernel.lastError?.stack).toMatch(/^ {4}at repl:2:\d+$/m);
    expect(await run('function thrower() { return null.boom }\nthrower()')).toMatch(/^TypeError/);
    expect(kernel.lastError?.stack).toMatch(/^ {4}at thrower \(repl:1:\d+\)$/m);
  });
});
