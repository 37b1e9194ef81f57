// `tensorshell check`: replays a transcript and compares what each input printed with what the transcript
// says it prints (match.ts for one line, align.ts for a step's lines). A file that cannot be read or
// parsed fully is a failure, never a pass. With `update`, the outputs of the steps that differ are
// rewritten in place (update.ts) and the file passes if every one of them could be.
import { readFileSync, writeFileSync } from 'node:fs';
import { align, updatedLines, type AlignedLine } from './align.js';
import { runSteps, type StepRun } from './check-session.js';
import { formatStepDiff } from './diff.js';
import { type Block, type Step, parseTranscript, withoutTrailingBlanks } from './format.js';
import { rewriteOutputs, unwritable, type OutputRewrite } from './update.js';

/** A step whose output differs from its transcript, or whose input never ended. */
export interface Mismatch {
  block: Block;
  step: Step;
  /** What it printed (trailing blank lines dropped, as the format drops them from expected outputs). */
  actual: string[];
  aligned: AlignedLine[];
  /** Set when the step could not run at all: its input is incomplete. */
  problem?: string;
}

/** The steps of a parsed transcript, replayed in one fresh session; the ones that did not match. */
export async function checkBlocks(blocks: readonly Block[], file: string): Promise<{ steps: number; mismatches: Mismatch[] }> {
  const runs = await runSteps(blocks);
  return { steps: runs.length, mismatches: runs.flatMap((r) => compare(r, file)) };
}

function compare({ block, step, status, printed }: StepRun, file: string): Mismatch[] {
  const actual = withoutTrailingBlanks(printed);
  if (status === 'incomplete') {
    const first = step.input.split('\n')[0];
    const problem = `${file}:${step.line}: the input ends in the middle of a statement (the kernel asked for more lines): ${first}`;
    return [{ block, step, actual, aligned: [], problem }];
  }
  const { matches, lines } = align(step.expected, actual, block.tolerance);
  return matches ? [] : [{ block, step, actual, aligned: lines }];
}

/** What checking one file found, and its report (diffs, notes, a summary line). */
export interface FileResult {
  file: string;
  /** True when every step matched (or, with `update`, every one that did not was rewritten). */
  passed: boolean;
  /** False when the file could not be read or parsed. */
  checked: boolean;
  steps: number;
  mismatches: number;
  /** The 1-based lines of the inputs whose outputs `update` rewrote. */
  rewritten: number[];
  report: string[];
}

/** Checks the transcript at `path`, naming it `file` in the report; rewrites it if `update` is set. */
export async function checkFile(path: string, options: { file?: string; update?: boolean } = {}): Promise<FileResult> {
  const file = options.file ?? path;
  const result: FileResult = { file, passed: false, checked: false, steps: 0, mismatches: 0, rewritten: [], report: [] };
  let text: string;
  let blocks: Block[];
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    result.report.push(`${file}: cannot be read: ${(e as Error).message}`);
    return result;
  }
  try {
    blocks = parseTranscript(text, file);
  } catch (e) {
    result.report.push((e as Error).message, `${file}: not checked: it could not be parsed`);
    return result;
  }
  const { steps, mismatches } = await checkBlocks(blocks, file);
  Object.assign(result, { checked: true, steps, mismatches: mismatches.length });
  const rewrites: OutputRewrite[] = [];
  let shift = 0;
  for (const m of mismatches) {
    if (m.problem) {
      result.report.push(m.problem);
      if (options.update) result.report.push(`${file}:${m.step.line}: not rewritten: --update rewrites outputs, and this input itself needs fixing`);
      continue;
    }
    const input = inputLines(text, m);
    result.report.push(...formatStepDiff({ file, line: m.step.line, input, expected: m.step.expected, actual: m.actual, aligned: m.aligned, shift }), '');
    const lines = updatedLines(m.step.expected, m.actual, m.aligned);
    shift += lines.length - m.step.expected.length;
    if (!options.update) continue;
    const why = unwritable(text, m.block, lines);
    if (why) result.report.push(`${file}:${m.step.line}: not rewritten: ${why}`);
    else rewrites.push({ block: m.block, step: m.step, lines: m.aligned.flatMap((l) => keptOrNew(l, m.actual)) });
  }
  if (rewrites.length > 0) {
    try {
      writeFileSync(path, rewriteOutputs(text, rewrites));
      result.rewritten = rewrites.map((r) => r.step.line);
    } catch (e) {
      result.report.push(`${file}: cannot be rewritten: ${(e as Error).message}`);
    }
  }
  result.passed = result.rewritten.length === mismatches.length;
  result.report.push(summary(result, blocks.length));
  return result;
}

function keptOrNew(l: AlignedLine, actual: readonly string[]): Array<{ keep: number } | { text: string }> {
  if (l.kind === 'same' || l.kind === 'elided') return [{ keep: l.e }];
  return l.kind === 'added' ? [{ text: actual[l.a] }] : [];
}

/** The step's input lines as the transcript writes them, without the block's indentation. */
function inputLines(text: string, m: Mismatch): string[] {
  const lines = text.split(/\r?\n/);
  const indent = /^ */.exec(lines[m.block.lines.start - 1])![0].length;
  const n = m.step.input.split('\n').length;
  return lines.slice(m.step.line - 1, m.step.line - 1 + n).map((l) => l.replace(new RegExp(`^ {0,${indent}}`), ''));
}

function summary(r: FileResult, blocks: number): string {
  if (blocks === 0) return `${r.file}: no tensorshell blocks`;
  const steps = plural(r.steps, 'step');
  if (r.mismatches === 0) return `${r.file}: ${steps}, all match`;
  const found = `${r.file}: ${steps}, ${plural(r.mismatches, 'mismatch', 'mismatches')}`;
  if (r.rewritten.length === 0) return found;
  const n = r.rewritten.length;
  return `${found}; rewrote the output${n === 1 ? '' : 's'} of the input${n === 1 ? '' : 's'} at line${n === 1 ? '' : 's'} ${r.rewritten.join(', ')}`;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
