// Tab completion of `tf.` names from a table of them (tf-names.ts makes it from the engine; the Ink UI gets
// it from the kernel process). No engine here.

/** The names in each namespace: `{ tf: ['Session', …], 'tf.train': ['AdamOptimizer', …] }`. */
export type TfNames = Readonly<Record<string, readonly string[]>>;

/** The completions of the `tf.` name the line ends with, and the text they replace (readline's completer shape). */
export function completeNames(names: TfNames, line: string): [string[], string] {
  const m = /(tf(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(line);
  if (!m) return [[], line];
  const found = (names[m[1]] ?? []).filter((k) => k.startsWith(m[2]));
  return [found.map((n) => `${m[1]}.${n}`), `${m[1]}.${m[2]}`];
}
