// Optimizers: what `train_op` is, the simplest neuron and the line fit of the lessons, in both schedules.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const f32 = Math.fround;
const names = () => tf.getDefaultGraph().getOperations().map((o) => o.name);
const value = (x: tf.Variable | tf.Tensor, sess?: tf.Session) =>
  (sess ? (sess.run(x) as tf.NDArray) : x instanceof tf.Tensor ? x.numpy() : x.numpy()).toArray() as number;

/** The float32 oracle of gradient descent on loss = w², whose gradient 2w is exact in float32. */
function neuronOracle(w0: number, lr: number, steps: number): number {
  let w = f32(w0);
  for (let i = 0; i < steps; i++) w = f32(w - f32(f32(lr) * f32(2 * w)));
  return w;
}

describe.each(MODES)('the simplest neuron (problem 6), %s mode', (mode) => {
  it('gradient 1.6, one applyGradients gives 0.76, then 100 minimize steps give y ≈ 0.0044996', () => {
    setMode(mode);
    const x = tf.constant(1.0, { name: 'input' });
    const w = tf.Variable(0.8, { name: 'weight' });
    const loss = () => tf.ops.pow(tf.ops.sub(tf.ops.mul(w, x), 0), 2) as tf.Tensor;
    const opt = tf.train.GradientDescentOptimizer(0.025);
    if (mode === 'graph') {
      const y = tf.ops.mul(w, x) as tf.Tensor;
      const lossT = tf.ops.pow(tf.ops.sub(y, tf.constant(0.0)), 2) as tf.Tensor;
      const gv = opt.computeGradients(lossT);
      expect(gv.map(([g, v]) => [g!.name, v.name])).toEqual([['gradients/mul_grad/tuple/control_dependency:0', 'weight:0']]);
      const sess = tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(value(gv[0][0]!, sess)).toBe(f32(1.6));
      sess.run(opt.applyGradients(gv)!);
      expect(value(w, sess)).toBe(f32(0.76));
      const train = tf.train.GradientDescentOptimizer(0.025).minimize(lossT)!;
      for (let i = 0; i < 100; i++) sess.run(train);
      expect(value(y, sess)).toBe(neuronOracle(0.8, 0.025, 101));
      expect(value(y, sess).toFixed(7)).toBe('0.0044996');
    } else {
      const gv = opt.computeGradients(loss);
      expect(value(gv[0][0]!)).toBe(f32(1.6));
      expect(gv[0][1]).toBe(w);
      opt.applyGradients(gv);
      expect(value(w)).toBe(f32(0.76));
      for (let i = 0; i < 100; i++) opt.minimize(loss);
      expect(value(w)).toBe(neuronOracle(0.8, 0.025, 101));
      expect(value(w).toFixed(7)).toBe('0.0044996');
    }
  });
});

