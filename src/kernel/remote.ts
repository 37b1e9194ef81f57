// A kernel in a child process, driven like the in-process Kernel: the Ink UI's evaluator. The child owns the
// vm context, the graph and the addon (child.ts); here are only its events, its pending inputs and the
// session's successful inputs, so that a crashed or restarted kernel can be rebuilt by running them again.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelEvent, KernelListener, Mode } from './events.js';
import type { ExecuteResult } from './kernel.js';
import type { FromKernel, KernelFacts, ToKernel } from './protocol.js';

export interface RemoteKernelOptions {
  mode?: Mode;
  /** Colour in printed values (a TTY front end). */
  colors?: boolean;
  /** The child's script; by default the built `dist/kernel/child.js`. */
  entry?: string;
}

/** One kernel process and the inputs sent to it that have not been answered yet. */
interface Child {
  proc: ChildProcess;
  /** True once the child listens; false if it ended first. */
  ready: Promise<boolean>;
  listening: boolean;
  pending: Map<number, (result: ExecuteResult) => void>;
  /** Completion requests not answered yet. */
  completing: Map<number, (answer: [string[], string]) => void>;
  /** Ended on purpose (restart, close): not reported as a death. */
  stopping: boolean;
  exited: Promise<void>;
}

/** e.g. `const k = new RemoteKernel({ mode: 'eager' }); k.on(render); await k.execute('tf.constant(1) * 2')`. */
export class RemoteKernel {
  private child: Child | null;
  private readonly listeners = new Set<KernelListener>();
  /** The inputs that succeeded since the child started, in order, and the mode it started in. */
  private session: string[] = [];
  private sessionMode: Mode;
  private currentMode: Mode;
  private nextId = 1;
  /** The kernel's id of the input running (or the last one), for text the child writes to stdout/stderr. */
  private inputId = 0;

  /** The devices and `tf.` names, from the first kernel process to be ready (a restart changes neither). */
  readonly facts: Promise<KernelFacts>;
  private gotFacts: (facts: KernelFacts) => void = () => {};

  constructor(private readonly options: RemoteKernelOptions = {}) {
    this.sessionMode = this.currentMode = options.mode ?? 'lazy';
    this.facts = new Promise((resolve) => { this.gotFacts = resolve; });
    this.child = this.start(this.currentMode);
  }

  get mode(): Mode {
    return this.currentMode;
  }

  /** The kernel process's id (undefined when it is not running). */
  get pid(): number | undefined {
    return this.child?.proc.pid;
  }

