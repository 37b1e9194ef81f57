// Session.run: fetch structures, feeds, partial execution, caching, InteractiveSession.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

describe('Session.run', () => {
  it('keeps the structure of nested arrays and objects; ops give null; names resolve', () => {
    setMode('graph');
    const a = tf.constant(2.0, { name: 'a' });
    const b = tf.constant([1, 2], { dtype: 'int32', name: 'b' });
    const v = tf.Variable(1.6, { name: 'v' });
    const init = tf.globalVariablesInitializer();
    const sess = tf.Session();
    const out = sess.run([init, a, [b, { value: v, byName: 'a:0' }]]) as unknown[];
    expect(out[0]).toBeNull();
    expect(String(out[1])).toBe('2.0');
    const inner = out[2] as [tf.NDArray, { value: tf.NDArray; byName: tf.NDArray }];
    expect(String(inner[0])).toBe('[1 2]');
    expect(inner[1].value.item()).toBe(Math.fround(1.6));
    expect(inner[1].byName.item()).toBe(2);
    expect(sess.run('init')).toBeNull();
  });

  it('runs only what the fetches need: an unfed placeholder elsewhere does not matter', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32);
    tf.multiply(x, 2);
    const c = tf.add(tf.constant(1), tf.constant(2));
    expect((tf.Session().run(c) as tf.NDArray).item()).toBe(3);
  });

  it('any tensor can be fed, which cuts the graph there', () => {
    setMode('graph');
    const a = tf.constant(1.0);
    const b = tf.multiply(a, 10);
    const c = tf.add(b, 1);
    expect((tf.Session().run(c, new Map([[b, 5]])) as tf.NDArray).item()).toBe(6);
  });

  it('checks fed shapes against the placeholder', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32, { shape: [null, 2], name: 'x' });
    const e = (() => { try { tf.Session().run(x, { 'x:0': [1, 2, 3] }); } catch (err) { return err as Error; } })();
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e!.message).toBe("Cannot feed value of shape (3,) for Tensor 'x:0', which has shape '(?, 2)'");
    expect(() => tf.Session().run(x, new Map([[x, tf.constant([[1, 2]])]]))).toThrow('The value of a feed cannot be a tf.Tensor object.');
    expect(String(tf.Session().run(x, { x: [[1, 2]] }))).toBe('[[1. 2.]]');
  });

  it('variables live in each session separately', () => {
    setMode('graph');
    const v = tf.Variable(1, { name: 'v' });
    const inc = tf.assignAdd(v, 1);
    const s1 = tf.Session();
    const s2 = tf.Session();
    s1.run(tf.globalVariablesInitializer());
    s2.run('init');
    s1.run(inc);
    s1.run(inc);
    expect((s1.run(v) as tf.NDArray).item()).toBe(3);
    expect((s2.run(v) as tf.NDArray).item()).toBe(1);
  });

  it('reuses a compiled plan for the same fetches and feeds, and sees ops added later', () => {
    setMode('graph');
    const a = tf.constant(3.0);
    const sess = tf.Session();
    const evaluated: string[][] = [];
    const off = tf.onRun(({ ops }) => evaluated.push(ops.map((o) => o.name)));
    sess.run(a);
    const b = tf.ops.mul(a, 2) as tf.Tensor;
    expect((sess.run(b) as tf.NDArray).item()).toBe(6);
    off();
    expect(evaluated).toEqual([['Const'], ['Const', 'mul/y', 'mul']]);
  });

  it('InteractiveSession makes t.eval() and op.run() work; without one eval says how to fix it', () => {
    setMode('graph');
    const v = tf.Variable(0.8);
    const y = tf.multiply(v, 2);
    expect(() => y.eval()).toThrow('Cannot evaluate tensor using `eval()`: No default session is registered.');
    const sess = tf.InteractiveSession();
    expect(tf.globalVariablesInitializer().run()).toBeNull();
    expect(y.eval().item()).toBe(Math.fround(Math.fround(0.8) * 2));
    expect(v.eval().item()).toBe(Math.fround(0.8));
    sess.close();
    expect(() => y.eval()).toThrow('No default session');
  });

  it('Session and Variable work with and without new', () => {
    setMode('graph');
    const v1 = new tf.Variable(1);
    const v2 = tf.Variable(2);
    expect(v1).toBeInstanceOf(tf.Variable);
    expect(v2).toBeInstanceOf(tf.Variable);
    expect(new tf.Session()).toBeInstanceOf(tf.Session);
    expect(tf.Session()).toBeInstanceOf(tf.Session);
  });
});