describe('what train_op is (graph)', () => {
  it('applyGradients adds learning_rate, one ApplyGradientDescent per variable and the NoOp GradientDescent', () => {
    setMode('graph');
    const w = tf.Variable(0.8, { name: 'weight' });
    const b = tf.Variable(0.1, { name: 'bias' });
    const loss = tf.square(tf.ops.add(tf.ops.mul(w, 2), b) as tf.Tensor);
    const opt = tf.train.GradientDescentOptimizer(0.025);
    const gv = opt.computeGradients(loss);
    expect(gv.map(([, v]) => v)).toEqual([w, b]);
    const before = names().length;
    const train = opt.applyGradients(gv)!;
    expect(names().slice(before)).toEqual([
      'GradientDescent/learning_rate', 'GradientDescent/update_weight/ApplyGradientDescent',
      'GradientDescent/update_bias/ApplyGradientDescent', 'GradientDescent',
    ]);
    expect(train.type).toBe('NoOp');
    expect(train.controlInputs.map((o) => o.name)).toEqual(['GradientDescent/update_weight/ApplyGradientDescent', 'GradientDescent/update_bias/ApplyGradientDescent']);
    const update = tf.getDefaultGraph().getOperationByName('GradientDescent/update_weight/ApplyGradientDescent');
    expect(update.inputs.map((t) => t.name)).toEqual(['weight:0', 'GradientDescent/learning_rate:0', 'gradients/mul_grad/tuple/control_dependency:0']);
    expect(tf.train.GradientDescentOptimizer(0.1).minimize(loss)!.name).toBe('GradientDescent_1');
    expect(names()).toContain('gradients_1/Shape');
  });

  it('applyGradients is exactly assign(v, v − lr·grad)', () => {
    setMode('graph');
    const make = (name: string) => {
      const w = tf.Variable(0.8, { name });
      return { w, loss: tf.ops.pow(tf.ops.sub(tf.ops.mul(w, 1.5), 0.3), 2) as tf.Tensor };
    };
    const a = make('a');
    const b = make('b');
    const opt = tf.train.GradientDescentOptimizer(0.025);
    const trainA = opt.applyGradients(opt.computeGradients(a.loss, { varList: [a.w] }))!;
    const [gradB] = tf.gradients(b.loss, [b.w]);
    const trainB = tf.assign(b.w, tf.ops.sub(b.w, tf.ops.mul(0.025, gradB!)) as tf.Tensor);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < 5; i++) {
      sess.run([trainA, trainB]);
      expect(value(a.w, sess)).toBe(value(b.w, sess));
    }
    expect(value(a.w, sess)).not.toBe(f32(0.8));
  });

  it('a global step is incremented after the updates', () => {
    setMode('graph');
    const w = tf.Variable(1.0, { name: 'w' });
    const step = tf.train.getOrCreateGlobalStep();
    expect(step.name).toBe('global_step:0');
    expect(names()).toContain('global_step/Initializer/zeros');
    const train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w.value()), { globalStep: step })!;
    expect(train.type).toBe('AssignAdd');
    expect(train.name).toBe('GradientDescent');
    expect(names()).toEqual(expect.arrayContaining(['GradientDescent/update', 'GradientDescent/value']));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    sess.run(train);
    sess.run(train);
    expect(value(step, sess)).toBe(2);
    expect(tf.getDefaultGraph().getCollection('train_op')).toEqual([train]);
  });
});

describe.each(MODES)('fitting y = 0.1x + 0.3 (problem 7), %s mode', (mode) => {
  it('201 steps of GradientDescentOptimizer(0.5) find W = 0.1 and b = 0.3 within 1e-3', () => {
    setMode(mode);
    const xs = tf.randomUniform([100], { seed: 7 });
    const xData = mode === 'eager' ? xs.numpy() : (tf.Session().run(xs) as tf.NDArray);
    const yData = tf.ops.add(tf.ops.mul(xData, 0.1), 0.3) as tf.NDArray;
    const W = tf.Variable(tf.randomUniform([1], { minval: -1, maxval: 1, seed: 8 }), { name: 'W' });
    const b = tf.Variable(tf.zeros([1]), { name: 'b' });
    const loss = () => tf.reduceMean(tf.square(tf.ops.sub(tf.ops.add(tf.ops.mul(W, xData), b), yData) as tf.Tensor));
    const opt = tf.train.GradientDescentOptimizer(0.5);
    let read: (v: tf.Variable) => number[];
    if (mode === 'graph') {
      const train = opt.minimize(loss())!;
      const sess = tf.Session();
      sess.run(tf.globalVariablesInitializer());
      for (let i = 0; i < 201; i++) sess.run(train);
      read = (v) => (sess.run(v) as tf.NDArray).toArray() as number[];
    } else {
      for (let i = 0; i < 201; i++) opt.minimize(loss);
      read = (v) => v.numpy().toArray() as number[];
    }
    expect(Math.abs(read(W)[0] - 0.1)).toBeLessThan(1e-3);
    expect(Math.abs(read(b)[0] - 0.3)).toBeLessThan(1e-3);
  });
});

