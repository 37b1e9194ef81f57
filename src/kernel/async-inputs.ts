// Inputs with top-level await, as the kernel runs them: awaited until they settle, or abandoned by Ctrl-C
// (vm's breakOnSigint stops only synchronous code). An abandoned input must not go on behind the user's
// back — binding names and adding ops after its undo — so each of its awaits goes through a gate
// (declarations.ts wraps them: `await gate(x)`) that never lets it resume.

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

  /** Abandons the input being waited for, failing it with `reason`; false if none is. */
  interrupt(reason: Error): boolean {
    if (this.abandon === null) return false;
    this.abandon(reason);
    return true;
  }
}