  on(listener: KernelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Evaluates one input in the child; resolves when it has finished, its events delivered before. */
  async execute(code: string): Promise<ExecuteResult> {
    const child = this.child;
    if (child === null) {
      this.emit({ type: 'error', id: 0, name: 'KernelDied', message: 'the kernel is not running; restart it (restart({ rerun: true }) runs the session again)' });
      return { status: 'error' };
    }
    const id = this.nextId++;
    const done = new Promise<ExecuteResult>((resolve) => child.pending.set(id, resolve));
    // If the child ends instead, `ended` has resolved this input as failed.
    if (await child.ready) child.proc.send({ type: 'execute', id, code } satisfies ToKernel, undefined, {}, () => {});
    const result = await done;
    if (result.status === 'ok' && child === this.child) this.session.push(code);
    return result;
  }

  /**
   * Tab: the completions of the end of `line` from the kernel's context (`sess.r` → `sess.run`). Answered
   * when the child next reads a message, so only after a busy synchronous input; nothing while it starts.
   */
  async complete(line: string): Promise<[string[], string]> {
    const child = this.child;
    if (child === null || !child.listening) return [[], line];
    const id = this.nextId++;
    const answer = new Promise<[string[], string]>((resolve) => child.completing.set(id, resolve));
    child.proc.send({ type: 'complete', id, line } satisfies ToKernel, undefined, {}, () => {});
    return answer;
  }

  /**
   * Ctrl-C: SIGINT stops the input running in the child (a KeyboardInterrupt; every variable stays), and an
   * `interrupt` message stops it if its script has not started yet (where the signal would come too early).
   * False when nothing runs: the child ignores SIGINT then, but one sent while it starts up would end it.
   */
  interrupt(): boolean {
    const child = this.child;
    if (child === null || !child.listening || child.pending.size === 0) return false;
    const [oldest] = child.pending.keys();
    if (!child.proc.kill('SIGINT')) return false;
    child.proc.send({ type: 'interrupt', id: oldest! } satisfies ToKernel, undefined, {}, () => {});
    return true;
  }

  /**
   * A fresh kernel. With `rerun`, the session's successful inputs run again in order (from the mode it
   * began in), stopping at the first that fails now; otherwise the new kernel starts empty in the current mode.
   */
  async restart(options: { rerun?: boolean } = {}): Promise<ExecuteResult> {
    const inputs = options.rerun ? this.session : [];
    const mode = options.rerun ? this.sessionMode : this.currentMode;
    await this.close();
    this.session = [];
    this.sessionMode = this.currentMode = mode;
    this.child = this.start(mode);
    for (const code of inputs) {
      const result = await this.execute(code);
      if (result.status !== 'ok') return result;
    }
    return { status: 'ok' };
  }

  /** Ends the kernel process and waits until it is gone; pending inputs resolve as failed. */
  async close(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    this.child = null;
    child.stopping = true;
    child.proc.kill('SIGKILL');
    await child.exited;
  }

  private emit(event: KernelEvent): void {
    for (const l of this.listeners) l(event);
  }

  private start(mode: Mode): Child {
    const { proc, said } = forkKernel(...kernelCommand(mode, this.options));
    let markReady: (ok: boolean) => void = () => {};
    const child: Child = { proc, ready: new Promise((r) => { markReady = r; }), listening: false, pending: new Map(), completing: new Map(), stopping: false, exited: Promise.resolve() };
    child.exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        live.delete(proc);
        markReady(false);
        resolve();
        this.ended(child, code, signal);
      });
    });
    // Errors here (a failed spawn, a send to a child that just died) come with or before 'exit'.
    proc.on('error', () => {});
    const onMessage = (message: FromKernel) => {
      if (message.type === 'ready') {
        child.listening = true;
        if (child === this.child) this.currentMode = message.mode;
        this.gotFacts({ devices: message.devices, names: message.names });
        markReady(true);
      } else if (message.type === 'result') settle(child, message.id, { status: message.status });
      else if (message.type === 'completion') {
        child.completing.get(message.id)?.([message.matches, message.prefix]);
        child.completing.delete(message.id);
      }
      else if (child === this.child && message.type === 'events') for (const e of message.events) this.receive(e);
      else if (child === this.child && message.type === 'event') this.receive(message.event);
    };
    proc.on('message', onMessage);
    for (const message of said) onMessage(message);
    // Text written around the console (process.stdout.write, a native fault's last words) is output too.
    for (const stream of [proc.stdout!, proc.stderr!]) {
      stream.setEncoding('utf8').on('data', (text: string) => {
        if (child === this.child) this.emit({ type: 'output', id: this.inputId, text: text.replace(/\n$/, '') });
      });
      stream.on('error', () => {});
    }
    return child;
  }

  private receive(event: KernelEvent): void {
    if (event.type === 'input-started') this.inputId = event.id;
    if (event.type === 'idle') this.currentMode = event.mode;
    this.emit(event);
  }

  /** The child is gone: its inputs fail, and an unexpected end is reported (after, so a throwing listener cannot strand them). */
  private ended(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    if (child === this.child) this.child = null;
    for (const id of [...child.pending.keys()]) settle(child, id, { status: 'error' });
    for (const answer of child.completing.values()) answer([[], '']);
    child.completing.clear();
    if (!child.stopping) this.emit({ type: 'kernel-died', code, signal });
  }
}

function settle(child: Child, id: number, result: ExecuteResult): void {
  child.pending.get(id)?.(result);
  child.pending.delete(id);
}

/** child-start.js beside this file (child.js through its bundle, child-start.ts); run from the TypeScript sources (tests), the built one in dist/. */
function defaultEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), '../../dist/kernel/child-start.js') : join(dirname(here), 'child-start.js');
}

/** The kernel process's script and arguments for a mode and options. */
function kernelCommand(mode: Mode, options: RemoteKernelOptions): [string, string[]] {
  return [options.entry ?? defaultEntry(), [...(mode === 'eager' ? ['--eager'] : []), ...(options.colors ? ['--colors'] : [])]];
}

function spawnKernel(entry: string, args: string[]): ChildProcess {
  // execArgv: [] — the parent's flags (a test runner's loaders, an inspector port) are not the kernel's.
  const proc = fork(entry, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  live.add(proc);
  return proc;
}

/** A kernel process forked before its RemoteKernel, and the messages it sent meanwhile. */
let early: { command: string; proc: ChildProcess; said: FromKernel[]; hear: (m: FromKernel) => void } | null = null;

/**
 * Forks the kernel process for the RemoteKernel made next with these options, now: the CLI calls it before it
 * loads Ink (~0.1 s), so that the kernel loads on the other core meanwhile and answers the first input sooner.
 */
export function forkEarly(options: RemoteKernelOptions = {}): void {
  const [entry, args] = kernelCommand(options.mode ?? 'lazy', options);
  const proc = spawnKernel(entry, args);
  const said: FromKernel[] = [];
  const hear = (m: FromKernel) => said.push(m);
  proc.on('message', hear).on('error', () => {});
  early = { command: JSON.stringify([entry, args]), proc, said, hear };
}

/** The early process where it was forked for this command and still runs, else a new one. */
function forkKernel(entry: string, args: string[]): { proc: ChildProcess; said: FromKernel[] } {
  const e = early;
  early = null;
  if (e !== null) {
    e.proc.off('message', e.hear);
    if (e.command === JSON.stringify([entry, args]) && e.proc.exitCode === null && e.proc.signalCode === null) return { proc: e.proc, said: e.said };
    e.proc.kill('SIGKILL');
  }
  return { proc: spawnKernel(entry, args), said: [] };
}

// Kernels still running when the front end exits go with it, whatever path the exit takes.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
});
