// Reusing a Session plan's intermediate arrays from one run to the next (TF's executor hands a step's
// buffers back to its allocator once their last consumer ran; here a whole run is the unit). While a plan
// runs, its arena is the output source of tensor/dtype.ts, told which step is running: that step's k-th
// allocation of UNINIT_MIN_BYTES or more gets the array its k-th allocation had in the last run, when that
// array is of the same class and length and nothing can see it any more. After a run succeeds, `settle`
// drops from the arena every array that left the run: a fetched value (by its data, which reshapes and
// Identity share), a value written to a variable, and with a run listener every value of the run; a run
// that fails forgets everything. A conv-net training step allocated ~40 MB a step this way, and most of its
// garbage collection was for it. Steps that allocate nothing that large cost one field write.
//
// Kept memory is bounded: a plan keeps nothing from its first run (the REPL makes a plan for every new
// fetch, most of them run once), and past KEEP_BYTES over all plans the arenas that ran longest ago give
// up their arrays. An arena is held weakly for that count, so a dropped session's plans free theirs.
import { totalmem } from 'node:os';
import type { OutputSource, TypedArray } from '../tensor/dtype.js';

let KEEP_BYTES = Math.min(256 * 2 ** 20, totalmem() / 16);

/** Sets the bound (tests); returns the previous one. */
export function setArenaKeepBytes(bytes: number): number {
  const was = KEEP_BYTES;
  KEEP_BYTES = bytes;
  return was;
}
/** Arenas keeping arrays between runs, least recently settled first, with what each keeps. */
const keeping = new Map<number, { arena: WeakRef<PlanArena>; bytes: number }>();
let keptBytes = 0;
let nextId = 1;

function account(arena: PlanArena, bytes: number): void {
  const id = arena.id;
  const before = keeping.get(id);
  if (before !== undefined) {
    keptBytes -= before.bytes;
    keeping.delete(id);
  }
  if (bytes > 0) {
    keeping.set(id, { arena: before?.arena ?? new WeakRef(arena), bytes });
    keptBytes += bytes;
  }
  // Least recently settled first; the arena that just settled is last, so it gives up its arrays only when
  // they alone are over the bound (a test set evaluated in one run must not stay in memory).
  for (const [other, entry] of keeping) {
    if (keptBytes <= KEEP_BYTES) break;
    keeping.delete(other);
    keptBytes -= entry.bytes;
    entry.arena.deref()?.forget();
  }
}

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
  readonly id = nextId++;
  private settled = 0;

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
    const keep = gone !== null && this.settled++ > 0;
    for (const i of this.used) {
      const s = this.steps[i]!;
      s.last = keep ? s.now.filter((a) => !gone.has(a)) : [];
      s.now = [];
      s.k = 0;
    }
    this.recount();
  }

  /** Gives up the arrays kept for the next run (the memory bound, above). */
  forget(): void {
    for (const i of this.used) this.steps[i]!.last = [];
  }

  /** Tells the memory bound what this arena keeps now. */
  recount(): void {
    let bytes = 0;
    for (const i of this.used) for (const a of this.steps[i]!.last) bytes += a.byteLength;
    account(this, bytes);
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
    const keep = this.settled++ > 0;
    const held: Array<[StepArrays, TypedArray[]]> = [];
    for (const i of this.used) {
      const s = this.steps[i]!;
      if (keep) held.push([s, s.now.filter((a) => !gone.has(a))]);
      s.last = [];
      s.now = [];
      s.k = 0;
    }
    this.recount();
    return new Loan(this, held);
  }
}

/** Arrays lent to run listeners; `repay` gives them back to their steps, unless a newer run's are there. */
export interface ArenaLoan {
  repay(): void;
}

class Loan implements ArenaLoan {
  private repaid = false;

  constructor(private readonly arena: PlanArena, private held: Array<[StepArrays, TypedArray[]]>) {}

  repay(): void {
    if (this.repaid) return;
    this.repaid = true;
    for (const [s, arrays] of this.held) if (s.last.length === 0) s.last = arrays;
    this.held = [];
    this.arena.recount();
  }
}
