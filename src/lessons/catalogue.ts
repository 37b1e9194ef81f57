// The lessons that come with tensorshell: `lessons/NN-name.md` in the package, each with its number, its title
// (`# Lesson N: Title`) and its promise (the paragraph `After this lesson you can …`). The folder is found
// from this module's own place, `../../lessons` from both src/lessons/ and dist/lessons/, so it works from
// the repository, after `npm run build`, and in an installed package (package.json ships `lessons`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTranscript, type Block } from '../transcript/format.js';

export const LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));

/** One lesson as `tensorshell lesson` lists it: `{ number: 1, title: 'Names and objects, eager and lazy', … }`. */
export interface LessonEntry {
  number: number;
  title: string;
  /** The promise, one line: `After this lesson you can build the smallest TensorFlow graph, …`. */
  summary: string;
  /** Where the file is, and how messages name it (`lessons/01-names-and-objects.md`). */
  path: string;
  file: string;
}

/** A lesson's text between its session blocks, and the blocks, in the order the file has them. */
export type LessonPart = { kind: 'prose'; lines: string[] } | { kind: 'block'; block: Block };

export interface Lesson extends LessonEntry {
  parts: LessonPart[];
  blocks: Block[];
}

/** A lesson file that does not say what a lesson must: the message is `file:line: what is wrong`. */
export class LessonError extends Error {
  override name = 'LessonError';
}

const FILE_NAME = /^(\d+)-[\w.-]+\.md$/;
const HEADING = /^# Lesson (\d+): (.+?)\s*$/;
const PROMISE = 'After this lesson you can ';

/** Every lesson in `dir`, by number. */
export function listLessons(dir = LESSONS_DIR): LessonEntry[] {
  return readdirSync(dir)
    .filter((f) => FILE_NAME.test(f))
    .map((f) => describe(join(dir, f), `lessons/${f}`, readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => a.number - b.number);
}

/** Lesson `n` of `dir`, with its parts, or undefined when there is none. */
export function readLesson(n: number, dir = LESSONS_DIR): Lesson | undefined {
  const entry = listLessons(dir).find((e) => e.number === n);
  if (!entry) return undefined;
  const text = readFileSync(entry.path, 'utf8');
  const blocks = parseTranscript(text, entry.file);
  return { ...entry, blocks, parts: partsOf(text.split(/\r?\n/), blocks) };
}

function describe(path: string, file: string, text: string): LessonEntry {
  const fromName = Number(FILE_NAME.exec(file.slice('lessons/'.length))![1]);
  const lines = text.split(/\r?\n/);
  const heading = HEADING.exec(lines[0] ?? '');
  if (!heading || Number(heading[1]) !== fromName) {
    throw new LessonError(`${file}:1: a lesson starts with the line "# Lesson ${fromName}: Title" (${fromName} from the file's name)`);
  }
  const start = lines.findIndex((l) => l.startsWith(PROMISE.trimEnd()));
  if (start === -1) throw new LessonError(`${file}: a lesson says what it teaches in a paragraph that starts "${PROMISE}…"`);
  let end = start;
  while (end < lines.length && lines[end].trim() !== '') end++;
  const summary = lines.slice(start, end).map((l) => l.trim()).join(' ');
  return { number: fromName, title: heading[2], summary, path, file };
}

/** The prose between blocks: what lies between the end of one block's fence and the start of the next. */
function partsOf(lines: readonly string[], blocks: readonly Block[]): LessonPart[] {
  const parts: LessonPart[] = [];
  let from = 0;
  for (const block of blocks) {
    parts.push({ kind: 'prose', lines: lines.slice(from, block.lines.start - 1) });
    parts.push({ kind: 'block', block });
    from = block.lines.end;
  }
  parts.push({ kind: 'prose', lines: lines.slice(from) });
  return parts;
}

/** `build the smallest TensorFlow graph, …`: the promise without its opening words, for the list. */
export function promise(entry: LessonEntry): string {
  return entry.summary.startsWith(PROMISE) ? entry.summary.slice(PROMISE.length) : entry.summary;
}
