// Tab completion of `tf.` names on the line being edited, with the names the kernel sent (complete-names.ts):
// one match is filled in, several are filled to their common part and listed.

export type Completer = (line: string) => [string[], string];

export interface Completed {
  line: string;
  /** The candidates to show when the line could not be completed further; empty otherwise. */
  candidates: string[];
}

export function complete(line: string, completer: Completer): Completed {
  const [matches, prefix] = completer(line);
  if (matches.length === 0) return { line, candidates: [] };
  const common = matches.reduce(commonPrefix);
  const filled = line.slice(0, line.length - prefix.length) + common;
  if (matches.length === 1 || common.length > prefix.length) return { line: filled, candidates: [] };
  // Listed by their last part: `matmul  max  maximum`, not `tf.matmul  tf.max  tf.maximum`.
  return { line, candidates: matches.map((m) => m.slice(m.lastIndexOf('.') + 1)) };
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
