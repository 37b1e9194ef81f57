// `:chart`: the scalars logged with tf.summary.scalar, drawn as text — the UI's chart panel, for pipes,
// transcripts and the plain front end. `:chart clear` forgets them.
import * as tf from '../../index.js';
import { formatValue, nothingLogged, plotChart } from '../chart.js';
import type { Kernel } from '../kernel.js';
import { appendPoints, type Series } from '../series.js';
import type { Command } from './command.js';

const seriesOf = new WeakMap<Kernel, Record<string, Series>>();

/** Keeps every scalar the kernel logs, from its construction on. */
export function recordScalars(kernel: Kernel): void {
  const series: Record<string, Series> = {};
  seriesOf.set(kernel, series);
  kernel.on((e) => {
    if (e.type === 'scalar-logged') series[e.name] = appendPoints(series[e.name], [{ step: e.step, value: e.value }]);
  });
}

export const chart: Command = {
  name: 'chart',
  summary: 'draw the scalars logged with tf.summary.scalar (:chart clear forgets them)',
  usage: '[clear]',
  run(kernel, args) {
    const series = seriesOf.get(kernel) ?? {};
    if (args.trim() === 'clear') {
      for (const k of Object.keys(series)) delete series[k];
      return 'chart cleared';
    }
    if (args.trim() !== '') throw new Error(`:chart takes no argument but 'clear', not '${args.trim()}'`);
    if (Object.keys(series).length === 0) return nothingLogged(summaryOps());
    const { lines, legend } = plotChart(series, 72, 12, kernel.colors);
    const key = legend.map((l) => `${legend.length > 1 ? `${l.glyph} ` : ''}${l.name} (${legend.length > 1 ? `${l.color}, ` : ''}last ${formatValue(l.last.value)} at step ${l.last.step})`);
    return [...lines, `  ${key.join('  ')}`].join('\n');
  },
};

/** The default graph's summary ops (none in eager mode, where a summary logs as it is called). */
function summaryOps(): string[] {
  if (tf.executingEagerly()) return [];
  return tf.getDefaultGraph().getOperations().filter((op) => op.type === 'ScalarSummary').map((op) => op.name);
}
