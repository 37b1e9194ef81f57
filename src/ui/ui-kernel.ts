// What the Ink UI needs of a kernel: RemoteKernel's surface (src/kernel/remote.ts). Tests pass a fake.
import type { ExecuteStatus, KernelListener, Mode } from '../kernel/events.js';

export interface UiKernel {
  readonly mode: Mode;
  execute(code: string): Promise<{ status: ExecuteStatus }>;
  on(listener: KernelListener): () => void;
  /** Ctrl-C while an input runs; false when nothing runs. */
  interrupt(): boolean;
  /** A fresh kernel; with `rerun`, the session's successful inputs run again. */
  restart(options?: { rerun?: boolean }): Promise<{ status: ExecuteStatus }>;
  close(): Promise<void>;
  /** Tab's completions from the kernel's context (`sess.r` → `sess.run`) and the text they replace; absent in some fakes. */
  complete?(line: string): Promise<[string[], string]>;
}
