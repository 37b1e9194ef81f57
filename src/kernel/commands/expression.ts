// Shared by `:compare` and `:time`: an expression compiled once, with the operator sugar, into a function
// that lives in the kernel's vm context, so it sees the user's names but binds none of its own.
import vm from 'node:vm';
import { compile } from '../compile.js';
import type { Kernel } from '../kernel.js';

/**
 * `wrap(expr)` must be a JS function expression using `expr`; the result is that function. `command` names
 * the command in error messages (`:time needs …`).
 */
export function compileInContext<F>(kernel: Kernel, expr: string, command: string, wrap: (e: string) => string): F {
  const code = expr.trim();
  if (code === '') throw new Error(`${command} needs an expression, e.g. ${command} tf.constant(2) * 3`);
  // Inside the wrapping function `await` is no keyword; TypeScript would turn it into `yield` without a word.
  if (/\bawait\b/.test(code)) throw new SyntaxError(`${command} takes a synchronous expression; evaluate the awaited value first`);
  const compiled = compile(wrap(code));
  if (compiled.kind === 'incomplete') throw new SyntaxError(`${command} needs a complete expression: ${code}`);
  if (compiled.kind === 'error') {
    throw new SyntaxError(`${command} takes one expression (no declarations or statements): ${compiled.error.message.replace(/ \(\d+:\d+\)$/, '')}`);
  }
  return vm.runInContext(compiled.js, kernel.context, { filename: command }) as F;
}

/** `name: message` for an error from either realm (the vm context's errors are not `instanceof Error` here). */
export function describeError(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const err = e as Error;
    return `${err.name ?? 'Error'}: ${err.message}`;
  }
  return `Error: ${String(e)}`;
}
