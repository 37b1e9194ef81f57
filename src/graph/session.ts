// Session: runs the subgraph that fetches need, with feeds, against its own variable values.
// Plans are compiled once per feed/fetch key and cached (ops never change once created).
import { inspect } from 'node:util';
import { NotImplementedError, RuntimeError } from '../errors.js';
import { warn } from '../engine/log.js';
import { getDefaultGraph } from './default-graph.js';
import { popDefaultSession, pushDefaultSession, type FeedDict, getDefaultSession } from './default-session.js';
import { compilePlan, executePlan, type Plan } from './executor.js';
import { flattenFetches, normalizeFeeds, type FlatFetches } from './fetches.js';
import type { Graph } from './graph.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import { NDArray } from '../tensor/ndarray.js';
import type { KernelInput } from '../engine/registry.js';
import type { ArenaLoan } from './arena.js';
import { allListenersRelease, dispatchRun, hasRunListeners } from './run-listeners.js';
import { SessionState } from './session-state.js';

export interface SessionOptions {
  /** The graph to run (the default graph when omitted). */
  graph?: Graph;
  /** Run ops placed on a missing GPU on the CPU instead of failing (TF's ConfigProto option). */
  allowSoftPlacement?: boolean;
  /** TF's `config=tf.ConfigProto(...)` form. */
  config?: { allowSoftPlacement?: boolean };
}

/** `tf.Session()`: `sess.run(fetches, feedDict?)`, `sess.close()`. */
export class SessionImpl {
  readonly graph: Graph;
  readonly allowSoftPlacement: boolean;
  private closed = false;
  private readonly state = new SessionState();
  private readonly plans = new Map<string, Plan>();
  private singles = new WeakMap<object, { flat: FlatFetches; plan: Plan }>();
  /** Where executePlan leaves a run's values while run listeners want them. */
  private readonly kept: { all: readonly KernelInput[] | null } = { all: null };

  constructor(options: SessionOptions & { target?: string } = {}) {
    if (options.target) throw new RuntimeError(`tensorshell runs sessions in this process only; target '${options.target}' (a TF server) is not supported.`);
    this.graph = options.graph ?? getDefaultGraph();
    const unknown = Object.keys(options.config ?? {}).find((k) => k !== 'allowSoftPlacement');
    if (unknown !== undefined) throw new TypeError(`tf.Session(): config option '${unknown}' is not supported; the config takes allowSoftPlacement only.`);
    this.allowSoftPlacement = options.allowSoftPlacement ?? options.config?.allowSoftPlacement ?? false;
  }

