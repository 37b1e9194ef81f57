#!/usr/bin/env node
// npm run bench, last part: whether memory stays flat over a long eager session (issue 16: "RSS flat over 10⁶
// eager ops"). In a fresh process, 10⁶ eager ops as a lesson makes them — scalar multiplies, 100-element adds and
// every 100th a 64 × 64 matmul (a 16 KiB result: the pooled small-output blocks) — the last few results kept
// alive, as variables a user reassigns are. The resident set, V8's heap and its external (ArrayBuffer) memory
// are sampled every 10⁵ ops; "flat" is the end within 10 % of the figure after the first 10⁵ (the warm-up: the
// heap and malloc's arena reach their working size there). Options: --json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OPS = 1_000_000;
const SAMPLES = 10;
// The end may exceed the warm figure by this fraction before the row says "not flat".
const FLAT = 0.1;

/** The loop, run in a fresh Node process; prints one JSON line of samples (MiB). */
const loop = `
  const tf = await import('tensorshell');
  tf.enableEagerExecution();
  const mib = (x) => Math.round(x / 2 ** 20 * 10) / 10;
  const x = tf.constant(0.8), y = tf.constant(1.5);
  const u = tf.constant(new Float32Array(100).fill(0.25)), v = tf.constant(new Float32Array(100).fill(0.5));
  const a = tf.randomNormal([64, 64]), b = tf.randomNormal([64, 64]);
  const kept = new Array(8);
  const samples = [];
  const t0 = performance.now();
  for (let i = 1; i <= ${OPS}; i++) {
    const r = i % 100 === 0 ? tf.matmul(a, b) : i % 2 ? tf.multiply(x, y) : tf.add(u, v);
    kept[i & 7] = r;
    if (i % ${OPS / SAMPLES} === 0) {
      const m = process.memoryUsage();
      samples.push({ ops: i, rss: mib(m.rss), heapUsed: mib(m.heapUsed), external: mib(m.external + m.arrayBuffers) });
    }
  }
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1e3, samples }));
`;

function run() {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', loop], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the memory loop failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The verdict on a run's samples: growth of each figure from the first sample to the last. */
export function flatness(samples) {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const peak = Math.max(...samples.map((s) => s.rss));
  const growth = (last.rss - first.rss) / first.rss;
  return { warmRss: first.rss, endRss: last.rss, peakRss: peak, growth, flat: growth <= FLAT };
}

function main() {
  const { seconds, samples } = run();
  const v = flatness(samples);
  console.log(`tensorshell memory bench — ${OPS.toLocaleString('en')} eager ops in a fresh process (${seconds.toFixed(2)} s), MiB:`);
  console.log(`${'after ops'.padEnd(12)} ${'RSS'.padStart(8)} ${'V8 heap'.padStart(8)} ${'external'.padStart(9)}`);
  for (const s of samples) {
    console.log(`${s.ops.toLocaleString('en').padEnd(12)} ${s.rss.toFixed(1).padStart(8)} ${s.heapUsed.toFixed(1).padStart(8)} ${s.external.toFixed(1).padStart(9)}`);
  }
  const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
  console.log(`RSS ${v.warmRss} MiB after the first ${(OPS / SAMPLES).toLocaleString('en')} ops, ${v.endRss} at the end (${pct(v.growth)}; peak ${v.peakRss})` +
    `  ${v.flat ? `≤ +${100 * FLAT} % ✓ flat` : `> +${100 * FLAT} % ✗ growing`}`);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ops: OPS, seconds, samples, ...v }, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
