// tf.GradientTape: eager mode's schedule for the same gradient functions. While a tape records, every op
// that touches a watched tensor or variable is written down; `gradient` walks that record backwards.
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../graph/tensor.js';
import { setEagerRecorder, type EagerRecord } from '../ops/apply.js';
// The class itself, not the callable Proxy: `instanceof` through a Proxy is slow on this hot path.
import { VariableImpl as Variable } from '../ops/variable.js';
import { gradients } from './gradients.js';
import { gradientFunction, normalizeGrads } from './registry.js';
import { add, asEager, eagerOp, ones, sum, zeros, type Key } from './tape-values.js';

interface Entry {
  record: EagerRecord;
  keys: Array<Key | null>;
}

export interface GradientTapeOptions {
  /** Allow several `gradient` calls (default false: one, as in TF). */
  persistent?: boolean;
  /** Watch every trainable Variable an op reads while recording (default true). */
  watchAccessedVariables?: boolean;
}

const active: GradientTapeImpl[] = [];

function record(r: EagerRecord): void {
  for (const tape of active) tape.onOp(r);
}

function keyOf(arg: unknown): Key | null {
  return arg instanceof Tensor || arg instanceof Variable ? arg : null;
}

export class GradientTapeImpl {
  private entries: Entry[] = [];
  private readonly watched = new Set<Key>();
  private readonly variables: Variable[] = [];
  private used = false;
  readonly persistent: boolean;
  private readonly watchAccessed: boolean;

  constructor(options: GradientTapeOptions = {}) {
    this.persistent = options.persistent ?? false;
    this.watchAccessed = options.watchAccessedVariables ?? true;
  }

  /** Runs `fn` with this tape recording (Python's `with tape:`) and returns what fn returns. */
  record<T>(fn: () => T): T {
    this.start();
    try {
      return fn();
    } finally {
      this.stop();
    }
  }

  /** Starts recording (for line-by-line use at a prompt); `stop()` ends it. */
  start(): void {
    if (active.includes(this)) throw new ValueError('This GradientTape is already recording.');
    active.push(this);
    setEagerRecorder(record);
  }

  stop(): void {
    const i = active.indexOf(this);
    if (i >= 0) active.splice(i, 1);
    if (active.length === 0) setEagerRecorder(null);
  }

  /** Runs `fn` without recording on this tape (TF's `tape.stop_recording()`). */
  stopRecording<T>(fn: () => T): T {
    const i = active.indexOf(this);
    if (i < 0) return fn();
    active.splice(i, 1);
    if (active.length === 0) setEagerRecorder(null);
    try {
      return fn();
    } finally {
      active.splice(Math.min(i, active.length), 0, this);
      setEagerRecorder(record);
    }
  }

  /** Marks tensors or variables whose gradients `gradient` may be asked for (variables are watched anyway). */
  watch(x: unknown): void {
    for (const v of Array.isArray(x) ? x : [x]) {
      if (!(v instanceof Tensor || v instanceof Variable)) {
        throw new ValueError(`tape.watch expects Tensors or Variables, got ${typeof v === 'number' ? `the number ${v}; make it a tensor with tf.constant(${v})` : String(v)}.`);
      }
      if (v instanceof Tensor && !v.isEager) continue;
      if (v.dtype !== 'float32') throw new ValueError(`tape.watch: only float32 tensors have gradients, got dtype ${v.dtype}.`);
      this.watchKey(v);
    }
  }

  private watchKey(k: Key): void {
    if (this.watched.has(k)) return;
    this.watched.add(k);
    if (k instanceof Variable) this.variables.push(k);
  }

  /** The Variables this tape watched, in the order it first saw them. */
  watchedVariables(): Variable[] {
    return [...this.variables];
  }

  /** Forgets everything recorded so far (TF's `tape.reset()`). */
  reset(): void {
    this.entries = [];
    this.watched.clear();
    this.variables.length = 0;
  }

  /** @internal Called for every eager op while this tape records. */
  onOp(r: EagerRecord): void {
    if (r.def.refInputs || r.def.stateful) return;
    let touchesWatched = false;
    for (const a of r.args) {
      if (a instanceof Variable && this.watchAccessed && a.trainable && a.dtype === 'float32') this.watchKey(a);
      if (!touchesWatched && typeof a === 'object' && a !== null && this.watched.has(a)) touchesWatched = true;
    }
    if (!touchesWatched) return;
    for (const out of r.outputs) if (out.dtype === 'float32') this.watched.add(out);
    this.entries.push({ record: r, keys: r.args.map(keyOf) });
  }

  /**
   * d target / d source for each source (a list in, a list out; one in, one out): `tape.gradient(loss, [w, b])`.
   * A source the target does not depend on gets null.
   */
  gradient(target: unknown, sources: unknown, options: { outputGradients?: unknown } = {}): unknown {
    if (this.used && !this.persistent) {
      throw new RuntimeError('A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)');
    }
    this.used = true;
    const list = Array.isArray(sources) ? sources : [sources];
    const result = executingEagerly() ? this.stopRecording(() => this.backprop(target, list, options.outputGradients))
      : gradients(target, list, { gradYs: options.outputGradients });
    if (!this.persistent) this.entries = [];
    return Array.isArray(sources) ? result : result[0];
  }

  private backprop(target: unknown, sources: unknown[], seed: unknown): Array<Tensor | null> {
    const targets = Array.isArray(target) ? target : [target];
    const seeds = seed === undefined ? [] : Array.isArray(seed) ? seed : [seed];
    const grads = new Map<Key, Tensor[]>();
    targets.forEach((t, i) => {
      if (!(t instanceof Tensor) || !t.isEager) {
        throw new ValueError(`tape.gradient: the target must be an eager Tensor computed while the tape recorded, got ${String(t)}.`);
      }
      add(grads, t, seeds[i] === undefined ? ones(t) : asEager(seeds[i]));
    });
    sources.forEach((s, i) => {
      if (!(s instanceof Tensor || s instanceof Variable)) throw new ValueError(`tape.gradient: sources[${i}] must be a Tensor or Variable, got ${String(s)}.`);
    });
    for (let i = this.entries.length - 1; i >= 0; i--) this.backpropEntry(this.entries[i], grads);
    return sources.map((s) => sum(grads.get(s as Key)));
  }

  private backpropEntry(entry: Entry, grads: Map<Key, Tensor[]>): void {
    const { record: r, keys } = entry;
    const outGrads = r.outputs.map((o) => sum(grads.get(o)));
    if (outGrads.every((g) => g === null)) return;
    const fn = gradientFunction({ name: r.def.type, type: r.def.type });
    if (fn === null) return;
    const skip = new Set<number>();
    keys.forEach((k, i) => {
      if (k === null || !this.watched.has(k)) skip.add(i);
    });
    const op = eagerOp(r, skip);
    const filled = outGrads.map((g, i) => g ?? zeros(r.outputs[i]));
    const inGrads = normalizeGrads(fn(op, ...filled), op);
    inGrads.forEach((g, i) => {
      const k = keys[i];
      if (g !== null && k !== null && !skip.has(i)) add(grads, k, g);
    });
  }
}
