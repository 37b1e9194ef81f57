// Readline's editing moves over an input that may have several lines: the text and a cursor (an offset into
// it), every function pure. Home, End, Ctrl-U and Ctrl-K act on the cursor's line, as in a one-line readline;
// words are runs of letters, digits, `_` and `$` (Alt-B, Alt-F, Alt-D), except Ctrl-W, which deletes back to
// the previous space as readline's unix-word-rubout does. editKey says which key does which.
import type { Key } from './key-decoder.js';

export interface Text {
  readonly text: string;
  readonly cursor: number;
}

export const EMPTY_TEXT: Text = { text: '', cursor: 0 };

export const textAtEnd = (text: string): Text => ({ text, cursor: text.length });

export function lineStart(t: Text): number {
  return t.text.lastIndexOf('\n', t.cursor - 1) + 1;
}

export function lineEnd(t: Text): number {
  const i = t.text.indexOf('\n', t.cursor);
  return i < 0 ? t.text.length : i;
}

/** The cursor's line (0 = the first) and column. */
export function position(t: Text): { row: number; col: number } {
  const before = t.text.slice(0, t.cursor);
  const row = before.split('\n').length - 1;
  return { row, col: t.cursor - lineStart(t) };
}

export function insert(t: Text, s: string): Text {
  return { text: t.text.slice(0, t.cursor) + s + t.text.slice(t.cursor), cursor: t.cursor + s.length };
}

/** Removes [from, to) and leaves the cursor at `from`. */
function cut(t: Text, from: number, to: number): Text {
  return { text: t.text.slice(0, from) + t.text.slice(to), cursor: from };
}

/** One character back, a surrogate pair counting as one. */
function back(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? i - 2 : i - 1;
}

function forward(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const high = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

export const left = (t: Text): Text => ({ ...t, cursor: back(t.text, t.cursor) });
export const right = (t: Text): Text => ({ ...t, cursor: forward(t.text, t.cursor) });
export const home = (t: Text): Text => ({ ...t, cursor: lineStart(t) });
export const end = (t: Text): Text => ({ ...t, cursor: lineEnd(t) });
export const backspace = (t: Text): Text => cut(t, back(t.text, t.cursor), t.cursor);
export const deleteForward = (t: Text): Text => cut(t, t.cursor, forward(t.text, t.cursor));

const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_$]/u.test(ch);
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** Where the word before the cursor starts (Alt-B). */
function wordBack(text: string, i: number): number {
  while (i > 0 && !isWord(text[i - 1])) i--;
  while (i > 0 && isWord(text[i - 1])) i--;
  return i;
}

/** Where the word after the cursor ends (Alt-F). */
function wordForward(text: string, i: number): number {
  while (i < text.length && !isWord(text[i])) i++;
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

export const wordLeft = (t: Text): Text => ({ ...t, cursor: wordBack(t.text, t.cursor) });
export const wordRight = (t: Text): Text => ({ ...t, cursor: wordForward(t.text, t.cursor) });
/** Alt-Backspace. */
export const deleteWordBack = (t: Text): Text => cut(t, wordBack(t.text, t.cursor), t.cursor);
/** Alt-D. */
export const deleteWordForward = (t: Text): Text => cut(t, t.cursor, wordForward(t.text, t.cursor));

/** Ctrl-W: back over spaces, then back to the next space. */
export function rubOut(t: Text): Text {
  let i = t.cursor;
  while (i > 0 && isSpace(t.text[i - 1])) i--;
  while (i > 0 && !isSpace(t.text[i - 1])) i--;
  return cut(t, i, t.cursor);
}

/** Ctrl-U: the line up to the cursor; at a line's start, the line break before it. */
export function killToStart(t: Text): Text {
  const from = lineStart(t);
  return from === t.cursor ? backspace(t) : cut(t, from, t.cursor);
}

/** Ctrl-K: the rest of the line; at its end, the line break (joining the next line), as Emacs does. */
export function killToEnd(t: Text): Text {
  const to = lineEnd(t);
  return to === t.cursor ? deleteForward(t) : cut(t, t.cursor, to);
}

/** The line above at the same column (or its end); null on the first line, where Up recalls history instead. */
export function lineUp(t: Text): Text | null {
  const start = lineStart(t);
  if (start === 0) return null;
  const col = t.cursor - start;
  const above = t.text.lastIndexOf('\n', start - 2) + 1;
  return { ...t, cursor: Math.min(above + col, start - 1) };
}

/** The line below at the same column (or its end); null on the last line. */
export function lineDown(t: Text): Text | null {
  const endHere = lineEnd(t);
  if (endHere === t.text.length) return null;
  const col = t.cursor - lineStart(t);
  const below = endHere + 1;
  const belowEnd = lineEnd({ ...t, cursor: below });
  return { ...t, cursor: Math.min(below + col, belowEnd) };
}

/** A recalled input with the cursor at the end of its first line: Up again goes on back through history. */
export function atFirstLineEnd(text: string): Text {
  const i = text.indexOf('\n');
  return { text, cursor: i < 0 ? text.length : i };
}

/** The keys that only edit the text; null for keys that do nothing here. */
export function editKey(t: Text, k: Key): Text | null {
  const word = k.ctrl === true || k.alt === true;
  switch (k.name) {
    case 'char':
      if (k.ctrl) return ctrlKey(t, k.text ?? '');
      if (k.alt) return k.text === 'b' ? wordLeft(t) : k.text === 'f' ? wordRight(t) : k.text === 'd' ? deleteWordForward(t) : null;
      return insert(t, k.text ?? '');
    case 'paste':
      // A paste of whole lines ends in a line break: the input ends with its last line instead.
      return insert(t, (k.text ?? '').replace(/\n$/, ''));
    case 'enter':
      return insert(t, '\n');
    case 'left':
      return word ? wordLeft(t) : left(t);
    case 'right':
      return word ? wordRight(t) : right(t);
    case 'home':
      return home(t);
    case 'end':
      return end(t);
    case 'backspace':
      return k.alt || k.ctrl ? deleteWordBack(t) : backspace(t);
    case 'delete':
      return k.ctrl || k.alt ? deleteWordForward(t) : deleteForward(t);
    default:
      return null;
  }
}

/** Readline's control keys: Ctrl-A/E home and end, B/F a character, W/U/K delete, D the character under the cursor. */
function ctrlKey(t: Text, letter: string): Text | null {
  const keys: Record<string, (t: Text) => Text> = {
    a: home, e: end, b: left, f: right, w: rubOut, u: killToStart, k: killToEnd, d: deleteForward,
  };
  return keys[letter]?.(t) ?? null;
}
