#!/usr/bin/env node
// The conv-net cases of `npm run bench`, side by side in one run: the Deep MNIST network (issue 14's recipe:
// 5×5×32, pool, 5×5×64, pool, 1024 dense, dropout, 10; Adam 1e-4; batches of 50) against TensorFlow through
// python3 (when `import tensorflow` works there, or in $TENSORSHELL_TF_PYTHON) and tfjs-backend-wasm/cpu
// (forward convolutions only: tfjs-core's Node bundle registers no gradients). Medians of repeated timings;
// the training step also p90 and cold (first step after 300 ms idle), as bench/run.js measures.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from 'tensorshell';
import { measure, protocol, quantile } from './lib/measure.js';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');

/** Warm p50/p90 and cold p50/p90 of one training step, in ms, by bench/run.js's protocol. */
function stepStats(fn) {
  const { warm, cold } = measure(fn, { ...protocol(quick), warmCalls: quick ? 10 : 30, coldCalls: quick ? 3 : 5 });
  const ms = (xs, q) => quantile(xs, q) * 1000;
  return { step_ms: ms(warm, 0.5), step_p90_ms: ms(warm, 0.9), step_cold_ms: ms(cold, 0.5), step_cold_p90_ms: ms(cold, 0.9) };
}

function medianMs(fn, n) {
  for (let i = 0; i < 3; i++) fn();
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

function rand(shape, seed) {
  let s = seed >>> 0;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296;
  }
  return new tf.NDArray(out, shape, 'float32');
}

/** Ours, graph mode as the lesson builds it. */
function ours() {
  tf.disableEagerExecution();
  tf.resetDefaultGraph();
  tf.setRandomSeed(1);
  const x = tf.placeholder('float32', [null, 784]);
  const y_ = tf.placeholder('float32', [null, 10]);
  const keep = tf.placeholder('float32');
  const W = (s) => tf.Variable(tf.truncatedNormal(s, { stddev: 0.1 }));
  const B = (s) => tf.Variable(tf.constant(0.1, { shape: s }));
  const img = tf.reshape(x, [-1, 28, 28, 1]);
  const h1 = tf.nn.maxPool(tf.nn.relu(tf.add(tf.nn.conv2d(img, W([5, 5, 1, 32]), 1, 'SAME'), B([32]))), 2, 2, 'SAME');
  const h2 = tf.nn.maxPool(tf.nn.relu(tf.add(tf.nn.conv2d(h1, W([5, 5, 32, 64]), 1, 'SAME'), B([64]))), 2, 2, 'SAME');
  const fc = tf.nn.relu(tf.add(tf.matmul(tf.reshape(h2, [-1, 3136]), W([3136, 1024])), B([1024])));
  const y = tf.add(tf.matmul(tf.nn.dropout(fc, keep), W([1024, 10])), B([10]));
  const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels: y_, logits: y }));
  const train = tf.train.AdamOptimizer(1e-4).minimize(loss);
  const Ws = tf.Variable(tf.zeros([784, 10]));
  const bs = tf.Variable(tf.zeros([10]));
  const smLoss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels: y_, logits: tf.add(tf.matmul(x, Ws), bs) }));
  const smTrain = tf.train.GradientDescentOptimizer(0.5).minimize(smLoss);
  // The two layers alone, forward and both gradients, fed (a Session folds an all-constant subgraph once).
  const layers = [['conv1', [50, 28, 28, 1], [5, 5, 1, 32]], ['conv2', [50, 14, 14, 32], [5, 5, 32, 64]]].map(([name, xs, fs], k) => {
    const [i, f] = [tf.placeholder('float32', xs), tf.placeholder('float32', fs)];
    const c = tf.nn.conv2d(i, f, 1, 'SAME');
    const dy = tf.placeholder('float32', c.shape.asList());
    const [gi, gf] = tf.gradients(c, [i, f], { gradYs: [dy] });
    const fd = new Map([[i, rand(xs, k + 1)], [f, rand(fs, k + 2)], [dy, rand(c.shape.asList(), k + 3)]]);
    return [name, c, gi, gf, fd];
  });
  const sess = tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const labels = (n) => new tf.NDArray(Float32Array.from({ length: n * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0)), [n, 10], 'float32');
  const feed = new Map([[x, rand([50, 784], 5)], [y_, labels(50)], [keep, 0.5]]);
  const smFeed = new Map([[x, rand([100, 784], 6)], [y_, labels(100)]]);
  return {
    ...stepStats(() => sess.run(train, { feedDict: feed })),
    ...Object.fromEntries(layers.flatMap(([name, c, gi, gf, fd]) => [['fwd', c], ['bwd_input', gi], ['bwd_filter', gf]]
      .map(([k, t]) => [`${name}_${k}_ms`, medianMs(() => sess.run(t, { feedDict: fd }), quick ? 20 : 60)]))),
    softmax_epoch_ms: medianMs(() => { for (let i = 0; i < 550; i++) sess.run(smTrain, { feedDict: smFeed }); }, quick ? 1 : 3),
  };
}

