// The transcript format (issue 6): one Markdown file that is a readable lesson, a speaker's script and a test.
//
//   Prose is ignored. <!-- mode: eager -->       ← directives: HTML comments before a block (see directives.ts)
//   ```tensorshell                               ← a session block: a fence with the info string `tensorshell`
//   > const x = tf.constant(2.0)                 ← an input starts with '> '
//   > function twice(t) {                        ← …and goes on with '. ' lines
//   .   return t * 2
//   . }
//   > twice(x)
//   Tensor("mul:0", shape=(), dtype=float32)     ← every other line up to the next input is expected output
//   ```
//
// The blocks of a file are one session: state carries from block to block, and it starts in lazy mode unless
// the first block says `<!-- mode: eager -->`. Other fences (```ts, ````markdown)
// are prose, so a README can show the format inside a longer fence. Trailing blank lines of an output are not
// part of it. An output line that itself starts with '> ' cannot be written in this format.
import type { Mode } from '../kernel/events.js';
import { type BlockDirectives, applyDirective, matchDirective, noDirectives } from './directives.js';

export type { BlockDirectives } from './directives.js';

/** One input and what it should print: `{ input: 'x * 2', expected: ['Tensor("mul:0", …)'], line: 4 }`. */
export interface Step {
  /** The code without its '> ' / '. ' prefixes, lines joined with '\n'. */
  input: string;
  /** The expected output, line by line (empty when the input prints nothing). */
  expected: string[];
  /** 1-based line of the input's first line (for `file:line` messages and diffs). */
  line: number;
}

/** One ```tensorshell block, with the directives that came before it. */
export interface Block extends BlockDirectives {
  /** 1-based lines of the opening and closing fence, so `check --update` can rewrite just the block. */
  lines: { start: number; end: number };
  steps: Step[];
}

/** A malformed transcript: the message is `file:line: what is wrong`. */
export class TranscriptError extends Error {
  override name = 'TranscriptError';
  constructor(readonly file: string, readonly line: number, what: string) {
    super(`${file}:${line}: ${what}`);
  }
}

interface Fence { indent: number; char: string; length: number; info: string }

function openingFence(line: string): Fence | null {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  // A backtick fence's info string may not contain backticks (CommonMark): "```a```" is inline code.
  if (!m || (m[2][0] === '`' && m[3].includes('`'))) return null;
  return { indent: m[1].length, char: m[2][0], length: m[2].length, info: m[3].trim().split(/\s+/)[0] ?? '' };
}

function closes(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`+|~+)\s*$/.exec(line);
  return m !== null && m[1][0] === fence.char && m[1].length >= fence.length;
}

/**
 * The session blocks of a transcript, in order. Throws a TranscriptError naming `file` and the line for an
 * unterminated fence, output before any input, an unknown or malformed directive, a repeated anchor, or
 * directives with no block after them: a file that cannot be read fully must never pass a check.
 */
export function parseTranscript(text: string, file = '<transcript>'): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  const anchors = new Set<string>();
  let pending = noDirectives();
  let pendingLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const fence = openingFence(lines[i]);
    if (fence) {
      let end = i + 1;
      while (end < lines.length && !closes(lines[end], fence)) end++;
      if (end === lines.length) throw new TranscriptError(file, i + 1, `the ${fence.char.repeat(fence.length)} fence opened here is never closed`);
      if (fence.info === 'tensorshell') {
        blocks.push({ ...pending, lines: { start: i + 1, end: end + 1 }, steps: parseSteps(lines, i + 1, end, fence.indent, file) });
        pending = noDirectives();
        pendingLine = 0;
      }
      i = end;
      continue;
    }
    const directive = matchDirective(lines[i]);
    if (!directive) continue;
    const problem = applyDirective(pending, directive[0], directive[1]);
    if (problem) throw new TranscriptError(file, i + 1, problem);
    if (directive[0] === 'anchor') {
      if (anchors.has(pending.anchor!)) throw new TranscriptError(file, i + 1, `anchor '${pending.anchor}' is already used earlier in the file`);
      anchors.add(pending.anchor!);
    }
    pendingLine ||= i + 1;
  }
  if (pendingLine) throw new TranscriptError(file, pendingLine, 'this directive is not followed by a ```tensorshell block');
  return blocks;
}

/** The steps of the block whose content is lines [from, to); `indent` is the fence's own indentation. */
function parseSteps(lines: readonly string[], from: number, to: number, indent: number, file: string): Step[] {
  const steps: Step[] = [];
  let step: Step | null = null;
  let inInput = false;
  for (let j = from; j < to; j++) {
    const line = lines[j].replace(new RegExp(`^ {0,${indent}}`), '');
    if (line.startsWith('> ') || line === '>') {
      step = { input: line.slice(2), expected: [], line: j + 1 };
      steps.push(step);
      inInput = true;
    } else if (inInput && (line.startsWith('. ') || line === '.')) {
      step!.input += `\n${line.slice(2)}`;
    } else if (step) {
      inInput = false;
      step.expected.push(line);
    } else if (line.trim() !== '') {
      throw new TranscriptError(file, j + 1, "output before any input (input lines start with '> ')");
    }
  }
  for (const s of steps) s.expected = withoutTrailingBlanks(s.expected);
  return steps;
}

/** `lines` without the blank lines at their end: the format drops them from an expected output. */
export function withoutTrailingBlanks(lines: readonly string[]): string[] {
  let n = lines.length;
  while (n > 0 && lines[n - 1].trim() === '') n--;
  return lines.slice(0, n);
}

/**
 * A session as a transcript file: one ```tensorshell block, preceded by `<!-- mode: eager -->` when the
 * session started in eager mode. `parseTranscript` reads back the same inputs and outputs.
 */
export function formatTranscript(steps: ReadonlyArray<Pick<Step, 'input' | 'expected'>>, options: { mode?: Mode } = {}): string {
  const prefixed = (marker: string, line: string) => (line === '' ? marker : `${marker} ${line}`);
  const body = steps.flatMap((s) => [
    ...s.input.split('\n').map((line, i) => prefixed(i === 0 ? '>' : '.', line)),
    ...withoutTrailingBlanks(s.expected),
  ]);
  // An output line of backticks must not close the block: the fence is longer than any such run.
  const runs = body.map((l) => /^ {0,3}(`+)/.exec(l)?.[1].length ?? 0);
  const fence = '`'.repeat(Math.max(3, ...runs.map((n) => n + 1)));
  const directive = options.mode === 'eager' ? ['<!-- mode: eager -->'] : [];
  return [...directive, `${fence}tensorshell`, ...body, fence, ''].join('\n');
}
