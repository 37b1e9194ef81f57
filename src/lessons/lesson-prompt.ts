// The prompt a lesson talks through: the learner's lines (lesson-input.ts) run in the lesson's kernel
// (lesson-kernel.ts), with a step's code offered on the line, and the lesson's own words around them. It
// stays the learner's REPL: every kernel command works, and an input of the learner's own at a step (not an
// edit of it, edit.ts) leaves the step waiting. `:hint`, `:solution`, `:skip` and `:check` are the
// lesson's and never reach the kernel. A command typed at the end of a step's code (readline put the code
// on the line: `const graph = tf.getDefaultGraph():hint`) runs alone, and the code is offered again.
import type { Mode } from '../kernel/events.js';
import { contextCompleter } from '../kernel/tf-names.js';
import type { Step } from '../transcript/format.js';
import { commandOf } from './edit.js';
import { type LessonInput, type LessonOutput, type LineSource, lineSource } from './lesson-input.js';
import { LessonKernel } from './lesson-kernel.js';
import { classify, type Entered, hiddenFailed, LESSON_COMMAND, LESSON_HELP, type LessonTalk } from './lesson-talk.js';
import { LessonWords } from './lesson-words.js';
import { fitToWidth, type Paint, paint } from './prose.js';

export type { Entered } from './lesson-talk.js';

export class LessonPrompt extends LessonWords implements LessonTalk {
  readonly tty: boolean;
  readonly p: Paint;
  readonly kernel: LessonKernel;
  private readonly width: number | undefined;
  /** The terminal's width, for text that is not prose (fitToWidth); undefined when not a terminal. */
  private readonly columns: number | undefined;
  private readonly source: LineSource;

  constructor(input: LessonInput, private readonly output: LessonOutput, historyFile?: string) {
    super();
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

  get mode(): Mode {
    return this.kernel.mode;
  }

  async runHidden(steps: readonly Step[], mode: Mode | undefined): Promise<void> {
    const { kernel } = this;
    let failed: string | undefined;
    kernel.silent = true;
    try {
      if (mode !== undefined && mode !== kernel.mode) await kernel.run(`:mode ${mode}`);
      for (const step of steps) {
        const ran = await kernel.run(step.input);
        if (ran.status === 'error') failed ??= ran.printed.find((l) => /^\w*Error\b/.test(l)) ?? ran.printed[0] ?? 'an error';
      }
    } finally {
      kernel.silent = false;
    }
    if (failed !== undefined) this.note(hiddenFailed(failed));
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
      const kind = classify(line, offered, first);
      if (kind.kind === 'split') return this.command(kind.command, [...lines, kind.code, ...prefill.slice(lines.length + 1)]);
      lines.push(line);
      if (first && line.trim() === '') return { kind: 'empty' };
      if (kind.kind === 'lesson') return { kind: 'lesson', command: kind.command };
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

  protected wrapWidth(): number | undefined {
    return this.width;
  }

  protected emit(text: string): void {
    this.output.write(this.columns === undefined ? text : fitToWidth(text, this.columns));
  }
}