function tensorflow() {
  const python = process.env.TENSORSHELL_TF_PYTHON ?? 'python3';
  const script = fileURLToPath(new URL('./convnet_tf.py', import.meta.url));
  const r = spawnSync(python, [script, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
  if (r.status !== 0) return { skipped: `no TensorFlow in ${python} (set TENSORSHELL_TF_PYTHON to a Python that has it)` };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function tfjs(backend) {
  try {
    const t = await import('@tensorflow/tfjs-core');
    if (backend === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
    if (!(await t.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not initialise`);
    await t.ready();
    const conv = (xs, fs) => {
      const a = t.tensor(rand(xs, 1).data, xs);
      const f = t.tensor(rand(fs, 2).data, fs);
      return medianMs(() => t.tidy(() => t.conv2d(a, f, 1, 'same').dataSync()), quick ? 5 : 20);
    };
    return { backend: t.getBackend(), conv1_fwd_ms: conv([50, 28, 28, 1], [5, 5, 1, 32]), conv2_fwd_ms: conv([50, 14, 14, 32], [5, 5, 32, 64]) };
  } catch (e) {
    return { skipped: e.message };
  }
}

const info = tf.nativeInfo();
const rows = { tensorshell: ours(), tensorflow: tensorflow(), 'tfjs-wasm': await tfjs('wasm'), 'tfjs-cpu': quick ? { skipped: '--quick' } : await tfjs('cpu') };
const cases = [
  ['conv net step (batch 50, Adam)', 'step_ms'],
  ['  its p90', 'step_p90_ms'],
  ['  cold: first step after 300 ms idle', 'step_cold_ms'],
  ['  cold p90', 'step_cold_p90_ms'],
  ['conv1 forward [50,28,28,1]', 'conv1_fwd_ms'],
  ['conv1 backprop input', 'conv1_bwd_input_ms'],
  ['conv1 backprop filter', 'conv1_bwd_filter_ms'],
  ['conv2 forward [50,14,14,32]', 'conv2_fwd_ms'],
  ['conv2 backprop input', 'conv2_bwd_input_ms'],
  ['conv2 backprop filter', 'conv2_bwd_filter_ms'],
  ['softmax regression epoch', 'softmax_epoch_ms'],
];
console.log(`\nconv net — kernels: ${info.simd}, ${info.threads} threads; TensorFlow: ${rows.tensorflow.version ?? rows.tensorflow.skipped}`);
for (const [label, key] of cases) {
  const us = rows.tensorshell[key];
  const present = ['tensorflow', 'tfjs-wasm', 'tfjs-cpu'].filter((p) => typeof rows[p][key] === 'number');
  const peers = present.map((p) => `  ${p} ${rows[p][key].toFixed(2)} ms`);
  // us/best: our speed over the fastest peer's (above 1: we are faster).
  const best = Math.min(...present.map((p) => rows[p][key]));
  const ratio = present.length ? `  → us/best ${(best / us).toFixed(2)}×` : '';
  console.log(`${label.padEnd(36)} ${us.toFixed(2).padStart(8)} ms${peers.join('')}${ratio}`);
}
for (const p of ['tensorflow', 'tfjs-wasm', 'tfjs-cpu']) if (rows[p].skipped) console.log(`(${p} skipped: ${rows[p].skipped})`);
if (json) console.log(JSON.stringify(rows, null, 2));
