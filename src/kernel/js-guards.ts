// The few inputs that acorn and TypeScript read differently, or that only TypeScript refuses: the fast path
// (js-transform.ts) leaves them to TypeScript, so an input means the same on either path. Most were found
// by holding the two paths to each other on random programs (test/kernel-js-transform.test.ts).
import type { Token } from 'acorn';
import { children, type JsNode } from './js-nodes.js';

// Text TypeScript reads otherwise: `<!--` and `-->` are comments to acorn only; `\1`, `\8` and friends are
// errors to TypeScript only.
export const TS_ONLY_TEXT = /<!--|-->|\\\d/;

/**
 * Tokens TypeScript reads otherwise: `f<T>(x)` is a call with a type argument to it (any `<` with a `>` after
 * it, to be sure, and `async <`), `010` and `08` are errors, regular expressions it checks by its own rules,
 * and `await (x)` or `await [x]` outside an async function is a call or an index of a name `await`.
 */
export function readsOtherwise(code: string, tokens: readonly Token[]): boolean {
  let less = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const text = code.slice(t.start, t.end);
    if (text.startsWith('<')) {
      // `async < …` may be an async arrow function's type parameters to TypeScript.
      if (i > 0 && code.slice(tokens[i - 1].start, tokens[i - 1].end) === 'async') return true;
      less = true;
    }
    else if (text.startsWith('>') && less) return true;
    if (t.type.label === 'regexp' || (t.type.label === 'num' && /^0[\d_]/.test(text))) return true;
    if (t.type.label === 'name' && text === 'await' && !awaitsSomething(code, t, tokens[i + 1])) return true;
  }
  return false;
}

/** TypeScript's rule outside an async function: `await` awaits a name, keyword or literal on its line. */
function awaitsSomething(code: string, t: Token, next: Token | undefined): boolean {
  if (next === undefined || /[\n\r\u2028\u2029]/.test(code.slice(t.end, next.start))) return false;
  const label = next.type.label;
  return label === 'name' || label === 'num' || label === 'string' || next.type.keyword !== undefined;
}

/**
 * Nodes TypeScript reads otherwise: acorn reads `await x` in a class field or a plain function as a name,
 * and `yield x` outside a generator, where TypeScript reads an await or a yield and refuses it; and `(x)`
 * before a `{` (on any line) is to TypeScript an arrow function that lacks its `=>`.
 */
export function parsesOtherwise(node: JsNode, next: ReadonlyMap<number, Token>): boolean {
  if (node.type === 'Identifier' && (node.name === 'await' || node.name === 'yield')) return true;
  if (node.type === 'ParenthesizedExpression' && next.get(node.end)?.type.label === '{') return true;
  return children(node).some((c) => parsesOtherwise(c, next));
}
