// The unified diff `check` prints for a step whose output differs: the step's input echoed as context, then
// its expected lines against what it printed, with the transcript's own line numbers. It is the change
// `check --update` makes, so lines that matched (`...`, `[..]`, numbers within the tolerance) show as
// context, as written.
//
//   --- lessons/01.md:12 expected
//   +++ lessons/01.md:12 actual
//   @@ -12,3 +12,3 @@
//    > sess.run(a * b)
//   -0.8
//   +0.80000001
import type { AlignedLine } from './align.js';

/** Lines of context around a change, as `diff -u`. */
const CONTEXT = 3;

interface Row { tag: ' ' | '-' | '+'; text: string }

export interface StepDiff {
  /** `file` and `line` name the step's input, as in `file:line` messages. */
  file: string;
  line: number;
  /** The input's lines as the transcript writes them (`> …`, `. …`). */
  input: readonly string[];
  expected: readonly string[];
  actual: readonly string[];
  aligned: readonly AlignedLine[];
  /** Lines that the rewrites of earlier steps of the file add (or remove, if negative) before this one. */
  shift?: number;
}

/** The diff's lines. */
export function formatStepDiff(d: StepDiff): string[] {
  const rows: Row[] = [
    ...d.input.map((text) => ({ tag: ' ' as const, text })),
    ...d.aligned.map((l): Row => {
      if (l.kind === 'added') return { tag: '+', text: d.actual[l.a] };
      return { tag: l.kind === 'removed' ? '-' : ' ', text: d.expected[l.e] };
    }),
  ];
  const out = [`--- ${d.file}:${d.line} expected`, `+++ ${d.file}:${d.line} actual`];
  for (const [from, to] of hunks(rows)) {
    const before = rows.slice(0, from);
    const inHunk = rows.slice(from, to);
    const oldStart = d.line + before.filter((r) => r.tag !== '+').length;
    const newStart = d.line + (d.shift ?? 0) + before.filter((r) => r.tag !== '-').length;
    const oldCount = inHunk.filter((r) => r.tag !== '+').length;
    const newCount = inHunk.filter((r) => r.tag !== '-').length;
    // A hunk that does not show the input names it, as `diff -p` names the function around a change.
    const heading = from > 0 ? ` ${d.input[0]}` : '';
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@${heading}`);
    for (const r of inHunk) out.push(`${r.tag}${r.text}`);
  }
  return out;
}

/** The [from, to) row ranges of the hunks: each change with CONTEXT rows around it, close ones merged. */
function hunks(rows: readonly Row[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  rows.forEach((r, k) => {
    if (r.tag === ' ') return;
    const from = Math.max(0, k - CONTEXT);
    const to = Math.min(rows.length, k + CONTEXT + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else ranges.push([from, to]);
  });
  return ranges;
}
