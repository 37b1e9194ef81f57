// Reusing a Session plan's intermediate arrays from one run to the next (TF's executor hands a step's
// buffers back to its allocator once their last consumer ran; here a whole run is the unit). While a plan
// runs, its arena is the output source of tensor/dtype.ts, told which step is running: that step's k-th
// allocation of UNINIT_MIN_BYTES or more gets the array its k-th allocation had in the last run, when that
// array is of the same class and length and nothing can see it any more. After a run succeeds, `settle`
// drops from the arena every array that left the run: a fetched value (by its data, which reshapes and
// Identity share), a value written to a variable, and with a run listener every value of the run; a run
// that fails forgets everything. A conv-net training step allocated ~40 MB a step this way, and most of its
// garbage collection was for it. Steps that allocate nothing that large cost one field write.
import type { OutputSource, TypedArray } from '../tensor/dtype.js';

interface StepArrays {
  last: TypedArray[];
  now: TypedArray[];
  k: number;
}

export class PlanArena implements OutputSource {
  /** The running step's index, set by the executor before each step. */
  step = 0;
  /**
   * Set while a run of the plan uses the arena: a run of the same plan started inside it (a user kernel
   * calling Session.run) goes without, so it cannot hand out or settle arrays the outer run still uses.
   */
  running = false;
  private readonly steps: Array<StepArrays | undefined> = [];
  /** Indexes of the steps that have arrays, for settle. */
  private readonly used: number[] = [];

  /** Whether any step has allocated an array this arena keeps (else settling is a no-op). */
  get active(): boolean {
    return this.used.length > 0;
  }

  private arrays(): StepArrays {
    let s = this.steps[this.step];
    if (s === undefined) {
      s = this.steps[this.step] = { last: [], now: [], k: 0 };
      this.used.push(this.step);
    }
    return s;
  }

  take(cls: { new (n: number): TypedArray }, size: number): TypedArray | undefined {
    const s = this.arrays();
    const c = s.last[s.k++];
    if (c === undefined || c.constructor !== cls || c.length !== size) return undefined;
    s.now.push(c);
    return c;
  }

  keep(array: TypedArray): void {
    this.arrays().now.push(array);
  }

  /** After a run that succeeded: `gone` holds the data of every array that left it (null: all of them). */
  settle(gone: ReadonlySet<object> | null): void {
    for (const i of this.used) {
      const s = this.steps[i]!;
      s.last = gone === null ? [] : s.now.filter((a) => !gone.has(a));
      s.now = [];
      s.k = 0;
    }
  }

  /** After a run that failed, or one a listener may keep. */
  reset(): void {
    this.settle(null);
  }

  /**
   * After a run whose values run listeners hold until they release them (run-listeners.ts): the arrays that
   * did not leave the run (`gone`) are lent to them, and come back for the next run once the loan is repaid.
   */
  lend(gone: ReadonlySet<object>): ArenaLoan {
    const held: Array<[StepArrays, TypedArray[]]> = [];
    for (const i of this.used) {
      const s = this.steps[i]!;
      held.push([s, s.now.filter((a) => !gone.has(a))]);
      s.last = [];
      s.now = [];
      s.k = 0;
    }
    return new Loan(held);
  }
}

/** Arrays lent to run listeners; `repay` gives them back to their steps, unless a newer run's are there. */
export interface ArenaLoan {
  readonly repaid: boolean;
  repay(): void;
}

class Loan implements ArenaLoan {
  repaid = false;

  constructor(private held: Array<[StepArrays, TypedArray[]]>) {}

  repay(): void {
    if (this.repaid) return;
    this.repaid = true;
    for (const [s, arrays] of this.held) if (s.last.length === 0) s.last = arrays;
    this.held = [];
  }
}
