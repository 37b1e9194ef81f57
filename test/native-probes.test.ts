// The bench's machine probes (addon.probes) and the thread pool: probes return positive finite
// figures and check their arguments; kernels give the same bits whether a size runs inline or on the
// pool (every GEMM path, 1, 2 and 4 threads, the pool's sleeping and spinning paths), the same bits on
// every repetition in one process (after idle gaps too), and from two JS threads at once. Speed is
// never asserted here: it lives in `npm run bench`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { addon } from '../src/backends/native/addon.js';

const finitePositive = (x: number) => Number.isFinite(x) && x > 0;

describe('machine probes', () => {
  const { probes } = addon;

  it('name the FMA unit and measure a positive finite peak on one thread and on all', () => {
    expect(['avx512', 'avx2-fma', 'scalar']).toContain(probes.fmaUnit);
    for (const threads of [1, addon.threads]) {
      const gflops = probes.fmaPeak(threads, 2);
      expect(finitePositive(gflops), `fmaPeak(${threads}) = ${gflops}`).toBe(true);
    }
  });

  it('measure positive finite bandwidth for every STREAM kernel', () => {
    for (const kind of ['copy', 'add', 'triad', 'read'] as const) {
      for (const threads of [1, 2]) {
        const gbps = probes.bandwidth(kind, 1 << 20, threads);
        expect(finitePositive(gbps), `bandwidth(${kind}, 1 MiB, ${threads}) = ${gbps}`).toBe(true);
      }
    }
    // Odd sizes: arrays are cut into whole cache lines per thread.
    expect(finitePositive(probes.bandwidth('add', 100, 3))).toBe(true);
  });

  it('measure the pool wake-up where there is a worker', () => {
    for (let i = 0; i < 20; i++) {
      const us = probes.poolWake();
      if (addon.threads === 1) expect(us).toBe(-1);
      else expect(us === -1 || finitePositive(us), `poolWake() = ${us}`).toBe(true);
    }
  });

  it('reject bad arguments with TypeError or RangeError', () => {
    expect(() => probes.fmaPeak(0)).toThrow(RangeError);
    expect(() => probes.fmaPeak(1.5)).toThrow(RangeError);
    expect(() => probes.fmaPeak('2' as unknown as number)).toThrow(TypeError);
    expect(() => probes.fmaPeak(1, 0)).toThrow(RangeError);
    expect(() => probes.fmaPeak(1, NaN)).toThrow(RangeError);
    expect(() => probes.bandwidth('scale' as 'copy', 1024, 1)).toThrow(/'copy', 'add', 'triad' or 'read'/);
    expect(() => probes.bandwidth(1 as unknown as 'copy', 1024, 1)).toThrow(TypeError);
    expect(() => probes.bandwidth('copy', 8, 1)).toThrow(RangeError);
    expect(() => probes.bandwidth('copy', -1, 1)).toThrow(RangeError);
    expect(() => probes.bandwidth('copy', 1024, 0)).toThrow(RangeError);
    expect(() => probes.bandwidth('copy', 1024, 1000)).toThrow(RangeError);
  });
});

// One script, run in child processes under different thread counts and kernels: every kernel that
// splits work over the pool, on sizes on both sides of its inline threshold, reduced to a digest per
// case. Inputs come from a fixed LCG, so every child computes the same products.
const CASES_SCRIPT = `
  const addon = require('./build/Release/tensorshell.node');
  const { createHash } = require('node:crypto');
  let s = 12345;
  const rand = (n) => Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5));
  const ints = (n) => Int32Array.from(rand(n), (x) => Math.round(x * 6000));
  const digest = (x) => createHash('sha256').update(Buffer.from(x.buffer, x.byteOffset, x.byteLength)).digest('hex');
  const out = {};
  const mm = [[40, 50, 60], [64, 64, 64], [100, 100, 100], [128, 128, 128], [200, 300, 150], [300, 130, 170],
    [257, 263, 269], [511, 97, 33], [2000, 3, 50], [3, 2000, 50]];
  for (const [m, n, k] of mm) for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    const a = rand(m * k), b = rand(k * n), c = new Float32Array(m * n).fill(NaN);
    addon.matmul(a, b, c, m, n, k, ta, tb);
    out['matmul ' + [m, n, k, ta, tb]] = digest(c);
  }
  for (const [m, n, k] of [[90, 80, 100], [700, 9, 30]]) {
    const a = ints(m * k), b = ints(k * n), c = new Int32Array(m * n);
    addon.matmul(a, b, c, m, n, k, false, false);
    out['int matmul ' + [m, n, k]] = digest(c);
  }
  for (const n of [1000, 300001, 1 << 20]) {
    const a = rand(n), b = rand(n), c = new Float32Array(n), e = new Float32Array(n);
    addon.binary(0, a, b, c);
    addon.unary(3, a, e);
    out['add ' + n] = digest(c);
    out['exp ' + n] = digest(e);
  }
  const x = rand(1000 * 700), t = new Float32Array(x.length);
  addon.transpose(x, t, Int32Array.of(1000, 700), Int32Array.of(1, 0));
  out.transpose = digest(t);
  const u = new Float32Array(300001);
  addon.random(0, u, 7, 1, 0);
  out.random = digest(u);
  process.stdout.write(JSON.stringify({ simd: addon.simd, threads: addon.threads, out }));
`;

