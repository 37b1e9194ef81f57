// The bench's timing protocol, the same for us and every peer (bench/peers/protocol.py is its Python
// twin): warm up, then consecutive warm samples (each the mean of `inner` calls, so sub-microsecond ops
// stay above the clock's resolution), then cold samples: one call each after 300 ms of idle time, which
// is what a REPL user meets at every input. Raw seconds per call come back; `stats` turns them into
// p50/p90 for every implementation alike.

export const IDLE_MS = 300;
const idle = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` milliseconds: the process sleeps, as a REPL waiting for input does. */
export function sleep(ms) {
  Atomics.wait(idle, 0, 0, ms);
}

/** Options by run length: `--quick` takes fewer samples. */
export function protocol(quick) {
  return quick
    ? { warmCalls: 100, maxWarmS: 0.4, coldCalls: 3, warmupS: 0.05 }
    : { warmCalls: 300, maxWarmS: 2, coldCalls: 7, warmupS: 0.2 };
}

/** Raw warm and cold seconds per call of `fn` (see the file comment). */
export function measure(fn, opts, inner = 1) {
  const now = () => performance.now() / 1000;
  const warmupEnd = now() + opts.warmupS;
  for (let n = 0; n < 3 || now() < warmupEnd; n++) fn();
  const warm = [];
  const stop = now() + opts.maxWarmS;
  while (warm.length < opts.warmCalls && (warm.length < 10 || now() < stop)) {
    const t0 = now();
    for (let i = 0; i < inner; i++) fn();
    warm.push((now() - t0) / inner);
  }
  const cold = [];
  for (let i = 0; i < opts.coldCalls; i++) {
    sleep(IDLE_MS);
    const t0 = now();
    fn();
    cold.push(now() - t0);
  }
  return { warm, cold };
}

/** The q-quantile (0..1) of xs, nearest rank. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** p50 and p90 of seconds-per-call samples, and how many there were. */
export function stats(samples) {
  if (!samples || samples.length === 0) return null;
  return { p50: quantile(samples, 0.5), p90: quantile(samples, 0.9), n: samples.length };
}
