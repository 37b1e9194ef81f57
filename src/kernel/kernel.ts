// The kernel: one persistent vm context with `tf` preloaded, the default graph and the addon. It takes one
// input at a time and reports what happened as events. A failed input is undone — the ops it added and the
// names it bound — so every earlier variable, op and session survives.
import { Console } from 'node:console';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { echo, pythonStr } from './python-format.js';
import { guardedTf } from './tf-proxy.js';
import * as tf from '../index.js';
import { onRunReleasing } from '../graph/run-listeners.js';
import { attachCommands, findCommand } from './commands/index.js';
import { compile, stripPrompts } from './compile.js';
import { AsyncInputs } from './async-inputs.js';
import { scriptGuard } from './sigint.js';
import { AWAIT_GATE } from './declarations.js';
import { Bindings } from './bindings.js';
import { EagerReports } from './eager-reports.js';
import { asError, keyboardInterrupt, variablesStatus } from './event-views.js';
import { GraphReports } from './graph-reports.js';
import { RunReports } from './run-reports.js';
import type { ExecuteStatus, KernelEvent, KernelListener, Mode } from './events.js';

/** How many frames an error's stack keeps (for `:trace`). */
const STACK_FRAMES = 50;

export interface KernelOptions {
  mode?: Mode;
  /** Colour in printed values (a TTY front end). */
  colors?: boolean;
  /**
   * Emit `run-finished` with the values of every Session.run (default true; the graph view needs them). The
   * plain front end turns it off: collecting every value costs a training loop ~10 µs a step.
   */
  runEvents?: boolean;
  /**
   * Stop an input's synchronous part after this many milliseconds, as a TimeoutError (`check` uses it, so a
   * transcript with an endless loop fails instead of hanging CI). None by default: Ctrl-C stops a REPL's input.
   */
  inputTimeoutMs?: number;
}

export interface ExecuteResult {
  status: ExecuteStatus;
  /** The value of the input (undefined for a declaration or a command). */
  value?: unknown;
}

export class Kernel {
  readonly context: vm.Context;
  private readonly bindings: Bindings;
  /** Every complete input, in order (what `:history` and `:save` show). */
  readonly history: string[] = [];
  lastError: Error | null = null;
  colors: boolean;
  private readonly inputTimeoutMs: number | undefined;
  private readonly listeners = new Set<KernelListener>();
  private nextId = 1;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeEager: () => void;
  private readonly eagerReports = new EagerReports((e) => this.emit(e));
  private readonly runReports = new RunReports((e) => this.emit(e));
  private readonly graphReports = new GraphReports((e) => this.emit(e));
  private readonly unsubscribeWarnings: () => void;
  private readonly unsubscribeScalars: () => void;
  private readonly asyncInputs = new AsyncInputs();
  /** Ctrl-C for an input's synchronous part: from its start, through compiling, to its script's end. */
  private readonly guard = scriptGuard();

