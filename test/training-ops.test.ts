// The optimizer update ops (ApplyGradientDescent, ApplyMomentum, ApplyAdam) in both schedules, against float32
// oracles computed here one rounding at a time with Math.fround, in the order of TF's Eigen functors.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { attr } from '../src/engine/attrs.js';
import { applyOp1 } from '../src/ops/apply.js';
import { MODES, setMode, type Mode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

type Vec = number[];
const f = Math.fround;
const data = (x: tf.NDArray): Vec => Array.from(x.data);
const newVars = (initial: Vec[]) => initial.map((x) => tf.Variable(x, { dtype: 'float32' }));

const gd = (v: tf.Variable, alpha: unknown, delta: unknown) =>
  applyOp1('ApplyGradientDescent', [v, alpha, delta], { use_locking: attr.b(false) }, { name: 'ApplyGradientDescent' });
const momentum = ([v, accum]: tf.Variable[], lr: unknown, grad: unknown, mom: unknown, nesterov = false) =>
  applyOp1('ApplyMomentum', [v, accum, lr, grad, mom], { use_locking: attr.b(false), use_nesterov: attr.b(nesterov) }, { name: 'ApplyMomentum' });
// The bias corrections of Adam's second step; with these, rounding lr_t in another order gives another float32.
const H = { b1p: 0.81, b2p: 0.998001, lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8 };
const adam = ([v, m, s]: tf.Variable[], grad: unknown, nesterov = false, lr: unknown = H.lr) =>
  applyOp1('ApplyAdam', [v, m, s, H.b1p, H.b2p, lr, H.b1, H.b2, H.eps, grad], { use_locking: attr.b(false), use_nesterov: attr.b(nesterov) }, { name: 'Adam' });

/** Applies `update` `steps` times (graph: one op run repeatedly); returns the last output and every variable after. */
function train(mode: Mode, initial: Vec[], update: (vars: tf.Variable[]) => tf.Tensor, steps: number): { out: Vec; vars: Vec[] } {
  setMode(mode);
  const vars = newVars(initial);
  let out: Vec = [];
  if (mode === 'eager') {
    for (let i = 0; i < steps; i++) out = data(update(vars).numpy());
    return { out, vars: vars.map((v) => data(v.numpy())) };
  }
  const t = update(vars);
  const sess = tf.Session();
  sess.run(tf.globalVariablesInitializer());
  for (let i = 0; i < steps; i++) out = data(sess.run(t) as tf.NDArray);
  return { out, vars: vars.map((v) => data(sess.run(v) as tf.NDArray)) };
}

/** Runs an update whose `bad` input is known only at run time (a placeholder in graph mode); the error and the variables after. */
function failingRun(mode: Mode, initial: Vec[], update: (vars: tf.Variable[], x: unknown) => tf.Tensor, bad: unknown): { error: Error; vars: Vec[] } {
  setMode(mode);
  const vars = newVars(initial);
  const t = mode === 'graph' ? update(vars, tf.placeholder(tf.float32)) : null;
  const sess = mode === 'graph' ? tf.Session() : null;
  sess?.run(tf.globalVariablesInitializer());
  let error: Error | null = null;
  try {
    if (sess) sess.run(t, { Placeholder: bad });
    else update(vars, bad);
  } catch (e) {
    error = e as Error;
  }
  if (!error) throw new Error('expected the update to fail');
  return { error, vars: vars.map((v) => data(sess ? (sess.run(v) as tf.NDArray) : v.numpy())) };
}

// Float32 oracles: the variables start as float32 and every intermediate is rounded, as each Eigen/native step is.
function gdOracle(w: Vec, alpha: number, delta: Vec, steps: number): Vec {
  w = w.map(f);
  for (let s = 0; s < steps; s++) w = w.map((x, i) => f(x - f(f(delta[i]) * f(alpha))));
  return w;
}

function momentumOracle(w: Vec, acc: Vec, lr: number, g: Vec, mom: number, nesterov: boolean, steps: number): Vec[] {
  const [l, mo] = [f(lr), f(mom)];
  [w, acc] = [w.map(f), acc.map(f)];
  for (let s = 0; s < steps; s++) {
    acc = acc.map((a, i) => f(f(a * mo) + f(g[i])));
    w = w.map((x, i) => f(x - (nesterov ? f(f(f(g[i]) * l) + f(f(acc[i] * mo) * l)) : f(acc[i] * l))));
  }
  return [w, acc];
}

function adamOracle(w: Vec, m: Vec, v: Vec, g: Vec, nesterov: boolean, steps: number): Vec[] {
  const [b1p, b2p, lr, b1, b2, eps] = [H.b1p, H.b2p, H.lr, H.b1, H.b2, H.eps].map(f);
  const lrT = f(f(lr * f(Math.sqrt(f(1 - b2p)))) / f(1 - b1p));
  const [c1, c2] = [f(1 - b1), f(1 - b2)];
  [w, m, v] = [w.map(f), m.map(f), v.map(f)];
  for (let s = 0; s < steps; s++) {
    m = m.map((x, i) => f(x + f(f(f(g[i]) - x) * c1)));
    v = v.map((x, i) => f(x + f(f(f(f(g[i]) * f(g[i])) - x) * c2)));
    const dir = nesterov ? m.map((x, i) => f(f(f(g[i]) * c1) + f(b1 * x))) : m;
    w = w.map((x, i) => f(x - f(f(dir[i] * lrT) / f(f(Math.sqrt(v[i])) + eps))));
  }
  return [w, m, v];
}

// Eight elements, so that computing any step in another order changes some float32 result.
const W = [1.5, -2.25, 0.3, 0.7, -0.1, 3.3, 0.05, -1.7];
const G = [0.1, -0.7, 2.5, 0.33, -1.9, 0.01, 0.6, -0.45];
const ACC = W.map((_, i) => 0.5 - 0.3 * i);
const [M, V] = [W.map((_, i) => 0.2 - 0.05 * i), W.map((_, i) => 0.01 * i * i)];
// Adam's steps are about lr = 0.01, so a small var keeps their last-bit differences visible.
const WA = W.map((x) => x / 100);

describe.each(MODES)('%s mode', (mode) => {
  // Graph errors name the node (`adam` names its op 'Adam'); eager ones the op type.
  const suffix = (node: string) => (mode === 'graph' ? `\n\t [[{{node ${node}}}]]` : ` [Op:${node === 'Adam' ? 'ApplyAdam' : node}]`);

  it.each([1, 3])('ApplyGradientDescent, %i step(s): var ← var − alpha·delta; the output is the variable', (steps) => {
    const r = train(mode, [W], ([v]) => gd(v, 0.1, G), steps);
    expect(r.vars[0]).toEqual(gdOracle(W, 0.1, G, steps));
    expect(r.out).toEqual(r.vars[0]);
  });

  it.each([[1, false], [3, false], [1, true], [3, true]])('ApplyMomentum, %i step(s), nesterov=%s: var and accum', (steps, nesterov) => {
    const r = train(mode, [W, ACC], (vars) => momentum(vars, 0.05, G, 0.9, nesterov), steps);
    expect(r.vars).toEqual(momentumOracle(W, ACC, 0.05, G, 0.9, nesterov, steps));
    expect(r.out).toEqual(r.vars[0]);
  });

  it.each([[1, false], [3, false], [1, true], [3, true]])('ApplyAdam, %i step(s), nesterov=%s: var, m and v', (steps, nesterov) => {
    const r = train(mode, [WA, M, V], (vars) => adam(vars, G, nesterov), steps);
    expect(r.vars).toEqual(adamOracle(WA, M, V, G, nesterov, steps));
    expect(r.out).toEqual(r.vars[0]);
  });

  it('only float32: an int32 variable is a TypeError naming the parameter', () => {
    setMode(mode);
    const v = tf.Variable([1, 2], { dtype: 'int32' });
    expect(() => gd(v, 1, [1, 1])).toThrow(new TypeError("Value passed to parameter 'var' has DataType int32 not in list of allowed values: float32"));
  });

  it.each([
    ['ApplyGradientDescent', [[1, 2]], ([v]: tf.Variable[], x: unknown) => gd(v, 0.1, x), [1, 2, 3], 'var and delta do not have the same shape[2] [3]'],
    ['ApplyGradientDescent', [[1, 2]], ([v]: tf.Variable[], x: unknown) => gd(v, x, [1, 1]), [0.1, 0.2], 'alpha is not a scalar: [2]'],
    ['ApplyMomentum', [[1, 2], [3, 4]], (vs: tf.Variable[], x: unknown) => momentum(vs, 0.1, x, 0.9), [1, 2, 3], 'var and grad do not have the same shape[2] [3]'],
    ['ApplyMomentum', [[1, 2], [3, 4]], (vs: tf.Variable[], x: unknown) => momentum(vs, 0.1, [1, 1], x), [[0.9]], 'momentum is not a scalar: [1,1]'],
    ['Adam', [[1, 2], [3, 4], [5, 6]], (vs: tf.Variable[], x: unknown) => adam(vs, [1, 1], false, x), [0.1, 0.2], 'lr is not a scalar : [2]'],
    ['Adam', [[1, 2], [3, 4], [5, 6]], (vs: tf.Variable[], x: unknown) => adam(vs, x), [[1, 2]], 'var and grad do not have the same shape[2] [1,2]'],
  ] as const)('%s: a bad run-time shape is InvalidArgumentError and changes nothing (%#)', (node, initial, update, bad, message) => {
    const r = failingRun(mode, initial.map((x) => [...x]), update, bad);
    expect(r.error).toBeInstanceOf(tf.InvalidArgumentError);
    expect(r.error.message).toBe(message + suffix(node));
    expect(r.vars).toEqual(initial);
  });
});

describe('graph mode', () => {
  it('adds one ApplyGradientDescent op reading the variable ref, colocated with it', () => {
    setMode('graph');
    const t = gd(tf.Variable([1, 2], { dtype: 'float32' }), 0.5, [1, 1]);
    expect([t.op.name, t.op.type, t.name, String(t.shape), t.dtype]).toEqual(['ApplyGradientDescent', 'ApplyGradientDescent', 'ApplyGradientDescent:0', '(2,)', 'float32']);
    expect(t.op.inputs.map((x) => x.name)).toEqual(['Variable:0', 'ApplyGradientDescent/alpha:0', 'ApplyGradientDescent/delta:0']);
    expect([t.op.getAttr('_class'), t.op.getAttr('T'), t.op.getAttr('use_locking')]).toEqual([['loc:@Variable'], 'float32', false]);
  });

  it('ApplyMomentum and ApplyAdam are colocated with their variable (TF\'s colocate_with(var)); a placeholder grad takes var\'s shape', () => {
    setMode('graph');
    const vars = newVars([[1, 2], [0, 0], [0, 0]]);
    expect(momentum(vars, 0.1, [1, 1], 0.9).op.getAttr('_class')).toEqual(['loc:@Variable']);
    const t = adam(vars, tf.placeholder(tf.float32, { shape: [null] }));
    expect(t.op.getAttr('_class')).toEqual(['loc:@Variable']);
    expect([t.op.type, String(t.shape)]).toEqual(['ApplyAdam', '(2,)']);
  });

  it.each([
    [() => gd(tf.Variable([1, 2], { dtype: 'float32' }), 0.1, [1, 2, 3]), "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'ApplyGradientDescent' (op: 'ApplyGradientDescent') with input shapes: [2], [], [3]."],
    [() => gd(tf.Variable(1, { dtype: 'float32' }), 0.1, [1]), "Shapes must be equal rank, but are 0 and 1 for 'ApplyGradientDescent' (op: 'ApplyGradientDescent') with input shapes: [], [], [1]."],
    [() => momentum(newVars([[1, 2], [0, 0]]), [0.1], [1, 1], 0.9), "Shape must be rank 0 but is rank 1 for 'ApplyMomentum' (op: 'ApplyMomentum') with input shapes: [2], [2], [1], [2], []."],
    [() => adam(newVars([[1, 2], [0, 0, 0], [0, 0]]), [1, 1]), "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'Adam' (op: 'ApplyAdam') with input shapes: [2], [3], [2], [], [], [], [], [], [], [2]."],
  ])('a static shape clash is a ValueError with TF\'s text, and adds no op (%#)', (build, message) => {
    setMode('graph');
    expect(() => build()).toThrow(new tf.ValueError(message));
    // All or nothing: not even the literal Consts (`ApplyGradientDescent/alpha`) stay behind.
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name).filter((n) => !n.startsWith('Variable'))).toEqual([]);
  });

  it('an uninitialized variable or slot is a FailedPreconditionError naming that input', () => {
    setMode('graph');
    const [v, accum] = newVars([[1, 2], [0, 0]]);
    const sess = tf.Session();
    sess.run(v.initializer);
    const t = momentum([v, accum], 0.5, [1, 1], 0.9);
    expect(() => sess.run(t)).toThrow(tf.FailedPreconditionError);
    expect(() => sess.run(t)).toThrow(/^Attempting to use uninitialized variables: Variable_1\n\t \[\[\{\{node ApplyMomentum\}\}\]\]$/);
    expect(data(sess.run(v) as tf.NDArray)).toEqual([1, 2]);
  });
});

describe('eager mode', () => {
  it('var and accum of different shapes is InvalidArgumentError with TF\'s text, and nothing changes', () => {
    setMode('eager');
    const vars = newVars([[1, 2], [0, 0, 0]]);
    expect(() => momentum(vars, 0.1, [1, 1], 0.9)).toThrow(tf.InvalidArgumentError);
    expect(() => momentum(vars, 0.1, [1, 1], 0.9)).toThrow(/^var and accum do not have the same shape\[2\] \[3\] \[Op:ApplyMomentum\]$/);
    expect(vars.map((v) => data(v.numpy()))).toEqual([[1, 2], [0, 0, 0]]);
  });
});
