// Whether what the learner ran at a step is that step, edited, or an input of their own. The lesson moves
// on after the step (edited or not), and keeps it on the prompt after anything else, so that looking at a
// value between steps (`input_value`, `:ops`) never loses one. An edit keeps most of the step's words:
// `const input_value = tf.constant(2.0)` is the step `const input_value = tf.constant(1.0)` edited;
// `sess.run(input_value)` typed at the step `const foo = []` is not.

/** Words, numbers, strings and single punctuation marks: `tf.constant(1.0)` is tf . constant ( 1.0 ). */
const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|[=!<>]=+|\S/g;

/** How much of an edit must be the step's: Dice's coefficient over the tokens in order (their LCS). */
const KEPT = 0.5;

/** True when `input` is `step` or an edit of it (a `:command` only of the same command). */
export function isEditOf(input: string, step: string): boolean {
  if (commandOf(input) !== commandOf(step)) return false;
  if (commandOf(step) !== null || input.trim() === step.trim()) return true;
  const a = input.match(TOKEN) ?? [];
  const b = step.match(TOKEN) ?? [];
  return a.length + b.length > 0 && (2 * commonTokens(a, b)) / (a.length + b.length) >= KEPT;
}

/** `ops` for `:ops`, `help` for `?tf.matmul`, null for code. */
export function commandOf(input: string): string | null {
  const m = /^\s*(?::([a-z]+)|\?)/.exec(input);
  return m === null ? null : m[1] ?? 'help';
}

/** The length of the longest common subsequence of two token lists. */
function commonTokens(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const t of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(t === b[j] ? row[j] + 1 : Math.max(row[j + 1], next[j]));
    row = next;
  }
  return row[b.length];
}

/**
 * `const graph = tf.getDefaultGraph():hint` — a `:command` typed at the end of a step's code, where readline
 * had put the code: the code before it and the command, or null when the line is no such thing. `known` are
 * the command names (the lesson's and the REPL's); the first `:known` with code before it splits the line,
 * so that `{ a: 1 }` or `x ? y : z` never does.
 */
export function splitTrailingCommand(line: string, known: ReadonlySet<string>): { code: string; command: string } | null {
  for (let i = line.indexOf(':', 1); i > 0; i = line.indexOf(':', i + 1)) {
    const m = /^:([a-z][a-z-]*)(?:\s.*)?$/.exec(line.slice(i));
    if (m === null || !known.has(m[1]) || line.slice(0, i).trim() === '') continue;
    return { code: line.slice(0, i).trimEnd(), command: line.slice(i).trim() };
  }
  return null;
}
