// A lesson's prose in a terminal. The Markdown between session blocks is reflowed to the terminal's width,
// with headings in bold (the lesson's title underlined too), `code` in cyan, **bold** and *italics* as such, lists with a
// hanging indent, and other fenced code (the hand-drawn graphs of lesson 4) indented as it is written.
// Directives and other whole-line HTML comments are never shown. Where the output is not a terminal (a pipe,
// a test) the prose is the Markdown as written, minus those comments: plain text that greps and diffs well.
import { stripVTControlCharacters } from 'node:util';
import wrapAnsi from 'wrap-ansi';
import { matchDirective } from '../transcript/directives.js';

/** Escape codes, or nothing where the output is not a terminal. */
export interface Paint {
  styled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
}

export function paint(styled: boolean): Paint {
  const wrap = (on: string, off: string) => (s: string) => (styled ? `\x1b[${on}m${s}\x1b[${off}m` : s);
  return { styled, bold: wrap('1', '22'), dim: wrap('2', '22'), green: wrap('32', '39'), red: wrap('31', '39') };
}

type Style = 'plain' | 'code' | 'bold' | 'italic';
interface Fragment { text: string; style: Style }
type Chunk =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; marker: string; text: string }
  | { kind: 'verbatim'; lines: string[] }
  | { kind: 'blank' };

const COMMENT = /^\s*<!--.*-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+\.)\s+/;

/** The prose lines to print: as written when `width` is undefined, else rendered for a terminal that wide. */
export function renderProse(lines: readonly string[], width?: number): string[] {
  const visible = lines.filter((l) => !COMMENT.test(l) && matchDirective(l) === null);
  const chunks = width === undefined ? visible.map((l): Chunk => (l.trim() === '' ? { kind: 'blank' } : { kind: 'verbatim', lines: [l] })) : chunksOf(visible);
  const out: string[] = [];
  for (const c of chunks) {
    if (c.kind === 'blank') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else out.push(...render(c, width ?? Infinity));
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

function chunksOf(lines: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let paragraph: Extract<Chunk, { kind: 'paragraph' }> | null = null;
  let fence: string | null = null;
  for (const line of lines) {
    if (fence !== null) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      else chunks.push({ kind: 'verbatim', lines: [`    ${line}`] });
      continue;
    }
    const opening = FENCE.exec(line);
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = LIST_ITEM.exec(line);
    if (opening) fence = opening[1];
    else if (line.trim() === '') chunks.push({ kind: 'blank' });
    else if (heading) chunks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
    else if (item) chunks.push(paragraph = { kind: 'paragraph', marker: item[0].trimStart(), text: line.slice(item[0].length) });
    else if (paragraph !== null) paragraph.text += ` ${line.trim()}`;
    else if (/^\s*\||^ {4}/.test(line)) chunks.push({ kind: 'verbatim', lines: [line] });
    else chunks.push(paragraph = { kind: 'paragraph', marker: '', text: line.trim() });
    if (opening || line.trim() === '' || heading) paragraph = null;
  }
  return chunks;
}

function render(c: Exclude<Chunk, { kind: 'blank' }>, width: number): string[] {
  if (c.kind === 'verbatim') return c.lines;
  if (c.kind === 'paragraph') return wrapInline(c.text, width, c.marker);
  // A heading wraps like a paragraph, each of its lines in bold (the title's underlined too).
  const on = c.level === 1 ? '\x1b[1;4m' : '\x1b[1m';
  return wrap(wordsOf(fragments(c.text)), Math.max(20, width)).map((l) => `${on}${l.map((f) => (f.style === 'code' ? `\x1b[36m${f.text}\x1b[39m` : f.text)).join('')}\x1b[0m`);
}

/**
 * Text that is not prose (what an input printed, a command's words: `:mode`'s sentence) fitted to a
 * terminal `width` columns wide: a longer line is broken at spaces, its indent kept on every piece (a word
 * longer than the width alone on its lines), where the terminal itself would cut it mid-word.
 */
export function fitToWidth(text: string, width: number): string {
  return text.split('\n').map((line) => {
    if (stripVTControlCharacters(line).length <= width) return line;
    const [, codes, indent, rest] = /^((?:\x1b\[[\d;]*m)*)( *)([\s\S]*)$/.exec(line)!;
    const room = Math.max(10, width - indent.length);
    return wrapAnsi(codes + rest, room, { hard: true }).split('\n').map((piece) => indent + piece).join('\n');
  }).join('\n');
}

/**
 * `text`, with its inline Markdown (`code`, **bold**) styled, wrapped to `width` columns: the first line
 * starts with `first` (a list item's `1. `), the others are indented as far.
 */
export function wrapInline(text: string, width: number, first = ''): string[] {
  const lines = wrap(wordsOf(fragments(text)), Math.max(20, width - first.length));
  const indent = ' '.repeat(first.length);
  return lines.map((l, i) => `${i === 0 ? first : indent}${l.map(styled).join('')}`);
}

function styled(f: Fragment): string {
  if (f.style === 'code') return `\x1b[36m${f.text}\x1b[39m`;
  if (f.style === 'italic') return `\x1b[3m${f.text}\x1b[23m`;
  return f.style === 'bold' ? `\x1b[1m${f.text}\x1b[22m` : f.text;
}

/** `a **b** `c``: the text with its code spans (backticks dropped) and bold spans (asterisks dropped). */
function fragments(text: string): Fragment[] {
  const out: Fragment[] = [];
  const span = /(`+)(.+?)\1|\*\*(.+?)\*\*|(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])/g;
  let at = 0;
  for (let m = span.exec(text); m !== null; m = span.exec(text)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), style: 'plain' });
    if (m[2] !== undefined) out.push({ text: m[2], style: 'code' });
    else out.push(m[3] !== undefined ? { text: m[3], style: 'bold' } : { text: m[4], style: 'italic' });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), style: 'plain' });
  return out;
}

/** The fragments cut at spaces: each word a list of fragments (`` `Const`s `` is one word of two). */
function wordsOf(frags: readonly Fragment[]): Fragment[][] {
  const words: Fragment[][] = [[]];
  for (const f of frags) {
    f.text.split(' ').forEach((piece, i) => {
      if (i > 0 && words[words.length - 1].length > 0) words.push([]);
      if (piece !== '') words[words.length - 1].push({ text: piece, style: f.style });
    });
  }
  return words.filter((w) => w.length > 0);
}

/** Greedy wrapping: as many words on a line as fit in `width` columns (a longer word has a line of its own). */
function wrap(words: readonly Fragment[][], width: number): Fragment[][] {
  const lines: Fragment[][] = [];
  let line: Fragment[] = [];
  let used = 0;
  for (const w of words) {
    const n = w.reduce((k, f) => k + [...f.text].length, 0);
    if (used > 0 && used + 1 + n > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    if (used > 0) line.push({ text: ' ', style: 'plain' });
    line.push(...w);
    used += (used > 0 ? 1 : 0) + n;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
