// What the kernel tells front ends about the default graph while an input runs: the ops it adds (ops-added),
// the gradient map when tf.gradients changes it (gradients-added), a default graph replaced (graph-replaced),
// and after a failed input is undone, the ops already shown that are gone again (ops-removed).
import * as tf from '../index.js';
import { opInfo } from './event-views.js';
import type { KernelEvent } from './events.js';

export class GraphReports {
  /**
   * The input being evaluated: its graph, how much of it ops-added events have shown, and the graph's
   * gradient map version gradients-added last reported.
   */
  private current: { id: number; graph: tf.Graph; reported: number; gradients: number } | null = null;
  /** The default graph front ends know of: when another replaces it, they drop its ops, run and gradients. */
  private shownGraph: tf.Graph = tf.getDefaultGraph();

  constructor(private readonly emit: (e: KernelEvent) => void) {}

  /** The id of the input being evaluated, or null between inputs. */
  get inputId(): number | null {
    return this.current?.id ?? null;
  }

  /** Input `id` starts on `graph`, the default graph. */
  begin(id: number, graph: tf.Graph): void {
    this.current = { id, graph, reported: graph.version, gradients: graph.gradientMapVersion };
  }

  /** The input succeeded: its last ops are reported. */
  end(): void {
    this.flush();
    this.current = null;
  }

  /** The input failed: `undo` rolls its graph back, and the ops already shown that it removed are reported. */
  fail(undo: () => void): void {
    const cur = this.current;
    this.current = null;
    if (cur === null) return undo();
    const shown = cur.graph.getOperations().slice(0, cur.reported);
    undo();
    const alive = new Set(cur.graph.getOperations());
    const removed = shown.filter((op) => !alive.has(op));
    if (removed.length > 0) this.emit({ type: 'ops-removed', id: cur.id, names: removed.map((op) => op.name) });
  }

  /**
   * Reports the ops the running input added since the last report (all of a new default graph if the
   * input replaced it), then the gradient map if tf.gradients changed it. Called at the end of an input,
   * and before each run-finished, so the graph view never hears of values for ops it has not been told about.
   */
  flush(): void {
    const cur = this.current;
    if (cur === null) return;
    const now = tf.getDefaultGraph();
    if (now !== cur.graph) {
      cur.graph = now;
      cur.reported = 0;
      cur.gradients = 0;
    }
    this.graphReplaced(cur.id);
    const ops = now.getOperations().slice(cur.reported);
    cur.reported = now.version;
    if (tf.executingEagerly()) return;
    if (ops.length > 0) this.emit({ type: 'ops-added', id: cur.id, ops: ops.map(opInfo) });
    if (now.gradientMapVersion !== cur.gradients) {
      cur.gradients = now.gradientMapVersion;
      this.emit({ type: 'gradients-added', id: cur.id, pairs: now.gradientMap() });
    }
  }

  /** Tells front ends, for input `id`, if the default graph is no longer the one they know. */
  graphReplaced(id: number): void {
    const now = tf.getDefaultGraph();
    if (now === this.shownGraph) return;
    this.shownGraph = now;
    this.emit({ type: 'graph-replaced', id });
  }
}
