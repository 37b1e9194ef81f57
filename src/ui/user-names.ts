// The learner's own names for Tab: what the inputs that ran declared at their top level (`const sess = …`,
// `function step() {}`, `class Net {}`, `const [a, b] = …`). The UI process has no vm context to look in, so
// it reads them from the input's text: a light scan that skips strings, comments and anything inside
// brackets (a `for (let i …)` or a function body's `const`s are not the session's names). Members
// (`sess.r` → `sess.run`) need the kernel, which knows what `sess` is: tab-complete.ts asks it.
import type { Completer } from './completion.js';

const IDENT = /^[A-Za-z_$][\w$]*/;
const STATEMENT = /(?:^|[;\n}])\s*(?:export\s+)?(const|let|var|class|(?:async\s+)?function)(?=[\s*[{])\s*\*?\s*/g;
const RESERVED = new Set(['const', 'let', 'var', 'class', 'function', 'async', 'await', 'yield', 'of', 'in']);

/** The names `code` declares at its top level, in order. */
export function declaredNames(code: string): string[] {
  const names: string[] = [];
  const top = topLevel(code);
  for (const m of top.matchAll(STATEMENT)) {
    const at = m.index + m[0].length;
    const variable = m[1] === 'const' || m[1] === 'let' || m[1] === 'var';
    if (variable && /^[[{]/.test(code.slice(at))) names.push(...patternNames(code.slice(at)));
    else {
      const id = IDENT.exec(code.slice(at))?.[0];
      if (id !== undefined) names.push(id);
    }
    // Further declarators of the same statement: `let a = 1, b = 2`.
    if (variable) names.push(...moreDeclarators(code, top, at));
  }
  return [...new Set(names)].filter((n) => !RESERVED.has(n));
}

/**
 * `code` with what is not at the top level blanked out (same length, so offsets match): strings, template
 * literals, comments, and everything inside brackets (the brackets themselves stay).
 */
function topLevel(code: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const skip = skipQuoted(code, i);
    if (skip > i) {
      out += code.slice(i, skip).replace(/[^\n]/g, ' ');
      i = skip - 1;
      continue;
    }
    const ch = code[i];
    if ('([{'.includes(ch)) out += depth++ === 0 ? ch : ' ';
    else if (')]}'.includes(ch)) out += (depth = Math.max(0, depth - 1)) === 0 ? ch : ' ';
    else out += depth === 0 || ch === '\n' ? ch : ' ';
  }
  return out;
}

/** The end of a string, template or comment starting at i (i itself when none does). */
function skipQuoted(code: string, i: number): number {
  const ch = code[i];
  if (ch === '/' && code[i + 1] === '/') return lineEndAfter(code, i);
  if (ch === '/' && code[i + 1] === '*') {
    const e = code.indexOf('*/', i + 2);
    return e < 0 ? code.length : e + 2;
  }
  if (ch !== '"' && ch !== "'" && ch !== '`') return i;
  for (let j = i + 1; j < code.length; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === ch) return j + 1;
  }
  return code.length;
}

function lineEndAfter(code: string, i: number): number {
  const e = code.indexOf('\n', i);
  return e < 0 ? code.length : e;
}

/** The identifiers bound by a destructuring pattern (`[a, b]`, `{ x, y: z, ...rest }`): a close guess. */
function patternNames(rest: string): string[] {
  let depth = 0;
  let end = 0;
  for (; end < rest.length; end++) {
    if ('[{'.includes(rest[end])) depth++;
    if (']}'.includes(rest[end]) && --depth === 0) break;
  }
  const pattern = rest.slice(1, end).replace(/=[^,\]}]*/g, '');
  // In `{ key: name }` the name is after the colon.
  return [...pattern.matchAll(/(?:^|[,[{:]|\.\.\.)\s*([A-Za-z_$][\w$]*)\s*(?=[,\]}]|$)/g)].map((m) => m[1]);
}

/** `let a = 1, b = 2`: the names after top-level commas up to the statement's end. */
function moreDeclarators(code: string, top: string, from: number): string[] {
  const stop = top.slice(from).search(/[;\n]/);
  const statement = top.slice(from, stop < 0 ? top.length : from + stop);
  const names: string[] = [];
  for (const m of statement.matchAll(/,\s*/g)) {
    const id = IDENT.exec(code.slice(from + m.index + m[0].length))?.[0];
    if (id !== undefined) names.push(id);
  }
  return names;
}

/**
 * Tab over the tf. names first (the kernel sent them), then the learner's own top-level names. A name
 * after a dot (`sess.r`) is a member: only the kernel can list those (tab-complete.ts asks it).
 */
export function completeWithNames(completer: Completer, names: readonly string[], line: string): [string[], string] {
  const [matches, prefix] = completer(line);
  if (matches.length > 0) return [matches, prefix];
  const m = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)$/.exec(line);
  if (!m) return [[], line];
  const found = names.filter((n) => n.startsWith(m[1]));
  return [found, m[1]];
}
