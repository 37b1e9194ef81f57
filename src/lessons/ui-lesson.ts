// `tensorshell lesson N` at a terminal: the lesson (lesson-run.ts) taken in the Ink UI, with the ops panel, the
// chart and the graph view live. The UI sends every input here (LessonDriver.submit); the lesson answers
// its own commands, runs the rest through the UI as if typed (so they show and fill the panels), and puts
// each step's code on the prompt. Its prose and words go into the history as lines of their own. Nothing
// here loads tf: the kernel is the UI's, in its own process.
import { stripVTControlCharacters } from 'node:util';
import type { ExecuteStatus, Mode } from '../kernel/events.js';
import { type Block, type Step, withoutTrailingBlanks } from '../transcript/format.js';
import { printedLines } from '../transcript/recorder.js';
import type { LessonDriver, LessonHost } from '../ui/lesson-types.js';
import type { Lesson, LessonEntry } from './catalogue.js';
import { classify, type Entered, hiddenFailed, LESSON_COMMAND, LESSON_HELP, type LessonTalk } from './lesson-talk.js';
import { lessonIntro, LessonRun } from './lesson-run.js';
import { LessonWords } from './lesson-words.js';
import { paint } from './prose.js';

const STEP_HINT = 'lesson: Enter runs the code on the prompt (edit it first if you like) · :hint · :skip · :help';
const ANSWER_HINT = 'lesson: your answer, checked after each input · Enter on an empty prompt: how it differs · :hint · :solution · :skip';

export class UiLesson extends LessonWords implements LessonDriver, LessonTalk {
  readonly tty = true;
  readonly p = paint(true);
  /** The exit status once the lesson has ended (0: every exercise solved). */
  result: number | null = null;
  private host: LessonHost | null = null;
  /** The lesson waits at the prompt: the learner's next input goes here. */
  private waiting: ((e: Entered) => void) | null = null;
  /** The step's code the lesson put on the prompt ('' for none). */
  private offered = '';
  private disposed = false;
  /** After the last words the prompt is the learner's: no hint. */
  private over = false;
  /** A block's `<!-- graph -->` opened the graph view: the learner's next input closes it. */
  private graphOpened = false;

  constructor(private readonly lesson: Lesson, private readonly next?: LessonEntry) {
    super();
  }

  get mode(): Mode {
    return this.host?.mode ?? 'lazy';
  }

  async start(host: LessonHost): Promise<number> {
    this.host = host;
    this.note(lessonIntro(this.lesson.number));
    this.result = await new LessonRun(this.lesson, this, this.next).run();
    return this.result;
  }

  dispose(): void {
    this.disposed = true;
    this.take({ kind: 'end' });
  }

  enter(prefill: readonly string[] = []): Promise<Entered> {
    if (this.disposed || this.host === null) return Promise.resolve({ kind: 'end' });
    this.offered = prefill.join('\n');
    if (this.offered !== '') this.host.offer(this.offered);
    this.host.hint(this.over ? null : this.offered !== '' ? STEP_HINT : ANSWER_HINT);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async submit(code: string): Promise<ExecuteStatus> {
    const host = this.host!;
    this.closeGraph();
    // Not at the prompt (between two of the lesson's steps): the input runs as typed.
    if (this.waiting === null) return (await host.run(code)).status;
    if (code.trim() === '') {
      if (this.offered === '') host.show('', '');
      this.take({ kind: 'empty' });
      return 'ok';
    }
    const kind = classify(code, this.offered);
    if (kind.kind === 'lesson') {
      host.show('', code);
      this.take({ kind: 'lesson', command: kind.command });
      return 'ok';
    }
    if (kind.kind === 'split') {
      // The command alone runs; the code it was typed after comes back to the prompt.
      const kept = kind.code.split('\n');
      const lesson = LESSON_COMMAND.exec(kind.command);
      if (lesson) {
        host.show('', code);
        this.take({ kind: 'lesson', command: lesson[1], kept });
        return 'ok';
      }
      const ran = await this.run(kind.command);
      this.take({ ...ran, kept });
      return ran.status;
    }
    const ran = await this.run(code);
    // The prompt gets its line break back (the editor's rule) and the lesson keeps waiting for the rest.
    if (ran.status !== 'incomplete') this.take(ran);
    return ran.status;
  }

  answered(code: string): void {
    // The UI has answered it already: a `:graph` of the learner's own keeps the view it opened.
    if (!/^\s*:graph\b/.test(code)) this.closeGraph();
    if (this.waiting !== null) this.take({ kind: 'ran', code, status: 'ok', printed: [], shown: true });
  }

  async runHidden(steps: readonly Step[], mode: Mode | undefined): Promise<void> {
    const host = this.host!;
    if (mode !== undefined && mode !== host.mode) await host.quiet(`:mode ${mode}`);
    for (const step of steps) {
      const { status, errors } = await host.quiet(step.input);
      if (status === 'error') this.note(hiddenFailed(errors.map((e) => `${e.name}: ${e.message}`)[0] ?? 'an error'));
    }
  }

  block(block: Block, done: boolean): void {
    if (!done && block.chart) this.host?.view({ chart: true });
    if (done && block.graph) {
      this.host?.view({ graph: true });
      this.graphOpened = true;
    }
  }

  private closeGraph(): void {
    if (!this.graphOpened) return;
    this.graphOpened = false;
    this.host?.view({ graph: false });
  }

  ended(): void {
    this.over = true;
  }

  protected wrapWidth(): number {
    return Math.min((this.host?.columns ?? 80) - 1, 100);
  }

  private async run(code: string): Promise<Extract<Entered, { kind: 'ran' }>> {
    const { status, events } = await this.host!.run(code);
    this.atBlank = false;
    const printed = events.flatMap((e) => printedLines(e)?.lines ?? []).map((l) => stripVTControlCharacters(l));
    if (status !== 'incomplete' && /^\s*:help\s*$/.test(code)) this.say(LESSON_HELP);
    return { kind: 'ran', code, status, printed: withoutTrailingBlanks(printed) };
  }

  private take(e: Entered): void {
    const resolve = this.waiting;
    if (resolve === null) return;
    this.waiting = null;
    this.host?.hint(null);
    resolve(e);
  }

  /** Text as the line front end would write it: its final line break is the history item's own. */
  protected emit(text: string): void {
    if (!this.disposed) this.host?.show(text.replace(/\n$/, ''));
  }
}
