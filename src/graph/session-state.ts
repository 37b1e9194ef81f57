// What a Session owns: variable values and random-op counters. Writes during a run are staged and
// committed only when the whole run succeeds, so a failing run never leaves variables half-updated.
import type { KernelState, VariableRef } from '../engine/registry.js';
import { FailedPreconditionError } from '../errors.js';
import type { NDArray } from '../tensor/ndarray.js';

export class SessionState {
  private readonly values = new Map<string, NDArray>();
  private readonly counters = new Map<string, number>();

  /** Starts a run: a KernelState whose variable writes are staged until `commit`. */
  begin(): KernelState & { commit(): void } {
    const staged = new Map<string, NDArray>();
    const values = this.values;
    const counters = this.counters;
    return {
      variable(name: string): VariableRef {
        return {
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
      },
      nextRandomCounter(key: string, blocks: number): number {
        const c = counters.get(key) ?? 0;
        counters.set(key, c + blocks);
        return c;
      },
      commit() {
        for (const [k, v] of staged) values.set(k, v);
      },
    };
  }

  /** The committed value of variable `name`, if any (for the REPL's status line and tests). */
  valueOf(name: string): NDArray | undefined {
    return this.values.get(name);
  }

  initializedVariables(): string[] {
    return [...this.values.keys()];
  }
}
