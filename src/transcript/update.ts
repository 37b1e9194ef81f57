// `check --update`: writes new expected outputs into a transcript's text, touching nothing else — not the
// inputs, not the prose or the directives, not the outputs of steps that matched, not the line endings.
import type { Block, Step } from './format.js';

/** A step's new expected output: `keep[k]` is the index of an expected line kept as written, else `text[k]`. */
export interface OutputRewrite {
  block: Block;
  step: Step;
  lines: ReadonlyArray<{ keep: number } | { text: string }>;
}

/** Why `lines` cannot be a step's output in the format (an input marker, a closing fence), or null. */
export function unwritable(text: string, block: Block, lines: readonly string[]): string | null {
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(text.split(/\r?\n/)[block.lines.start - 1])?.[1] ?? '```';
  for (const [k, line] of lines.entries()) {
    if (/^>( |$)/.test(line)) return `its output line '${line}' starts with '> ', which the format reads as an input`;
    if (k === 0 && /^\.( |$)/.test(line)) return `its output starts with '${line}', which the format reads as the input going on`;
    const run = /^ {0,3}(`+|~+)\s*$/.exec(line)?.[1];
    if (run && run[0] === fence[0] && run.length >= fence.length) return `its output line '${line}' would close the ${fence} block`;
  }
  return null;
}

/** `text` with each step's expected output replaced. */
export function rewriteOutputs(text: string, rewrites: readonly OutputRewrite[]): string {
  // [line, end, line, end, …, last line]: every line keeps its own ending.
  const parts = text.split(/(\r?\n)/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sorted = [...rewrites].sort((a, b) => b.step.line - a.step.line);
  for (const { block, step, lines } of sorted) {
    const indent = /^ */.exec(parts[2 * (block.lines.start - 1)])![0];
    const first = step.line - 1 + step.input.split('\n').length;
    const old = (k: number) => [parts[2 * (first + k)], parts[2 * (first + k) + 1]];
    const replacement = lines.flatMap((l) => ('keep' in l ? old(l.keep) : [l.text === '' ? '' : indent + l.text, eol]));
    parts.splice(2 * first, 2 * step.expected.length, ...replacement);
  }
  return parts.join('');
}
