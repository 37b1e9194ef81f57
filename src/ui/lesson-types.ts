// What the Ink UI needs of a lesson (`tensorshell lesson N` at a terminal): the surface src/lessons/ui-lesson.ts
// gives. The UI depends on this shape only (the dependency test in test/ui-parts.test.ts: ui/ imports ui/ and
// kernel/ alone), as it depends on ReplaySource for a replay.
import type { ExecuteStatus, KernelEvent, Mode } from '../kernel/events.js';
import type { QuietResult } from './replay-kernel.js';

/** What the UI does for the lesson. */
export interface LessonHost {
  readonly mode: Mode;
  /** The terminal's width now (prose is wrapped to it). */
  readonly columns: number;
  /** The step's code on the prompt, to run with Enter or edit first (once the prompt is empty and free). */
  offer(text: string): void;
  /** Runs `code` as typed: it shows in the history; resolves to how it ended and what the kernel reported meanwhile. */
  run(code: string): Promise<{ status: ExecuteStatus; events: KernelEvent[] }>;
  /** Runs setup unseen (a hidden block), the UI busy meanwhile. */
  quiet(code: string): Promise<QuietResult>;
  /** The lesson's own lines in the history, styles kept; `input` echoes what the learner sent (`:hint`). */
  show(text: string, input?: string): void;
  /** The line under the prompt while the lesson waits there; null clears it. */
  hint(text: string | null): void;
  /** A block's `<!-- chart -->` (the chart shown) and `<!-- graph -->` (the graph view opened, or closed again). */
  view(view: { chart?: true; graph?: boolean }): void;
}

/** The lesson, as the UI drives it. */
export interface LessonDriver {
  /** Takes the learner through the lesson on `host`; resolves to the exit status once it has ended. */
  start(host: LessonHost): Promise<number>;
  /** An input the learner sent (Enter; '' for an empty prompt): the lesson runs it or answers it. */
  submit(code: string): Promise<ExecuteStatus>;
  /** A command the UI answered itself (`:chart`, `:graph`): a step that is that command has run. */
  answered(code: string): void;
  /** The UI is closing: the lesson ends where it is. */
  dispose(): void;
}
