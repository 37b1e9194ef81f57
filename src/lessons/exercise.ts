// An exercise in an interactive lesson. The prompt is empty: the learner types an answer, and after each
// input what the answer printed so far is judged (answer.ts); a pass says ✓ and the lesson goes on. An
// empty line (or `:check`) shows how the answer differs from the lesson's, `:hint` what the lesson's answer
// prints, `:solution` its code, put on the prompt one input at a time, and `:skip` goes on without it.
import type { Block } from '../transcript/format.js';
import { answerCode, answerOutput, judgeAnswer } from './answer.js';
import { type LessonTalk, offerStep } from './lesson-talk.js';

/** How an exercise ended; 'end' when the input ended first. */
export type ExerciseOutcome = 'solved' | 'solution' | 'skipped' | 'end';

/** Runs exercise `block`; `explain` says how exercises work (the lesson's first one). */
export async function takeExercise(prompt: LessonTalk, block: Block, explain: boolean): Promise<ExerciseOutcome> {
  const { p } = prompt;
  const n = block.exercise!;
  prompt.say('', p.bold(`Exercise ${n}: your turn.`));
  prompt.note(explain
    ? "Type your answer at the prompt; it is checked after each input. An empty line shows how what you printed differs from the lesson's answer; :hint shows what the answer prints, :solution the lesson's code, :skip goes on."
    : '(:hint, :solution, :skip)');
  const printed: string[] = [];
  let ran = 0;
  for (;;) {
    const e = await prompt.enter();
    if (e.kind === 'end') return 'end';
    if (e.kind === 'ran') {
      printed.push(...e.printed);
      ran++;
      if (!judgeAnswer(block, printed, ran).passed) continue;
      prompt.say(p.green(`✓ Exercise ${n}: your answer prints what the lesson's answer prints.`));
      return 'solved';
    }
    const command = e.kind === 'empty' ? 'check' : e.command;
    if (command === 'skip') {
      prompt.say(p.dim(`(exercise ${n} skipped)`));
      return 'skipped';
    }
    if (command === 'solution') return solution(prompt, block);
    if (command === 'hint') prompt.say(p.dim("The lesson's answer prints:"), ...answerOutput(block).map((l) => p.dim(`  ${l}`)));
    else verdict(prompt, block, printed, ran);
  }
}

/** ✗ and the difference (a pass never gets here: it is reported as soon as it happens). */
function verdict(prompt: LessonTalk, block: Block, printed: readonly string[], ran: number): void {
  const { p } = prompt;
  if (ran === 0) return prompt.say(p.dim('Nothing to check yet: type your answer first (:hint shows what it should print).'));
  const { diff } = judgeAnswer(block, printed, ran);
  prompt.say(p.red(`✗ Exercise ${block.exercise}: not yet. What the lesson's answer prints (-) and what yours printed (+):`),
    ...diff.map((row) => `  ${row[0] === '-' ? p.red(row) : row[0] === '+' ? p.green(row) : row}`));
}

async function solution(prompt: LessonTalk, block: Block): Promise<ExerciseOutcome> {
  prompt.say(prompt.p.dim("The lesson's answer (it is on the prompt next, one input at a time):"), ...answerCode(block).map((l) => `  ${l}`));
  for (const step of block.steps) if (!(await offerStep(prompt, step, block.tolerance))) return 'end';
  return 'solution';
}
