#!/usr/bin/env node
// npm run bench, first part: tensorshell against the peers a user would pick, in one run on this
// machine — numpy and TensorFlow (each in its own Python process, when importable) and tfjs-cpu/-wasm
// (in this process) — every case end to end through the public API, warm and cold (first call after
// 300 ms idle), p50 and p90, with the machine's limits (FMA peak, STREAM bandwidth) measured by the
// addon before and after. Options: --quick (fewer samples), --json (everything as JSON at the end),
// --big (adds matmul 4096), --only TEXT (cases whose name contains TEXT).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from 'tensorshell';
import { cases } from './cases.js';
import { bestLimits, cpuInfo, load, measureLimits } from './lib/machine.js';
import { protocol } from './lib/measure.js';
import { numpyPeer, tensorflowPeer } from './lib/peers.js';
import { caseLines, fmt, limitOf, summarize, versusBest } from './lib/report.js';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const json = argv.includes('--json');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;

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

/** tfjs-core with the backends that load here, or why none did. */
async function loadTfjs() {
  try {
    const t = await import('@tensorflow/tfjs-core');
    registerTfjsGradients(t);
    await import('@tensorflow/tfjs-backend-cpu');
    const backends = ['cpu'];
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
      backends.push('wasm');
    } catch (e) {
      console.log(`(tfjs-backend-wasm unavailable: ${e.message})`);
    }
    return { t, backends, version: t.version_core };
  } catch (e) {
    return { skipped: `tfjs unavailable: ${e.message}; run npm install to get the devDependencies` };
  }
}

async function tfjsResults(list, opts) {
  const tfjs = await loadTfjs();
  const out = { 'tfjs-cpu': {}, 'tfjs-wasm': {} };
  if (tfjs.skipped) return { out, skipped: tfjs.skipped };
  for (const backend of tfjs.backends) {
    await tfjs.t.setBackend(backend);
    await tfjs.t.ready();
    for (const c of list) {
      if (!c.tfjsBackends.includes(backend)) continue;
      try {
        out[`tfjs-${backend}`][c.name] = c.tfjs(tfjs.t, opts);
      } catch (e) {
        out[`tfjs-${backend}`][c.name] = { error: e.message };
      }
    }
  }
  return { out, version: tfjs.version };
}

// In a fresh process the first ~100 MB of results land on pages never touched before, which on these
// VMs cost 10–35 µs per 4 KiB page to fault in; after V8's first collections freed memory is reused.
// Touch and drop that much once, so every case measures the steady state a long session runs in.
function warmHeap() {
  for (let i = 0; i < 8; i++) new Float32Array(4 * 1024 * 1024).fill(1);
}

function printLimits(limits) {
  const s = limits.streamGBps;
  const bw = (k) => `${k} ${fmt(s[k].one)} / ${fmt(s[k].all)}`;
  console.log(`limits: fp32 FMA peak (${limits.fmaUnit}) 1 / all threads: ${fmt(limits.fmaGflops.one)} / ` +
    `${fmt(limits.fmaGflops.all)} GFLOP/s; bandwidth (3 × 64 MiB float32) GB/s: ${['copy', 'add', 'triad', 'read'].map(bw).join(', ')}`);
  const w = limits.poolWakeUs;
  const missed = (x) => (x.missed ? `, ${x.missed} of ${x.missed + (x.n ?? 0)} without a worker in 10 ms` : '');
  console.log(`thread-pool wake-up (publish → a worker starts), µs: warm p50 ${fmt(w.warm.p50)} p90 ${fmt(w.warm.p90)}` +
    `${missed(w.warm)}; after 300 ms idle p50 ${fmt(w.cold.p50)} p90 ${fmt(w.cold.p90)}${missed(w.cold)}`);
}

async function main() {
  tf.enableEagerExecution();
  const info = tf.nativeInfo();
  const cpu = cpuInfo();
  const loadStart = load();
  console.log(`tensorshell bench — ${cpu.model} (family ${cpu.family} model ${cpu.cpuModel}), ${cpu.cpus} CPUs, ` +
    `flags: ${cpu.flags.join(' ')}; node ${process.version}; kernels: ${info.simd}, ${info.threads} threads; ` +
    `allocation: ${info.allocation}`);
  warmHeap();
  const list = cases({ big: argv.includes('--big') }).filter((c) => !only || c.name.includes(only));
  const opts = protocol(quick);
  const limitsStart = measureLimits(info.threads, quick);
  const ours = {};
  for (const c of list) ours[c.name] = await c.ours(opts);
  const names = list.map((c) => c.name);
  const numpy = numpyPeer(names, opts);
  const tensorflow = tensorflowPeer(names, opts);
  const tfjs = await tfjsResults(list, opts);
  const limitsEnd = measureLimits(info.threads, quick);
  const limits = bestLimits(limitsStart, limitsEnd);
  const loadEnd = load();

  const np = numpy.meta;
  console.log(`peers: ${np ? `numpy ${np.version} (${np.openblas?.corename ?? '?'} kernel, ${np.openblas?.threads ?? '?'} threads; ${np.openblas?.config ?? ''})` : numpy.skipped}; ` +
    `${tensorflow.meta ? `TensorFlow ${tensorflow.meta.version} (intra-op threads: ${tensorflow.meta.intraOpThreads})` : tensorflow.skipped}; ` +
    `${tfjs.skipped ?? `tfjs ${tfjs.version} (cpu, wasm SIMD single-threaded)`}`);
  console.log(`(${numpy.note})`);
  printLimits(limits);
  console.log(`load average: ${loadStart.loadavg1} at the start, ${loadEnd.loadavg1} at the end` +
    (loadStart.busy || loadEnd.busy ? ' — other processes were running: expect noise, compare within this run' : ''));
  console.log('');

  const rows = [];
  for (const c of list) {
    const results = { tensorshell: summarize(c, ours[c.name]) };
    const peers = [['numpy', numpy.cases], ['tensorflow', tensorflow.cases], ['tfjs-wasm', tfjs.out['tfjs-wasm']], ['tfjs-cpu', tfjs.out['tfjs-cpu']]];
    for (const [name, samples] of peers) {
      const s = samples?.[c.name];
      if (s) results[name] = s.error ? { error: s.error } : summarize(c, s);
    }
    const vs = versusBest(c, results);
    const limit = limitOf(c, limits);
    for (const line of caseLines(c, results, vs, limit)) console.log(line);
    rows.push({ case: c.name, unit: c.unit, lowerIsBetter: !!c.lowerIsBetter, results, vsBest: vs, limit });
  }
  if (json) {
    console.log(JSON.stringify({
      machine: { cpu, node: process.version, kernels: info.simd, threads: info.threads, loadStart, loadEnd },
      limits: { start: limitsStart, end: limitsEnd, best: limits },
      peers: { numpy: numpy.meta ?? { skipped: numpy.skipped }, numpyNote: numpy.note,
        tensorflow: tensorflow.meta ?? { skipped: tensorflow.skipped }, tfjs: tfjs.version ?? tfjs.skipped },
      protocol: opts, rows,
    }, null, 2));
  }
}

await main();
