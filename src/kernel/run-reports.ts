// The user's Session runs as the kernel reports them: the last one (`:graph` draws its values) and the one
// the next run-finished event stands for. A training loop runs thousands of times a second, so while an input
// runs at most one event goes out per RUN_EVENT_MS (and the last run's when the input ends), its values
// formatted only then. Each record is released once neither field holds it, so a training loop's plan reuses
// its arrays (graph/run-listeners.ts).
import type * as tf from '../index.js';
import { runView } from './event-views.js';
import type { KernelEvent } from './events.js';

/** At most one run-finished event per this many milliseconds while an input runs. */
const RUN_EVENT_MS = 50;

export class RunReports {
  private last: tf.RunInfo | null = null;
  private pending: tf.RunInfo | null = null;
  private lastEmit = -Infinity;
  private runs = 0;
  private ms = 0;

  constructor(private readonly emit: (e: KernelEvent) => void) {}

  /**
   * The user's last Session.run. Its values are read only when asked for, but listening at all costs a
   * Session.run some microseconds (Session builds the RunInfo).
   */
  get lastRun(): tf.RunInfo | null {
    return this.last;
  }

  /** A run no front end is shown: kept as the last run only. */
  keep(info: tf.RunInfo): void {
    this.hold(info, this.pending);
  }

  /** A run to report: the next event's, sent now if the last one went out RUN_EVENT_MS ago. */
  report(info: tf.RunInfo): void {
    this.hold(info, info);
    this.runs++;
    this.ms += info.ms;
    if (performance.now() - this.lastEmit >= RUN_EVENT_MS) this.flush();
  }

  /** Sends the pending run's event, if there is one. */
  flush(): void {
    const info = this.pending;
    if (info === null) return;
    // The time is the mean of the runs this event stands for: one run of a loop may have met a GC pause.
    const ms = this.ms / this.runs;
    this.runs = 0;
    this.ms = 0;
    this.lastEmit = performance.now();
    const view = runView(info);
    this.hold(this.last, null);
    this.emit({ type: 'run-finished', ms, ...view });
  }

  /** Keeps these two records, and releases each record that neither field holds any more. */
  private hold(last: tf.RunInfo | null, pending: tf.RunInfo | null): void {
    const before = [this.last, this.pending];
    this.last = last;
    this.pending = pending;
    for (const r of new Set(before)) if (r !== null && r !== last && r !== pending) r.release();
  }
}
