// The typed events a kernel emits: the one protocol between the evaluator and every front end (the plain
// line mode, transcript checks, tests in-process, and the Ink UI over IPC).

/** An op as the ops panel lists it. */
export interface OpInfo {
  name: string;
  type: string;
  inputs: string[];
  device: string;
}

export type Mode = 'lazy' | 'eager';

export type KernelEvent =
  | { type: 'input-started'; id: number; code: string }
  /** The ops an input added to the default graph (lazy mode), in creation order. */
  | { type: 'ops-added'; id: number; ops: OpInfo[] }
  /** Ops reported by ops-added that are gone again because their input failed and was undone. */
  | { type: 'ops-removed'; id: number; names: string[] }
  /** A printed result, or a command's text. */
  | { type: 'output'; id: number; text: string }
  | { type: 'scalar-logged'; name: string; step: number; value: number }
  /**
   * A Session.run finished: the ops it evaluated, how long it took (the mean of the runs since the last such
   * event: a training loop's runs are reported ~20 times a second), and the values it computed by tensor
   * name (numpy-style text; tensors over 16 elements as their shape) for the graph view, with what it
   * fetched: tensors ('mul:0') and ops ('init') by name.
   */
  | { type: 'run-finished'; ops: string[]; ms: number; values: Record<string, string>; fetched: string[] }
  /**
   * The default graph was replaced (`:reset`, `tf.resetDefaultGraph()`): forget its ops, its last run and its
   * gradients. Comes before the new graph's ops-added.
   */
  | { type: 'graph-replaced'; id: number }
  /**
   * tf.gradients built gradients in this input: the default graph's whole forward → gradient tensor map
   * now (`{ 'add:0': 'gradients/mul_grad/Mul:0' }`, earlier calls' pairs included, the latest call's
   * winning). Replace the map you had with it. Comes after the input's ops-added, before its runs' events.
   */
  | { type: 'gradients-added'; id: number; pairs: Record<string, string> }
  /**
   * Eager mode: ops the input ran since the last such event (the latest EAGER_ROWS of them, eager-reports.ts), with the values
   * they made as text, and how many it has run in all. Sent ~10 times a second while it runs and at its end.
   */
  | { type: 'eager-ops'; id: number; total: number; ops: EagerOpInfo[] }
  | { type: 'error'; id: number; name: string; message: string; stack?: string }
  /** The engine warned (soft placement, a deprecated name) while the input ran; each message once a session. */
  | { type: 'warning'; id: number; message: string }
  /**
   * The kernel waits for input: the mode, the graph's size, and the default graph's variables with how
   * many the latest session to run it has initialized (null in eager mode).
   */
  | { type: 'idle'; id: number; mode: Mode; opCount: number; variables?: { total: number; initialized: number } | null }
  /** The kernel process ended by itself (a native crash, `process.exit` in an input): its inputs failed. */
  | { type: 'kernel-died'; code: number | null; signal: string | null };

export type KernelListener = (event: KernelEvent) => void;

/** How one input ended: evaluated, failed, or waiting for more lines. */
export type ExecuteStatus = 'ok' | 'error' | 'incomplete';

/** An op eager mode ran: its type and its value, numpy-style (`2.0`; over 16 elements `<float32 [100, 100]>`). */
export interface EagerOpInfo {
  type: string;
  value: string;
}
