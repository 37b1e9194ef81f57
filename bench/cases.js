// The cases of bench/run.js: each one through our public API (`ours`) and through tfjs (`tfjs`, given
// tfjs-core with a backend set), measured by the same protocol (lib/measure.js). The Python peers
// (peers/numpy_peer.py, peers/tf_peer.py) implement the cases of the same names. `work` turns seconds per
// call into the case's unit; `limit` names the machine limit a figure is a fraction of.
import * as tf from 'tensorshell';
import { Kernel } from '../dist/kernel/kernel.js';
import { measure } from './lib/measure.js';

export const N16M = 16 * 1024 * 1024;

export function randomData(n, seed) {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

/** Samples of a tfjs op whose result must be read back (`dataSync`) and disposed, as a user's code would. */
function tfjsMeasure(t, opts, make, inner = 1) {
  const inputs = make();
  const r = measure(() => {
    const c = inputs.op();
    c.dataSync();
    c.dispose();
  }, opts, inner);
  for (const x of inputs.dispose) x.dispose();
  return r;
}

function matmulCase(n) {
  return {
    name: `matmul ${n}`,
    unit: 'GFLOP/s',
    work: (s) => (2 * n ** 3) / s / 1e9,
    limit: 'fma',
    // tfjs-cpu runs ~0.6 GFLOP/s: 1024 would take seconds a call.
    tfjsBackends: n <= 512 ? ['cpu', 'wasm'] : n <= 2048 ? ['wasm'] : [],
    ours(opts) {
      const a = tf.constant(randomData(n * n, 1), { shape: [n, n] });
      const b = tf.constant(randomData(n * n, 2), { shape: [n, n] });
      return measure(() => tf.matmul(a, b).numpy(), opts);
    },
    tfjs(t, opts) {
      return tfjsMeasure(t, opts, () => {
        const a = t.tensor2d(randomData(n * n, 1), [n, n]);
        const b = t.tensor2d(randomData(n * n, 2), [n, n]);
        return { op: () => t.matMul(a, b), dispose: [a, b] };
      });
    },
  };
}

const addCase = {
  name: 'add 16M',
  unit: 'GB/s',
  work: (s) => (12 * N16M) / s / 1e9, // two float32 inputs read, one written
  limit: 'add',
  tfjsBackends: ['cpu', 'wasm'],
  ours(opts) {
    const a = tf.constant(randomData(N16M, 3));
    const b = tf.constant(randomData(N16M, 4));
    return measure(() => tf.add(a, b).numpy(), opts);
  },
  tfjs(t, opts) {
    return tfjsMeasure(t, opts, () => {
      const a = t.tensor1d(randomData(N16M, 3));
      const b = t.tensor1d(randomData(N16M, 4));
      return { op: () => t.add(a, b), dispose: [a, b] };
    });
  },
};

const reduceCase = {
  name: 'reduceSum 16M',
  unit: 'GB/s',
  work: (s) => (4 * N16M) / s / 1e9,
  limit: 'read',
  tfjsBackends: ['cpu', 'wasm'],
  ours(opts) {
    const a = tf.constant(randomData(N16M, 5));
    return measure(() => tf.reduceSum(a).numpy(), opts);
  },
  tfjs(t, opts) {
    return tfjsMeasure(t, opts, () => {
      const a = t.tensor1d(randomData(N16M, 5));
      return { op: () => t.sum(a), dispose: [a] };
    });
  },
};

/**
 * An eager op on two tensors made from `values` (a number or a Float32Array), measured per op: `ours` and
 * `theirs` name the op in tensorshell and tfjs; tfjs disposes each result, as a user's code would.
 */
function eagerOpCase(name, ours, theirs, [x, y]) {
  return {
    name,
    unit: 'µs/op',
    lowerIsBetter: true,
    work: (s) => s * 1e6,
    tfjsBackends: ['cpu', 'wasm'],
    ours(opts) {
      const a = tf.constant(x);
      const b = tf.constant(y);
      return measure(() => tf[ours](a, b), opts, 1000);
    },
    tfjs(t, opts) {
      const a = t.tensor(x);
      const b = t.tensor(y);
      return measure(() => t[theirs](a, b).dispose(), opts, 1000);
    },
  };
}

const scalarCase = eagerOpCase('eager scalar mul', 'multiply', 'mul', [0.8, 1.0]);
// A lesson-sized vector op (the linear-regression lessons' 100 points): the result is a fresh ArrayBuffer
// off V8's heap, so this is the case the allocation tuning (native/README.md) speeds up.
const add100Case = eagerOpCase('eager add 100', 'add', 'add', [randomData(100, 1), randomData(100, 2)]);

/** Runs `body` in graph mode on a fresh default graph, back in eager mode afterwards. */
function inGraph(body) {
  tf.disableEagerExecution();
  tf.resetDefaultGraph();
  try {
    return body();
  } finally {
    tf.enableEagerExecution();
  }
}

// The "simplest neuron" step (w = 0.8, x = 1, loss = (w·x)², lr = 0.025), as a graph-mode train op
// written by hand: what GradientDescentOptimizer builds, one sess.run per step. numpy does the same
// by hand; tfjs-core alone registers no gradients, so it gets the same hand-written gradient.
const neuronCase = {
  name: 'neuron SGD step',
  unit: 'µs/step',
  lowerIsBetter: true,
  work: (s) => s * 1e6,
  tfjsBackends: ['cpu', 'wasm'],
  ours: (opts) => inGraph(() => {
    const x = tf.constant(1.0);
    const w = tf.Variable(0.8);
    const grad = tf.ops.mul(tf.ops.mul(2, tf.ops.mul(w, x)), x);
    const train = tf.assignSub(w, tf.ops.mul(0.025, grad));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    return measure(() => sess.run(train), opts, 100);
  }),
  tfjs(t, opts) {
    const w = t.variable(t.scalar(0.8));
    const x = t.scalar(1.0);
    const lr = t.scalar(0.025);
    const two = t.scalar(2);
    const r = measure(() => t.tidy(() => w.assign(t.sub(w, t.mul(lr, t.mul(t.mul(two, t.mul(w, x)), x))))), opts, 100);
    w.dispose();
    return r;
  },
};

// The same neuron trained the way the lessons do it: loss = (w·x − 0)², built with the operators.
const neuronLoss = (w, x) => tf.ops.pow(tf.ops.sub(tf.ops.mul(w, x), 0), 2);
function tfjsMinimize(t, opts) {
  const w = t.variable(t.scalar(0.8));
  const x = t.scalar(1.0);
  const zero = t.scalar(0);
  const opt = t.train.sgd(0.025);
  const r = measure(() => opt.minimize(() => t.square(t.sub(t.mul(w, x), zero))), opts, 100);
  w.dispose();
  return r;
}

// Graph mode: `GradientDescentOptimizer(0.025).minimize(loss)` builds TF 1.15's full gradient graph
// (52 ops with the tuple gates); one sess.run(train) per step.
const minimizeCase = {
  name: 'neuron minimize',
  unit: 'µs/step',
  lowerIsBetter: true,
  work: (s) => s * 1e6,
  tfjsBackends: ['cpu', 'wasm'],
  ours: (opts) => inGraph(() => {
    const train = tf.train.GradientDescentOptimizer(0.025).minimize(neuronLoss(tf.Variable(0.8), tf.constant(1.0)));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    return measure(() => sess.run(train), opts, 100);
  }),
  tfjs: tfjsMinimize,
};

// The same step as the REPL runs it: the lesson's code typed into a real Kernel (the REPL's engine) with a
// front end listening, as the Ink UI does, so every Session.run goes through the kernel's run listener (it
// keeps the last run for the graph view and reports one run ~20 times a second). The timed call is a
// function defined by an input, called from here: the step, not the parsing of an input, is the case.
const minimizeReplCase = {
  ...minimizeCase,
  name: 'minimize, REPL',
  async ours(opts) {
    const kernel = new Kernel({ mode: 'lazy' });
    const off = kernel.on(() => {});
    try {
      for (const line of [
        'const w = tf.Variable(0.8), x = tf.constant(1.0)',
        'const train = tf.train.GradientDescentOptimizer(0.025).minimize((w * x - 0) ** 2)',
        'const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())',
        'const step = () => sess.run(train)',
      ]) {
        const r = await kernel.execute(line);
        if (r.status !== 'ok') throw new Error(`minimize, REPL: the kernel rejected ${JSON.stringify(line)} (${r.status}): ${kernel.lastError?.message}`);
      }
      const step = (await kernel.execute('step')).value;
      return measure(step, opts, 100);
    } finally {
      off();
      kernel.dispose();
      tf.enableEagerExecution();
    }
  },
};

// Eager mode: a GradientTape records the forward ops, walks them back, and the optimizer applies.
const tapeCase = {
  name: 'neuron tape step',
  unit: 'µs/step',
  lowerIsBetter: true,
  work: (s) => s * 1e6,
  tfjsBackends: ['cpu', 'wasm'],
  ours(opts) {
    const w = tf.Variable(0.8);
    const x = tf.constant(1.0);
    const opt = tf.train.GradientDescentOptimizer(0.025);
    return measure(() => {
      const tape = tf.GradientTape();
      const loss = tape.record(() => neuronLoss(w, x));
      opt.applyGradients([[tape.gradient(loss, w), w]]);
    }, opts, 100);
  },
  tfjs: tfjsMinimize,
};

/** The cases in order; `big` adds matmul 4096. */
export function cases({ big }) {
  const sizes = [64, 128, 256, 512, 1024, 2048, ...(big ? [4096] : [])];
  return [...sizes.map(matmulCase), addCase, reduceCase, scalarCase, add100Case, neuronCase, minimizeCase, minimizeReplCase, tapeCase];
}
