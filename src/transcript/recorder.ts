// What `:save` writes: each input of a kernel with the text the plain front end printed for it. It listens to
// the kernel's events from the kernel's construction on, so nothing said before the first `:save` is lost.
import type { KernelEvent, Mode } from '../kernel/events.js';
import type { Kernel } from '../kernel/kernel.js';

/** One recorded input and its printed output lines (`ErrorClass: message` for an error). */
export interface RecordedStep {
  input: string;
  expected: string[];
}

// `:save` and `:load` are not part of the session they save or load: replaying a `:save` would write a file,
// and a `:load`'s inputs are recorded one by one, so the transcript stands on its own.
const NOT_RECORDED = /^:(?:save|load)(?:\s|$)/;

export class SessionRecorder {
  /** The mode the kernel was in when recording started (the transcript's `<!-- mode: … -->`). */
  readonly startMode: Mode;
  private readonly steps: RecordedStep[] = [];
  private readonly byId = new Map<number, RecordedStep>();

  constructor(kernel: Kernel) {
    this.startMode = kernel.mode;
    kernel.on((e) => this.record(e));
  }

  /** The inputs so far, each with its output (a copy). */
  recorded(): RecordedStep[] {
    return this.steps.map((s) => ({ input: s.input, expected: [...s.expected] }));
  }

  private record(e: KernelEvent): void {
    if (e.type === 'input-started') {
      if (NOT_RECORDED.test(e.code)) return;
      const step = { input: e.code, expected: [] };
      this.steps.push(step);
      this.byId.set(e.id, step);
      return;
    }
    if (e.type === 'idle') this.byId.delete(e.id);
    const printed = printedLines(e);
    const step = printed && this.byId.get(printed.id);
    if (step) step.expected.push(...printed.lines);
  }
}

/**
 * What the plain front end prints for an event, line by line — an output's text, an error's
 * `ErrorClass: message` — with the input it belongs to; null for an event that prints nothing.
 * `:save` records these lines and `tensorshell check` compares them.
 */
export function printedLines(e: KernelEvent): { id: number; lines: string[] } | null {
  if (e.type === 'output') return { id: e.id, lines: e.text.split('\n') };
  if (e.type === 'error') return { id: e.id, lines: `${e.name}: ${e.message}`.split('\n') };
  if (e.type === 'warning') return { id: e.id, lines: `WARNING: ${e.message}`.split('\n') };
  return null;
}

const recorders = new WeakMap<Kernel, SessionRecorder>();

/** Starts recording `kernel` (once; the kernel's constructor calls this through `attachCommands`). */
export function recordSession(kernel: Kernel): SessionRecorder {
  let r = recorders.get(kernel);
  if (!r) {
    r = new SessionRecorder(kernel);
    recorders.set(kernel, r);
  }
  return r;
}
