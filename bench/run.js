#!/usr/bin/env node
// npm run bench: tensorshell against @tensorflow/tfjs-backend-cpu and -wasm, side by side in one process,
// so ratios compare like with like on whatever machine this runs on. Medians of repeated timings.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from 'tensorshell';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');

/** Median seconds per call of `fn`, after warming up, over at least `minTime` seconds of samples. */
function time(fn, { minTime = quick ? 0.1 : 0.4, inner = 1 } = {}) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start) / 1000 < minTime) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push((performance.now() - t0) / 1000 / inner);
    if (samples.length > 2000) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

// tfjs-core's Node bundle registers no gradients and its per-gradient ES modules cannot be imported by
// Node directly, so the three the neuron needs are registered here, with the math of tfjs's own
// Multiply/Sub/Square gradient configs (their broadcasting branches are not needed for scalars).
function registerTfjsGradients(t) {
  t.registerGradient({ kernelName: 'Multiply', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => ({ a: () => t.mul(dy, b), b: () => t.mul(dy, a) }) });
  t.registerGradient({ kernelName: 'Sub', gradFunc: (dy) => ({ a: () => dy, b: () => t.neg(dy) }) });
  t.registerGradient({ kernelName: 'Square', inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({ x: () => t.mul(dy, t.mul(x, 2)) }) });
}

async function loadTfjs() {
  const peers = {};
  try {
    const tfc = await import('@tensorflow/tfjs-core');
    registerTfjsGradients(tfc);
    await import('@tensorflow/tfjs-backend-cpu');
    peers.cpu = tfc;
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
      wasm.setWasmPaths(join(dir, 'dist') + '/');
      peers.wasm = tfc;
    } catch (e) {
      console.log(`(tfjs-backend-wasm unavailable: ${e.message})`);
    }
  } catch (e) {
    console.log(`(tfjs unavailable: ${e.message}; run npm install to get the devDependencies)`);
  }
  return peers;
}