  constructor(options: KernelOptions = {}) {
    this.colors = options.colors ?? false;
    this.inputTimeoutMs = options.inputTimeoutMs;
    if (options.mode === 'eager') tf.enableEagerExecution();
    else tf.disableEagerExecution();
    const require = createRequire(`${process.cwd()}/`);
    const console = this.inputConsole();
    this.context = vm.createContext({ tf: guardedTf, console, print: (...args: unknown[]) => console.log(...args), require, process, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask });
    this.bindings = new Bindings(this.context);
    // V8 keeps 10 frames: a deep engine stack would leave the learner's own frames out of `:trace`.
    Error.stackTraceLimit = Math.max(Error.stackTraceLimit, STACK_FRAMES);
    vm.runInContext(`Error.stackTraceLimit = ${STACK_FRAMES}`, this.context);
    Object.defineProperties(this.context, {
      __ops: { value: tf.ops },
      __tensorshell: { value: guardedTf },
      [AWAIT_GATE]: { value: () => this.asyncInputs.gate() },
      exports: { value: {}, writable: true },
    });
    const runEvents = options.runEvents !== false;
    // A record for a run the kernel ignores is released at once (run-reports.ts releases the others).
    this.unsubscribe = onRunReleasing((info) => {
      if (this.runEventsMuted > 0) return info.release();
      if (!runEvents || this.listeners.size === 0) return this.runReports.keep(info);
      this.graphReports.flush();
      this.runReports.report(info);
    });
    this.unsubscribeScalars = tf.onScalar((name, step, value) => this.emit({ type: 'scalar-logged', name, step, value }));
    // TF logs a warning on stderr; here it belongs to the input that caused it, where every front end shows
    // it and `check` compares it. Said once per session, as a log the user has read.
    const warned = new Set<string>();
    this.unsubscribeWarnings = tf.onWarning((message) => {
      if (warned.has(message)) return;
      warned.add(message);
      this.emit({ type: 'warning', id: this.lastInput, message });
    });
    this.unsubscribeEager = !runEvents ? () => undefined : tf.onEagerOp((type, outputs) => {
      const id = this.graphReports.inputId;
      if (id !== null && this.runEventsMuted === 0 && this.listeners.size > 0) this.eagerReports.op(id, type, outputs);
    });
    attachCommands(this);
  }

  /** The user's last Session.run (`:graph` draws its values; see run-reports.ts). */
  get lastRun(): tf.RunInfo | null {
    return this.runReports.lastRun;
  }

  // --- Hook for commands that run Session.run on the side (`:time` runs it thousands of times, `:compare`
  // in a throwaway graph): their runs are not the user's, and must not flood or confuse the graph view.
  private runEventsMuted = 0;

  /** Runs `fn` without `run-finished` events for the Session runs it makes. */
  withoutRunEvents<T>(fn: () => T): T {
    this.runEventsMuted++;
    try {
      return fn();
    } finally {
      this.runEventsMuted--;
    }
  }

  /** Stops listening to Session runs (a kernel made for a test or a `:compare` is thrown away). */
  dispose(): void {
    this.unsubscribe();
    this.unsubscribeEager();
    this.unsubscribeWarnings();
    this.unsubscribeScalars();
    this.listeners.clear();
  }

  get mode(): Mode {
    return tf.executingEagerly() ? 'eager' : 'lazy';
  }

