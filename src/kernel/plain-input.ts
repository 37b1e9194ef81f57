// What the interactive plain front end adds to readline: completion of `tf.` names and a history of whole
// inputs kept in a file, one JSON string per line, so a multi-line input stays one entry.
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../index.js';

export const DEFAULT_HISTORY = join(homedir(), '.tensorshell_history');
export const HISTORY_SIZE = 1000;

/** The devices ops can be placed on here (`/cpu:0`, `/gpu:0`), for a front end's status line. */
export function listDevices(): string[] {
  return tf.listDevices();
}

/** Tab completion of `tf.` names (and `tf.train.` and so on), as readline's completer wants it. */
export function completeTf(line: string): [string[], string] {
  const m = /(tf(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(line);
  if (!m) return [[], line];
  let obj: unknown = tf;
  for (const p of m[1].split('.').slice(1)) obj = (obj as Record<string, unknown> | undefined)?.[p];
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return [[], line];
  const names = Object.keys(obj as object).filter((k) => k.startsWith(m[2]) && !k.startsWith('_')).sort();
  return [names.map((n) => `${m[1]}.${n}`), `${m[1]}.${m[2]}`];
}

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
