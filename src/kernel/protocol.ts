// The messages between a front end and a kernel child process (child.ts ↔ remote.ts). Values never cross
// as objects: the events already carry their printed text, so JSON over Node's IPC channel is enough.
import type { ExecuteStatus, KernelEvent, Mode } from './events.js';

/** Front end → kernel. Inputs run one at a time, in the order sent. */
export type ToKernel = { type: 'execute'; id: number; code: string };

/** Kernel → front end. */
export type FromKernel =
  /** Sent once the kernel listens: messages sent before could be lost while its modules load. */
  | { type: 'ready'; pid: number; mode: Mode }
  | { type: 'event'; event: KernelEvent }
  /** Several events in order: a training loop's scalars and its latest run, sent at most ~20 times a second. */
  | { type: 'events'; events: KernelEvent[] }
  /** How the `execute` with this `id` ended; its events came before. */
  | { type: 'result'; id: number; status: ExecuteStatus };
