// The chart panel's drawing, as text: every scalar series on one axis (asciichart), squeezed to the width
// given, and a legend entry per series with its colour, its line glyph and latest value. Pure, so it is
// tested as strings. Series differ by line style as well as colour (light, heavy, double, dashed), so two
// curves stay apart on a monochrome projector, in a transcript and for colour-blind readers.
import asciichart from 'asciichart';
import { curve, downsample, type Point, type Series } from './series.js';

/** Axis labels are this wide, whatever the values, so the plot never shifts sideways as they change. */
export const LABEL_WIDTH = 8;

/** Ink colour names, and asciichart's ANSI codes for the same colours, in the order series get them. */
const PALETTE: ReadonlyArray<readonly [string, string]> = [
  ['cyan', asciichart.cyan], ['magenta', asciichart.magenta], ['yellow', asciichart.yellow],
  ['green', asciichart.green], ['blue', asciichart.blue], ['red', asciichart.red],
];

/**
 * asciichart's symbols (axis ┼ ┤, ends ╶ ╴, line ─, corners ╰ ╭ ╮ ╯, riser │) for each series in turn; the
 * first is asciichart's own, so a single series looks as asciichart draws it.
 */
const GLYPHS: ReadonlyArray<readonly string[]> = [
  ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  ['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'],
  ['┼', '┤', '═', '═', '═', '╚', '╔', '╗', '╝', '║'],
  ['┼', '┤', '╶', '╴', '┄', '└', '┌', '┐', '┘', '┆'],
];

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

/** Draws `series` in `width` columns and `height` rows (axis labels included); `colors` adds ANSI colour. */
export function plotChart(series: Record<string, Series>, width: number, height: number, colors = true): Chart {
  const names = Object.keys(series);
  const legend = names.map((name, i): LegendEntry => ({
    name, color: PALETTE[i % PALETTE.length][0], glyph: GLYPHS[i % GLYPHS.length][4],
    last: series[name].latest, nonFinite: series[name].nonFinite,
  }));
  // One column per value after the label, a space and the axis.
  const dataWidth = width - LABEL_WIDTH - 2;
  const drawn = names.map((name, i) => ({ values: downsample(curve(series[name]), dataWidth), index: i }))
    .filter((d) => d.values.length > 0);
  if (drawn.length === 0 || dataWidth < 2 || height < 2) return { lines: [], legend };
  const all = drawn.flatMap((d) => d.values);
  let min = Math.min(...all);
  let max = Math.max(...all);
  // A flat series gets a little room above and below, or asciichart would draw it one row high.
  if (min === max) [min, max] = [min - 1, max + 1];
  // asciichart takes one set of symbols for all series: each series is plotted on its own, on the same
  // axis, and the plots are laid over each other (later series on top, as asciichart itself draws them).
  const plots = drawn.map((d) => asciichart.plot(d.values, {
    height: height - 1, min, max, offset: 3, format: formatTick, symbols: [...GLYPHS[d.index % GLYPHS.length]],
  }).split('\n').slice(0, height).map((line) => [...line]));
  const lines = plots[0].map((row, y) => {
    const cells = row.map((ch, x) => {
      let owner = ch === ' ' || x < DATA_START ? -1 : 0;
      let shown = ch;
      for (let k = 1; k < plots.length; k++) {
        const c = plots[k][y][x] ?? ' ';
        if (x === DATA_START - 1 && c === '┼') shown = c;
        else if (x >= DATA_START && c !== ' ') [shown, owner] = [c, k];
      }
      return owner < 0 || !colors ? shown : `${PALETTE[drawn[owner].index % PALETTE.length][1]}${shown}${asciichart.reset}`;
    });
    return cells.join('');
  });
  return { lines, legend };
}

/** Where the plot's data columns start: after the label, a space and the axis. */
const DATA_START = LABEL_WIDTH + 2;

/** A number in LABEL_WIDTH columns, right-aligned: 3 significant digits, exponent notation when it is shorter. */
export function formatTick(x: number): string {
  return formatValue(x).padStart(LABEL_WIDTH).slice(-LABEL_WIDTH);
}

/** `0.123`, `1.5e-5`, `12300`. */
export function formatValue(x: number): string {
  const plain = String(Number(x.toPrecision(3)));
  const exp = x.toExponential(1).replace('e+', 'e');
  return plain.length <= exp.length || x === 0 ? plain : exp;
}
