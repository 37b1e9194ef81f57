// Errors: TF 1.15's classes and texts in graph mode, TF 2's in eager mode; nothing half-changed after one.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setMode, caught } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

describe('graph-mode errors', () => {
  it('running before initialization: FailedPreconditionError naming the variable and the node', () => {
    setMode('graph');
    const state = tf.Variable(0, { name: 'counter' });
    const update = tf.assign(state, tf.add(state, tf.constant(1)));
    const sess = tf.Session();
    const e = caught(() => sess.run(update));
    expect(e).toBeInstanceOf(tf.FailedPreconditionError);
    expect(e.name).toBe('FailedPreconditionError');
    expect(e.message).toBe('Attempting to use uninitialized value counter\n\t [[{{node counter/read}}]]');
    expect(caught(() => sess.run(state)).message).toMatch(/^Attempting to use uninitialized value counter\n/);
  });

  it('float32 + int32: TypeError from the op builder, for the operator and the function', () => {
    setMode('graph');
    const a = tf.constant(1.0);
    const b = tf.constant(2, { dtype: 'int32' });
    const e = caught(() => tf.ops.add(a, b));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.");
    expect(caught(() => tf.add(a, b)).message).toBe("Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.");
  });

  it('a missing feed: InvalidArgumentError with the dtype (and shape when set)', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32);
    const y = tf.placeholder('float32', { shape: [null, 2], name: 'y' });
    const sess = tf.Session();
    const e = caught(() => sess.run(tf.multiply(x, 2)));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toMatch(/^You must feed a value for placeholder tensor 'Placeholder' with dtype float\n/);
    expect(caught(() => sess.run(y)).message).toMatch(/^You must feed a value for placeholder tensor 'y' with dtype float and shape \[\?,2\]/);
  });

  it('a MatMul shape clash at graph build: ValueError with the input shapes', () => {
    setMode('graph');
    const e = caught(() => tf.matmul(tf.constant([[1, 2]]), tf.constant([[1], [2], [3]])));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe("Dimensions must be equal, but are 2 and 3 for 'MatMul' (op: 'MatMul') with input shapes: [1,2], [3,1].");
  });

  it('incompatible broadcast shapes at build time', () => {
    setMode('graph');
    const e = caught(() => tf.ops.add(tf.constant([1, 2]), tf.constant([1, 2, 3])));
    expect(e.message).toBe("Dimensions must be equal, but are 2 and 3 for 'add' (op: 'AddV2') with input shapes: [2], [3].");
  });

  it('incompatible shapes known only at run time', () => {
    setMode('graph');
    const x = tf.placeholder(tf.float32);
    const s = tf.add(x, tf.constant([1, 2, 3]));
    const e = caught(() => tf.Session().run(s, { Placeholder: [1, 2] }));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toBe('Incompatible shapes: [2] vs. [3]\n\t [[{{node Add}}]]');
  });

  it('a closed session, an empty graph, a fetch from another graph, an unknown name', () => {
    setMode('graph');
    const c = tf.constant(1.0);
    const other = tf.Session({ graph: new tf.Graph() });
    expect(caught(() => other.run(c)).message).toBe('The Session graph is empty.  Add operations to the graph before calling run().');
    const sess = tf.Session();
    const g2 = new tf.Graph();
    const foreign = tf.withGraph(g2, () => tf.constant(2.0));
    const e = caught(() => sess.run(foreign));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe(`Fetch argument <tf.Tensor 'Const:0' shape=() dtype=float32> cannot be interpreted as a Tensor. (Tensor Tensor("Const:0", shape=(), dtype=float32) is not an element of this graph.)`);
    expect(caught(() => sess.run('nonexistent:0')).message).toBe(
      `Fetch argument 'nonexistent:0' cannot be interpreted as a Tensor. ("The name 'nonexistent:0' refers to a Tensor which does not exist. The operation, 'nonexistent', does not exist in the graph.")`);
    expect(caught(() => sess.run(3)).message).toBe('Fetch argument 3 has invalid type number, must be a string or Tensor. (Can not convert a number into a Tensor or Operation.)');
    sess.close();
    const closed = caught(() => sess.run(c));
    expect(closed).toBeInstanceOf(tf.RuntimeError);
    expect(closed.message).toBe('Attempted to use a closed Session.');
  });

  it('a bad dtype string', () => {
    setMode('graph');
    expect(caught(() => tf.constant(1, { dtype: 'float33' })).message).toBe("Cannot convert value 'float33' to a TensorFlow DType.");
    expect(caught(() => tf.placeholder('float64')).message).toMatch(/not supported/);
  });

  it('a failed build leaves the graph exactly as it was, names included', () => {
    setMode('graph');
    tf.constant(1.0);
    const before = tf.getDefaultGraph().getOperations().map((o) => o.name);
    // The literal would become `MatMul/b` before the shape check fails; it must not stay behind.
    expect(() => tf.matmul(tf.constant([[1, 2]]), [[1], [2], [3]])).toThrow(tf.ValueError);
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual([...before, 'Const_1']);
    const ok = tf.matmul(tf.constant([[1, 2]]), [[1], [2]]);
    expect(ok.op.name).toBe('MatMul');
    expect(ok.op.inputs[1].name).toBe('MatMul/b:0');
  });

  it('a failed run leaves variables unchanged', () => {
    setMode('graph');
    const v = tf.Variable(1, { name: 'v' });
    const x = tf.placeholder(tf.float32);
    const bump = tf.assign(v, tf.add(v, 1));
    const bad = tf.add(bump, tf.reshape(x, [2]));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    expect(() => sess.run(bad, { Placeholder: 3 })).toThrow(tf.InvalidArgumentError);
    expect((sess.run(v) as tf.NDArray).item()).toBe(1);
  });

  it('integer division by zero is an InvalidArgumentError naming the node, not a crash', () => {
    setMode('graph');
    const q = tf.floorDiv(tf.constant([1, 2], { dtype: 'int32' }), tf.constant([1, 0], { dtype: 'int32' }));
    const e = caught(() => tf.Session().run(q));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toBe('Integer division by zero\n\t [[{{node FloorDiv}}]]');
    // `/` on ints casts to float32 first (truediv/Cast), so 1 / 0 is inf, as in TF.
    const inf = tf.Session().run(tf.ops.truediv(tf.constant(1, { dtype: 'int32' }), tf.constant(0, { dtype: 'int32' })) as tf.Tensor);
    expect((inf as tf.NDArray).item()).toBe(Infinity);
  });
});

describe('eager-mode errors (TF 2 texts)', () => {
  it('float32 + int32', () => {
    setMode('eager');
    const e = caught(() => tf.ops.add(tf.constant(1.0), tf.constant(2, { dtype: 'int32' })));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toBe('cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:AddV2]');
  });

  it('shape clashes and placeholders', () => {
    setMode('eager');
    expect(caught(() => tf.matmul([[1, 2]], [[1], [2], [3]])).message).toBe('Matrix size-incompatible: In[0]: [1,2], In[1]: [3,1] [Op:MatMul]');
    expect(caught(() => tf.add([1, 2], [1, 2, 3])).message).toBe('Incompatible shapes: [2] vs. [3] [Op:Add]');
    const p = caught(() => tf.placeholder(tf.float32));
    expect(p).toBeInstanceOf(tf.RuntimeError);
    expect(p.message).toBe('tf.placeholder() is not compatible with eager execution.');
    expect(caught(() => tf.constant(1).op).message).toBe('Tensor.op is undefined when eager execution is enabled.');
  });
});
