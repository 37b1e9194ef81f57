// The prompt a lesson talks through: the learner's lines (lesson-input.ts) run in the lesson's kernel
// (lesson-kernel.ts), with a step's code offered on the line, and the lesson's own words around them. It
// stays the learner's REPL: every kernel command works, and an input of the learner's own at a step (not an
// edit of it, edit.ts) leaves the step waiting. `:hint`, `:solution`, `:skip` and `:check` are the
// lesson's and never reach the kernel. A command typed at the end of a step's code (readline put the code
// on the line: `const graph = tf.getDefaultGraph():hint`) runs alone, and the code is offered again.
import { commands } from '../kernel/commands/index.js';
import type { ExecuteStatus } from '../kernel/events.js';
import { contextCompleter } from '../kernel/tf-names.js';
import { align } from '../transcript/align.js';
import type { Step } from '../transcript/format.js';
import { changedRows, diffRows } from './answer.js';
import { commandOf, isEditOf, splitTrailingCommand } from './edit.js';
import { type LessonInput, type LessonOutput, type LineSource, lineSource } from './lesson-input.js';
import { LessonKernel } from './lesson-kernel.js';
import { fitToWidth, type Paint, paint, renderProse, wrapInline } from './prose.js';

/** What one turn at the prompt came to. */
export type Entered =
  | { kind: 'end' }
  | { kind: 'empty' }
  /** `kept`: the step's code a command was typed after, to offer again (as the learner had edited it). */
  | { kind: 'lesson'; command: string; kept?: readonly string[] }
  | { kind: 'ran'; code: string; status: ExecuteStatus; printed: string[]; kept?: readonly string[] };

/** Outputs up to this many lines are shown whole when a step printed something else; longer ones as a diff. */
const SHORT_OUTPUT = 4;
const LESSON_COMMAND = /^:(hint|solution|skip|check)$/;
/** What splits off the end of a step's line: the lesson's commands and the REPL's. */
const COMMAND_NAMES: ReadonlySet<string> = new Set(['hint', 'solution', 'skip', 'check', ...commands.map((c) => c.name)]);
const LESSON_HELP = `In a lesson:
  :hint      what the lesson's code prints here (in an exercise: what its answer prints)
  :solution  the lesson's answer to the exercise, on the prompt one input at a time
  :skip      go on without running the step, or without answering the exercise
  :check     how what your answer printed differs from the lesson's (so does an empty line)`;

export class LessonPrompt {
  readonly tty: boolean;
  readonly p: Paint;
  readonly kernel: LessonKernel;
  private readonly width: number | undefined;
  /** The terminal's width, for text that is not prose (fitToWidth); undefined when not a terminal. */
  private readonly columns: number | undefined;
  private readonly source: LineSource;
  /** Whether what was written last ends in a blank line, so that prose and notes never leave two. */
  private atBlank = true;

  constructor(input: LessonInput, private readonly output: LessonOutput, historyFile?: string) {
    this.tty = input.isTTY === true && output.isTTY === true;
    this.p = paint(this.tty);
    this.width = this.tty ? Math.min((output.columns ?? 80) - 1, 100) : undefined;
    this.columns = this.tty ? output.columns ?? 80 : undefined;
    this.kernel = new LessonKernel((s) => this.write(s), this.tty);
    this.source = lineSource(input, output, this.tty ? historyFile : undefined, contextCompleter(this.kernel.kernel.context));
  }

  close(): void {
    this.source.close();
    this.kernel.dispose();
  }

  /** Puts `step` on the prompt until the learner runs it (as it is or edited) or skips it; false at the end of input. */
  async offer(step: Step, tolerance: number | undefined, compare = true): Promise<boolean> {
    const lines = step.input.split('\n');
    let prefill: readonly string[] = lines;
    for (;;) {
      const e = await this.enter(prefill);
      prefill = (e.kind === 'lesson' || e.kind === 'ran') && e.kept !== undefined ? e.kept : lines;
      if (e.kind === 'end') return false;
      if (e.kind === 'empty') continue;
      if (e.kind === 'lesson') {
        if (e.command === 'skip') {
          this.say(this.p.dim('(skipped: what follows may print something other than the lesson shows)'));
          return true;
        }
        if (e.command === 'hint') this.lessonGot(step.expected, "the lesson's code prints");
        else this.say(this.p.dim(`(:${e.command} is for exercises; here the lesson's code is on the prompt)`));
        continue;
      }
      // The step as written is done whatever it printed (a lesson shows errors on purpose); an edit of it
      // that failed comes back, to be fixed or run as written; anything else leaves it on the prompt.
      const asWritten = e.code.trim() === step.input.trim();
      if (!asWritten && (e.status === 'error' || !isEditOf(e.code, step.input))) continue;
      if (compare) this.compare(step.expected, e.printed, tolerance);
      return true;
    }
  }

