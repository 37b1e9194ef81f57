// Scalar series as the chart draws them (shared by the UI's chart panel and the plain front end's :chart):
// bounded in memory, evenly spread over the steps, and squeezed to the width (one column per step while
// they fit, else one per run of steps, keeping its extremes).

export interface Point {
  step: number;
  value: number;
}

export interface Series {
  /** Every `stride`-th point logged, in order: evenly spaced over the whole run. */
  points: Point[];
  stride: number;
  /** Points logged in all. */
  logged: number;
  /** The point logged last (kept or not): where the curve ends and what the legend says. */
  latest: Point;
  /** Points that were NaN or ±Infinity (a diverging loss): they have no place on the axis. */
  nonFinite: number;
}

/** Past this many points a series keeps every second one and doubles its stride. */
export const MAX_POINTS = 2048;

/** The series with `added` appended (a new object; the old one is left as it was, for React). */
export function appendPoints(series: Series | undefined, added: readonly Point[]): Series {
  let { points, stride, logged, nonFinite } = series ?? { points: [], stride: 1, logged: 0, nonFinite: 0 };
  points = points.slice();
  for (const p of added) {
    if (!Number.isFinite(p.value)) nonFinite++;
    else if (logged % stride === 0) points.push(p);
    logged++;
    if (points.length > MAX_POINTS) {
      points = points.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { points, stride, logged, latest: added.at(-1) ?? series!.latest, nonFinite };
}

/** The values to draw: the points kept, and the latest if it was not kept, so the curve ends where the run is. */
export function curve(series: Series): number[] {
  const values = series.points.map((p) => p.value);
  const latest = series.latest;
  if (Number.isFinite(latest.value) && series.points.at(-1) !== latest) values.push(latest.value);
  return values;
}

/**
 * One column of the chart: the steps from `enter` (the value the column before ended at, or the first
 * value) to `exit`, and the smallest and largest value among them. Squeezed, a column stands for many
 * values and keeps their extremes: the start of a training run is not averaged away.
 */
export interface Column {
  enter: number;
  exit: number;
  min: number;
  max: number;
}

/**
 * The curve through `values` in at most `width` columns, one per step between two values while they fit
 * (the first value sits on the axis, as asciichart draws it), else each column a run of consecutive steps.
 * Every value is in some column, so the first, the last and the extremes are all drawn.
 */
export function columns(values: readonly number[], width: number): Column[] {
  const steps = values.length - 1;
  const count = Math.min(steps, Math.max(0, width));
  const out: Column[] = [];
  for (let c = 0; c < count; c++) {
    const from = Math.floor((c * steps) / count);
    const to = Math.floor(((c + 1) * steps) / count);
    let min = values[from];
    let max = values[from];
    for (let i = from + 1; i <= to; i++) {
      if (values[i] < min) min = values[i];
      if (values[i] > max) max = values[i];
    }
    out.push({ enter: values[from], exit: values[to], min, max });
  }
  return out;
}