  /**
   * Evaluates `fetches` — a tensor, an op (→ null), a name ('mul:0', 'init'), a Variable, or any nesting
   * of arrays and plain objects of those — and returns NDArrays in the same structure.
   */
  run(fetches: unknown, options: { feedDict?: FeedDict; options?: unknown; runMetadata?: unknown } | FeedDict = {}): unknown {
    // Declared in ops/graph-methods.ts: calls arrive with the feed in `options.feedDict`.
    const { feedDict, options: runOptions, runMetadata } = options as { feedDict?: FeedDict; options?: unknown; runMetadata?: unknown };
    if (runOptions !== undefined || runMetadata !== undefined) {
      throw new NotImplementedError('Session.run: tensorshell has no RunOptions or RunMetadata (tracing, timeouts); leave options and runMetadata out.');
    }
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    if (this.graph.version === 0) {
      throw new RuntimeError('The Session graph is empty.  Add operations to the graph before calling run().');
    }
    const listening = hasRunListeners();
    const start = listening ? performance.now() : 0;
    const feeds = normalizeFeeds(this.graph, feedDict);
    // A training loop runs the same op or tensor millions of times: remember its flattening and plan.
    const single = feeds.tensors.length === 0 && (fetches instanceof Operation || fetches instanceof Tensor) ? fetches : null;
    let cached = single ? this.singles.get(single) : undefined;
    if (cached === undefined) {
      const flat = flattenFetches(this.graph, fetches);
      cached = { flat, plan: this.planFor(flat.tensors, flat.ops, feeds.tensors) };
      if (single) this.singles.set(single, cached);
    }
    const { flat, plan } = cached;
    const run = this.state.begin();
    const arena = !plan.arena.running;  // false only for a run of this plan started inside one (a user kernel's)
    let values: NDArray[];
    try {
      values = executePlan(plan, feeds.values, run, listening ? this.kept : undefined, arena);
    } catch (e) {
      run.begin();
      if (arena) plan.arena.reset();
      throw e;
    }
    // Reuse (arena.ts, session-state.ts): what the caller gets back and what went into variables leave the
    // run for good. A run listener sees every value: if all listeners release their records, the run's
    // arrays and its variables' former values are lent to the record and come back when it is released
    // (run-listeners.ts); if any listener may keep it, nothing of the run is reused.
    const lending = listening && allListenersRelease();
    let arenaLoan: ArenaLoan | null = null;
    if (arena && plan.arena.active) {
      const gone = new Set<object>();
      for (const v of values) gone.add(v.data);
      run.stagedData(gone);
      if (!listening) plan.arena.settle(gone);
      else if (lending) arenaLoan = plan.arena.lend(gone);
      else plan.arena.reset();
    }
    for (const v of values) run.see(v);
    const loan = lending ? run.lend() : undefined;
    run.commit(listening, loan);
    if (listening) {
      const all = this.kept.all ?? [];
      this.kept.all = null;
      const repay = loan === undefined ? null : () => {
        arenaLoan?.repay();
        this.state.repay(loan);
      };
      dispatchRun(this, plan, flat, all, performance.now() - start, repay);
    }
    return flat.rebuild(values);
  }

  private planFor(tensors: Parameters<typeof compilePlan>[0], ops: readonly Operation[], fed: Parameters<typeof compilePlan>[2]): Plan {
    // By uid, not id: an input that fails or :time removes its ops, and the next ops take their ids.
    const id = (t: { op: Operation; valueIndex: number }) => `${t.op.uid}:${t.valueIndex}`;
    const key = `${tensors.map(id).join(',')}|${ops.map((o) => o.uid).join(',')}|${fed.map(id).join(',')}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compilePlan(tensors, ops, fed, this.allowSoftPlacement);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Releases the session; later runs raise RuntimeError. */
  close(): void {
    this.closed = true;
    this.plans.clear();
    this.singles = new WeakMap();
    popDefaultSession(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `fn` with this session as the default for `t.eval()` / `op.run()`. */
  asDefault<T>(fn: () => T): T {
    pushDefaultSession(this);
    try {
      return fn();
    } finally {
      popDefaultSession(this);
    }
  }

  /** @internal The committed value of variable `name` (what Saver.save writes), if it has one. */
  variableValue(name: string): NDArray | undefined {
    return this.state.valueOf(name);
  }

  /** @internal Sets variables together, after every check passed (Saver.restore). */
  setVariables(values: ReadonlyMap<string, NDArray>): void {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    const run = this.state.begin();
    for (const [name, v] of values) run.variable(name).write(v);
    run.commit();
  }

  /** Names of the variables this session has values for. */
  initializedVariables(): string[] {
    return this.state.initializedVariables();
  }

  toString(): string {
    return `<tf.${this instanceof InteractiveSessionImpl ? 'InteractiveSession' : 'Session'} graph=${this.graph.id}${this.closed ? ' closed' : ''}>`;
  }

  /** The REPL shows a session as its one line, not its insides. */
  [inspect.custom](): string {
    return this.toString();
  }

}

/** `tf.InteractiveSession()`: a Session that makes itself the default, so `t.eval()` works. */
export class InteractiveSessionImpl extends SessionImpl {
  constructor(options: SessionOptions & { target?: string } = {}) {
    super(options);
    if (getDefaultSession() instanceof InteractiveSessionImpl) {
      warn('An interactive session is already active. This can cause out-of-memory errors in some cases. You must explicitly call `InteractiveSession.close()` to release resources held by the other session(s).');
    }
    pushDefaultSession(this);
  }
}
