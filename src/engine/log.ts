// Warnings the engine gives the user (soft placement, deprecated names). The REPL kernel subscribes;
// with no subscriber they go to stderr, once per distinct message.
type Listener = (message: string) => void;

const listeners = new Set<Listener>();
const seen = new Set<string>();

/** Subscribes to engine warnings; returns the unsubscribe function. */
export function onWarning(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function warn(message: string): void {
  if (listeners.size > 0) {
    for (const l of listeners) l(message);
    return;
  }
  if (seen.has(message)) return;
  seen.add(message);
  process.stderr.write(`WARNING: ${message}\n`);
}
