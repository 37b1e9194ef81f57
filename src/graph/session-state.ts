// What a Session owns: variable values and random-op counters. Writes during a run are staged and
// committed only when the whole run succeeds, so a failing run never leaves variables half-updated.
import type { KernelState, VariableRef } from '../engine/registry.js';
import { FailedPreconditionError } from '../errors.js';
import type { NDArray } from '../tensor/ndarray.js';

export class SessionState implements KernelState {
  private readonly values = new Map<string, NDArray>();
  private readonly counters = new Map<string, number>();
  /** The current run's writes; runs do not overlap (JS is single-threaded and kernels are synchronous). */
  private readonly staged = new Map<string, NDArray>();
  /** One reference object per variable, reused by every run (a training loop makes millions of runs). */
  private readonly refs = new Map<string, VariableRef>();

  /** Starts a run: variable writes are staged until `commit`. */
  begin(): this {
    this.staged.clear();
    return this;
  }

  commit(): void {
    for (const [k, v] of this.staged) this.values.set(k, v);
    this.staged.clear();
  }

  variable(name: string): VariableRef {
    let ref = this.refs.get(name);
    if (ref === undefined) {
      const { staged, values } = this;
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
        write(value: NDArray) {
          staged.set(name, value);
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

  /** The committed value of variable `name`, if any (for the REPL's status line and tests). */
  valueOf(name: string): NDArray | undefined {
    return this.values.get(name);
  }

  initializedVariables(): string[] {
    return [...this.values.keys()];
  }
}
