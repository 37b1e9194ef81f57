// A Session recycles the buffers of replaced optimizer results (src/graph/session-state.ts): the rules that
// decide when a former value may be overwritten, and training that gives the same bits with recycling as
// without it while every array the user holds keeps its values.
import { afterEach, describe, expect, it } from 'vitest';

import * as tf from '../src/index.js';
import { SessionState } from '../src/graph/session-state.js';
import { NDArray } from '../src/tensor/ndarray.js';
import { setMode } from './helpers.js';

type MakeOptimizer = (lr: number) => { minimize(loss: tf.Tensor): tf.Operation };
const big = (fill: number, n = 2048) => new NDArray(new Float32Array(n).fill(fill), [n], 'float32');

describe('SessionState spares', () => {
  function stepped(state: SessionState, name: string, value: NDArray, fresh = true): void {
    state.begin().variable(name).write(value, fresh);
    state.commit();
  }

  it('a replaced fresh value comes back once, for a value of its size and dtype', () => {
    const s = new SessionState();
    const [a, b] = [big(1), big(2)];
    stepped(s, 'w', a);
    expect(s.variable('w').spare!(a)).toBeUndefined();  // nothing replaced yet
    stepped(s, 'w', b);
    expect(s.variable('w').spare!(big(0, 10))).toBeUndefined();  // another size
    expect(s.variable('w').spare!(new NDArray(new Int32Array(2048), [2048], 'int32'))).toBeUndefined();
    const spare = s.variable('w').spare!(b);
    expect(spare?.data).toBe(a.data);
    expect(s.variable('w').spare!(b)).toBeUndefined();  // taken
    expect(s.variable('v').spare!(b)).toBeUndefined();  // another variable's
  });

  it('takes the shape asked for', () => {
    const s = new SessionState();
    stepped(s, 'w', new NDArray(new Float32Array(2048), [32, 64], 'float32'));
    stepped(s, 'w', big(2));
    const spare = s.variable('w').spare!(new NDArray(new Float32Array(2048), [64, 32], 'float32'));
    expect(spare?.shape).toEqual([64, 32]);
  });

  it('never gives back what was seen, shared, shown, not fresh, or small', () => {
    const cases: Record<string, (s: SessionState, first: NDArray) => void> = {
      'read through valueOf': (s) => void s.valueOf('w'),
      'fetched (seen)': (s, first) => s.see(first),
      'written to another variable': (s, first) => stepped(s, 'other', first, false),
      'shown to a run listener': (s) => {
        s.begin().variable('w').write(big(9), true);
        s.commit(true);
      },
    };
    for (const [what, between] of Object.entries(cases)) {
      const s = new SessionState();
      const first = big(1);
      stepped(s, 'w', first);
      between(s, first);
      stepped(s, 'w', big(2));
      expect(s.variable('w').spare!(first)?.data === first.data, what).toBe(false);
    }
    const s = new SessionState();
    stepped(s, 'w', big(1), false);
    stepped(s, 'w', big(2));
    expect(s.variable('w').spare!(big(0)), 'not fresh').toBeUndefined();
    stepped(s, 'x', big(1, 16));
    stepped(s, 'x', big(2, 16));
    expect(s.variable('x').spare!(big(0, 16)), 'small').toBeUndefined();
  });

  it('with loans (releasing run listeners), a former value waits until every loan up to its run is repaid', () => {
    const s = new SessionState();
    const [a, b, c] = [big(1), big(2), big(3)];
    stepped(s, 'w', a);
    const l1 = s.lend();
    s.begin().variable('w').write(b, true);
    s.commit(true, l1);  // a is replaced while loan 1's record may read it
    const l2 = s.lend();
    s.begin().variable('w').write(c, true);
    s.commit(true, l2);  // b waits for loan 2; a's wait is dropped (one waiting value a variable)
    expect(s.variable('w').spare!(a)).toBeUndefined();
    s.repay(l2);
    expect(s.variable('w').spare!(a)).toBeUndefined();  // loan 1 still out: b's record-holders up to 2 not all done
    s.repay(l1);
    expect(s.variable('w').spare!(a)?.data).toBe(b.data);
    s.repay(l1);  // twice is harmless
    // No loan out: a run without listeners retires at once, as before.
    stepped(s, 'w', big(4));
    expect(s.variable('w').spare!(a)?.data).toBe(c.data);
  });

  it('a run that fails commits nothing and retires nothing', () => {
    const s = new SessionState();
    const first = big(1);
    stepped(s, 'w', first);
    s.begin().variable('w').write(big(2), true);
    s.begin();  // the failed run's writes are dropped
    expect(s.variable('w').read().data).toBe(first.data);
    expect(s.variable('w').spare!(first)).toBeUndefined();
  });
});

