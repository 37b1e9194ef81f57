// Scalars logged with tf.summary.scalar reach their listeners here (the REPL kernel turns them into
// `scalar-logged` events for the chart). Each tag counts its own steps: the n-th value logged is step n.
type Listener = (tag: string, step: number, value: number) => void;

const listeners = new Set<Listener>();
const steps = new Map<string, number>();

export function onScalar(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function logScalar(tag: string, value: number): void {
  const step = steps.get(tag) ?? 0;
  steps.set(tag, step + 1);
  for (const l of listeners) l(tag, step, value);
}

/** Starts every tag's step count again (a fresh graph). */
export function resetScalarSteps(): void {
  steps.clear();
}
