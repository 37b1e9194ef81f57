// The lessons' hand-drawn backprop problems, in both schedules: tf.gradients in a graph, a GradientTape
// in eager mode. The numbers are derived by hand in the issue (and in the comments here).
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, setMode, type Mode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

type Vars = Record<string, tf.Variable>;

/** Builds f from named float variables and returns f's value and d f / d each variable, in `mode`. */
function differentiate(mode: Mode, init: Record<string, unknown>, f: (v: Vars) => tf.Tensor): { f: number[] | number; grads: Record<string, unknown> } {
  setMode(mode);
  const names = Object.keys(init);
  const vars: Vars = Object.fromEntries(names.map((n) => [n, tf.Variable(init[n], { name: n })]));
  const list = names.map((n) => vars[n]);
  if (mode === 'eager') {
    const tape = tf.GradientTape();
    const y = tape.record(() => f(vars));
    const grads = tape.gradient(y, list) as Array<tf.Tensor | null>;
    return { f: y.numpy().toArray() as number, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]?.numpy().toArray() ?? null])) };
  }
  const y = f(vars);
  const grads = tf.gradients(y, list);
  const sess = tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const values = sess.run([y, ...grads.filter((g): g is tf.Tensor => g !== null)]) as tf.NDArray[];
  let k = 1;
  return {
    f: values[0].toArray() as number,
    grads: Object.fromEntries(names.map((n, i) => [n, grads[i] === null ? null : values[k++].toArray()])),
  };
}

const round = (v: unknown, d = 4): unknown => (Array.isArray(v) ? v.map((x) => round(x, d))
  : typeof v === 'number' ? Number(v.toFixed(d))
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x, d)])) : v);

describe.each(MODES)('the lessons\' gradients, %s mode', (mode) => {
  it('problem 1: f = (x + y)·z at (−2, 5, −4): add distributes, multiply swaps', () => {
    const r = differentiate(mode, { x: -2, y: 5, z: -4 }, ({ x, y, z }) => tf.ops.mul(tf.ops.add(x, y), z) as tf.Tensor);
    // q = x + y = 3; f = q·z = −12; ∂f/∂z = q = 3; ∂f/∂q = z = −4 flows unchanged to x and y.
    expect(r.f).toBe(-12);
    expect(r.grads).toEqual({ x: -4, y: -4, z: 3 });
  });

  it('problem 2: f = y − a·x − b at (a, b, x, y) = (2, 3, 1, 5)', () => {
    const r = differentiate(mode, { a: 2, b: 3, x: 1, y: 5 }, ({ a, b, x, y }) => tf.ops.sub(tf.ops.sub(y, tf.ops.mul(a, x)), b) as tf.Tensor);
    // f = 5 − 2 − 3 = 0; ∂a = −x = −1; ∂b = −1; ∂x = −a = −2; ∂y = 1.
    expect(r.f).toBe(0);
    expect(r.grads).toEqual({ a: -1, b: -1, x: -2, y: 1 });
  });

  it('problem 3: the sigmoid neuron σ(w0·x0 + w1·x1 + w2)', () => {
    const r = differentiate(mode, { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 }, ({ w0, x0, w1, x1, w2 }) =>
      tf.sigmoid(tf.ops.add(tf.ops.add(tf.ops.mul(w0, x0), tf.ops.mul(w1, x1)), w2) as tf.Tensor));
    // The sum is 1, σ(1) = 0.7311, σ'(1) = σ(1)(1 − σ(1)) = 0.1966; each input gets 0.1966 × its partner.
    expect(round(r.f)).toBe(0.7311);
    expect(round(r.grads)).toEqual({ w0: -0.1966, x0: 0.3932, w1: -0.3932, x1: -0.5898, w2: 0.1966 });
  });

  it('problem 4: f = 2·(x·y + max(w, z)): max routes the gradient to the larger input', () => {
    const r = differentiate(mode, { x: 3, y: -4, w: -1, z: 2 }, ({ x, y, w, z }) =>
      tf.ops.mul(2, tf.ops.add(tf.ops.mul(x, y), tf.maximum(w, z))) as tf.Tensor);
    expect(r.f).toBe(-20);
    expect(r.grads).toEqual({ x: -8, y: 6, w: 0, z: 2 });
  });

  it('problem 5: a polynomial over vectors with x used twice (the partial gradients add up)', () => {
    const r = differentiate(mode, { a: [1, 1], b: [2, 2], c: [3, 3], x: [2, 4] }, ({ a, b, c, x }) => {
      const yPred = tf.ops.add(tf.ops.add(a, tf.ops.mul(b, x)), tf.ops.mul(c, tf.ops.pow(x, 2))) as tf.Tensor;
      return tf.reduceSum(tf.ops.pow(tf.ops.sub(yPred, tf.constant([5, 20])), 2) as tf.Tensor);
    });
    // y_pred = (17, 57); e = y_pred − y = (12, 37); loss = 144 + 1369 = 1513; ∂a = 2e = (24, 74);
    // ∂b = 2e·x = (48, 296); ∂c = 2e·x² = (96, 1184); ∂x = 2e·(b + 2cx) = (24·14, 74·26) = (336, 1924).
    expect(r.f).toBe(1513);
    expect(r.grads).toEqual({ a: [24, 74], b: [48, 296], c: [96, 1184], x: [336, 1924] });
  });

  it('maximum sends a tie to its first input, as TF does', () => {
    const r = differentiate(mode, { w: [1, 5, 3], z: [2, 5, 1] }, ({ w, z }) => tf.reduceSum(tf.maximum(w, z)));
    expect(r.grads).toEqual({ w: [0, 1, 1], z: [1, 0, 0] });
  });

  it('an input the output does not depend on gets null', () => {
    const r = differentiate(mode, { x: 1, unused: 2 }, ({ x }) => tf.ops.mul(x, 3) as tf.Tensor);
    expect(r.grads).toEqual({ x: 3, unused: null });
  });
});

