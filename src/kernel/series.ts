// Scalar series as the chart draws them (shared by the UI's chart panel and the plain front end's :chart):
// bounded in memory, evenly spread over the steps, and squeezed to the width (asciichart draws one column
// per value).

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

/** At most `width` values: each the mean of one bucket of consecutive values. */
export function downsample(values: readonly number[], width: number): number[] {
  if (width <= 0) return [];
  if (values.length <= width) return values.slice();
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * values.length) / width);
    const to = Math.floor(((b + 1) * values.length) / width);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    out.push(sum / (to - from));
  }
  return out;
}
