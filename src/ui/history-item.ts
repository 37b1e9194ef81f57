// One entry of the session as the UI keeps it: an input and what it printed, line by line. Very long
// output keeps its beginning and its end, and counts what was left out, so one chatty loop cannot flood
// the screen or the memory.
import type { Mode } from '../kernel/events.js';

export interface OutputLine {
  kind: 'output' | 'error' | 'note';
  text: string;
}

export interface HistoryItem {
  /** Unique in the session: <Static>'s key. */
  key: number;
  /** The input as the kernel ran it, and the mode it ran in; null for text outside any input. */
  input: { code: string; mode: Mode } | null;
  lines: OutputLine[];
  /** Lines left out between the first HEAD_LINES and the last TAIL_LINES. */
  dropped: number;
  /** Run again by a kernel restart: shown dimmed, the user has seen it before. */
  replay: boolean;
}

export const HEAD_LINES = 60;
export const TAIL_LINES = 20;

export function newItem(key: number, input: HistoryItem['input'], replay: boolean): HistoryItem {
  return { key, input, lines: [], dropped: 0, replay };
}

/** The item with `text` added, one line per line of text. */
export function addLines(item: HistoryItem, kind: OutputLine['kind'], text: string): HistoryItem {
  const lines = item.lines.concat(text.split('\n').map((t) => ({ kind, text: t })));
  const over = lines.length - (HEAD_LINES + TAIL_LINES);
  if (over <= 0) return { ...item, lines };
  lines.splice(HEAD_LINES, over);
  return { ...item, lines, dropped: item.dropped + over };
}
