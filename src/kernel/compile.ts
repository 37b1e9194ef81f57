// TypeScript in, a script for the vm context out, by the cheapest of three paths: input the REPL transform
// would not change runs as it is; plain JavaScript gets the transform from acorn (js-transform.ts, ~10 ms to
// load); anything else — type syntax, a syntax error, an unfinished input — goes to ts-node's transpile
// service (no type-checking) running the transform on TypeScript's AST. TypeScript (~0.4 s to load) is
// loaded on the first input that needs it, or while the REPL is idle (warmUpWhenIdle).
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type * as TS from 'typescript';
import { transformJs } from './js-transform.js';
import { ASYNC_INPUT, replTransformer } from './transform.js';

const require = createRequire(import.meta.url);

export type Compiled =
  /** `async`: the script's value is a promise of the input's value (it used top-level await). */
  | { kind: 'script'; js: string; async?: boolean }
  | { kind: 'incomplete' }
  | { kind: 'error'; error: SyntaxError };

interface Service {
  compile(code: string, fileName: string): string;
}

let ts: typeof TS | null = null;
let service: Service | null = null;

const COMPILER_OPTIONS = {
  target: 'es2022', module: 'commonjs', esModuleInterop: true, strict: false, alwaysStrict: false,
  sourceMap: false, inlineSourceMap: false, inlineSources: false, declaration: false, noEmitHelpers: false,
};

/** The TypeScript module (loaded on first use). */
export function typescript(): typeof TS {
  ts ??= require('typescript') as typeof TS;
  return ts;
}

function tsService(): Service {
  if (service === null) {
    const tsnode = require('ts-node') as { create(o: object): Service };
    service = tsnode.create({
      transpileOnly: true, skipProject: true, skipIgnore: true, compilerOptions: COMPILER_OPTIONS,
      transformers: { before: [replTransformer(typescript(), { ops: '__ops', persist: true })] },
    });
  }
  return service;
}

/** Loads TypeScript and ts-node now. */
export function warmUp(): void {
  tsService().compile('1', '<repl>.ts');
}

/**
 * Loads acorn and runs the JavaScript path once (~15–25 ms: acorn's require and its first parse), so that the
 * first input does not. The kernel process calls it just after it has said it is ready, while the Ink UI is
 * usually still starting, and the interactive plain front end after its first prompt. An input that arrives
 * meanwhile and needs the parser waits no longer than it would have paid itself; one that needs none
 * (`Math.max(1, 2)`) waits at most the warm-up, once. Measured (bench/startup.js): a first input sent to the
 * kernel process 50 ms after 'ready' 22 -> 6 ms.
 */
export function warmUpParser(): void {
  try {
    transformJs('const x = 1 + 1');
  } catch {
    // A warm-up never fails the process: the first input meets the same problem and reports it.
  }
}

let idle: { timer: NodeJS.Timeout; ms: number } | null = null;

/**
 * Loads TypeScript once no input has come for `ms` (the interactive front ends call this at their first
 * prompt): the first input that needs it — type syntax, a multi-line input, a typo — then does not wait
 * ~0.4 s for it, and an input typed at once is not held up by the loading. It keeps no process alive.
 */
export function warmUpWhenIdle(ms = 1000): void {
  if (service !== null) return;
  if (idle !== null) clearTimeout(idle.timer);
  const due = performance.now() + ms;
  const timer = setTimeout(() => {
    idle = null;
    // Late by more than a blink: an input kept the event loop busy until now, and the next may come at once.
    if (performance.now() - due > 100) warmUpWhenIdle(ms);
    else warmUp();
  }, ms);
  idle = { timer: timer.unref(), ms };
}

// Input with none of these runs as it is: the transform would change nothing in it. Any other goes to acorn,
// and what acorn declines to TypeScript.
const NEEDS_TS = /[-+*/:<%@!]|(?<!=)>|\btf\.[\w.]+\s*\([\s\S]*\d|\b(?:const|let|var|function|class|import|export|await|enum|interface|type|namespace|declare|as|satisfies|abstract)\b/;

/** Lines pasted with their prompts (`> `, `>>> `, `... `, `In [3]: `, `lazy> `) lose them. */
export function stripPrompts(input: string): string {
  const prompt = /^(?:>>> |\.\.\. |> |\. |In \[\d+\]: |\s*\.\.\.: |lazy> |eager> )/;
  const lines = input.split('\n');
  if (!prompt.test(lines[0])) return input;
  return lines.map((l) => l.replace(prompt, '')).join('\n');
}

export function compile(code: string): Compiled {
  // An input is no idle time: the warm-up waits for the next pause.
  if (idle !== null) warmUpWhenIdle(idle.ms);
  if (!NEEDS_TS.test(code)) {
    try {
      new vm.Script(code);
      return { kind: 'script', js: code };
    } catch {
      // Let TypeScript decide: it knows incomplete input from a real error.
    }
  }
  const js = transformJs(code);
  return js === null ? transpile(code) : { kind: 'script', ...js };
}

/** The TypeScript path alone (the fast paths' oracle in the tests). */
export function transpile(code: string): Compiled {
  try {
    const js = asScript(tsService().compile(code, '<repl>.ts'));
    return { kind: 'script', js, async: js.includes(`async function ${ASYNC_INPUT}(`) };
  } catch (e) {
    return isIncomplete(code) ? { kind: 'incomplete' } : { kind: 'error', error: syntaxError(code, e) };
  }
}

const MODULE_HEADER = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n';

/**
 * An input with an `import` is a module to TypeScript, which emits a header the REPL must not run: the
 * `__esModule` marker would print `{}` as the input's value, and `"use strict"` would turn `x = 5` later in
 * the same input into a ReferenceError. Blanked, not cut, so stack traces keep their line numbers.
 */
function asScript(js: string): string {
  return js.startsWith(MODULE_HEADER) ? `\n\n${js.slice(MODULE_HEADER.length)}` : js;
}

// ts-node's REPL list: diagnostics that mean "the input goes on", not "the input is wrong".
const RECOVERABLE = new Set([1003, 1005, 1109, 1126, 1160, 1161]);

/** True when every syntax error TypeScript reports sits at the very end of the input. */
export function isIncomplete(code: string): boolean {
  const out = typescript().transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: typescript().ScriptTarget.ES2022 } });
  const diags = out.diagnostics ?? [];
  const end = code.trimEnd().length;
  return diags.length > 0 && diags.every((d) => RECOVERABLE.has(d.code) && (d.start ?? 0) >= end);
}

function syntaxError(code: string, e: unknown): SyntaxError {
  const out = typescript().transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: typescript().ScriptTarget.ES2022 } });
  const d = out.diagnostics?.[0];
  if (!d) return new SyntaxError(e instanceof Error ? e.message : String(e));
  const text = typescript().flattenDiagnosticMessageText(d.messageText, '\n');
  const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
  return new SyntaxError(pos ? `${text} (${pos.line + 1}:${pos.character + 1})` : text);
}

/** What the operator sugar makes of `code` (`:desugar`), as TypeScript source. */
export function desugar(code: string): string {
  const t = typescript();
  const source = t.createSourceFile('<desugar>.ts', code, t.ScriptTarget.ES2022, true);
  const result = t.transform(source, [replTransformer(t, { ops: 'tf.ops', persist: false })]);
  const printed = t.createPrinter({ removeComments: false }).printFile(result.transformed[0]);
  result.dispose();
  const text = printed.trimEnd();
  return !code.trimEnd().endsWith(';') && text.endsWith(';') && !text.slice(0, -1).includes('\n') ? text.slice(0, -1) : text;
}
