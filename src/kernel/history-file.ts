// Whole inputs kept between sessions in a file, one JSON string per line, so a multi-line input stays one
// entry. No engine here: the Ink UI reads and writes the history without loading tf.
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_HISTORY = join(homedir(), '.tensorshell_history');
export const HISTORY_SIZE = 1000;

/** The saved inputs, newest first as readline wants them; a missing or unreadable file is an empty history. */
export function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    try {
      const entry: unknown = JSON.parse(line);
      if (typeof entry === 'string') entries.push(entry);
    } catch {
      // A damaged line (a crash mid-write, a hand edit) costs that entry only.
    }
  }
  return entries.reverse().slice(0, HISTORY_SIZE);
}

export function saveHistory(file: string | undefined, input: string): void {
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify(input)}\n`);
  } catch {
    // A read-only home must not break the REPL.
  }
}

/**
 * readline remembers each line of a multi-line input on its own; replace those entries (newest first) by
 * the whole input, so Up brings back the function, not its last line.
 */
export function foldHistory(history: string[], input: string): void {
  const lines = input.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return;
  // readline skips a line equal to the newest entry, so consecutive repeats appear once.
  const added = lines.filter((l, i) => i === 0 || l !== lines[i - 1]).reverse();
  for (const l of added) {
    if (history[0] !== l) break;
    history.shift();
  }
  history.unshift(input);
}