describe('tf.gradients builds TF 1.15\'s ops', () => {
  const names = () => tf.getDefaultGraph().getOperations().map((o) => `${o.name}:${o.type}`);

  it('seed, then each op\'s gradient in gradients/<op>_grad', () => {
    setMode('graph');
    const x = tf.constant(-2, { name: 'x' });
    const y = tf.constant(5, { name: 'y' });
    const z = tf.constant(-4, { name: 'z' });
    const f = tf.ops.mul(tf.ops.add(x, y), z) as tf.Tensor;
    const before = tf.getDefaultGraph().getOperations().length;
    const [dx, dy, dz] = tf.gradients(f, [x, y, z]);
    expect(names().slice(before)).toEqual([
      'gradients/Shape:Shape', 'gradients/grad_ys_0:Const', 'gradients/Fill:Fill',
      'gradients/mul_grad/Mul:Mul', 'gradients/mul_grad/Mul_1:Mul',
    ]);
    // add passes its gradient through unchanged: both are gradients/mul_grad/Mul:0.
    expect(dx!.name).toBe('gradients/mul_grad/Mul:0');
    expect(dy).toBe(dx);
    expect(dz!.name).toBe('gradients/mul_grad/Mul_1:0');
    expect(tf.gradients(f, [x])[0]!.name).toBe('gradients_1/mul_grad/Mul:0');
  });

  it('undoes broadcasting with Shape, BroadcastGradientArgs, Sum and Reshape', () => {
    setMode('graph');
    const a = tf.placeholder('float32', { shape: [null, 3], name: 'a' });
    const w = tf.constant([1, 2, 3], { name: 'w' });
    const p = tf.ops.mul(a, w) as tf.Tensor;
    const before = tf.getDefaultGraph().getOperations().length;
    const [, dw] = tf.gradients(tf.reduceSum(p), [a, w]);
    const added = names().slice(before + 2);
    expect(added.filter((n) => n.startsWith('gradients/mul_grad/'))).toEqual([
      'gradients/mul_grad/Shape:Shape', 'gradients/mul_grad/Shape_1:Shape', 'gradients/mul_grad/BroadcastGradientArgs:BroadcastGradientArgs',
      'gradients/mul_grad/Mul:Mul', 'gradients/mul_grad/Sum:Sum', 'gradients/mul_grad/Reshape:Reshape',
      'gradients/mul_grad/Mul_1:Mul', 'gradients/mul_grad/Sum_1:Sum', 'gradients/mul_grad/Reshape_1:Reshape',
    ]);
    expect(String(dw!.shape)).toBe('(3,)');
    const value = tf.Session().run(dw!, new Map([[a, [[1, 2, 3], [10, 20, 30]]]])) as tf.NDArray;
    expect(value.toArray()).toEqual([11, 22, 33]);
  });

  it('sums a tensor\'s partial gradients in gradients/AddN', () => {
    setMode('graph');
    const w = tf.Variable(3, { name: 'w' });
    const f = tf.ops.add(tf.ops.mul(w, w), tf.exp(w)) as tf.Tensor;
    const [dw] = tf.gradients(f, [w]);
    expect(names()).toContain('gradients/AddN:AddN');
    expect(tf.getDefaultGraph().getOperationByName('gradients/AddN').inputs.length).toBe(3);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    // d(w² + eʷ) = 2w + eʷ = 6 + 20.0855
    expect(round((sess.run(dw!) as tf.NDArray).toArray(), 3)).toBe(26.086);
  });

  it('a fed placeholder as gradYs works (Exp; its grad is a data input, so no control edge as well)', () => {
    setMode('graph');
    const x = tf.constant([0, 1]);
    const dy = tf.placeholder('float32', { shape: [2], name: 'dy' });
    const [dx] = tf.gradients(tf.exp(x), [x], { gradYs: [dy] });
    expect(tf.getDefaultGraph().getOperationByName('gradients/Exp_grad/mul').controlInputs).toEqual([]);
    const value = tf.Session().run(dx!, { dy: [2, 1] }) as tf.NDArray;
    expect(value.toArray()).toEqual([2, Math.fround(Math.E)]);
  });

  it('gradYs replaces the seed with a Const gradients/grad_ys_0', () => {
    setMode('graph');
    const x = tf.constant([1, 2]);
    const y = tf.ops.mul(x, x) as tf.Tensor;
    const [dx] = tf.gradients(y, [x], { gradYs: [[10, 100]] });
    expect(names()).toContain('gradients/grad_ys_0:Const');
    expect(names()).not.toContain('gradients/Fill:Fill');
    expect((tf.Session().run(dx!) as tf.NDArray).toArray()).toEqual([20, 400]);
  });
});

