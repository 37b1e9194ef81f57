// What the bench runs on and what that machine can do at most: the CPU (lscpu's model name, the vector
// flags that matter here), the load other processes put on it, and the addon's probes (the fp32 FMA
// peak of the widest vector unit, STREAM-style bandwidth, the pool's wake-up).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { IDLE_MS, sleep, stats } from './measure.js';

const require = createRequire(import.meta.url);
// The probes are a bench-only binding: the same addon file the engine loads (require caches it).
const { probes } = require('../../build/Release/tensorshell.node');

const FLAGS = ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512_vnni', 'avx512_bf16', 'avx2', 'fma'];

/** The CPU as lscpu names it (else /proc/cpuinfo), and which of FLAGS it has. */
export function cpuInfo() {
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' });
  const field = (name) => lscpu.stdout?.match(new RegExp(`^${name}:\\s*(.+)$`, 'm'))?.[1].trim();
  let flags = field('Flags')?.split(/\s+/) ?? [];
  let model = field('Model name');
  if (!model) {
    try {
      const text = readFileSync('/proc/cpuinfo', 'utf8');
      model = text.match(/^model name\s*:\s*(.+)$/m)?.[1];
      flags = text.match(/^flags\s*:\s*(.+)$/m)?.[1].split(/\s+/) ?? flags;
    } catch { /* not Linux */ }
  }
  return {
    model: model ?? 'unknown CPU',
    family: field('CPU family') ?? null,
    cpuModel: field('Model') ?? null,
    cpus: availableParallelism(),
    flags: FLAGS.filter((f) => flags.includes(f)),
  };
}

/** The 1-minute load average and whether other processes were keeping the cores busy. */
export function load() {
  const avg = loadavg()[0];
  return { loadavg1: Number(avg.toFixed(2)), busy: avg >= 0.5 * availableParallelism() };
}

const MiB = 1024 * 1024;

/** The machine's limits now: FMA peak and bandwidth on one thread and on all, and the pool's wake-up. */
export function measureLimits(threads, quick) {
  const all = Math.max(1, threads);
  const bytes = 64 * MiB; // per array: 3 × 64 MiB, far beyond any L3 here, the size of `add 16M`
  const bw = (kind, t) => Number(probes.bandwidth(kind, bytes, t).toFixed(1));
  const limits = {
    fmaUnit: probes.fmaUnit,
    fmaGflops: { one: Number(probes.fmaPeak(1).toFixed(0)), all: Number(probes.fmaPeak(all).toFixed(0)) },
    streamBytesPerArray: bytes,
    streamGBps: {},
  };
  for (const kind of ['copy', 'add', 'triad', 'read']) limits.streamGBps[kind] = { one: bw(kind, 1), all: bw(kind, all) };
  const warm = [];
  for (let i = 0; i < (quick ? 100 : 300); i++) warm.push(probes.poolWake());
  const cold = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    sleep(IDLE_MS);
    cold.push(probes.poolWake());
  }
  // -1: no worker started within 10 ms (none, or the only one ran on the caller's CPU).
  const us = (xs) => ({ ...stats(xs.filter((x) => x >= 0)), missed: xs.filter((x) => x < 0).length });
  limits.poolWakeUs = { warm: us(warm), cold: us(cold) };
  return limits;
}

/** The better of two measurements of the limits (a busy machine lowers them; the best is the limit). */
export function bestLimits(a, b) {
  if (!b) return a;
  const best = structuredClone(a);
  for (const k of ['one', 'all']) best.fmaGflops[k] = Math.max(a.fmaGflops[k], b.fmaGflops[k]);
  for (const kind of Object.keys(a.streamGBps)) {
    for (const k of ['one', 'all']) best.streamGBps[kind][k] = Math.max(a.streamGBps[kind][k], b.streamGBps[kind][k]);
  }
  return best;
}
