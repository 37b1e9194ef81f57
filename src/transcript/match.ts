// Whether one expected output line matches one actual line (`tensorshell check`, issue 6).
//
//   - Trailing whitespace never counts: editors strip it.
//   - `[..]` matches any text within the line, the shortest that lets the rest match.
//   - In a block with `<!-- tolerance: x -->`, a number matches a number within x (absolute), and spaces do
//     not count between and around numbers: a run of spaces matches any run or none, and a number may have
//     spaces before or after it (numpy pads an array's columns to its widest value, so a value that prints
//     one digit longer moves its neighbours). Without a tolerance the text must be equal.
//
// A number is only compared as a number where it stands on its own: not inside a quoted string
// (`Tensor("mul:0", …)`, `'Variable:0'`), not glued to a name (`mul_1`, `float32`, `Const:0`, `/cpu:0`,
// `x-1`). Those are text and compare exactly, so a tolerance never lets `mul_1` pass for `mul_2`.

/** `-4.`, `0.80000001`, `1e-06`, `1.e+05`, `.5`. */
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
/** A character that glues a following number to a name or a path (`mul_1`, `Const:0`, `/gpu:0`, `x-1`). */
const GLUED_BEFORE = /[\w$.:/-]/;
const GLUED_AFTER = /[\w$]/;
const WILDCARD = '[..]';

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'any' }
  | { kind: 'spaces' }
  | { kind: 'number'; value: number };

/** True if `actual` is what `expected` describes (see the top of this file). */
export function lineMatches(expected: string, actual: string, tolerance?: number): boolean {
  const e = expected.trimEnd();
  const a = actual.trimEnd();
  if (e === a) return true;
  if (tolerance === undefined && !e.includes(WILDCARD)) return false;
  return matchPieces(pieces(e, tolerance !== undefined), a, tolerance ?? 0);
}

/** The length of the number that stands on its own at `line[i]`, or 0. */
function numberAt(line: string, i: number): number {
  if (i > 0 && GLUED_BEFORE.test(line[i - 1])) return 0;
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(line);
  if (!m) return 0;
  const after = i + m[0].length;
  if (GLUED_AFTER.test(line[after] ?? '') || (line[after] === '.' && /\d/.test(line[after + 1] ?? ''))) return 0;
  return m[0].length;
}

/** A quote that opens a string here: `"` or `'` (not an apostrophe, as in "graph's") closed later on the line. */
function opensQuote(line: string, i: number): boolean {
  const c = line[i];
  if (c !== '"' && c !== "'") return false;
  if (c === "'" && i > 0 && /\w/.test(line[i - 1])) return false;
  return line.indexOf(c, i + 1) !== -1;
}

function pieces(line: string, numeric: boolean): Piece[] {
  const out: Piece[] = [];
  let text = '';
  const push = (p: Piece) => {
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
    out.push(p);
  };
  let quote: string | null = null;
  for (let i = 0; i < line.length;) {
    if (line.startsWith(WILDCARD, i)) {
      push({ kind: 'any' });
      i += WILDCARD.length;
      continue;
    }
    const c = line[i];
    if (numeric && quote === null) {
      const n = numberAt(line, i);
      if (n > 0) {
        push({ kind: 'number', value: Number(line.slice(i, i + n)) });
        i += n;
        continue;
      }
      if (c === ' ') {
        push({ kind: 'spaces' });
        while (line[i] === ' ') i++;
        continue;
      }
      if (opensQuote(line, i)) quote = c;
    } else if (c === quote) {
      quote = null;
    }
    text += c;
    i++;
  }
  if (text !== '') out.push({ kind: 'text', text });
  return out;
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === ' ') i++;
  return i;
}

/** Backtracking over the pieces (only `[..]` has choices); positions known to fail are remembered. */
function matchPieces(ps: readonly Piece[], a: string, tolerance: number): boolean {
  const failed = new Set<number>();
  const from = (pi: number, pos: number): boolean => {
    if (pi === ps.length) return pos === a.length;
    const key = pi * (a.length + 1) + pos;
    if (failed.has(key)) return false;
    const ok = step(ps[pi], pi, pos);
    if (!ok) failed.add(key);
    return ok;
  };
  const step = (p: Piece, pi: number, pos: number): boolean => {
    switch (p.kind) {
      case 'text':
        return a.startsWith(p.text, pos) && from(pi + 1, pos + p.text.length);
      case 'spaces':
        // The next piece never starts with a space, so taking every space here loses no match.
        return from(pi + 1, skipSpaces(a, pos));
      case 'number': {
        // numpy pads an array's columns to its widest value: spaces around a number do not count.
        const start = skipSpaces(a, pos);
        const n = numberAt(a, start);
        return n > 0 && Math.abs(Number(a.slice(start, start + n)) - p.value) <= tolerance && from(pi + 1, skipSpaces(a, start + n));
      }
      case 'any':
        for (let end = pos; end <= a.length; end++) if (from(pi + 1, end)) return true;
        return false;
    }
  };
  return from(0, 0);
}
