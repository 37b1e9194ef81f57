// `tensorshell lesson N`: a lesson, taken at the line front end. The prose is shown between blocks; each
// step's code waits on the prompt, to run with Enter or to edit first, and when what it printed is not what
// the lesson shows, a dim line says what the lesson got (lesson-prompt.ts). A block's `<!-- mode -->` is
// offered as a `:mode` step of its own, so the learner sees the switch; hidden blocks run silently;
// exercises leave the prompt to the learner (exercise.ts). At the end the session stays open.
import { warmUp } from '../kernel/compile.js';
import type { Block } from '../transcript/format.js';
import type { Lesson, LessonEntry } from './catalogue.js';
import { type ExerciseOutcome, takeExercise } from './exercise.js';
import type { LessonInput, LessonOutput } from './lesson-input.js';
import { LessonPrompt } from './lesson-prompt.js';

export interface TakeOptions {
  input: LessonInput;
  output: LessonOutput;
  /** The REPL's history file (at a terminal). */
  historyFile?: string;
  /** The lesson after this one, for the last words. */
  next?: LessonEntry;
}

type Outcome = ExerciseOutcome | 'done';

/** Takes the learner through `lesson`; resolves to 0 when every exercise was solved, else 1. */
export async function takeLesson(lesson: Lesson, options: TakeOptions): Promise<number> {
  const prompt = new LessonPrompt(options.input, options.output, options.historyFile);
  try {
    return await new LessonRun(lesson, prompt, options.next).run();
  } finally {
    prompt.close();
  }
}

class LessonRun {
  private exercises = 0;

  constructor(private readonly lesson: Lesson, private readonly prompt: LessonPrompt, private readonly next?: LessonEntry) {}

  async run(): Promise<number> {
    const n = this.lesson.number;
    this.prompt.note(`tensorshell lesson ${n}: Enter runs the code on the prompt (edit it first if you like); :hint shows what it prints, :skip goes on, :help lists every command, Ctrl-D leaves.`);
    // TypeScript loads while the learner reads the first prose.
    if (this.prompt.tty) setImmediate(() => warmUp());
    const outcomes: Outcome[] = [];
    for (const part of this.lesson.parts) {
      if (part.kind === 'prose') {
        this.prompt.prose(part.lines);
        continue;
      }
      const outcome = await this.block(part.block);
      if (outcome === 'end') {
        this.prompt.say('', this.prompt.p.dim(`Left lesson ${n} before its end; \`tensorshell lesson ${n}\` starts it again.`));
        return 1;
      }
      if (part.block.exercise !== undefined) outcomes.push(outcome);
    }
    return this.finished(outcomes);
  }

  private async block(block: Block): Promise<Outcome> {
    const { prompt } = this;
    if (block.hidden) return this.hidden(block);
    if (block.mode !== undefined && block.mode !== prompt.kernel.mode) {
      prompt.say(prompt.p.dim(`The lesson goes on in ${block.mode} mode:`));
      if (!(await prompt.offer({ input: `:mode ${block.mode}`, expected: [], line: 0 }, undefined, false))) return 'end';
    }
    if (block.exercise !== undefined) return takeExercise(prompt, block, this.exercises++ === 0);
    for (const step of block.steps) if (!(await prompt.offer(step, block.tolerance))) return 'end';
    return 'done';
  }

  /** Setup the lesson does not show: it runs, silently. */
  private async hidden(block: Block): Promise<Outcome> {
    const { kernel } = this.prompt;
    kernel.silent = true;
    try {
      if (block.mode !== undefined && block.mode !== kernel.mode) await kernel.run(`:mode ${block.mode}`);
      for (const step of block.steps) await kernel.run(step.input);
    } finally {
      kernel.silent = false;
    }
    return 'done';
  }

  private async finished(outcomes: readonly Outcome[]): Promise<number> {
    const { prompt, lesson, next } = this;
    const solved = outcomes.filter((o) => o === 'solved').length;
    const exercises = outcomes.length === 0 ? '.' : `: ${solved} of ${outcomes.length} exercise${outcomes.length === 1 ? '' : 's'} solved.`;
    prompt.say(prompt.p.bold(`End of lesson ${lesson.number}${exercises}`),
      next ? `Next: tensorshell lesson ${next.number} — ${next.title}` : 'That was the last lesson.');
    if (prompt.tty) prompt.say(prompt.p.dim('The session stays open for your own inputs; Ctrl-D leaves.'));
    for (let e = await prompt.enter(); e.kind !== 'end'; e = await prompt.enter()) {
      if (e.kind === 'lesson') prompt.say(prompt.p.dim(`(the lesson is over: :${e.command} has nothing to do)`));
    }
    if (prompt.tty) prompt.say('');
    return solved === outcomes.length ? 0 : 1;
  }
}
