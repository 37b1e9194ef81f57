// `tensorshell lesson N --plain` (and without a terminal): a lesson at the line front end (lesson-prompt.ts).
// The lesson itself is lesson-run.ts, shared with the Ink UI (ui-lesson.ts).
import { warmUp } from '../kernel/compile.js';
import type { Lesson, LessonEntry } from './catalogue.js';
import type { LessonInput, LessonOutput } from './lesson-input.js';
import { LessonPrompt } from './lesson-prompt.js';
import { lessonIntro, LessonRun } from './lesson-run.js';

export interface TakeOptions {
  input: LessonInput;
  output: LessonOutput;
  /** The REPL's history file (at a terminal). */
  historyFile?: string;
  /** The lesson after this one, for the last words. */
  next?: LessonEntry;
}

/** Takes the learner through `lesson`; resolves to 0 when every exercise was solved, else 1. */
export async function takeLesson(lesson: Lesson, options: TakeOptions): Promise<number> {
  const prompt = new LessonPrompt(options.input, options.output, options.historyFile);
  try {
    prompt.note(lessonIntro(lesson.number));
    // TypeScript loads while the learner reads the first prose.
    if (prompt.tty) setImmediate(() => warmUp());
    return await new LessonRun(lesson, prompt, options.next).run();
  } finally {
    prompt.close();
  }
}
