// `tensorshell lesson N --check-exercise K FILE`: the learner's answer to exercise K, checked without the
// interactive lesson (in an editor, in a course's CI). A fresh session runs every block of the lesson
// before exercise K, as the lesson runs them (earlier exercises with the lesson's own answers), then the
// answer, in the exercise's mode; what the answer printed is judged as in the interactive lesson (answer.ts).
//
// The answer is what you would type at the prompt: lines of TypeScript and `:commands`, an input going on
// over several lines until it is a whole statement, as in `tensorshell --plain`. A file with a
// ```tensorshell block (the lesson's own format) gives the inputs of its blocks instead, outputs ignored.
import { findCommand } from '../kernel/commands/index.js';
import { compile, stripPrompts } from '../kernel/compile.js';
import { runSteps } from '../transcript/check-session.js';
import { noDirectives } from '../transcript/directives.js';
import { type Block, parseTranscript } from '../transcript/format.js';
import { judgeAnswer } from './answer.js';
import type { Lesson } from './catalogue.js';

export interface ExerciseCheck {
  passed: boolean;
  /** ✓ or ✗ with what differs; printed as it is. */
  report: string[];
}

/** Checks `answer` (the text of the file `answerFile` names) as the answer to `exercise`, a block of `lesson`. */
export async function checkExercise(lesson: Lesson, exercise: Block, answer: string, answerFile: string): Promise<ExerciseCheck> {
  const what = `lesson ${lesson.number}, exercise ${exercise.exercise}`;
  let inputs: string[];
  try {
    inputs = answerInputs(answer, answerFile);
  } catch (e) {
    return { passed: false, report: [(e as Error).message, `✗ ${what}: ${answerFile} could not be read as an answer`] };
  }
  if (inputs.length === 0) return { passed: false, report: [`✗ ${what}: ${answerFile} has no inputs to run`] };
  const mine: Block = {
    ...noDirectives(), mode: exercise.mode, lines: { start: 1, end: 1 },
    steps: inputs.map((input, i) => ({ input, expected: [], line: i + 1 })),
  };
  const runs = (await runSteps([...lesson.blocks.slice(0, lesson.blocks.indexOf(exercise)), mine])).filter((r) => r.block === mine);
  const unfinished = runs.find((r) => r.status === 'incomplete');
  if (unfinished) {
    const first = unfinished.step.input.split('\n')[0].trim();
    return { passed: false, report: [`✗ ${what}: ${answerFile} ends in the middle of a statement: ${first}`] };
  }
  const { passed, diff } = judgeAnswer(exercise, runs.flatMap((r) => r.printed), runs.length);
  if (passed) return { passed, report: [`✓ ${what}: ${answerFile} prints what the lesson's answer prints`] };
  return {
    passed,
    report: [
      `✗ ${what}: ${answerFile} does not print what the lesson's answer prints`,
      `--- ${lesson.file}:${exercise.steps[0]?.line ?? exercise.lines.start} (the lesson's answer to exercise ${exercise.exercise})`,
      `+++ ${answerFile} (yours)`,
      ...diff,
      "(an answer passes when it prints each line of the lesson's answer, in order; other lines around them do not count)",
    ],
  };
}

/** The inputs of an answer file: the steps of its ```tensorshell blocks, or its lines grouped into statements. */
export function answerInputs(text: string, file: string): string[] {
  if (/^ {0,3}(?:`{3,}|~{3,})\s*tensorshell\b/m.test(text)) {
    return parseTranscript(text, file).flatMap((b) => b.steps.map((s) => s.input));
  }
  const inputs: string[] = [];
  let buffer: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    buffer.push(line);
    const code = stripPrompts(buffer.join('\n')).trim();
    if (code === '') buffer = [];
    else if (findCommand(code) !== null || compile(code).kind !== 'incomplete') {
      inputs.push(buffer.join('\n'));
      buffer = [];
    }
  }
  // An input that never ends is run anyway, so that it is reported as what it is.
  if (buffer.length > 0) inputs.push(buffer.join('\n'));
  return inputs;
}
