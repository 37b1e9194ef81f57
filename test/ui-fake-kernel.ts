// A kernel for the UI's frame tests: it answers each input with the events a script gives, records the
// calls the UI makes (interrupt, restart), and can hold an input "running" until the test lets it finish.
import type { ExecuteStatus, KernelEvent, KernelListener, Mode, OpInfo } from '../src/kernel/events.js';
import type { UiKernel } from '../src/ui/ui-kernel.js';

export type Script = (code: string, id: number) => { events?: KernelEvent[]; status?: ExecuteStatus; hold?: boolean };

export class FakeKernel implements UiKernel {
  mode: Mode = 'lazy';
  readonly inputs: string[] = [];
  interrupts = 0;
  readonly restarts: Array<{ rerun?: boolean } | undefined> = [];
  closed = false;
  private readonly listeners = new Set<KernelListener>();
  /** The graph's size and its variables, as the idle events report them. */
  opCount = 0;
  variables: { total: number; initialized: number } | null = null;
  /** Tab's member completion, when a test gives the fake one. */
  complete?: (line: string) => Promise<[string[], string]>;
  private nextId = 1;
  private release: (() => void) | null = null;

  constructor(private readonly script: Script = () => ({})) {}

  /** How many listeners the UI has on the kernel (0 once it has exited). */
  get listening(): number {
    return this.listeners.size;
  }

  on(listener: KernelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...events: KernelEvent[]): void {
    for (const e of events) for (const l of this.listeners) l(e);
  }

  async execute(code: string): Promise<{ status: ExecuteStatus }> {
    this.inputs.push(code);
    const id = this.nextId++;
    const { events = [], status = 'ok', hold = false } = this.script(code, id);
    if (status === 'incomplete') return { status };
    this.emit({ type: 'input-started', id, code }, ...events);
    for (const e of events) if (e.type === 'ops-added') this.opCount += e.ops.length;
    if (hold) await new Promise<void>((resolve) => { this.release = resolve; });
    this.emit({ type: 'idle', id, mode: this.mode, opCount: this.opCount, variables: this.variables });
    return { status };
  }

  /** Ends the input held running. */
  finish(): void {
    this.release?.();
    this.release = null;
  }

  interrupt(): boolean {
    this.interrupts++;
    return true;
  }

  async restart(options?: { rerun?: boolean }): Promise<{ status: ExecuteStatus }> {
    this.restarts.push(options);
    return { status: 'ok' };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export const op = (name: string, type: string, inputs: string[] = []): OpInfo => ({ name, type, inputs, device: '/cpu:0' });
