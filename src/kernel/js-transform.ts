// The REPL transform for input that is plain JavaScript, without TypeScript (~9 MB of compiler, ~0.4 s to
// load): acorn (~15 ms) parses it, and transform.ts's rules become edits of the source — js-sugar.ts for the
// expressions, js-top-level.ts for the declarations and the top-level await. What acorn cannot parse, and the
// spellings that TypeScript reads otherwise or refuses (js-guards.ts), return null: TypeScript decides them,
// with its own messages and its own idea of an unfinished input.
import { createRequire } from 'node:module';
import type * as Acorn from 'acorn';
import { TS_ONLY_TEXT, parsesOtherwise, readsOtherwise } from './js-guards.js';
import { children, type JsNode } from './js-nodes.js';
import { NeedsTypeScript, SugarPrinter } from './js-sugar.js';
import { TopLevel } from './js-top-level.js';

const require = createRequire(import.meta.url);
let acorn: typeof Acorn | null = null;

interface Parsed {
  program: JsNode;
  tokens: Acorn.Token[];
}

function parse(code: string): Parsed | null {
  acorn ??= require('acorn') as typeof Acorn;
  const tokens: Acorn.Token[] = [];
  try {
    // ES2022 is TypeScript's target here: anything newer it would rewrite, so it is left to it.
    const program = acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script', allowAwaitOutsideFunction: true, allowHashBang: false, preserveParens: true, onToken: tokens });
    return { program: program as unknown as JsNode, tokens };
  } catch {
    return null;
  }
}

/** True if `node` awaits outside any function or class (the input must then run in an async function). */
function awaitsAtTopLevel(node: JsNode): boolean {
  if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true)) return true;
  if (/Function|Class/.test(node.type)) return false;
  return children(node).some(awaitsAtTopLevel);
}

/** The input as the vm context runs it, or null where TypeScript must decide. */
export function transformJs(code: string): { js: string; async: boolean } | null {
  if (TS_ONLY_TEXT.test(code)) return null;
  const parsed = parse(code);
  if (parsed === null || readsOtherwise(code, parsed.tokens)) return null;
  const next = new Map(parsed.tokens.map((t, i) => [t.end, parsed.tokens[i + 1]]));
  if (parsesOtherwise(parsed.program, next)) return null;
  const statements = parsed.program.body as JsNode[];
  const async = statements.some(awaitsAtTopLevel);
  const gate = async ? uniqueName(parsed.tokens, code, 'gate') : null;
  const printer = new SugarPrinter(code, parsed.tokens, { ops: '__ops', gate });
  try {
    return { js: new TopLevel(code, printer, statements, gate).print(), async };
  } catch (e) {
    if (e instanceof NeedsTypeScript) return null;
    throw e;
  }
}

/** `gate_1`, or the first `gate_N` the input does not use: TypeScript's createUniqueName. */
function uniqueName(tokens: readonly Acorn.Token[], code: string, base: string): string {
  const names = new Set(tokens.filter((t) => t.type.label === 'name').map((t) => code.slice(t.start, t.end)));
  let n = 1;
  while (names.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}
