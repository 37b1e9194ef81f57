// Tab completion of `tf.` names from a table of them (tf-names.ts makes it from the engine; the Ink UI gets
// it from the kernel process), and of `:command` names, which the table holds under the key ':'. No engine here.

/** The names in each namespace: `{ tf: ['Session', …], 'tf.train': ['AdamOptimizer', …], ':': ['help', …] }`. */
export type TfNames = Readonly<Record<string, readonly string[]>>;

/** The key under which the table lists the REPL's command names (`help`, `save-vars`, …). */
export const COMMAND_NAMES = ':';

/** The completions of the `tf.` name (or the `:command` the line is) the line ends with, and the text they replace (readline's completer shape). */
export function completeNames(names: TfNames, line: string): [string[], string] {
  const command = /^\s*(:[a-z-]*)$/.exec(line);
  if (command) return [(names[COMMAND_NAMES] ?? []).map((n) => `:${n}`).filter((n) => n.startsWith(command[1])), command[1]];
  const m = /(tf(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(line);
  if (!m) return [[], line];
  const found = (names[m[1]] ?? []).filter((k) => k.startsWith(m[2]));
  return [found.map((n) => `${m[1]}.${n}`), `${m[1]}.${m[2]}`];
}