describe('reprs', () => {
  it('graph mode: TF 1.15', () => {
    setMode('graph');
    const c = tf.constant([[1, 2]]);
    expect(String(c)).toBe('Tensor("Const:0", shape=(1, 2), dtype=float32)');
    expect(c.repr()).toBe("<tf.Tensor 'Const:0' shape=(1, 2) dtype=float32>");
    const p = tf.placeholder(tf.float32);
    expect(String(p)).toBe('Tensor("Placeholder:0", dtype=float32)');
    expect(String(tf.placeholder(tf.int32, { shape: [null, 3] }))).toBe('Tensor("Placeholder_1:0", shape=(?, 3), dtype=int32)');
    expect(String(tf.Variable(0.8))).toBe("<tf.Variable 'Variable:0' shape=() dtype=float32_ref>");
    expect(tf.globalVariablesInitializer().repr()).toBe("<tf.Operation 'init' type=NoOp>");
    expect(String(tf.matmul(tf.constant([[1.0]]), tf.constant([[2.0]])))).toBe('Tensor("MatMul:0", shape=(1, 1), dtype=float32)');
  });

  it('eager mode: TF 2', () => {
    setMode('eager');
    expect(String(tf.constant(0.8))).toBe('tf.Tensor(0.8, shape=(), dtype=float32)');
    expect(String(tf.constant([1, 2]))).toBe('tf.Tensor([1. 2.], shape=(2,), dtype=float32)');
    expect(String(tf.constant([[1, 2], [3, 4]], { dtype: 'int32' }))).toBe('tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int32)');
    expect(String(tf.Variable(0.8))).toBe("<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.8>");
    expect(tf.constant(0.8).repr()).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=0.8>');
  });

  it('NDArray: numpy printing, toArray, item, valueOf', () => {
    setMode('eager');
    const a = tf.constant([[1, 2], [3, 4]]).numpy();
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(String(a)).toBe('[[1. 2.]\n [3. 4.]]');
    const s = tf.constant(2.5).numpy();
    expect(s.item()).toBe(2.5);
    expect(+s * 2).toBe(5);
    expect(() => +a).toThrow('only size-1 arrays can be converted to JS numbers');
  });
});

describe('how the REPL shows sessions, graphs and optimizers', () => {
  it('as one line each, never their insides', async () => {
    const { inspect } = await import('node:util');
    tf.resetDefaultGraph();
    const graph = tf.getDefaultGraph();
    tf.constant(1);
    const sess = tf.Session();
    expect(inspect(sess)).toBe(`<tf.Session graph=${graph.id}>`);
    sess.close();
    expect(inspect([sess])).toBe(`[ <tf.Session graph=${graph.id} closed> ]`);
    expect(inspect(graph)).toBe(`<tf.Graph ${graph.id}: 1 op>`);
    expect(inspect(new tf.train.GradientDescentOptimizer(0.1))).toBe('<tf.train.GradientDescentOptimizer name=GradientDescent>');
  });
});

describe('plans after a rollback', () => {
  it('a plan cached for rolled-back ops never runs for the new ops that take their ids (:time, a failed input)', () => {
    tf.resetDefaultGraph();
    const g = tf.getDefaultGraph();
    const x = tf.constant(3.0);
    const sess = tf.Session();
    const journal = g.openJournal();
    const doubled = tf.ops.mul(x, 2) as tf.Tensor;
    expect(Number(sess.run(doubled))).toBe(6);
    journal.rollback();
    const shifted = tf.ops.add(x, 100) as tf.Tensor;
    expect(shifted.op.id).toBe(doubled.op.id);
    expect(Number(sess.run(shifted))).toBe(103);
  });
});
