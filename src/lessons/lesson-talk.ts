// What a lesson needs of the prompt it talks through, whichever front end gives it: the line front end
// (lesson-prompt.ts, readline) or the Ink UI (ui-lesson.ts). The rules that do not depend on the front end
// live here: how a step waits on the prompt until it ran (as written or edited), what a `:command` typed
// after a step's code means, and the dim line saying what the lesson got when a step printed something else.
import { COMMAND_NAMES } from '../kernel/command-names.js';
import type { ExecuteStatus, Mode } from '../kernel/events.js';
import { align } from '../transcript/align.js';
import type { Block, Step } from '../transcript/format.js';
import { changedRows, diffRows } from './answer.js';
import { isEditOf, splitTrailingCommand } from './edit.js';
import type { Paint } from './prose.js';

/** What one turn at the prompt came to. */
export type Entered =
  | { kind: 'end' }
  | { kind: 'empty' }
  /** `kept`: the step's code a command was typed after, to offer again (as the learner had edited it). */
  | { kind: 'lesson'; command: string; kept?: readonly string[] }
  /** `shown`: the UI answered it by drawing (`:chart`, `:graph` in the Ink UI): there is no text to compare. */
  | { kind: 'ran'; code: string; status: ExecuteStatus; printed: string[]; kept?: readonly string[]; shown?: boolean };

export interface LessonTalk {
  /** Whether a person sits at a terminal (the last words differ). */
  readonly tty: boolean;
  readonly p: Paint;
  /** The kernel's mode now. */
  readonly mode: Mode;
  /** One input at the prompt, `prefill` (a step's lines) on it to run or edit. */
  enter(prefill?: readonly string[]): Promise<Entered>;
  /** Runs setup the lesson does not show, in `mode` if given, printing nothing. */
  runHidden(steps: readonly Step[], mode: Mode | undefined): Promise<void>;
  /** The lesson's prose. */
  prose(lines: readonly string[]): void;
  /** A dim line of tensorshell's own. */
  note(text: string): void;
  /** Lines of tensorshell's own; a leading '' is a blank line before them, unless there is one already. */
  say(...lines: string[]): void;
  /** The lesson has said its last words: the prompt is the learner's from now on. */
  ended?(): void;
  /** A block shown to the learner starts (`done` false) or has run (true): the UI opens its views then. */
  block?(block: Block, done: boolean): void;
}

export const LESSON_COMMAND = /^:(hint|solution|skip|check)$/;
/** What splits off the end of a step's line: the lesson's commands and the REPL's. */
export const SPLIT_NAMES: ReadonlySet<string> = new Set(['hint', 'solution', 'skip', 'check', ...COMMAND_NAMES]);
export const LESSON_HELP = `In a lesson:
  :hint      what the lesson's code prints here (in an exercise: what its answer prints)
  :solution  the lesson's answer to the exercise, on the prompt one input at a time
  :skip      go on without running the step, or without answering the exercise
  :check     how what your answer printed differs from the lesson's (so does an empty line)`;

/** The lesson's unseen setup failed (the learner changed what it builds on): said, so what follows makes sense. */
export const hiddenFailed = (error: string): string =>
  `(the lesson's unseen setup failed here — ${error.split('\n')[0]}; what follows may print something other than the lesson shows)`;

/** Outputs up to this many lines are shown whole when a step printed something else; longer ones as a diff. */
const SHORT_OUTPUT = 4;

/** Puts `step` on the prompt until the learner runs it (as it is or edited) or skips it; false at the end of input. */
export async function offerStep(talk: LessonTalk, step: Step, tolerance: number | undefined, compare = true): Promise<boolean> {
  const lines = step.input.split('\n');
  let prefill: readonly string[] = lines;
  for (;;) {
    const e = await talk.enter(prefill);
    prefill = (e.kind === 'lesson' || e.kind === 'ran') && e.kept !== undefined ? e.kept : lines;
    if (e.kind === 'end') return false;
    if (e.kind === 'empty') continue;
    if (e.kind === 'lesson') {
      if (e.command === 'skip') {
        talk.say(talk.p.dim('(skipped: what follows may print something other than the lesson shows)'));
        return true;
      }
      if (e.command === 'hint') lessonGot(talk, step.expected, "the lesson's code prints");
      else talk.say(talk.p.dim(`(:${e.command} is for exercises; here the lesson's code is on the prompt)`));
      continue;
    }
    // The step as written is done whatever it printed (a lesson shows errors on purpose); an edit of it
    // that failed comes back, to be fixed or run as written; anything else leaves it on the prompt.
    const asWritten = e.code.trim() === step.input.trim();
    if (!asWritten && (e.status === 'error' || !isEditOf(e.code, step.input))) continue;
    if (compare && e.shown !== true) compareOutput(talk, step.expected, e.printed, tolerance);
    return true;
  }
}

/**
 * A whole input as the learner sent it, `offered` being the step's code that was on the prompt: a lesson
 * command, a command typed after the offered code (it runs alone, the code before it comes back), or code.
 * Only what was typed onto the offered code splits: the code as offered runs as it is, whatever it holds.
 */
export function classify(input: string, offered: string, first = true):
  | { kind: 'lesson'; command: string }
  | { kind: 'split'; code: string; command: string }
  | { kind: 'code' } {
  const split = offered === '' || input === offered ? null : splitTrailingCommand(input, SPLIT_NAMES);
  if (split !== null) return { kind: 'split', ...split };
  const lesson = first ? LESSON_COMMAND.exec(input.trim()) : null;
  return lesson ? { kind: 'lesson', command: lesson[1] } : { kind: 'code' };
}

/**
 * Nothing when a step printed what the lesson shows (`...`, `[..]` and the block's tolerance count, as in
 * `check`); else what the lesson got: all of it when short, the lines that differ when long.
 */
function compareOutput(talk: LessonTalk, expected: readonly string[], printed: readonly string[], tolerance: number | undefined): void {
  if (align(expected, printed, tolerance).matches) return;
  if (expected.length <= SHORT_OUTPUT) return lessonGot(talk, expected, 'the lesson got');
  const rows = changedRows(diffRows(expected, printed, tolerance));
  talk.say(talk.p.dim('  ↳ the lesson got (-) where this printed (+):'), ...rows.map((r) => talk.p.dim(`    ${r}`)));
}

function lessonGot(talk: LessonTalk, expected: readonly string[], words: string): void {
  const { p } = talk;
  if (expected.length === 0) return talk.say(p.dim(`  ↳ ${words} nothing`));
  if (expected.length === 1) return talk.say(p.dim(`  ↳ ${words}: ${expected[0]}`));
  talk.say(p.dim(`  ↳ ${words}:`), ...expected.map((l) => p.dim(`    ${l}`)));
}
