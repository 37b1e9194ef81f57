// Graph changes are journaled: a failed build step undoes exactly its own part, also when nested in a
// larger one (a REPL input) whose code catches the error and goes on.
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setMode } from './helpers.js';

const names = () => tf.getDefaultGraph().getOperations().map((o) => o.name);

describe('graph journal', () => {
  it('a failed nested build is undone; the enclosing one keeps what it made before and after', () => {
    setMode('graph');
    const g = tf.getDefaultGraph();
    g.atomically(() => {
      tf.constant(1, { name: 'before' });
      expect(() => tf.matmul([[1, 2]], [[1, 2]])).toThrow(/Dimensions must be equal/);
      tf.constant(2, { name: 'after' });
    });
    expect(names()).toEqual(['before', 'after']);
    // The literal Consts the failed matmul made (MatMul/a, MatMul/b) are gone, names included.
    expect(tf.constant(3, { name: 'MatMul' }).op.name).toBe('MatMul');
  });

  it('openJournal spans awaits: rollback undoes ops made after an await, close keeps them', async () => {
    setMode('graph');
    const g = tf.getDefaultGraph();
    const j = g.openJournal();
    tf.constant(1, { name: 'a' });
    await Promise.resolve();
    tf.constant(2, { name: 'b' });
    j.rollback();
    expect(names()).toEqual([]);
    const k = g.openJournal();
    tf.constant(1, { name: 'kept' });
    await Promise.resolve();
    k.close();
    k.rollback();
    expect(names()).toEqual(['kept']);
  });
});
