// The chart's text (the UI's chart panel and `:chart`), exact string by string: squeezed columns keep their
// extremes, the labels are the real extremes in every layout, one value is one point, tiny ranges stay
// readable; and the series it is drawn from.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { LABEL_WIDTH, axisLabels, formatValue, nothingLogged, plotChart } from '../src/kernel/chart.js';
import { MAX_POINTS, appendPoints, columns, curve, type Series } from '../src/kernel/series.js';
import { closeKernels, printingKernel } from './kernel-session.js';

const points = (values: number[]): Series => appendPoints(undefined, values.map((value, step) => ({ step, value })));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const plot = (values: Record<string, number[]>, width: number, height: number) =>
  plotChart(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, points(v)])), width, height, false).lines;

/** A loss curve as training draws it: steep first, then flat (100 points). */
const LOSS = [0.761, 0.093, 0.034, 0.02, 0.015, ...Array.from({ length: 95 }, (_, i) => 0.012 - i * 1e-4)];

describe('the chart', () => {
  it('fills the width and height given, with one legend entry per series', () => {
    const chart = plotChart({ loss: points([4, 3, 2, 1.5, 1.2, 1]), acc: points([0, 0.5, 0.9]) }, 30, 6, false);
    expect(chart.lines).toEqual([
      '       4 ┼╮',
      '         ┤╰╮',
      '         ┤ │',
      '         ┤ ╰─╮',
      '         ┤┏━ ╰─',
      '       0 ┼┛',
    ]);
    expect(chart.legend).toEqual([
      { name: 'loss', color: 'cyan', glyph: '─', last: { step: 5, value: 1 }, nonFinite: 0 },
      { name: 'acc', color: 'magenta', glyph: '━', last: { step: 2, value: 0.9 }, nonFinite: 0 },
    ]);
  });

  it('draws each series with its own line glyphs, so they differ without colour', () => {
    expect(plot({ loss: [4, 4, 4, 1, 1, 1], acc: [0, 0, 0, 3, 3, 3] }, 20, 5)).toEqual([
      '       4 ┼──╮',
      '         ┤  ┏━━',
      '         ┤  ┃',
      '         ┤  ┃──',
      '       0 ┼━━┛',
    ]);
  });

  it('squeezes a long series without averaging: the first column falls from the first loss, labelled as it is', () => {
    // Averaged columns made the top label 0.296 here and lost the start of training.
    expect(plot({ loss: LOSS }, 24, 5)).toEqual([
      '   0.761 ┼╮',
      '         ┤│',
      '         ┤│',
      '         ┤│',
      '  0.0026 ┤╰─────────────',
    ]);
  });

  it('a squeezed column spans its smallest and largest value: a spike and a dip stay drawn', () => {
    expect(plot({ loss: [1, 5, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1] }, 14, 6)).toEqual([
      '       5 ┤│',
      '         ┤│',
      '         ┤│',
      '         ┤│',
      '         ┼┴─┬─',
      '       0 ┤  │',
    ]);
  });

  it('labels the real extremes, the same in every layout: panel, presenter mode, `:chart`, any width', () => {
    const labels = new Set<string>();
    for (const [width, height] of [[30, 5], [44, 9], [72, 12], [120, 20]]) {
      const lines = plot({ loss: LOSS, other: LOSS.map((v) => v / 2) }, width, height);
      expect(lines).toHaveLength(height);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      labels.add(JSON.stringify(lines.map((l) => l.slice(0, LABEL_WIDTH).trim()).filter((l) => l !== '')));
    }
    expect([...labels]).toEqual(['["0.761","0.0013"]']);
  });

  it('draws a one-point series as one point, labelled with its value; a flat series as one row', () => {
    expect(plot({ loss: [0.709] }, 30, 6)).toEqual(['   0.709 ┼╴']);
    expect(plot({ loss: [2, 2, 2, 2] }, 30, 6)).toEqual(['       2 ┼───']);
  });

  it('gives a tiny range labels with the digits that tell them apart; past those, one label', () => {
    expect(plot({ loss: [1, 1.0001, 1] }, 30, 3)).toEqual([
      '  1.0001 ┤╭╮',
      '         ┤││',
      '       1 ┼╯╰',
    ]);
    expect(plot({ loss: [4.1e-15, 3.9e-15, 3.3e-15, 3.3e-15] }, 30, 4)).toEqual([
      ' 4.1e-15 ┼╮',
      '         ┤╰╮',
      '         ┤ │',
      ' 3.3e-15 ┤ ╰─',
    ]);
    expect(plot({ loss: [0.1, 0.1 + 1e-12, 0.1] }, 30, 4)).toEqual(['     0.1 ┼──']);
    expect([axisLabels(0, 0), axisLabels(-1, 1), axisLabels(0.25, 0.2500004)]).toEqual([['0'], ['1', '-1'], ['0.25']]);
  });

  it('colours each cell of a series with its colour, and leaves out NaN and Infinity, counting them', () => {
    expect(plotChart({ loss: points([1, 2]) }, 20, 2).lines).toEqual(['       2 ┤\x1b[36m╭\x1b[0m', '       1 ┼\x1b[36m╯\x1b[0m']);
    const chart = plotChart({ loss: points([2, NaN, 3, Infinity]) }, 30, 4);
    expect(chart.lines.map(strip)).toEqual(['       3 ┤╭', '         ┤│', '         ┤│', '       2 ┼╯']);
    expect(chart.legend[0]).toMatchObject({ nonFinite: 2, last: { step: 3, value: Infinity } });
  });

  it('draws nothing without room or values', () => {
    expect(plotChart({ loss: points([NaN]) }, 30, 4).lines).toEqual([]);
    expect(plotChart({ loss: points([1, 2]) }, LABEL_WIDTH + 2, 4).lines).toEqual([]);
  });

  it('numbers take at most the label width', () => {
    for (const x of [0, 1, -1, 0.1234567, 123456789, -0.000012345, 1e-30, -98765.4321]) {
      expect(formatValue(x).length, String(x)).toBeLessThanOrEqual(LABEL_WIDTH);
    }
    expect([formatValue(0.1234567), formatValue(123456789), formatValue(0.000012345)]).toEqual(['0.123', '1.2e8', '1.2e-5']);
  });

  it('says what to do when nothing is logged, naming a summary op that no run fetched', () => {
    expect(nothingLogged([])).toBe("nothing logged yet: tf.summary.scalar('loss', loss) logs a point each time a Session.run evaluates it (fetch it: sess.run([train, summary])), or at once in eager mode");
    expect(nothingLogged(['loss'])).toBe("nothing logged yet: the summary op 'loss' is in the graph, but no Session.run has evaluated it. A point is logged each time a run fetches it: sess.run(summary), or in the list of fetches, sess.run([train, summary])");
  });
});

