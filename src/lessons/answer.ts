// Whether a learner's answer to an exercise is right. An exercise block is the lesson's own answer; the
// learner's is judged by what it prints, not by its code, since there are many ways to write one answer.
//
// The rule: the answer passes when what it printed contains what each input of the lesson's answer prints,
// in order, with anything before, between and after. A mistake the learner corrected, a `console.log` of
// their own or a look at `:ops` on the way does not fail it; leaving out a value the exercise asks for
// does. The block's `...`, `[..]` and tolerance apply as in `tensorshell check` (align.ts, match.ts).
import { align, ELISION, type AlignedLine } from '../transcript/align.js';
import type { Block } from '../transcript/format.js';

export interface Verdict {
  passed: boolean;
  /**
   * What it printed against what the lesson's answer prints, as diff rows: `-` a line of the lesson's
   * answer, `+` a line of the learner's, ` ` a line both have (`-` and `+` only when it did not pass).
   */
  diff: string[];
}

/** Everything the lesson's answer prints, step after step. */
export function answerOutput(block: Block): string[] {
  return block.steps.flatMap((s) => s.expected);
}

/** Judges `printed`, the lines the learner's inputs printed since the exercise began (`ran` of them). */
export function judgeAnswer(block: Block, printed: readonly string[], ran = 1): Verdict {
  const lenient = [ELISION, ...block.steps.flatMap((s) => (s.expected.length > 0 ? [...s.expected, ELISION] : []))];
  const passed = ran > 0 && align(lenient, printed, block.tolerance).matches;
  return { passed, diff: diffRows(answerOutput(block), printed, block.tolerance) };
}

/** `expected` against `actual` as diff rows (`-`, `+`, ` `), under the rules of `tensorshell check`. */
export function diffRows(expected: readonly string[], actual: readonly string[], tolerance?: number): string[] {
  return align(expected, actual, tolerance).lines.map((l: AlignedLine) => {
    if (l.kind === 'added') return `+${actual[l.a]}`;
    return `${l.kind === 'removed' ? '-' : ' '}${expected[l.e]}`;
  });
}

/** Only the rows that differ, `…` standing for the rows in between that do not. */
export function changedRows(rows: readonly string[]): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (r[0] === ' ') return;
    if (out.length > 0 && rows[i - 1][0] === ' ') out.push('…');
    out.push(r);
  });
  return out;
}

/** The answer's code as the lesson writes it (`> ` and `. ` lines), for `:solution`. */
export function answerCode(block: Block): string[] {
  return block.steps.flatMap((s) => s.input.split('\n').map((l, i) => (i === 0 ? `> ${l}` : `. ${l}`).trimEnd()));
}
