// tf.summary.scalar feeds the REPL's chart: one point each time the op runs (graph) or is called (eager).
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { Kernel } from '../src/kernel/kernel.js';
import type { KernelEvent } from '../src/kernel/events.js';
import { setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

function collect(): { points: Array<[string, number, number]>; stop: () => void } {
  const points: Array<[string, number, number]> = [];
  const stop = tf.onScalar((tag, step, value) => points.push([tag, step, value]));
  return { points, stop };
}

describe('tf.summary.scalar', () => {
  it('graph mode: op `loss` of type ScalarSummary, logged each time a run evaluates it', () => {
    setMode('graph');
    const w = tf.Variable(2.0, { name: 'w' });
    const loss = tf.square(w.value());
    const s = tf.summary.scalar('loss', loss)!;
    // TF 1.15's ops: the tag as a string Const `loss/tags`, then ScalarSummary(tags, values) with attr T.
    expect([s.op.name, s.op.type, s.dtype, s.op.inputs.map((t) => t.name), Object.keys(s.op.attrs)])
      .toEqual(['loss', 'ScalarSummary', 'string', ['loss/tags:0', 'Square:0'], ['T']]);
    expect(String(s.op.inputs[0].op.getAttr('value'))).toBe("b'loss'");
    const train = tf.train.GradientDescentOptimizer(0.25).minimize(loss)!;
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const { points, stop } = collect();
    for (let i = 0; i < 3; i++) sess.run([train, s]);
    stop();
    // w: 2 → 1 → 0.5; the summary reads the loss of the same run, before the update: 4, 1, 0.25.
    expect(points).toEqual([['loss', 0, 4], ['loss', 1, 1], ['loss', 2, 0.25]]);
    const merged = tf.summary.mergeAll()!;
    expect([merged.op.name, merged.op.type, merged.op.inputs.map((t) => t.name), merged.op.getAttr('N')]).toEqual(['Merge/MergeSummary', 'MergeSummary', ['loss:0'], 1]);
  });

  it('eager mode: each call is one point; a non-scalar is an error naming the tag', () => {
    setMode('eager');
    const { points, stop } = collect();
    tf.summary.scalar('acc', tf.constant(0.5));
    tf.summary.scalar('acc', 0.75);
    expect(() => tf.summary.scalar('acc', tf.constant([1, 2]))).toThrow(/tags and values not the same shape: \[\] != \[2\]/);
    stop();
    expect(points).toEqual([['acc', 0, 0.5], ['acc', 1, 0.75]]);
  });

  it('the kernel reports scalar-logged events', async () => {
    setMode('graph');
    const kernel = new Kernel();
    const events: KernelEvent[] = [];
    kernel.on((e) => events.push(e));
    await kernel.execute(':mode eager');
    await kernel.execute('for (let i = 0; i < 3; i++) tf.summary.scalar("x", i * 2)');
    kernel.dispose();
    expect(events.filter((e) => e.type === 'scalar-logged')).toEqual([
      { type: 'scalar-logged', name: 'x', step: 0, value: 0 },
      { type: 'scalar-logged', name: 'x', step: 1, value: 2 },
      { type: 'scalar-logged', name: 'x', step: 2, value: 4 },
    ]);
  });
});