describe.each(MODES)('Momentum and Adam, %s mode', (mode) => {
  const quadratic = () => {
    setMode(mode);
    const w = tf.Variable(1.0, { name: 'w' });
    return { w, loss: () => tf.square(tf.ops.sub(w, 3) as tf.Tensor) };
  };
  const train = (opt: tf.train.Optimizer, w: tf.Variable, loss: () => tf.Tensor, steps: number): number => {
    if (mode === 'eager') {
      for (let i = 0; i < steps; i++) opt.minimize(loss);
      return value(w);
    }
    const op = opt.minimize(loss())!;
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < steps; i++) sess.run(op);
    return value(w, sess);
  };

  it('MomentumOptimizer: accum ← m·accum + g, w ← w − lr·accum', () => {
    const { w, loss } = quadratic();
    const got = train(tf.train.MomentumOptimizer(0.1, 0.9), w, loss, 3);
    let v = f32(1);
    let accum = 0;
    for (let i = 0; i < 3; i++) {
      const g = f32(2 * f32(v - 3));
      accum = f32(f32(accum * f32(0.9)) + g);
      v = f32(v - f32(f32(0.1) * accum));
    }
    expect(got).toBe(v);
    if (mode === 'graph') expect(names()).toEqual(expect.arrayContaining(['w/Momentum', 'w/Momentum/Initializer/zeros', 'Momentum/momentum', 'Momentum/update_w/ApplyMomentum']));
  });

  it('AdamOptimizer: bias-corrected moments, beta powers updated after each step', () => {
    const { w, loss } = quadratic();
    const got = train(tf.train.AdamOptimizer(0.1), w, loss, 3);
    let v = 1;
    let m = 0;
    let s = 0;
    for (let t = 1; t <= 3; t++) {
      const g = 2 * (v - 3);
      m = 0.9 * m + 0.1 * g;
      s = 0.999 * s + 0.001 * g * g;
      v -= (0.1 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t) * m / (Math.sqrt(s) + 1e-8);
    }
    expect(got).toBeCloseTo(v, 5);
    if (mode === 'graph') {
      expect(names()).toEqual(expect.arrayContaining(['beta1_power', 'beta2_power', 'w/Adam', 'w/Adam_1', 'Adam/update_w/ApplyAdam', 'Adam/mul', 'Adam/Assign', 'Adam']));
    }
  });
});

describe.each(MODES)('computeGradients, %s mode', (mode) => {
  it('pairs in variable order with null for a variable the loss does not use; varList narrows it', () => {
    setMode(mode);
    const w = tf.Variable(2.0, { name: 'w' });
    const unused = tf.Variable(5.0, { name: 'unused' });
    const b = tf.Variable(1.0, { name: 'b' });
    const loss = () => tf.ops.add(tf.square(w.value()), b) as tf.Tensor;
    const opt = tf.train.MomentumOptimizer(0.1, 0.9);
    const all = mode === 'graph' ? opt.computeGradients(loss(), { varList: [w, unused, b] }) : opt.computeGradients(loss, { varList: [w, unused, b] });
    expect(all.map(([, v]) => v)).toEqual([w, unused, b]);
    expect(all[1][0]).toBeNull();
    const only = mode === 'graph' ? opt.computeGradients(loss(), { varList: [b] }) : opt.computeGradients(loss, { varList: [b] });
    expect(only.map(([, v]) => v)).toEqual([b]);
    if (mode === 'eager') {
      expect(all.map(([g]) => g?.numpy().toArray() ?? null)).toEqual([4, null, 1]);
      opt.minimize(loss, { varList: [b] });
      expect([value(w), value(b)]).toEqual([2, f32(0.9)]);
    }
  });
});

describe('optimizer errors', () => {
  it('no variables, no gradients, a tensor loss in eager mode', () => {
    setMode('graph');
    const c = tf.constant(2.0);
    expect(() => tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(c))).toThrow('No variables to optimize.');
    const w = tf.Variable(1.0, { name: 'w' });
    expect(() => tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(c), { varList: [w] }))
      .toThrow(`No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ["<tf.Variable 'w:0' shape=() dtype=float32_ref>"] and loss Tensor("Square_1:0", shape=(), dtype=float32).`);
    expect(() => tf.train.GradientDescentOptimizer(0.1).applyGradients([])).toThrow('No variables provided.');
    setMode('eager');
    const v = tf.Variable(1.0);
    expect(() => tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(v.value()) as never)).toThrow(tf.RuntimeError);
    expect(() => new tf.train.GradientDescentOptimizer(0.1).minimize(() => tf.square(v.value()))).not.toThrow();
    expect(value(v)).toBe(f32(0.8));
  });
});
