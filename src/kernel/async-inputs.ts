// Ctrl-C for inputs that a signal alone cannot stop (sigint.ts stops a running script): one whose script has
// not started yet, and one with top-level await, awaited until it settles or abandoned. An
// abandoned input must not go on behind the user's back — binding names and adding ops after its undo — so
// each of its awaits goes through a gate (declarations.ts wraps them: `await gate(x)`) that never lets it resume.

export class AsyncInputs {
  private abandon: ((reason: Error) => void) | null = null;
  /** The async input started last: its script calls gate() as it starts. */
  private latest = { abandoned: false };

  /** The gate of the async input starting now. */
  gate(): (value: unknown) => Promise<unknown> {
    const input = { abandoned: false };
    this.latest = input;
    const never = new Promise<never>(() => undefined);
    return (value) => Promise.resolve(value).then(
      (v) => (input.abandoned ? never : v),
      (e: unknown) => (input.abandoned ? never : Promise.reject(e)),
    );
  }

  /** The value of the input started last (its script's promise), or its abandonment by interrupt(). */
  wait<T>(promise: Promise<T>): Promise<T> {
    const input = this.latest;
    return new Promise<T>((resolve, reject) => {
      this.abandon = (reason) => {
        input.abandoned = true;
        reject(reason);
      };
      promise.then(resolve, reject);
    }).finally(() => {
      this.abandon = null;
    });
  }

  /** The input about to run, from its start until its script runs: whether a Ctrl-C came meanwhile. */
  private starting: { interrupted: boolean } | null = null;

  /**
   * Whether the input starting now may run: false if a Ctrl-C came before its script could. The addon's
   * handler counts a signal that comes while the input compiles (sigint.ts); what it cannot see is a kernel
   * child's `interrupt` message, sent after the signal, for an input whose execute message the child read
   * after the signal (a busy child reads both in one turn). Two turns of the loop let that message arrive
   * first (and, without the addon's handler, a signal waiting in the event loop's queue); interrupt() marks
   * the input meanwhile.
   */
  async mayRun(): Promise<boolean> {
    const input = { interrupted: false };
    this.starting = input;
    try {
      await new Promise(setImmediate);
      await new Promise(setImmediate);
      return !input.interrupted;
    } finally {
      if (this.starting === input) this.starting = null;
    }
  }

  /**
   * Abandons the input being waited for, failing it with `reason`, or stops the one about to run (mayRun);
   * false if neither is.
   */
  interrupt(reason: Error): boolean {
    if (this.starting !== null) return void (this.starting.interrupted = true), true;
    if (this.abandon === null) return false;
    this.abandon(reason);
    return true;
  }
}
