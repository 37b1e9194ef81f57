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
    if (e.type !== 'output' && e.type !== 'error') return;
    const step = this.byId.get(e.id);
    // Exactly what the plain front end prints, line by line.
    if (step) step.expected.push(...(e.type === 'output' ? e.text : `${e.name}: ${e.message}`).split('\n'));
  }
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
