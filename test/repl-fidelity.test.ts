// The REPL as a learner following the seeds meets it: literals get Python's dtypes from their spelling,
// echo is repr and print is str, unknown tf names are AttributeErrors with a hint, and the seeds' programs
// run as written (modulo TypeScript syntax) with TensorFlow's outputs.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { desugar } from '../src/kernel/compile.js';
import { closeKernels, printingKernel } from './kernel-session.js';

afterEach(() => {
  closeKernels();
  tf.resetDefaultGraph();
});

describe('number literals take the dtype their spelling gives, as Python ints and floats do', () => {
  it('in graph mode', async () => {
    const { run } = printingKernel();
    expect(await run('tf.constant(1)')).toBe("<tf.Tensor 'Const:0' shape=() dtype=int32>");
    expect(await run('tf.constant(1.0)')).toBe("<tf.Tensor 'Const_1:0' shape=() dtype=float32>");
    expect(await run('tf.constant([[1, 2], [3, 4]]).dtype')).toBe("'int32'");
    expect(await run('tf.constant([1, 2.5]).dtype')).toBe("'float32'");
    expect(await run('tf.constant(1e-3).dtype')).toBe("'float32'");
    expect(await run('tf.Variable(0)')).toBe("<tf.Variable 'Variable:0' shape=() dtype=int32_ref>");
    // A bare number beside a tensor takes the tensor's dtype.
    expect(await run('(tf.constant(3.0) > 2).dtype')).toBe("'bool'");
    expect(await run('const w = tf.Variable(2.0); (w * 2).dtype')).toBe("'float32'");
    expect(await run('tf.add(tf.constant(1), 1.5)')).toBe("TypeError: Expected int32 passed to parameter 'y' of op 'Add', got 1.5 of type 'float' instead. Error: Expected int32, got 1.5 of type 'float' instead.");
    expect(await run('tf.constant(2) * 2.0')).toBe("TypeError: Expected int32 passed to parameter 'y' of op 'Mul', got 2.0 of type 'float' instead. Error: Expected int32, got 2.0 of type 'float' instead.");
    expect(await run('tf.constant(1.5, tf.int32)')).toBe("TypeError: Expected int32, got 1.5 of type 'float' instead.");
    expect(await run('const n = 1; tf.constant(n).dtype')).toBe("'float32'");
  });

  it('in eager mode', async () => {
    const { run } = printingKernel({ mode: 'eager' });
    expect(await run('tf.constant(1)')).toBe('<tf.Tensor: shape=(), dtype=int32, numpy=1>');
    expect(await run('tf.constant([1.0, 2.0])')).toBe('<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>');
    expect(await run('tf.add(tf.constant(1), 1.5)')).toBe('TypeError: Cannot convert 1.5 to EagerTensor of dtype int32');
    expect(await run('tf.constant(1) + tf.constant(1.5)')).toBe('InvalidArgumentError: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:AddV2]');
  });

  it(':desugar shows where the spelling goes', () => {
    expect(desugar('tf.constant([1, 2.5]) > x * 2')).toBe('tf.ops.greater(tf.constant(tf.ops.float([1, 2.5])), tf.ops.mul(x, tf.ops.int(2)))');
    expect(desugar('a % 3')).toBe('tf.ops.mod(a, tf.ops.int(3))');
    expect(desugar('Math.max(1, 2.5)')).toBe('Math.max(1, 2.5)');
    expect(desugar('a == b')).toBe('a == b');
  });
});