describe('the series', () => {
  it('columns: one per step while they fit; squeezed, each keeps its first, last, smallest and largest value', () => {
    expect(columns([3, 1, 2], 5)).toEqual([{ enter: 3, exit: 1, min: 1, max: 3 }, { enter: 1, exit: 2, min: 1, max: 2 }]);
    expect(columns([1, 9, 2, 0, 5], 2)).toEqual([{ enter: 1, exit: 2, min: 1, max: 9 }, { enter: 2, exit: 5, min: 0, max: 5 }]);
    expect(columns([7], 5)).toEqual([]);
  });

  it('a long series keeps points evenly spread over all its steps, and ends at the latest', () => {
    let s: Series | undefined;
    // Logged in batches, as the UI applies them.
    for (let from = 0; from < 10 * MAX_POINTS; from += 128) {
      s = appendPoints(s, Array.from({ length: 128 }, (_, i) => ({ step: from + i, value: from + i })));
    }
    const steps = s!.points.map((p) => p.step);
    expect(steps.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(steps[0]).toBe(0);
    const gaps = new Set(steps.slice(1).map((step, i) => step - steps[i]));
    expect([...gaps]).toEqual([s!.stride]);
    expect(s!.logged).toBe(10 * MAX_POINTS);
    expect(curve(s!).at(-1)).toBe(10 * MAX_POINTS - 1);
  });
});

describe(':chart in the plain front end', () => {
  afterEach(closeKernels);

  it('names a summary op that no run fetched, then draws it once a run has', async () => {
    tf.resetDefaultGraph();
    const { run } = printingKernel();
    expect(await run(':chart')).toBe(nothingLogged([]));
    await run("const w = tf.Variable(0.709); const summary = tf.summary.scalar('loss', w); const sess = tf.Session()");
    await run('sess.run(tf.globalVariablesInitializer())');
    expect(await run(':chart')).toBe(nothingLogged(['loss']));
    await run('sess.run(summary)');
    expect(await run(':chart')).toBe('   0.709 ┼╴\n  loss (last 0.709 at step 0)');
  });
});
