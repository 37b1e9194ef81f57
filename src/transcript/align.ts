// Lines up a step's expected output with what it printed: the fewest removed and added lines, where a line
// `...` stands for any number of actual lines (none included) and every other expected line for one line it
// matches (match.ts). The output matches when nothing is removed or added. The same alignment gives the
// diff `check` prints and the lines `check --update` writes: expected lines that matched stay as written
// (their `[..]`, their numbers within the tolerance, their `...`), the rest becomes what was printed.
import { lineMatches } from './match.js';

/** One line of an alignment; `e` and `a` are indexes into the expected and actual lines. */
export type AlignedLine =
  | { kind: 'same'; e: number; a: number }
  /** An expected `...` and the `count` actual lines it stands for. */
  | { kind: 'elided'; e: number; a: number; count: number }
  | { kind: 'removed'; e: number }
  | { kind: 'added'; a: number };

export const ELISION = '...';

export function isElision(line: string): boolean {
  return line.trimEnd() === ELISION;
}

/** Outputs longer than this (expected × actual lines) are not aligned line by line, only compared. */
const MAX_CELLS = 4_000_000;

/** The alignment of `expected` with `actual`, and whether they match. */
export function align(expected: readonly string[], actual: readonly string[], tolerance?: number): { matches: boolean; lines: AlignedLine[] } {
  const n = expected.length;
  const m = actual.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return alignLong(expected, actual, tolerance);
  const w = m + 1;
  // cost[i * w + j]: the fewest removed + added lines that align expected[i..] with actual[j..].
  const cost = new Int32Array((n + 1) * w);
  const same = (i: number, j: number) => lineMatches(expected[i], actual[j], tolerance);
  for (let j = m; j >= 0; j--) cost[n * w + j] = m - j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      const skipE = cost[(i + 1) * w + j];
      const skipA = j < m ? cost[i * w + j + 1] : Infinity;
      if (isElision(expected[i])) cost[i * w + j] = Math.min(skipE, skipA);
      else cost[i * w + j] = Math.min(skipE + 1, skipA + 1, j < m && same(i, j) ? cost[(i + 1) * w + j + 1] : Infinity);
    }
  }
  const lines: AlignedLine[] = [];
  let i = 0;
  let j = 0;
  const at = (ii: number, jj: number) => cost[ii * w + jj];
  while (i < n || j < m) {
    if (i === n) {
      lines.push({ kind: 'added', a: j++ });
    } else if (isElision(expected[i])) {
      // The `...` takes as few lines as it can, so the lines after it line up with what they match.
      const start = j;
      while (j < m && at(i + 1, j) !== at(i, j)) j++;
      lines.push({ kind: 'elided', e: i++, a: start, count: j - start });
    } else if (j < m && same(i, j) && at(i + 1, j + 1) === at(i, j)) {
      lines.push({ kind: 'same', e: i++, a: j++ });
    } else if (at(i + 1, j) + 1 === at(i, j)) {
      lines.push({ kind: 'removed', e: i++ });
    } else {
      lines.push({ kind: 'added', a: j++ });
    }
  }
  return { matches: cost[0] === 0, lines };
}

/**
 * For very long outputs: the classic glob match (each `...` a `*`, every other line one item), in linear
 * space; a mismatch replaces the whole output.
 */
function alignLong(expected: readonly string[], actual: readonly string[], tolerance?: number): { matches: boolean; lines: AlignedLine[] } {
  let i = 0;
  let j = 0;
  let star = -1;
  let starJ = 0;
  while (j < actual.length) {
    if (i < expected.length && !isElision(expected[i]) && lineMatches(expected[i], actual[j], tolerance)) {
      i++;
      j++;
    } else if (i < expected.length && isElision(expected[i])) {
      star = i++;
      starJ = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++starJ;
    } else {
      break;
    }
  }
  while (i < expected.length && isElision(expected[i])) i++;
  if (i === expected.length && j === actual.length) return { matches: true, lines: [] };
  return {
    matches: false,
    lines: [...expected.map((_, e) => ({ kind: 'removed' as const, e })), ...actual.map((_, a) => ({ kind: 'added' as const, a }))],
  };
}

/** The expected lines after `check --update`: what matched stays as written, the rest is what was printed. */
export function updatedLines(expected: readonly string[], actual: readonly string[], lines: readonly AlignedLine[]): string[] {
  return lines.flatMap((l) => (l.kind === 'same' || l.kind === 'elided' ? [expected[l.e]] : l.kind === 'added' ? [actual[l.a]] : []));
}