describe('training with recycled buffers', () => {
  afterEach(() => setMode('eager'));

  /** A 64x48 linear model trained by `make(lr)` for `steps` steps; returns the loss and W after each step. */
  function train(make: MakeOptimizer, steps: number, listen: boolean, fetchW: boolean) {
    setMode('graph');
    tf.resetDefaultGraph();
    tf.setRandomSeed(3);
    const x = tf.constant(Array.from({ length: 32 }, (_, i) => Array.from({ length: 64 }, (_, j) => Math.sin(i * 64 + j))));
    const W = tf.Variable(tf.randomNormal([64, 48], { stddev: 0.1 }));
    const loss = tf.reduceMean(tf.square(tf.matmul(x, W)));
    const step = make(0.01).minimize(loss);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const off = listen ? tf.onRun(() => undefined) : () => undefined;
    const out: Array<{ loss: number; w: Float32Array | null }> = [];
    try {
      for (let i = 0; i < steps; i++) {
        const [l, , w] = sess.run([loss, step, fetchW ? W : loss]) as NDArray[];
        out.push({ loss: l.item() as number, w: fetchW ? (w.data as Float32Array) : null });
      }
      return { out, final: Float32Array.from((sess.run(W) as NDArray).data) };
    } finally {
      off();
    }
  }

  const optimizers: Record<string, MakeOptimizer> = {
    Adam: (lr) => tf.train.AdamOptimizer(lr),
    Momentum: (lr) => tf.train.MomentumOptimizer(lr, 0.9),
    GradientDescent: (lr) => tf.train.GradientDescentOptimizer(lr),
  };

  for (const [name, make] of Object.entries(optimizers)) {
    it(`${name}: the same bits with and without recycling, and fetched arrays keep their values`, () => {
      const plain = train(make, 8, true, false);  // a listener sees every run: nothing is recycled
      const recycled = train(make, 8, false, false);
      expect(recycled.out.map((r) => r.loss)).toEqual(plain.out.map((r) => r.loss));
      expect(Buffer.from(recycled.final.buffer).equals(Buffer.from(plain.final.buffer))).toBe(true);
      // Arrays fetched along the way are the user's: later steps must not write into them.
      const held = train(make, 8, false, true);
      const copies = held.out.map((r) => Float32Array.from(r.w!));
      train(make, 1, false, false);  // more work in another graph and session
      held.out.forEach((r, i) => expect(Buffer.from(r.w!.buffer, r.w!.byteOffset, r.w!.byteLength)
        .equals(Buffer.from(copies[i].buffer)), `${name}: fetched W of step ${i}`).toBe(true));
      expect(held.out.map((r) => r.loss)).toEqual(plain.out.map((r) => r.loss));
      expect(new Set(held.out.map((r) => r.w)).size).toBe(8);  // a new array every step
    });
  }

  it('a variable assigned from a trained one keeps its value while training goes on', () => {
    setMode('graph');
    tf.resetDefaultGraph();
    const W = tf.Variable(tf.ones([40, 40]));
    const copy = tf.Variable(tf.zeros([40, 40]));
    const loss = tf.reduceSum(tf.square(W));
    const step = tf.train.GradientDescentOptimizer(0.01).minimize(loss);
    const snapshot = tf.assign(copy, W);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < 3; i++) sess.run(step);
    sess.run(snapshot.op);  // copy now holds W's array itself; nothing fetched it, so only the share protects it
    for (let i = 0; i < 4; i++) sess.run(step);
    // d/dW sum(W²) = 2W exactly, so each step is w - (2w)·0.01 in float32.
    const after = (n: number) => {
      let w = 1;
      for (let i = 0; i < n; i++) w = Math.fround(w - Math.fround(2 * w * Math.fround(0.01)));
      return w;
    };
    expect(new Set((sess.run(copy) as NDArray).data)).toEqual(new Set([after(3)]));
    expect(new Set((sess.run(W) as NDArray).data)).toEqual(new Set([after(7)]));
  });

  it('a run that fails after the update leaves the variables as they were, and training goes on', () => {
    setMode('graph');
    tf.resetDefaultGraph();
    const W = tf.Variable(tf.ones([40, 40]));
    const loss = tf.reduceSum(tf.square(W));
    const step = tf.train.AdamOptimizer(0.1).minimize(loss);
    // Made after the update, so it runs after it; fed two values, its reshape to [3] fails at run time.
    const p = tf.placeholder('float32');
    const bad = tf.reshape(p, [3]);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < 3; i++) sess.run(step);
    const before = Float32Array.from((sess.run(W) as NDArray).data);
    expect(() => sess.run([step, bad], { feedDict: new Map([[p, [1, 2]]]) })).toThrow(/Cannot reshape a tensor with 2 elements/);
    expect(Array.from((sess.run(W) as NDArray).data)).toEqual(Array.from(before));
    const l0 = (sess.run(loss) as NDArray).item() as number;
    for (let i = 0; i < 3; i++) sess.run(step);
    expect((sess.run(loss) as NDArray).item() as number).toBeLessThan(l0);
  });
});
