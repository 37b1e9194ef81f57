// The plain front end: lines in, results and errors out. It is what pipes, transcripts and tests use, and
// the interactive fallback where Ink cannot run. No prompts or escape codes unless it talks to a terminal.
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import * as tf from '../index.js';
import type { KernelEvent } from './events.js';
import type { Kernel } from './kernel.js';
import { warmUp } from './compile.js';

export interface PlainOptions {
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  output: Writable & { isTTY?: boolean };
  /** Exit 1 at the first error instead of going on. */
  bail?: boolean;
  /** Print the ops each lazy input added. */
  showOps?: boolean;
  /** Where whole inputs are remembered between sessions (interactive use only). */
  historyFile?: string;
}

export const DEFAULT_HISTORY = join(homedir(), '.tensorshell_history');

/** Runs the kernel over the input until it ends; resolves to the exit code. */
export async function runPlain(kernel: Kernel, options: PlainOptions): Promise<number> {
  const interactive = options.input.isTTY === true && options.output.isTTY === true;
  const write = (s: string) => options.output.write(s);
  let failed = false;
  const off = kernel.on((e) => print(e, write, options.showOps ?? false));
  const rl = readline.createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
    completer: interactive ? complete : undefined,
    history: interactive ? loadHistory(options.historyFile) : [],
    historySize: 1000,
  });
  const prompt = (more: boolean) => {
    if (!interactive) return;
    rl.setPrompt(more ? '... ' : `${kernel.mode}> `);
    rl.prompt();
  };
  if (interactive) setImmediate(() => warmUp());
  let buffer = '';
  let sigints = 0;
  rl.on('SIGINT', () => {
    // At an idle prompt: the first Ctrl-C clears the line, a second one exits.
    if (buffer === '' && rl.line === '' && ++sigints >= 2) rl.close();
    else write('\n(To exit, press Ctrl+C again or Ctrl+D)\n');
    buffer = '';
    prompt(false);
  });
  prompt(false);
  for await (const line of rl) {
    sigints = 0;
    buffer = buffer === '' ? line : `${buffer}\n${line}`;
    options.input.setRawMode?.(false);
    const result = await kernel.execute(buffer);
    if (interactive) options.input.setRawMode?.(true);
    if (result.status === 'incomplete') {
      prompt(true);
      continue;
    }
    if (interactive && buffer.trim() !== '') saveHistory(options.historyFile, buffer);
    buffer = '';
    if (result.status === 'error') {
      failed = true;
      if (options.bail) break;
    }
    prompt(false);
  }
  // Input that ended in the middle of a statement is still reported (as the syntax error it is).
  if (buffer.trim() !== '' && !(options.bail && failed)) {
    const result = await kernel.execute(`${buffer}\n`);
    if (result.status !== 'ok') {
      if (result.status === 'incomplete') write(`SyntaxError: the input ended in the middle of a statement\n`);
      failed = true;
    }
  }
  rl.close();
  off();
  return options.bail && failed ? 1 : 0;
}

function print(e: KernelEvent, write: (s: string) => void, showOps: boolean): void {
  if (e.type === 'output') write(`${e.text}\n`);
  else if (e.type === 'error') write(`${e.name}: ${e.message}\n`);
  else if (e.type === 'ops-added' && showOps) {
    for (const op of e.ops) write(`+ ${op.name} (${op.type})${op.inputs.length ? ` ← ${op.inputs.join(', ')}` : ''}\n`);
  }
}

/** Tab completion of `tf.` names (and `tf.train.` and so on). */
function complete(line: string): [string[], string] {
  const m = /(tf(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(line);
  if (!m) return [[], line];
  let obj: unknown = tf;
  for (const p of m[1].split('.').slice(1)) obj = (obj as Record<string, unknown> | undefined)?.[p];
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return [[], line];
  const names = Object.keys(obj as object).filter((k) => k.startsWith(m[2]) && !k.startsWith('_')).sort();
  return [names.map((n) => `${m[1]}.${n}`), `${m[1]}.${m[2]}`];
}

/** Whole inputs, one JSON string per line (multi-line inputs stay one entry); newest first for readline. */
function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

function saveHistory(file: string | undefined, input: string): void {
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify(input)}\n`);
  } catch {
    // A read-only home must not break the REPL.
  }
}