describe('gradient errors leave the graph as it was', () => {
  it('a non-float tensor is a TypeError that says to cast', () => {
    setMode('graph');
    const x = tf.constant(1, { dtype: 'int32' });
    const y = tf.ops.mul(x, 2) as tf.Tensor;
    const before = tf.getDefaultGraph().getOperations().length;
    expect(() => tf.gradients(y, [x])).toThrow(TypeError);
    expect(() => tf.gradients(y, [x])).toThrow(/dtype int32; gradients are defined for float32 tensors only\. Cast it first/);
    expect(tf.getDefaultGraph().getOperations().length).toBe(before);
  });

  it('an op without a gradient is a LookupError naming it, and nothing is added', () => {
    setMode('graph');
    const v = tf.Variable(1.0, { name: 'v' });
    const x = tf.constant(2.0, { name: 'x' });
    const y = tf.ops.mul(tf.assign(v, tf.ops.mul(x, 3) as tf.Tensor), 1) as tf.Tensor;
    const before = tf.getDefaultGraph().getOperations().length;
    let error: unknown;
    try {
      tf.gradients(y, [x]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(tf.LookupError);
    expect((error as Error).message).toMatch(/^No gradient defined for operation 'Assign' \(op type: Assign\)\. Register one with tf\.registerGradient/);
    expect(tf.getDefaultGraph().getOperations().length).toBe(before);
  });

  it('a tensor of another graph, a number, or eager mode', () => {
    setMode('graph');
    const x = tf.constant(1);
    tf.resetDefaultGraph();
    const y = tf.constant(2);
    expect(() => tf.gradients(y, [x])).toThrow(/is not an element of the default graph/);
    expect(() => tf.gradients(y, [3])).toThrow(TypeError);
    tf.enableEagerExecution();
    expect(() => tf.gradients(y, [x])).toThrow(/tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead./);
  });
});

describe('GradientTape (eager)', () => {
  it('watches constants on request and variables by itself; a list in gives a list out', () => {
    setMode('eager');
    const x = tf.constant(3);
    const w = tf.Variable(2);
    const tape = tf.GradientTape({ persistent: true });
    tape.watch(x);
    const y = tape.record(() => tf.ops.mul(tf.ops.mul(x, x), w) as tf.Tensor);
    const [dx, dw] = tape.gradient(y, [x, w]) as tf.Tensor[];
    expect(dx.numpy().toArray()).toBe(12);
    expect(dw.numpy().toArray()).toBe(9);
    expect((tape.gradient(y, x) as tf.Tensor).numpy().toArray()).toBe(12);
    expect(tape.watchedVariables()).toEqual([w]);
  });

  it('an unwatched constant gets null; a non-persistent tape works once', () => {
    setMode('eager');
    const x = tf.constant(3);
    const tape = tf.GradientTape();
    const y = tape.record(() => tf.square(x));
    expect(tape.gradient(y, [x])).toEqual([null]);
    expect(() => tape.gradient(y, [x])).toThrow(tf.RuntimeError);
    expect(() => tape.gradient(y, [x])).toThrow('A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)');
  });

  it('start()/stop() records across separate statements, as at a prompt', () => {
    setMode('eager');
    const w = tf.Variable(0.8);
    const tape = tf.GradientTape();
    tape.start();
    const y = tf.ops.mul(w, 1) as tf.Tensor;
    const loss = tf.ops.pow(tf.ops.sub(y, 0), 2) as tf.Tensor;
    tape.stop();
    const [g] = tape.gradient(loss, [w]) as tf.Tensor[];
    expect(g.numpy().toArray()).toBe(Math.fround(1.6));
  });
});

describe.each(MODES)('custom ops and gradients, %s mode', (mode) => {
  it('ZeroOut\'s gradient is ZeroOut of the upstream gradient at the same index', () => {
    setMode(mode);
    const x = tf.Variable([1, 2, 3], { name: 'x' });
    const weights = tf.constant([10, 20, 30]);
    const f = () => tf.reduceSum(tf.ops.mul(tf.zeroOut(x, { preserveIndex: 1 }), weights) as tf.Tensor);
    let g: tf.NDArray;
    if (mode === 'eager') {
      const tape = tf.GradientTape();
      const y = tape.record(f);
      g = (tape.gradient(y, [x]) as tf.Tensor[])[0].numpy();
    } else {
      const [dx] = tf.gradients(f(), [x]);
      expect(dx!.op.name).toBe('gradients/ZeroOut_grad/ZeroOut');
      const sess = tf.Session();
      sess.run(tf.globalVariablesInitializer());
      g = sess.run(dx!) as tf.NDArray;
    }
    expect(g.toArray()).toEqual([0, 20, 0]);
  });

  it('a user op without a gradient is a LookupError until one is registered', () => {
    setMode(mode);
    const triple = tf.registerOp({ name: `Triple${mode}`, inputs: ['x'], kernel: ([x]) => new tf.NDArray((x.data as Float32Array).map((v) => v * 3), x.shape, x.dtype) });
    const x = tf.Variable(2, { name: 'x' });
    const grad = () => {
      if (mode === 'graph') {
        const sess = tf.Session();
        sess.run(tf.globalVariablesInitializer());
        return (sess.run(tf.gradients(triple(x) as tf.Tensor, [x])[0]!) as tf.NDArray).toArray();
      }
      const tape = tf.GradientTape();
      const y = tape.record(() => triple(x) as tf.Tensor);
      return (tape.gradient(y, [x]) as tf.Tensor[])[0].numpy().toArray();
    };
    expect(grad).toThrow(tf.LookupError);
    expect(grad).toThrow(new RegExp(`^No gradient defined for operation 'Triple${mode}(_1)?' \\(op type: Triple${mode}\\)`));
    tf.registerGradient(`Triple${mode}`, (_op, g) => [tf.ops.mul(g, 3) as tf.Tensor]);
    expect(grad()).toBe(3);
  });
});

describe('GradientTape, more', () => {
  it('tapes nest: the gradient of a gradient (d²x³/dx² = 6x)', () => {
    setMode('eager');
    const x = tf.constant(2);
    const outer = tf.GradientTape();
    const inner = tf.GradientTape();
    outer.watch(x);
    const dy = outer.record(() => {
      inner.watch(x);
      const y = inner.record(() => tf.ops.mul(tf.ops.mul(x, x), x) as tf.Tensor);
      return inner.gradient(y, x) as tf.Tensor;
    });
    expect(dy.numpy().toArray()).toBe(12);
    expect((outer.gradient(dy, x) as tf.Tensor).numpy().toArray()).toBe(12);
  });

  it('outputGradients weights the targets; in graph mode a tape builds tf.gradients', () => {
    setMode('eager');
    const x = tf.constant([1, 2]);
    const tape = tf.GradientTape();
    tape.watch(x);
    const y = tape.record(() => tf.square(x));
    expect((tape.gradient(y, x, { outputGradients: tf.constant([10, 100]) }) as tf.Tensor).numpy().toArray()).toEqual([20, 400]);
    setMode('graph');
    const w = tf.Variable(3, { name: 'w' });
    const g = tf.GradientTape();
    const loss = g.record(() => tf.square(w.value()));
    const [dw] = g.gradient(loss, [w]) as tf.Tensor[];
    expect(dw.name).toBe('gradients/Square_grad/Mul_1:0');
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    expect((sess.run(dw) as tf.NDArray).toArray()).toBe(6);
  });
});
