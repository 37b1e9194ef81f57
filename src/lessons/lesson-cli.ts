// `tensorshell lesson [N] [--check-exercise K FILE]`: the command line around the lessons. Without N it
// lists them, one line each; with N it takes lesson N in the terminal UI (ui-lesson.ts) or at the line
// front end (run-lesson.ts); with --check-exercise
// it checks an answer kept in a file (check-exercise.ts). The kernel is loaded only for the last two.
import { readFileSync } from 'node:fs';
import { DEFAULT_HISTORY } from '../kernel/history-file.js';
import { type Lesson, type LessonEntry, LESSONS_DIR, listLessons, promise, readLesson } from './catalogue.js';
import type { LessonInput, LessonOutput } from './lesson-input.js';
import { wrapInline } from './prose.js';

export const LESSON_USAGE = `usage: tensorshell lesson                             list the lessons
       tensorshell lesson N [--plain | --present]     take lesson N at the prompt
       tensorshell lesson N --check-exercise K FILE   check your answer to exercise K of lesson N
  At a terminal a lesson opens the terminal UI: the lesson's text above the prompt, the ops panel, the
  chart and the graph view live.
  --plain    the line front end (always without a terminal: a line of input per prompt, an empty line
             running the step's code)
  --present  the terminal UI in presenter mode (large text, code beside the panels)
  In a lesson each step's code waits on the prompt: Enter runs it, or edit it first. Exercises are judged
  by what your answer prints. FILE holds what you would type at the prompt ('-' reads it from stdin).
  Exit status: 0 every exercise solved (the answer is right), 1 not yet, 2 a usage error.`;

export interface LessonIo {
  stdin: LessonInput;
  stdout: LessonOutput;
  stderr: { write(text: string): unknown };
}

export interface LessonCliOptions {
  /** Where the lessons are (tests); the package's lessons/ by default. */
  dir?: string;
  historyFile?: string;
}

/** Runs `tensorshell lesson` with the arguments after `lesson`; resolves to the exit status. */
export async function runLesson(args: readonly string[], io: LessonIo, options: LessonCliOptions = {}): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${LESSON_USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return usageError(io, parsed);
  let entries: LessonEntry[];
  try {
    entries = listLessons(options.dir ?? LESSONS_DIR);
  } catch (e) {
    io.stderr.write(`tensorshell lesson: ${(e as Error).message}\n`);
    return 1;
  }
  if (parsed.lesson === undefined) return list(entries, io.stdout);
  const n = parsed.lesson;
  if (!entries.some((e) => e.number === n)) {
    const range = entries.length === 0 ? 'there are none' : `the lessons are ${entries[0].number}–${entries[entries.length - 1].number}`;
    return usageError(io, `there is no lesson ${n}; ${range} (tensorshell lesson lists them)`, false);
  }
  let lesson;
  try {
    lesson = readLesson(n, options.dir ?? LESSONS_DIR)!;
  } catch (e) {
    io.stderr.write(`tensorshell lesson: ${(e as Error).message}\n`);
    return 1;
  }
  if (parsed.check === undefined) {
    const next = entries.find((e) => e.number === n + 1);
    if (io.stdin.isTTY === true && io.stdout.isTTY === true && parsed.plain !== true) return inUi(lesson, next, parsed.present === true);
    if (parsed.present === true) io.stderr.write('tensorshell lesson: --present needs a terminal on stdin and stdout; using the line front end\n');
    const { takeLesson } = await import('./run-lesson.js');
    return takeLesson(lesson, { input: io.stdin, output: io.stdout, historyFile: options.historyFile ?? DEFAULT_HISTORY, next });
  }
  const { exercise: k, file } = parsed.check;
  const exercise = lesson.blocks.find((b) => b.exercise === k);
  const numbers = lesson.blocks.flatMap((b) => (b.exercise === undefined ? [] : [b.exercise]));
  if (!exercise) return usageError(io, `lesson ${n} has ${numbers.length === 0 ? 'no exercises' : `exercise${numbers.length === 1 ? '' : 's'} ${numbers.join(' and ')}`}, not exercise ${k}`, false);
  let answer: string;
  try {
    answer = file === '-' ? await readAll(io.stdin) : readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message;
    return usageError(io, `cannot read the answer ${file}: ${why}`, false);
  }
  const { checkExercise } = await import('./check-exercise.js');
  const result = await checkExercise(lesson, exercise, answer, file === '-' ? '<stdin>' : file);
  io.stdout.write(`${result.report.join('\n')}\n`);
  return result.passed ? 0 : 1;
}

