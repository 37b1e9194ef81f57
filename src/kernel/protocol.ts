// The messages between a front end and a kernel child process (child.ts ↔ remote.ts). Values never cross
// as objects: the events already carry their printed text, so JSON over Node's IPC channel is enough.
import type { TfNames } from './complete-names.js';
import type { ExecuteStatus, KernelEvent, Mode } from './events.js';

/** What the engine is like in the kernel process: the status line's devices, Tab's names. */
export interface KernelFacts {
  devices: string[];
  names: TfNames;
}

/**
 * Front end → kernel. Inputs run one at a time, in the order sent. A completion request (Tab after `sess.r`)
 * is answered at once, not after the inputs queued: it only reads the context's names.
 */
export type ToKernel =
  | { type: 'execute'; id: number; code: string }
  /**
   * Ctrl-C, sent right after the SIGINT that stops a running script: it stops the `execute` with this id if
   * its script has not started yet, where the signal can come too early (while the input compiles, or
   * before the execute message is read) for the input to see it.
   */
  | { type: 'interrupt'; id: number }
  | { type: 'complete'; id: number; line: string };

/** Kernel → front end. */
export type FromKernel =
  /**
   * Sent once the kernel listens: messages sent before could be lost while its modules load. With what the
   * front end would otherwise load the engine for: the devices and the `tf.` names Tab completes.
   */
  | { type: 'ready'; pid: number; mode: Mode } & KernelFacts
  | { type: 'event'; event: KernelEvent }
  /** Several events in order: a training loop's scalars and its latest run, sent at most ~20 times a second. */
  | { type: 'events'; events: KernelEvent[] }
  /** How the `execute` with this `id` ended; its events came before. */
  | { type: 'result'; id: number; status: ExecuteStatus }
  /** The answer to the `complete` with this `id`: the completions of the line's end and the text they replace. */
  | { type: 'completion'; id: number; matches: string[]; prefix: string };