  /**
   * One input: its lines read at the prompt (`prefill` offering a step's lines one by one) until the kernel
   * has a whole statement, then run; or an empty line, a lesson command, or the end of input.
   */
  async enter(prefill: readonly string[] = []): Promise<Entered> {
    const lines: string[] = [];
    for (;;) {
      const first = lines.length === 0;
      const offered = prefill[lines.length] ?? '';
      const line = await this.source.ask(first ? `${this.kernel.mode}> ` : '... ', offered);
      this.atBlank = false;
      if (line === null) return { kind: 'end' };
      // Only what was typed onto the offered code splits: the code as offered runs as it is, whatever it holds.
      const split = offered === '' || line === offered ? null : splitTrailingCommand(line, COMMAND_NAMES);
      if (split !== null) return this.command(split.command, [...lines, split.code, ...prefill.slice(lines.length + 1)]);
      lines.push(line);
      if (first && line.trim() === '') return { kind: 'empty' };
      const lessonCommand = first ? LESSON_COMMAND.exec(line.trim()) : null;
      if (lessonCommand) return { kind: 'lesson', command: lessonCommand[1] };
      // A step of several lines runs once all of them are in, as the lesson runs it.
      if (lines.length < prefill.length && commandOf(lines[0]) === null) continue;
      const ran = await this.run(lines.join('\n'));
      if (ran !== null) return ran;
    }
  }

  /** A command typed after a step's code: it runs alone, and `kept` (the code as it was on the line) comes back. */
  private async command(command: string, kept: readonly string[]): Promise<Entered> {
    const lesson = LESSON_COMMAND.exec(command);
    if (lesson) return { kind: 'lesson', command: lesson[1], kept };
    const ran = await this.run(command);
    return ran === null ? { kind: 'empty' } : { ...ran, kept };
  }

  /** Runs one whole input; null when the kernel needs more lines. */
  private async run(code: string): Promise<Extract<Entered, { kind: 'ran' }> | null> {
    this.source.running(true, () => this.kernel.interrupt());
    const ran = await this.kernel.run(code).finally(() => this.source.running(false, () => {}));
    if (ran.status === 'incomplete') return null;
    this.source.remember(code);
    if (/^\s*:help\s*$/.test(code)) this.say(LESSON_HELP);
    return { kind: 'ran', code, status: ran.status, printed: ran.printed };
  }

  /**
   * Nothing when a step printed what the lesson shows (`...`, `[..]` and the block's tolerance count, as in
   * `check`); else what the lesson got: all of it when short, the lines that differ when long.
   */
  private compare(expected: readonly string[], printed: readonly string[], tolerance: number | undefined): void {
    if (align(expected, printed, tolerance).matches) return;
    if (expected.length <= SHORT_OUTPUT) return this.lessonGot(expected, 'the lesson got');
    const rows = changedRows(diffRows(expected, printed, tolerance));
    this.say(this.p.dim('  ↳ the lesson got (-) where this printed (+):'), ...rows.map((r) => this.p.dim(`    ${r}`)));
  }

  private lessonGot(expected: readonly string[], words: string): void {
    if (expected.length === 0) return this.say(this.p.dim(`  ↳ ${words} nothing`));
    if (expected.length === 1) return this.say(this.p.dim(`  ↳ ${words}: ${expected[0]}`));
    this.say(this.p.dim(`  ↳ ${words}:`), ...expected.map((l) => this.p.dim(`    ${l}`)));
  }

  /** The lesson's prose, with a blank line either side. */
  prose(lines: readonly string[]): void {
    const shown = renderProse(lines, this.width);
    if (shown.length > 0) this.write(`${this.atBlank ? '' : '\n'}${shown.join('\n')}\n\n`);
  }

  /** A dim line of tensorshell's own (not the lesson's text), wrapped at a terminal. */
  note(text: string): void {
    this.say(...(this.width === undefined ? [text] : wrapInline(text, this.width)).map((l) => this.p.dim(l)));
  }

  /** Lines of tensorshell's own; a leading '' is a blank line before them, unless there is one already. */
  say(...lines: string[]): void {
    if (lines[0] === '' && this.atBlank) lines = lines.slice(1);
    if (lines.length > 0) this.write(`${lines.join('\n')}\n`);
  }

  private write(text: string): void {
    this.output.write(this.columns === undefined ? text : fitToWidth(text, this.columns));
    this.atBlank = text.endsWith('\n\n') || (this.atBlank && text === '\n');
  }
}
