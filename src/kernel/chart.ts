// The chart panel's drawing, as text: every scalar series on one axis, in asciichart's style (a line of box
// characters, the first value on the axis), squeezed to the width given, and a legend entry per series
// with its colour, its line glyph and latest value. Pure, so it is tested as strings.
// Honest at any size: a column that stands for many values spans all of them, from its smallest to its
// largest (nothing is averaged away), and the axis is labelled with the real extremes only — the top row is
// the largest value drawn and the bottom row the smallest, the same in every layout and at every width.
// Series differ by line style as well as colour (light, heavy, double, dashed), so two curves stay apart on
// a monochrome projector, in a transcript and for colour-blind readers.
import { columns, curve, type Point, type Series } from './series.js';

/** Axis labels are this wide, whatever the values, so the plot never shifts sideways as they change. */
export const LABEL_WIDTH = 8;

const RESET = '\x1b[0m';

/** Ink colour names, and the ANSI codes for the same colours, in the order series get them. */
const PALETTE: ReadonlyArray<readonly [string, string]> = [
  ['cyan', '\x1b[36m'], ['magenta', '\x1b[35m'], ['yellow', '\x1b[33m'],
  ['green', '\x1b[32m'], ['blue', '\x1b[34m'], ['red', '\x1b[31m'],
];

/**
 * Each series' line characters, by the sides a cell connects: left, right, up, down. `end` is a series of
 * one value. The first family is asciichart's.
 */
interface Glyphs { h: string; v: string; ld: string; lu: string; rd: string; ru: string; lrd: string; lru: string; lud: string; rud: string; all: string; end: string }
const glyphs = (s: string): Glyphs => {
  const [h, v, ld, lu, rd, ru, lrd, lru, lud, rud, all, end] = [...s];
  return { h, v, ld, lu, rd, ru, lrd, lru, lud, rud, all, end };
};
const GLYPHS: readonly Glyphs[] = [glyphs('─│╮╯╭╰┬┴┤├┼╴'), glyphs('━┃┓┛┏┗┳┻┫┣╋╸'), glyphs('═║╗╝╔╚╦╩╣╠╬═'), glyphs('┄┆┐┘┌└┬┴┤├┼╴')];

export interface LegendEntry {
  name: string;
  /** Ink colour name. */
  color: string;
  /** The series' line character: `─`, `━`, `═`, `┄`. */
  glyph: string;
  /** The point logged last (its value may be NaN: a diverging loss says so). */
  last: Point;
  /** Points left out because they were NaN or ±Infinity. */
  nonFinite: number;
}

export interface Chart {
  /** The plot's rows (empty when there is nothing to draw or no room), each `width` columns at most. */
  lines: string[];
  legend: LegendEntry[];
}

/**
 * Draws `series` in `width` columns and `height` rows (axis labels included); `colors` adds ANSI colour.
 * Values that do not differ in the labels' digits (one value, a flat series) are one row with one label.
 */
