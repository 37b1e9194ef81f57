// A kernel that can run an input unseen: the replay's hidden blocks, its mode switches and the steps a jump
// skips. Their ops, runs and scalars still reach the UI (the ops panel and the chart show the session as it
// is); only the input itself, what it printed, its warnings and its error stay off the screen. The errors come back to
// the caller instead, so the replay can say that a hidden input failed.
import type { ExecuteStatus, KernelEvent, KernelListener } from '../kernel/events.js';
import type { UiKernel } from './ui-kernel.js';

/** What an unseen input did: how it ended and the errors it would have printed (`Name: message`). */
export interface QuietResult {
  status: ExecuteStatus;
  errors: Array<{ name: string; message: string }>;
}

export class QuietKernel implements UiKernel {
  private readonly listeners = new Set<KernelListener>();
  /** The errors of the unseen input running now; null while inputs are shown. */
  private hushed: QuietResult['errors'] | null = null;
  /** Listening to the inner kernel while anyone listens here (an unmounted UI leaves no listener behind). */
  private off: (() => void) | null = null;

  constructor(private readonly inner: UiKernel) {}

  get mode() {
    return this.inner.mode;
  }

  on(listener: KernelListener): () => void {
    this.listeners.add(listener);
    this.off ??= this.inner.on((event) => this.receive(event));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || this.off === null) return;
      this.off();
      this.off = null;
    };
  }

  private receive(event: KernelEvent): void {
    if (this.hushed !== null) {
      if (event.type === 'error') this.hushed.push({ name: event.name, message: event.message });
      // Shown as well (the UI says the kernel died); the caller learns it from here.
      if (event.type === 'kernel-died') this.hushed.push({ name: 'KernelDied', message: 'the kernel died' });
      // A warning (`WARNING: …`) is printed text too: the audience sees only what the transcript shows.
      if (event.type === 'input-started' || event.type === 'output' || event.type === 'warning' || event.type === 'error') return;
    }
    for (const l of this.listeners) l(event);
  }

  execute(code: string) {
    return this.inner.execute(code);
  }

  /**
   * Runs `code` unseen. The caller keeps every other input away meanwhile (the UI shows itself busy), since
   * everything the kernel reports until this one has finished is taken for it.
   */
  async quiet(code: string): Promise<QuietResult> {
    const errors: QuietResult['errors'] = [];
    this.hushed = errors;
    try {
      const { status } = await this.inner.execute(code);
      return { status, errors };
    } catch (e) {
      return { status: 'error', errors: [...errors, { name: 'Error', message: (e as Error).message ?? String(e) }] };
    } finally {
      this.hushed = null;
    }
  }

  interrupt() {
    return this.inner.interrupt();
  }

  restart(options?: { rerun?: boolean }) {
    return this.inner.restart(options);
  }

  close() {
    return this.inner.close();
  }
}