describe('operator sugar', () => {
  it('builds Greater, GreaterEqual, Less, LessEqual and FloorMod (`mod`) on tensors, and stays JS on numbers', async () => {
    const { run } = printingKernel();
    await run('const a = tf.constant(7); const b = tf.constant(2)');
    expect(await run('a > b')).toBe("<tf.Tensor 'Greater:0' shape=() dtype=bool>");
    expect(await run('a >= b')).toBe("<tf.Tensor 'GreaterEqual:0' shape=() dtype=bool>");
    expect(await run('a < b')).toBe("<tf.Tensor 'Less:0' shape=() dtype=bool>");
    expect(await run('a <= b')).toBe("<tf.Tensor 'LessEqual:0' shape=() dtype=bool>");
    expect(await run('a % b')).toBe("<tf.Tensor 'mod:0' shape=() dtype=int32>");
    expect(await run('tf.getDefaultGraph().getOperationByName("mod").type')).toBe("'FloorMod'");
    expect(await run('tf.Session().run([a % b, -7 % b, a > b])')).toBe('[1, 1, True]');
    // A scalar comparison of fetched values is a JS boolean, so it can drive a loop.
    expect(await run('const s = tf.Session(); s.run(a) > 6.5 && !(s.run(b) > 6.5)')).toBe('true');
    expect(await run('[3 > 2, 7 % 4, "a" < "b"]')).toBe('[ true, 3, true ]');
    expect(await run('a == a')).toBe('true');
  });
});