export function plotChart(series: Record<string, Series>, width: number, height: number, colors = true): Chart {
  const names = Object.keys(series);
  const legend = names.map((name, i): LegendEntry => ({
    name, color: PALETTE[i % PALETTE.length][0], glyph: GLYPHS[i % GLYPHS.length].h,
    last: series[name].latest, nonFinite: series[name].nonFinite,
  }));
  // One column per step after the label, a space and the axis.
  const dataWidth = width - LABEL_WIDTH - 2;
  const drawn = names.map((name, index) => ({ values: curve(series[name]), index })).filter((d) => d.values.length > 0);
  if (drawn.length === 0 || dataWidth < 2 || height < 2) return { lines: [], legend };
  let min = Infinity;
  let max = -Infinity;
  for (const { values } of drawn) {
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const labels = axisLabels(min, max);
  const rows = labels.length === 1 ? 1 : height;
  const rowOf = (v: number) => (rows === 1 ? 0 : Math.round(((max - v) / (max - min)) * (rows - 1)));
  // Later series are drawn over earlier ones.
  const cells: Array<Array<{ ch: string; owner: number } | null>> = Array.from({ length: rows }, () => new Array(dataWidth).fill(null));
  const onAxis = new Set<number>();
  for (const { values, index } of drawn) {
    const g = GLYPHS[index % GLYPHS.length];
    onAxis.add(rowOf(values[0]));
    if (values.length === 1) cells[rowOf(values[0])][0] = { ch: g.end, owner: index };
    columns(values, dataWidth).forEach((col, x) => {
      const [enter, exit, top, bottom] = [rowOf(col.enter), rowOf(col.exit), rowOf(col.max), rowOf(col.min)];
      for (let y = top; y <= bottom; y++) cells[y][x] = { ch: cell(g, y === enter, y === exit, y > top, y < bottom), owner: index };
    });
  }
  const lines = cells.map((row, y) => {
    const label = y === 0 ? labels[0] : y === rows - 1 ? labels[1] : '';
    let used = row.length;
    while (used > 0 && row[used - 1] === null) used--;
    const plot = row.slice(0, used).map((c) => {
      if (c === null) return ' ';
      return colors ? `${PALETTE[c.owner % PALETTE.length][1]}${c.ch}${RESET}` : c.ch;
    });
    return `${label.padStart(LABEL_WIDTH)} ${onAxis.has(y) ? '┼' : '┤'}${plot.join('')}`;
  });
  return { lines, legend };
}

/** The character of a cell the line enters from the left, leaves to the right, or goes on up or down from. */
function cell(g: Glyphs, left: boolean, right: boolean, up: boolean, down: boolean): string {
  if (up && down) return left && right ? g.all : left ? g.lud : right ? g.rud : g.v;
  if (up) return left && right ? g.lru : left ? g.lu : right ? g.ru : g.v;
  if (down) return left && right ? g.lrd : left ? g.ld : right ? g.rd : g.v;
  return g.h;
}

/**
 * The top and bottom labels: the largest and smallest value, with as many digits as it takes to tell them
 * apart (`1.0001` over `1`) within LABEL_WIDTH; one label when they cannot be told apart (one value, a flat
 * series, a difference past the labels' digits), and the plot is then one row.
 */
export function axisLabels(min: number, max: number): string[] {
  if (min < max) {
    for (let extra = 0; extra <= 5; extra++) {
      const [top, bottom] = [formatValue(max, extra), formatValue(min, extra)];
      if (top.length > LABEL_WIDTH || bottom.length > LABEL_WIDTH) break;
      if (top !== bottom) return [top, bottom];
    }
  }
  return [formatValue(max)];
}

/** `0.123`, `1.5e-5`, `12300`: 3 significant digits (2 in exponent notation), `extra` more, whichever is shorter. */
export function formatValue(x: number, extra = 0): string {
  const plain = String(Number(x.toPrecision(3 + extra)));
  const exp = x.toExponential(1 + extra).replace('e+', 'e');
  return plain.length <= exp.length || x === 0 ? plain : exp;
}

/**
 * What `:chart` says while nothing is logged, in the plain front end and in the UI: a summary op logs a
 * point only when a Session.run evaluates it, so one that was made but never fetched is named.
 */
export function nothingLogged(summaryOps: readonly string[]): string {
  if (summaryOps.length === 0) {
    return "nothing logged yet: tf.summary.scalar('loss', loss) logs a point each time a Session.run evaluates it (fetch it: sess.run([train, summary])), or at once in eager mode";
  }
  const named = `${summaryOps.length > 1 ? 'ops' : 'op'} ${summaryOps.map((n) => `'${n}'`).join(', ')}`;
  return `nothing logged yet: the summary ${named} ${summaryOps.length > 1 ? 'are' : 'is'} in the graph, but no Session.run has evaluated it. A point is logged each time a run fetches it: sess.run(summary), or in the list of fetches, sess.run([train, summary])`;
}
