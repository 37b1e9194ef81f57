// A lesson, taken through whichever prompt talks to the learner (lesson-talk.ts): the prose is shown between
// blocks; each step's code waits on the prompt, to run with Enter or to edit first, and when what it printed
// is not what the lesson shows, a dim line says what the lesson got. A block's `<!-- mode -->` is offered as
// a `:mode` step of its own, so the learner sees the switch; hidden blocks run silently; exercises leave the
// prompt to the learner (exercise.ts). At the end the session stays open.
import type { Block } from '../transcript/format.js';
import type { Lesson, LessonEntry } from './catalogue.js';
import { type ExerciseOutcome, takeExercise } from './exercise.js';
import { type LessonTalk, offerStep } from './lesson-talk.js';

type Outcome = ExerciseOutcome | 'done';

/** The words the lesson starts with: how a step is taken. */
export const lessonIntro = (n: number): string =>
  `tensorshell lesson ${n}: Enter runs the code on the prompt (edit it first if you like); :hint shows what it prints, :skip goes on, :help lists every command, Ctrl-D leaves.`;

export class LessonRun {
  private exercises = 0;

  constructor(private readonly lesson: Lesson, private readonly talk: LessonTalk, private readonly next?: LessonEntry) {}

  /** Resolves to 0 when every exercise was solved, else 1 (also when the learner left before the end). */
  async run(): Promise<number> {
    const n = this.lesson.number;
    const outcomes: Outcome[] = [];
    for (const part of this.lesson.parts) {
      if (part.kind === 'prose') {
        this.talk.prose(part.lines);
        continue;
      }
      const outcome = await this.block(part.block);
      if (outcome === 'end') {
        this.talk.say('', this.talk.p.dim(`Left lesson ${n} before its end; \`tensorshell lesson ${n}\` starts it again.`));
        return 1;
      }
      if (part.block.exercise !== undefined) outcomes.push(outcome);
    }
    return this.finished(outcomes);
  }

  private async block(block: Block): Promise<Outcome> {
    const { talk } = this;
    if (block.hidden) {
      await talk.runHidden(block.steps, block.mode);
      return 'done';
    }
    if (block.mode !== undefined && block.mode !== talk.mode) {
      talk.say(talk.p.dim(`The lesson goes on in ${block.mode} mode:`));
      if (!(await offerStep(talk, { input: `:mode ${block.mode}`, expected: [], line: 0 }, undefined, false))) return 'end';
    }
    talk.block?.(block, false);
    if (block.exercise !== undefined) return takeExercise(talk, block, this.exercises++ === 0);
    for (const step of block.steps) if (!(await offerStep(talk, step, block.tolerance))) return 'end';
    talk.block?.(block, true);
    return 'done';
  }

  private async finished(outcomes: readonly Outcome[]): Promise<number> {
    const { talk, lesson, next } = this;
    const solved = outcomes.filter((o) => o === 'solved').length;
    const exercises = outcomes.length === 0 ? '.' : `: ${solved} of ${outcomes.length} exercise${outcomes.length === 1 ? '' : 's'} solved.`;
    talk.say(talk.p.bold(`End of lesson ${lesson.number}${exercises}`),
      next ? `Next: tensorshell lesson ${next.number} — ${next.title}` : 'That was the last lesson.');
    if (talk.tty) talk.say(talk.p.dim('The session stays open for your own inputs; Ctrl-D leaves.'));
    talk.ended?.();
    for (let e = await talk.enter(); e.kind !== 'end'; e = await talk.enter()) {
      if (e.kind === 'lesson') talk.say(talk.p.dim(`(the lesson is over: :${e.command} has nothing to do)`));
    }
    if (talk.tty) talk.say('');
    return solved === outcomes.length ? 0 : 1;
  }
}
