// Run listeners (`tf.onRun`: the REPL's run-finished event, the graph view) and the record each one gets.
//
// A record holds the run's values, so while a listener may still read them the plan's arena must not hand
// those arrays out again (arena.ts). A listener from `tf.onRun` may keep a record for ever: with one
// registered, no run's arrays are reused. The REPL's kernel registers with `onRunReleasing` instead and
// promises to call `record.release()` once it will no longer read that record (when a newer one replaces
// it, or at once for a run it ignores); when every listener has released a record, its arrays go back to
// the arena, so a training loop in the REPL reuses them too (two runs' worth alternate).
import { NDArray } from '../tensor/ndarray.js';
import type { KernelInput, VariableRef } from '../engine/registry.js';
import type { Plan } from './executor.js';
import type { FlatFetches } from './fetches.js';
import type { Operation } from './operation.js';
import type { SessionImpl } from './session.js';

/** Listeners told which ops each run evaluated (the REPL's `run-finished` event, the graph view). */
export interface RunInfo {
  session: SessionImpl;
  /** The ops the run evaluated (folded constants included), in execution order. */
  ops: readonly Operation[];
  /** The value of every tensor the run computed (variables read as their value), by tensor name. */
  values: ReadonlyMap<string, NDArray>;
  /** What the run fetched: tensors ('mul:0') and ops ('init'), by name. */
  fetched: readonly string[];
  ms: number;
  /**
   * @internal For listeners registered with onRunReleasing: this listener will not read the record again.
   * Each such listener calls it exactly once per record.
   */
  release(): void;
}
export type RunListener = (info: RunInfo) => void;

const runListeners = new Set<RunListener>();
const releasing = new Set<RunListener>();

export function onRun(listener: RunListener): () => void {
  runListeners.add(listener);
  return () => runListeners.delete(listener);
}

/** @internal As onRun, for a listener that calls `info.release()` once per record it gets (see the top). */
export function onRunReleasing(listener: RunListener): () => void {
  runListeners.add(listener);
  releasing.add(listener);
  return () => {
    runListeners.delete(listener);
    releasing.delete(listener);
  };
}

export function hasRunListeners(): boolean {
  return runListeners.size > 0;
}

/** Whether every listener releases its records, so a run's arrays may be lent rather than given up. */
export function allListenersRelease(): boolean {
  for (const l of runListeners) if (!releasing.has(l)) return false;
  return true;
}

/** Tells every listener about a run; `repay` (the loan of its arrays) is called once every listener released it. */
export function dispatchRun(session: SessionImpl, plan: Plan, flat: FlatFetches, all: readonly KernelInput[], ms: number,
  repay: (() => void) | null): void {
  const info = new RunRecord(session, plan, flat, all, ms, repay, runListeners.size);
  for (const l of [...runListeners]) l(info);
}

/**
 * What run listeners get. A class, not an object literal with getters (V8 builds those slowly: a training
 * loop with a listener paid ~4 µs a step for it); the values by name are built only if a listener asks.
 */
class RunRecord implements RunInfo {
  private computed: Map<string, NDArray> | undefined;
  /** Variables are read now: a later run changes them. */
  private readonly variables: Array<[number, NDArray | undefined]>;

  constructor(readonly session: SessionImpl, private readonly plan: Plan, private readonly flat: FlatFetches,
    private readonly all: readonly KernelInput[], readonly ms: number, private repay: (() => void) | null,
    private holders: number) {
    plan.refSlots ??= all.flatMap((v, slot) => (v === undefined || v instanceof NDArray ? [] : [slot]));
    this.variables = plan.refSlots.map((slot) => {
      const ref = all[slot] as VariableRef;
      return [slot, ref.initialized ? ref.read() : undefined];
    });
  }

  get ops(): readonly Operation[] {
    return this.plan.ops;
  }

  get values(): ReadonlyMap<string, NDArray> {
    if (this.released) throw new Error('internal: a run record was read after its listener released it');
    if (this.computed === undefined) {
      const snapshot = [...this.all] as Array<NDArray | undefined>;
      for (const [slot, v] of this.variables) snapshot[slot] = v;
      this.computed = valuesByName(this.plan, snapshot);
    }
    return this.computed;
  }

  get fetched(): readonly string[] {
    return [...this.flat.tensors.map((t) => t.name), ...this.flat.ops.map((o) => o.name)];
  }

  private released = false;

  release(): void {
    if (--this.holders > 0 || this.repay === null || this.released) return;
    this.released = true;
    this.computed = undefined;
    this.repay();
  }
}

function valuesByName(plan: Plan, all: ReadonlyArray<NDArray | undefined>): Map<string, NDArray> {
  const out = new Map<string, NDArray>();
  for (const [t, slot] of plan.slots) {
    const v = all[slot];
    if (v !== undefined) out.set(t.name, v);
  }
  return out;
}
