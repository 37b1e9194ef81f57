// What a Session owns: variable values and random-op counters. Writes during a run are staged and
// committed only when the whole run succeeds, so a failing run never leaves variables half-updated.
//
// Recycling: an optimizer update writes a fresh array each step (the old value must survive a run that
// fails), which for the conv net's 3.2M weights and their Adam slots was ~40 MB of new memory a step, and
// most of its garbage collection. So a replaced value that was `fresh` and that nothing outside the state
// has seen goes back to its variable as a `spare`, and the next update is computed into it: a value
// alternates between two buffers. "Seen" is tracked by the array (`data`), which reshapes and Identity
// share: a fetched value, a run shown to a run listener (all its values), a value read through `valueOf`,
// or one written to another variable is never recycled. Only arrays of RECYCLE_MIN elements or more take
// part; smaller ones cost less to allocate than to track.
import type { KernelState, VariableRef } from '../engine/registry.js';
import { FailedPreconditionError } from '../errors.js';
import { NDArray } from '../tensor/ndarray.js';

const RECYCLE_MIN = 1024;

export class SessionState implements KernelState {
  private readonly values = new Map<string, NDArray>();
  private readonly counters = new Map<string, number>();
  /** The current run's writes; runs do not overlap (JS is single-threaded and kernels are synchronous). */
  private readonly staged = new Map<string, NDArray>();
  /** One reference object per variable, reused by every run (a training loop makes millions of runs). */
  private readonly refs = new Map<string, VariableRef>();
  /** Arrays a `fresh` write put here, and those anything outside has seen (see the top of the file). */
  private readonly fresh = new WeakSet<object>();
  private readonly seen = new WeakSet<object>();
  /** Each variable's recyclable former value. */
  private readonly spares = new Map<string, NDArray>();
  /**
   * Loans to releasing run listeners (run-listeners.ts) not yet repaid, and former values waiting for every
   * loan up to `need` to be repaid before they become spares (a listener's record may still read them).
   * One waiting value a variable at most: a newer one replaces it, so an unrepaid loan holds nothing up.
   */
  private readonly outstanding = new Set<number>();
  private readonly waiting = new Map<string, { value: NDArray; need: number }>();
  private nextLoan = 1;

  /** Starts a run: variable writes are staged until `commit`. */
  begin(): this {
    // Clearing a Map allocates a new table even when it is empty: a training loop's commit left it so.
    if (this.staged.size > 0) this.staged.clear();
    return this;
  }

  /**
   * Makes the run's writes the values. `shown`: a run listener sees this run's values, old and new; with
   * `loan` (from `lend`) every listener will release them, so former values wait for the loan instead.
   */
  commit(shown = false, loan?: number): void {
    let latest = 0;
    for (const n of this.outstanding) if (n > latest) latest = n;
    for (const [k, v] of this.staged) {
      const old = this.values.get(k);
      if (shown && loan === undefined) this.see(v);
      else if (old !== undefined && old !== v && this.recyclable(old)) {
        const need = loan ?? latest;
        if (need > 0 && this.outstanding.has(need)) this.waiting.set(k, { value: old, need });
        else this.spares.set(k, old);
      }
      this.values.set(k, v);
    }
    this.staged.clear();
  }

  /** A loan for a run whose record every listener will release; `repay` when they have. */
  lend(): number {
    const id = this.nextLoan++;
    this.outstanding.add(id);
    return id;
  }

  repay(loan: number): void {
    if (!this.outstanding.delete(loan)) return;
    const min = this.outstanding.size ? Math.min(...this.outstanding) : Infinity;
    for (const [k, w] of this.waiting) {
      if (w.need >= min) continue;
      this.waiting.delete(k);
      this.spares.set(k, w.value);
    }
  }

  /** Adds the data of every value this run wrote to `into`. */
  stagedData(into: Set<object>): void {
    for (const v of this.staged.values()) into.add(v.data);
  }

  /** Marks an array as seen outside the state: it is never recycled. */
  see(value: NDArray): void {
    if (value.data.length >= RECYCLE_MIN) this.seen.add(value.data);
  }

  private recyclable(v: NDArray): boolean {
    return this.fresh.has(v.data) && !this.seen.has(v.data);
  }

  variable(name: string): VariableRef {
    let ref = this.refs.get(name);
    if (ref === undefined) {
      const { staged, values, spares } = this;
      const state = this;
      ref = {
        isRef: true,
        name,
        get initialized() {
          return staged.has(name) || values.has(name);
        },
        read() {
          const v = staged.get(name) ?? values.get(name);
          if (v === undefined) throw new FailedPreconditionError(`Attempting to use uninitialized value ${name}`, name);
          return v;
        },
        write(value: NDArray, fresh = false) {
          if (value.data.length >= RECYCLE_MIN) {
            if (fresh) state.fresh.add(value.data);
            // A value from elsewhere: if it is one of ours (another variable's), two variables now share it.
            else state.seen.add(value.data);
          }
          staged.set(name, value);
        },
        spare(like: NDArray) {
          const s = spares.get(name);
          if (s === undefined || s.size !== like.size || s.dtype !== like.dtype || !state.recyclable(s)) return undefined;
          spares.delete(name);
          return s.shape.length === like.shape.length && s.shape.every((d, i) => d === like.shape[i]) ? s : new NDArray(s.data, like.shape, like.dtype);
        },
      };
      this.refs.set(name, ref);
    }
    return ref;
  }

  nextRandomCounter(key: string, blocks: number): number {
    const c = this.counters.get(key) ?? 0;
    this.counters.set(key, c + blocks);
    return c;
  }

  /** The committed value of variable `name`, if any (for the REPL's status line, Saver and tests). */
  valueOf(name: string): NDArray | undefined {
    const v = this.values.get(name);
    if (v !== undefined) this.see(v);
    return v;
  }

  initializedVariables(): string[] {
    return [...this.values.keys()];
  }
}