function randomData(n, seed) {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

async function withBackend(tfc, name, fn) {
  await tfc.setBackend(name);
  await tfc.ready();
  return fn(tfc);
}

function matmulCase(n) {
  return {
    name: `matmul ${n}×${n}`,
    unit: 'GFLOP/s',
    value: (s) => (2 * n ** 3) / s / 1e9,
    ours() {
      const a = tf.constant(randomData(n * n, 1), { shape: [n, n] });
      const b = tf.constant(randomData(n * n, 2), { shape: [n, n] });
      return time(() => tf.matmul(a, b), { inner: n <= 64 ? 50 : 1 });
    },
    tfjs(t) {
      const a = t.tensor2d(randomData(n * n, 1), [n, n]);
      const b = t.tensor2d(randomData(n * n, 2), [n, n]);
      const s = time(() => {
        const c = t.matMul(a, b);
        c.dataSync();
        c.dispose();
      }, { inner: n <= 64 ? 20 : 1 });
      a.dispose();
      b.dispose();
      return s;
    },
  };
}

const N_ADD = 16 * 1024 * 1024;
const addCase = {
  name: 'add 16M float32',
  unit: 'GB/s',
  value: (s) => (12 * N_ADD) / s / 1e9,
  ours() {
    const a = tf.constant(randomData(N_ADD, 3));
    const b = tf.constant(randomData(N_ADD, 4));
    return time(() => tf.add(a, b));
  },
  tfjs(t) {
    const a = t.tensor1d(randomData(N_ADD, 3));
    const b = t.tensor1d(randomData(N_ADD, 4));
    const s = time(() => {
      const c = t.add(a, b);
      c.dataSync();
      c.dispose();
    });
    a.dispose();
    b.dispose();
    return s;
  },
};

const scalarCase = {
  name: 'eager scalar mul',
  unit: 'µs/op',
  lowerIsBetter: true,
  value: (s) => s * 1e6,
  ours() {
    const a = tf.constant(0.8);
    const b = tf.constant(1.0);
    return time(() => tf.multiply(a, b), { inner: 1000 });
  },
  tfjs(t) {
    const a = t.scalar(0.8);
    const b = t.scalar(1.0);
    return time(() => t.mul(a, b).dispose(), { inner: 1000 });
  },
};

// The "simplest neuron" step (w = 0.8, x = 1, loss = (w·x)², lr = 0.025), as a graph-mode train op
// written by hand: what GradientDescentOptimizer builds, one sess.run per step.
const neuronCase = {
  name: 'neuron SGD step',
  unit: 'µs/step',
  lowerIsBetter: true,
  value: (s) => s * 1e6,
  ours() {
    tf.disableEagerExecution();
    tf.resetDefaultGraph();
    const x = tf.constant(1.0);
    const w = tf.Variable(0.8);
    const y = tf.ops.mul(w, x);
    const grad = tf.ops.mul(tf.ops.mul(2, y), x);
    const train = tf.assignSub(w, tf.ops.mul(0.025, grad));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const s = time(() => sess.run(train), { inner: 100 });
    tf.enableEagerExecution();
    return s;
  },
  // tfjs-core alone registers no gradients, so tfjs gets the same hand-written gradient.
  tfjs(t) {
    const w = t.variable(t.scalar(0.8));
    const x = t.scalar(1.0);
    const lr = t.scalar(0.025);
    const two = t.scalar(2);
    const s = time(() => t.tidy(() => w.assign(t.sub(w, t.mul(lr, t.mul(t.mul(two, t.mul(w, x)), x))))), { inner: 100 });
    w.dispose();
    return s;
  },
};

// The same neuron trained the way the lessons do it: loss = (w·x − 0)², built with the operators.
const neuronLoss = (w, x) => tf.ops.pow(tf.ops.sub(tf.ops.mul(w, x), 0), 2);
const tfjsNeuron = (t, body) => {
  const w = t.variable(t.scalar(0.8));
  const x = t.scalar(1.0);
  const zero = t.scalar(0);
  const opt = t.train.sgd(0.025);
  const s = body(() => opt.minimize(() => t.square(t.sub(t.mul(w, x), zero))));
  w.dispose();
  return s;
};

// Graph mode: `GradientDescentOptimizer(0.025).minimize(loss)` builds TF 1.15's full gradient graph
// (52 ops with the tuple gates); one sess.run(train) per step.
const minimizeCase = {
  name: 'neuron minimize',
  unit: 'µs/step',
  lowerIsBetter: true,
  value: (s) => s * 1e6,
  ours() {
    tf.disableEagerExecution();
    tf.resetDefaultGraph();
    const train = tf.train.GradientDescentOptimizer(0.025).minimize(neuronLoss(tf.Variable(0.8), tf.constant(1.0)));
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const s = time(() => sess.run(train), { inner: 100 });
    tf.enableEagerExecution();
    return s;
  },
  tfjs: (t) => tfjsNeuron(t, (step) => time(step, { inner: 100 })),
};

// The same step as the REPL runs it: the kernel listens to every Session.run (the graph view draws the last
// one), which must cost a training loop little.
const minimizeReplCase = {
  ...minimizeCase,
  name: 'minimize, REPL',
  ours() {
    let last = null;
    const off = tf.onRun((info) => { last = info; });
    try {
      return minimizeCase.ours();
    } finally {
      off();
      void last;
    }
  },
};

// Eager mode: a GradientTape records the forward ops, walks them back, and the optimizer applies.
const tapeCase = {
  name: 'neuron tape step',
  unit: 'µs/step',
  lowerIsBetter: true,
  value: (s) => s * 1e6,
  ours() {
    const w = tf.Variable(0.8);
    const x = tf.constant(1.0);
    const opt = tf.train.GradientDescentOptimizer(0.025);
    return time(() => {
      const tape = tf.GradientTape();
      const loss = tape.record(() => neuronLoss(w, x));
      opt.applyGradients([[tape.gradient(loss, w), w]]);
    }, { inner: 100 });
  },
  tfjs: (t) => tfjsNeuron(t, (step) => time(step, { inner: 100 })),
};

function fmt(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

async function main() {
  tf.enableEagerExecution();
  const info = tf.nativeInfo();
  console.log(`tensorshell bench — node ${process.version}, kernels: ${info.simd}, ${info.threads} threads; CUDA: ${info.cudaStatus}`);
  const peers = await loadTfjs();
  const cases = [matmulCase(64), matmulCase(256), matmulCase(1024), addCase, scalarCase, neuronCase, minimizeCase, minimizeReplCase, tapeCase];
  const rows = [];
  for (const c of cases) {
    const ours = c.value(c.ours());
    const row = { case: c.name, unit: c.unit, tensorshell: ours };
    for (const [label, backend] of [['tfjs-cpu', 'cpu'], ['tfjs-wasm', 'wasm']]) {
      const tfc = peers[backend];
      if (!tfc) continue;
      if (backend === 'cpu' && c.name === 'matmul 1024×1024' && quick) continue;
      try {
        const v = c.value(await withBackend(tfc, backend, (t) => c.tfjs(t)));
        row[label] = v;
        row[`× ${label}`] = c.lowerIsBetter ? v / ours : ours / v;
      } catch (e) {
        row[label] = `error: ${e.message}`;
      }
    }
    rows.push(row);
    console.log(`${c.name.padEnd(18)} ${fmt(ours).padStart(8)} ${c.unit.padEnd(8)}` +
      ['tfjs-cpu', 'tfjs-wasm'].map((p) => (typeof row[p] === 'number'
        ? `  ${p} ${fmt(row[p])} (tensorshell ${fmt(row[`× ${p}`])}× ${c.lowerIsBetter ? 'faster' : 'as fast'})`
        : row[p] ? `  ${p} ${row[p]}` : '')).join(''));
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
}

await main();
