#!/usr/bin/env node
// npm run bench, last part: whether memory stays flat over a long eager session (issue 16: "RSS flat over 10⁶
// eager ops"). In a fresh process, 10⁶ eager ops as a lesson makes them — scalar multiplies, 100-element adds and
// every 100th a 64 × 64 matmul (a 16 KiB result: the pooled small-output blocks) — the last few results kept
// alive, as variables a user reassigns are. Every 10⁵ ops, after a full collection (the child runs with
// --expose-gc), it samples the RSS, V8's live heap and the heap V8 has reserved, and external (ArrayBuffer)
// memory. "Flat" is judged on the second half, on the two places a leak would show: the live heap (retained
// tensor objects) and the memory outside V8's heap, RSS minus the reserved heap (retained results' buffers,
// the addon's allocations). The RSS alone is not the test: V8 grows its young generation once, to its
// working size, at a point that varies from run to run (+8 MiB reserved, seen at 1–5·10⁵ ops). Each must end
// within 5 % (+ 0.5 MiB) of its figure at 5·10⁵ ops; 10 bytes leaked per op would add ~5 MiB. Options: --json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPS = 1_000_000;
const SAMPLES = 10;
// A figure may end this much above its halfway value (a fraction, and MiB) before the row says "growing".
const FLAT = 0.05;
const SLACK_MIB = 0.5;

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
      gc();
      const m = process.memoryUsage();
      samples.push({ ops: i, rss: mib(m.rss), heapTotal: mib(m.heapTotal), heapUsed: mib(m.heapUsed), external: mib(m.external + m.arrayBuffers) });
    }
  }
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1e3, samples }));
`;

function run() {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', loop], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the memory loop failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The verdict on a run's samples: how the live heap and the memory outside V8's heap grew over the second half. */
function flatness(samples) {
  const mid = samples[samples.length / 2 - 1];
  const last = samples[samples.length - 1];
  const outside = (x) => x.rss - x.heapTotal;
  const grew = (f) => ({ mid: f(mid), end: f(last), flat: f(last) <= f(mid) * (1 + FLAT) + SLACK_MIB });
  const live = grew((x) => x.heapUsed);
  const native = grew(outside);
  const bytesPerOp = ((outside(last) - outside(mid) + last.heapUsed - mid.heapUsed) * 2 ** 20) / (last.ops - mid.ops);
  return { live, outside: native, bytesPerOp, rss: { first: samples[0].rss, end: last.rss }, flat: live.flat && native.flat };
}

function main() {
  const { seconds, samples } = run();
  const v = flatness(samples);
  console.log(`tensorshell memory bench — ${OPS.toLocaleString('en')} eager ops in a fresh process (${seconds.toFixed(2)} s), MiB:`);
  console.log(`${'after ops'.padEnd(12)} ${'RSS'.padStart(8)} ${'live heap'.padStart(9)} ${'reserved'.padStart(8)} ${'external'.padStart(9)}`);
  for (const s of samples) {
    console.log(`${s.ops.toLocaleString('en').padEnd(12)} ${s.rss.toFixed(1).padStart(8)} ${s.heapUsed.toFixed(1).padStart(9)} ${s.heapTotal.toFixed(1).padStart(8)} ${s.external.toFixed(1).padStart(9)}`);
  }
  const mibs = (g) => `${g.mid.toFixed(1)} → ${g.end.toFixed(1)} MiB${g.flat ? '' : ' ✗'}`;
  console.log(`second half (${(OPS / 2).toLocaleString('en')} → ${OPS.toLocaleString('en')} ops): live heap ${mibs(v.live)}, ` +
    `outside V8's heap ${mibs(v.outside)} (${v.bytesPerOp.toFixed(1)} bytes an op); RSS ${v.rss.first} → ${v.rss.end} MiB over the run` +
    `  ${v.flat ? `≤ +${100 * FLAT} % ✓ flat` : `> +${100 * FLAT} % ✗ growing`}`);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ops: OPS, seconds, samples, ...v }, null, 2));
}

main();
