// Which schedule ops follow: graph (lazy, the TF 1.15 default here) or eager (TF 2).
let eager = false;

/** Ops run at once and return values (TF 2 behaviour). */
export function enableEagerExecution(): void {
  eager = true;
}

/** Ops are added to the default graph and run later by a Session (TF 1.15 behaviour, the default). */
export function disableEagerExecution(): void {
  eager = false;
}

/** True when ops run at once. */
export function executingEagerly(): boolean {
  return eager;
}
