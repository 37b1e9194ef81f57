// `:time <expr>`, IPython's %timeit: the expression is compiled once into a loop function in the kernel's
// context, the loop count grows (1, 2, 5, 10, …) until a run takes a fair share of ~0.2 s, and then a few runs
// give the median time per loop and the spread (half the interquartile range: one slow run, e.g. a GC pause,
// moves neither). In lazy mode each loop of `a * b` adds an op: those are removed after every run, and the
// report says that graph building, not computing, was timed.
import vm from 'node:vm';
import * as tf from '../../index.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';
import { compileInContext } from './expression.js';

const TARGET_S = 0.2;
const RUNS = 7;
const MIN_RUNS = 3;
/** The loop function's name in the context while `:time` runs (non-enumerable, removed afterwards). */
const TIMED = '__tensorshell_timed';

export const time: Command = {
  name: 'time',
  summary: 'time an expression like %timeit: median ± IQR/2 per loop over several runs',
  usage: '<expr>',
  run(kernel, args) {
    const loop = compileInContext<(n: number) => void>(kernel, args, ':time',
      (e) => `(function (__loops) { for (let __i = 0; __i < __loops; __i++) (${e}\n); })`);
    Object.defineProperty(kernel.context, TIMED, { value: loop, configurable: true });
    try {
      return kernel.withoutRunEvents(() => measure(kernel));
    } finally {
      Reflect.deleteProperty(kernel.context, TIMED);
    }
  },
};

function measure(kernel: Kernel): string {
  let loops = 1;
  let first = timeRun(kernel, loops);
  for (let step = 0; first.seconds < TARGET_S / RUNS; step++) {
    loops = [1, 2, 5][(step + 1) % 3] * 10 ** Math.floor((step + 1) / 3);
    first = timeRun(kernel, loops);
  }
  // A slow expression gets the minimum number of runs, so `:time` stays near a second, not a minute.
  const runs = first.seconds * RUNS <= 2 * TARGET_S ? RUNS : MIN_RUNS;
  const perLoop = [first.seconds / loops];
  for (let i = 1; i < runs; i++) perLoop.push(timeRun(kernel, loops).seconds / loops);
  perLoop.sort((a, b) => a - b);
  const median = quantile(perLoop, 0.5);
  const spread = (quantile(perLoop, 0.75) - quantile(perLoop, 0.25)) / 2;
  const lines = [`${formatPair(median, spread)} per loop (median ± IQR/2 of ${runs} runs, ${loops} loop${loops === 1 ? '' : 's'} each)`];
  const ops = first.ops / loops;
  if (ops > 0) {
    lines.push(`lazy mode: each loop added ${ops} op${ops === 1 ? '' : 's'} to the graph (removed again), so this timed building `
      + 'the graph, not computing it; :time sess.run(…) times the computation');
  }
  return lines.join('\n');
}

/** One run of `loops` loops; every op it added is taken out of the graph again. */
function timeRun(kernel: Kernel, loops: number): { seconds: number; ops: number } {
  const graph = tf.getDefaultGraph();
  const script = new vm.Script(`${TIMED}(${loops})`, { filename: ':time' });
  const journal = graph.openJournal();
  try {
    const before = graph.version;
    const start = process.hrtime.bigint();
    // Ctrl-C stops a long `:time` as it stops any input.
    kernel.runScript((breakOnSigint) => script.runInContext(kernel.context, { breakOnSigint }));
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, ops: graph.version - before };
  } finally {
    journal.rollback();
  }
}

/** Linear interpolation between the closest ranks of sorted `xs`. */
function quantile(xs: readonly number[], q: number): number {
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
}

/** `4.31 µs ± 0.12 µs`: three significant digits, the spread in the median's unit and precision. */
export function formatPair(median: number, spread: number): string {
  const [scale, unit] = median < 1e-6 ? [1e9, 'ns'] : median < 1e-3 ? [1e6, 'µs'] : median < 1 ? [1e3, 'ms'] : [1, 's'];
  const m = median * scale;
  const digits = m >= 100 ? 0 : m >= 10 ? 1 : 2;
  return `${m.toFixed(digits)} ${unit} ± ${(spread * scale).toFixed(digits)} ${unit}`;
}
