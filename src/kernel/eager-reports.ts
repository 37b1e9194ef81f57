// Eager mode's ops for the ops panel: the ops an input runs, batched into eager-ops events ~10 times a second
// and at the input's end, each with the value it made. Only the latest EAGER_ROWS are kept between events,
// and values are formatted only when sent: a loop of a million ops formats the few that are shown.
import type * as tf from '../index.js';
import type { EagerOpInfo, KernelEvent } from './events.js';
import { valueText } from './event-views.js';

/** At most one eager-ops event per this many milliseconds while an input runs. */
const EAGER_EVENT_MS = 100;
/** An eager-ops event carries at most this many ops (the latest): more than a panel shows. */
export const EAGER_ROWS = 64;

export class EagerReports {
  private input: { id: number; total: number; pending: Array<{ type: string; outputs: readonly tf.Tensor[] }> } | null = null;
  private lastEmit = -Infinity;

  constructor(private readonly emit: (e: KernelEvent) => void) {}

  /** Input `id` ran an op. */
  op(id: number, type: string, outputs: readonly tf.Tensor[]): void {
    if (this.input?.id !== id) {
      // A short input's ops come in one event, at its end.
      this.input = { id, total: 0, pending: [] };
      this.lastEmit = performance.now();
    }
    const e = this.input;
    e.total++;
    e.pending.push({ type, outputs });
    if (e.pending.length > EAGER_ROWS) e.pending.shift();
    if (performance.now() - this.lastEmit >= EAGER_EVENT_MS) this.flush();
  }

  /** Sends what has not been sent; `end` also forgets the input (it has finished). */
  flush(end = false): void {
    const e = this.input;
    if (e !== null && e.pending.length > 0) {
      this.lastEmit = performance.now();
      const ops: EagerOpInfo[] = e.pending.map(({ type, outputs }) => ({ type, value: outputs.map((t) => valueText(t.numpy())).join(', ') }));
      e.pending = [];
      this.emit({ type: 'eager-ops', id: e.id, total: e.total, ops });
    }
    if (end) this.input = null;
  }
}