function runCases(env: Record<string, string>) {
  const child = spawnSync(process.execPath, ['-e', CASES_SCRIPT], {
    env: { ...process.env, ...env }, maxBuffer: 1 << 24, encoding: 'utf8',
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { simd: string; threads: number; out: Record<string, string> };
}

describe('thread pool: the same bits inline and threaded', () => {
  it.each(['avx512', 'avx2', 'portable'])('TENSORSHELL_KERNELS=%s, 1 vs 2 vs 4 threads, spinning and sleeping', (kernels) => {
    const inline = runCases({ TENSORSHELL_KERNELS: kernels, TENSORSHELL_THREADS: '1' });
    expect(inline.threads).toBe(1);
    const threaded: Record<string, string>[] = [
      { TENSORSHELL_THREADS: '2' }, { TENSORSHELL_THREADS: '4' }, { TENSORSHELL_THREADS: '4', TENSORSHELL_SPIN_US: '0' },
    ];
    for (const env of threaded) {
      const r = runCases({ TENSORSHELL_KERNELS: kernels, ...env });
      expect(r.simd).toBe(inline.simd);
      expect(r.threads).toBe(Number(env.TENSORSHELL_THREADS));
      expect(r.out, JSON.stringify(env)).toEqual(inline.out);
    }
  });
});

describe('thread pool: the same bits every time in one process', () => {
  const r = (n: number, seed: number) => {
    let s = seed;
    return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5));
  };
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it('back to back and after idle gaps (the workers asleep), matmul and sums', () => {
    const n = 192;
    const a = r(n * n, 1);
    const b = r(n * n, 2);
    const x = r(1 << 21, 3);
    const first = new Float32Array(n * n);
    addon.matmul(a, b, first, n, n, n, false, false);
    const sum = new Float32Array(1);
    addon.reduce(0, x, sum, 1, x.length, 1);
    for (let i = 0; i < 400; i++) {
      if (i % 100 === 99) sleep(30);
      const c = new Float32Array(n * n);
      addon.matmul(a, b, c, n, n, n, false, false);
      expect(Buffer.compare(Buffer.from(c.buffer), Buffer.from(first.buffer)), `call ${i}`).toBe(0);
      const s = new Float32Array(1);
      addon.reduce(0, x, s, 1, x.length, 1);
      expect(s[0]).toBe(sum[0]);
    }
  });

  it('two JS threads using the pool at once get the results one thread gets', async () => {
    const { Worker } = await import('node:worker_threads');
    const n = 160;
    const a = r(n * n, 4);
    const b = r(n * n, 5);
    const expected = new Float32Array(n * n);
    addon.matmul(a, b, expected, n, n, n, false, true);
    const source = `
      const { parentPort, workerData: { a, b, n } } = require('node:worker_threads');
      const addon = require(${JSON.stringify(`${process.cwd()}/build/Release/tensorshell.node`)});
      const c = new Float32Array(n * n);
      let same = true;
      for (let i = 0; i < 200; i++) {
        const d = new Float32Array(n * n);
        addon.matmul(a, b, d, n, n, n, false, true);
        if (i === 0) c.set(d); else if (Buffer.compare(Buffer.from(c.buffer), Buffer.from(d.buffer)) !== 0) same = false;
      }
      parentPort.postMessage({ c, same });`;
    const worker = new Worker(source, { eval: true, workerData: { a, b, n } });
    const done = new Promise<{ c: Float32Array; same: boolean }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    for (let i = 0; i < 200; i++) {
      const c = new Float32Array(n * n);
      addon.matmul(a, b, c, n, n, n, false, true);
      expect(Buffer.compare(Buffer.from(c.buffer), Buffer.from(expected.buffer))).toBe(0);
    }
    const fromWorker = await done;
    await worker.terminate();
    expect(fromWorker.same).toBe(true);
    expect(Buffer.compare(Buffer.from(fromWorker.c.buffer), Buffer.from(expected.buffer))).toBe(0);
  });
});