  on(listener: KernelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * An error that escaped an input (a throwing timer, a promise nobody awaited): reported as the last
   * input's error, `Error: message` like any other (its stack for :trace), and the session goes on.
   */
  reportEscaped(e: unknown): void {
    const err = asError(e);
    this.emit({ type: 'error', id: this.lastInput, name: err.name ?? 'Error', message: err.message, stack: err.stack });
  }

  emit(event: KernelEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Evaluates one input (TypeScript, or a `:command`) and reports it through events. */
  async execute(raw: string): Promise<ExecuteResult> {
    const code = stripPrompts(raw).trim();
    if (code === '') return { status: 'ok' };
    const command = findCommand(code);
    if (!command) {
      const token = this.guard.prepare();
      try {
        const compiled = compile(code);
        if (compiled.kind === 'incomplete') return { status: 'incomplete' };
        const id = this.begin(code);
        if (compiled.kind === 'error') return this.fail(id, compiled.error);
        if (!(await this.asyncInputs.mayRun())) return this.fail(id, keyboardInterrupt());
        return await this.run(id, token, compiled.js, compiled.async === true);
      } finally {
        this.guard.idle();
      }
    }
    const id = this.begin(code);
    if (!(await this.asyncInputs.mayRun())) return this.fail(id, keyboardInterrupt());
    try {
      const text = await command.command.run(this, command.args);
      if (text) this.emit({ type: 'output', id, text });
      return this.finish(id, { status: 'ok' });
    } catch (e) {
      return this.fail(id, e);
    }
  }

  /** The input running, or the last one: console output and stray errors belong to it. */
  private lastInput = 0;

  /**
   * The context's `console`: what an input logs is part of its output, an output event in order with the
   * input's other events — so every front end shows it where it belongs and `:save` records it. Its stream
   * is a bare `write`, not a Writable: Ctrl-C may stop an input in the middle of a console.log, and a stream
   * stopped mid-write would hold every later line in its buffer.
   */
  private inputConsole(): Console {
    const output = {
      write: (chunk: string) => {
        this.emit({ type: 'output', id: this.lastInput, text: String(chunk).replace(/\n$/, '') });
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    const console = new Console({ stdout: output, stderr: output, colorMode: this.colors, ignoreErrors: false });
    // Python's print shows str(x) (`Tensor("mul:0", …)`, `[14.]`) where the echo shows repr: so do these.
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      const write = console[method].bind(console);
      console[method] = (...args: unknown[]) => write(...args.map(pythonStr));
    }
    return console;
  }

  private begin(code: string): number {
    const id = this.nextId++;
    this.lastInput = id;
    this.history.push(code);
    this.emit({ type: 'input-started', id, code });
    return id;
  }

  /**
   * Runs a script of the learner's (a vm call) so that Ctrl-C stops it as it stops an input, for the
   * commands that run one (`:time`); `breakOnSigint` is what to pass vm.
   */
  runScript<T>(script: (breakOnSigint: boolean) => T): T {
    return this.guard.run(this.guard.prepare(), () => script(this.guard.breakOnSigint));
  }

  private async run(id: number, token: number, js: string, isAsync: boolean): Promise<ExecuteResult> {
    const graph = tf.getDefaultGraph();
    this.graphReports.begin(id, graph);
    const saved = this.bindings.save();
    // A journal rather than graph.atomically: an input with top-level await spans many event-loop turns.
    const journal = graph.openJournal();
    let value: unknown;
    try {
      const options = { filename: 'repl', breakOnSigint: this.guard.breakOnSigint, timeout: this.inputTimeoutMs };
      value = this.guard.run(token, () => vm.runInContext(js, this.context, options));
      this.guard.idle();
      if (isAsync) value = await this.asyncInputs.wait(value as Promise<unknown>);
      journal.close();
    } catch (e) {
      this.graphReports.fail(() => journal.rollback());
      this.bindings.restore(saved);
      return this.fail(id, e);
    }
    this.graphReports.end();
    // Nothing prints for undefined or null, as IPython prints nothing for None (`sess.run(init)`).
    if (value !== undefined && value !== null) {
      this.context._ = value;
      this.emit({ type: 'output', id, text: this.format(value) });
    }
    return this.finish(id, { status: 'ok', value });
  }

  /**
   * Ctrl-C that vm's breakOnSigint cannot see: while an input awaits (`await sleep(1e9)`) it fails with a
   * KeyboardInterrupt and its promise is abandoned; before its script starts, it fails without running.
   * True if an input was stopped.
   */
  interrupt(): boolean {
    return this.asyncInputs.interrupt(keyboardInterrupt());
  }

  /** How a value prints: tensors as TF prints them (per mode), NDArrays numpy-style, the rest as Node does. */
  format(value: unknown): string {
    return echo(value, this.colors);
  }

  private finish(id: number, result: ExecuteResult): ExecuteResult {
    this.runReports.flush();
    this.eagerReports.flush(true);
    // `:reset` is a command: no graph report saw it.
    this.graphReports.graphReplaced(id);
    this.emit({ type: 'idle', id, mode: this.mode, opCount: tf.getDefaultGraph().version, variables: variablesStatus(this.lastRun) });
    return result;
  }

  private fail(id: number, e: unknown): ExecuteResult {
    const error = asError(e);
    this.lastError = error;
    this.emit({ type: 'error', id, name: error.name, message: error.message, stack: error.stack });
    return this.finish(id, { status: 'error' });
  }
}