interface Parsed {
  lesson?: number;
  check?: { exercise: number; file: string };
  /** `--plain`: the line front end. */
  plain?: boolean;
  /** `--present`: the UI in presenter mode. */
  present?: boolean;
}

/** The lesson and exercise asked for, or what is wrong with the arguments. */
function parseArgs(args: readonly string[]): Parsed | string {
  const parsed: Parsed = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--check-exercise') {
      const [k, file] = [args[i + 1], args[i + 2]];
      if (k === undefined || file === undefined) return '--check-exercise takes the exercise\'s number and the file with your answer: --check-exercise K FILE';
      if (!/^\d+$/.test(k)) return `--check-exercise takes the exercise's number (1, 2, …), not '${k}'`;
      parsed.check = { exercise: Number(k), file };
      i += 2;
    } else if (a === '--plain') parsed.plain = true;
    else if (a === '--present') parsed.present = true;
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else positional.push(a);
  }
  if (parsed.plain && parsed.present) return '--plain and --present exclude each other: --present is the terminal UI';
  if (parsed.check && (parsed.plain || parsed.present)) return `--check-exercise prints its verdict; it takes no ${parsed.plain ? '--plain' : '--present'}`;
  if (positional.length > 1) return `one lesson at a time, not ${positional.join(' ')}`;
  if (positional.length === 0) return parsed.check ? 'which lesson? tensorshell lesson N --check-exercise K FILE' : parsed;
  if (!/^\d+$/.test(positional[0])) return `'${positional[0]}' is not a lesson number (tensorshell lesson lists them)`;
  parsed.lesson = Number(positional[0]);
  return parsed;
}

/** The lesson in the Ink UI (ui-lesson.ts); resolves to its exit status once the learner has left. */
async function inUi(lesson: Lesson, next: LessonEntry | undefined, present: boolean): Promise<number> {
  const [{ UiLesson }, { loadUi }] = await Promise.all([import('./ui-lesson.js'), import('../ui/load-ui.js')]);
  const driver = new UiLesson(lesson, next);
  const ui = await loadUi();
  await ui.startUi({ eager: false, present, lesson: driver, banner: `tensorshell lesson ${lesson.number} — ${lesson.title}` });
  return driver.result ?? 1;
}

/** One line a lesson: its number, its title and what it teaches (wrapped, with the title in bold, at a terminal). */
function list(entries: readonly LessonEntry[], out: LessonOutput): number {
  const tty = out.isTTY === true;
  const width = Math.min((out.columns ?? 80) - 1, 120);
  const pad = String(entries[entries.length - 1]?.number ?? 0).length;
  out.write('The lessons; `tensorshell lesson N` takes lesson N:\n');
  for (const e of entries) {
    const first = `${String(e.number).padStart(pad)}  `;
    const lines = tty ? wrapInline(`**${e.title}** — ${promise(e)}`, width, first) : [`${first}${e.title} — ${promise(e)}`];
    out.write(`${lines.join('\n')}\n`);
  }
  out.write('Each lesson ends with exercises; `tensorshell lesson N --check-exercise K FILE` checks an answer kept in a file.\n');
  return 0;
}

/** Exit status 2 with `what`, and the usage when the arguments themselves are malformed. */
function usageError(io: LessonIo, what: string, usage = true): number {
  io.stderr.write(`tensorshell lesson: ${what}\n${usage ? `${LESSON_USAGE}\n` : ''}`);
  return 2;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}