describe('echo is repr, print is str', () => {
  it('for tensors, variables, shapes, fetched arrays and NodeDefs', async () => {
    const { run } = printingKernel();
    await run('const input1 = tf.placeholder(tf.float32); const input2 = tf.placeholder(tf.float32)');
    await run('const output = tf.multiply(input1, input2)');
    expect(await run('output')).toBe("<tf.Tensor 'Mul:0' shape=<unknown> dtype=float32>");
    expect(await run('print(output)')).toBe('Tensor("Mul:0", dtype=float32)');
    // The seeds' placeholder example, as written: a list of one array.
    expect(await run('tf.Session().run([output], { feedDict: new Map([[input1, [7.0]], [input2, [2.0]]]) })')).toBe('[array([14.], dtype=float32)]');
    expect(await run('print(tf.Session().run(output, new Map([[input1, [7.0]], [input2, [2.0]]])))')).toBe('[14.]');
    expect(await run('tf.constant([[1, 2], [3, 4]]).shape')).toBe('TensorShape([Dimension(2), Dimension(2)])');
    expect(await run('tf.placeholder(tf.float32, [null, 784]).shape')).toBe('TensorShape([Dimension(None), Dimension(784)])');
    expect(await run('const v = tf.Variable(1.0); v')).toBe("<tf.Variable 'Variable:0' shape=() dtype=float32_ref>");
    expect(await run('tf.assign(v, 2.0)')).toBe("<tf.Tensor 'Assign:0' shape=() dtype=float32_ref>");
    expect(await run('v.op.nodeDef')).toMatch(/^name: "Variable"\nop: "VariableV2"\nattr \{\n  key: "container"\n/);
  });

  it('in eager mode, TF 2 forms', async () => {
    const { run } = printingKernel({ mode: 'eager' });
    expect(await run('tf.constant([[1, 2], [3, 4]]).shape')).toBe('TensorShape([2, 2])');
    expect(await run('tf.Variable(0.5)')).toBe("<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.5>");
    expect(await run('tf.constant([[1.0, 2.0], [3.0, 4.0]])')).toBe(
      '<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>');
  });
});

describe('unknown tf names are AttributeErrors with a way forward', () => {
  it.each([
    ['tf.divide(1, tf.constant(2.0))', "<tf.Tensor 'truediv:0' shape=() dtype=float32>"],
    ['1 / tf.constant(2.0)', "<tf.Tensor 'truediv:0' shape=() dtype=float32>"],
    ['tf.mul(1, 2)', "AttributeError: module 'tensorflow' has no attribute 'mul' (TF 1.0 renamed it: use tf.multiply)"],
    ['tf.sub', "AttributeError: module 'tensorflow' has no attribute 'sub' (TF 1.0 renamed it: use tf.subtract)"],
    ['tf.neg', "AttributeError: module 'tensorflow' has no attribute 'neg' (TF 1.0 renamed it: use tf.negative)"],
    ['tf.scalar_summary', "AttributeError: module 'tensorflow' has no attribute 'scalar_summary' (TF 1.0 renamed it: use tf.summary.scalar)"],
    ['tf.initialize_all_variables()', "AttributeError: module 'tensorflow' has no attribute 'initialize_all_variables' (TF 1.0 renamed it: use tf.globalVariablesInitializer)"],
    ['tf.get_default_graph()', "AttributeError: module 'tensorflow' has no attribute 'get_default_graph' (tensorshell spells it tf.getDefaultGraph)"],
    ['tf.reduce_sum', "AttributeError: module 'tensorflow' has no attribute 'reduce_sum' (tensorshell spells it tf.reduceSum)"],
    ['tf.argmax', "AttributeError: module 'tensorflow' has no attribute 'argmax' (tensorshell spells it tf.argMax)"],
    ['tf.train.GradientDescent', "AttributeError: module 'tensorflow.train' has no attribute 'GradientDescent'"],
    ['tf.nothingLikeThis', "AttributeError: module 'tensorflow' has no attribute 'nothingLikeThis'"],
  ])('%s', async (input, expected) => {
    const { run } = printingKernel();
    expect(await run(input)).toBe(expected);
  });
});

describe("the seeds' programs, as written", () => {
  it('the int/float lesson: a float variable plus tf.constant(1) is TF\'s TypeError', async () => {
    const { run } = printingKernel();
    await run('const a = tf.Variable(0.0)');
    await run('const b = tf.constant(1)');
    expect(await run('const sum = tf.add(a, b)')).toBe("TypeError: Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.");
  });

  it('the counter prints 0 1 2 3', async () => {
    const { run } = printingKernel();
    for (const line of [
      'const state = tf.Variable(0, { name: "counter" })', 'const one = tf.constant(1)',
      'const newValue = tf.add(state, one)', 'const update = tf.assign(state, newValue)',
      'const initOp = tf.globalVariablesInitializer()', 'const sess = tf.Session()',
    ]) expect(await run(line)).toBe('');
    expect(await run('print(sess.run(state))')).toMatch(/^FailedPreconditionError: Attempting to use uninitialized value counter\n\t \[\[\{\{node /);
    await run('sess.run(initOp)');
    expect(await run('print(sess.run(state))')).toBe('0');
    expect(await run('for (let i = 0; i < 3; i++) { sess.run(update); print(sess.run(state)) }')).toBe('1\n2\n3');
    expect(await run('const t = tf.Variable([[[1, 1, 1], [2, 2, 2]], [[3, 3, 3], [4, 4, 4]]]); const shape = tf.shape(t)')).toBe('');
    await run('sess.run(tf.globalVariablesInitializer())');
    expect(await run('print(sess.run(shape))')).toBe('[2 2 3]');
  });

  it("the first graph: matrix1 × matrix2, then the MNIST accuracy line's argmax", async () => {
    const { run } = printingKernel();
    await run('const matrix1 = tf.constant([[3., 3.]]); const matrix2 = tf.constant([[2.], [2.]])');
    await run('const product = tf.matmul(matrix1, matrix2)');
    expect(await run('print(product)')).toBe('Tensor("MatMul:0", shape=(1, 1), dtype=float32)');
    expect(await run('const sess = tf.Session(); print(sess.run(product))')).toBe('[[12.]]');
    await run('const y = tf.constant([[0.1, 0.9], [0.8, 0.2]]); const y_ = tf.constant([[0.0, 1.0], [0.0, 1.0]])');
    await run('const correct = tf.equal(tf.argMax(y, 1), tf.argMax(y_, 1))');
    expect(await run('sess.run(tf.reduceMean(tf.cast(correct, tf.float32)))')).toBe('0.5');
  });
});

describe('errors that escape an input', () => {
  it('a rejected promise echoes without the kernel frames', async () => {
    const { run } = printingKernel();
    const out = await run('const p = Promise.reject(new Error("boom")); p.catch(() => {}); p');
    expect(out).toBe('Promise {\n  <rejected> Error: boom\n}');
  });
});
