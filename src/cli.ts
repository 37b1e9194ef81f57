#!/usr/bin/env node
// tensorshell's command line. Until the full REPL kernel lands this is a minimal line REPL on Node's
// own `repl` module: JavaScript in, with `tf` preloaded, values printed as TensorFlow prints them.
import repl from 'node:repl';
import vm from 'node:vm';
import { inspect } from 'node:util';
import * as tf from './index.js';

function promptText(): string {
  return tf.executingEagerly() ? 'eager> ' : 'lazy> ';
}

function main(argv: readonly string[]): void {
  if (argv.includes('--eager')) tf.enableEagerExecution();
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('usage: tensorshell [--eager]\n  A REPL with `tf` preloaded; graph (lazy) mode by default.\n');
    return;
  }
  if (process.stdin.isTTY) {
    const info = tf.nativeInfo();
    process.stdout.write(`tensorshell — TensorFlow-style graphs and eager tensors (${tf.executingEagerly() ? 'eager' : 'lazy'} mode)\n` +
      `devices: ${tf.listDevices().join(', ')} · kernels: ${info.simd}, ${info.threads} threads · CUDA: ${info.cudaStatus}\n` +
      `Try: const c = tf.constant(1.0); tf.getDefaultGraph().getOperations()\n`);
  }
  const server = repl.start({
    prompt: promptText(),
    useGlobal: false,
    ignoreUndefined: true,
    eval: evaluate,
    writer: (value: unknown) => inspect(value, { colors: process.stdout.isTTY, depth: 4 }),
  });
  server.context.tf = tf;
}

/** Input that is only unfinished (an open brace, a trailing operator) continues on the next line. */
function isIncomplete(e: unknown): boolean {
  return (e as Error)?.name === 'SyntaxError' && /Unexpected end of input|Unterminated (template|string)|missing \) after/.test((e as Error).message);
}

/**
 * Evaluates one input in the REPL's context. Errors print as TensorFlow's do (`ErrorClass: message`),
 * without a JS stack, and the prompt follows the mode.
 */
function evaluate(this: repl.REPLServer, code: string, context: vm.Context, file: string, callback: (err: Error | null, result?: unknown) => void): void {
  try {
    const result = vm.runInContext(code, context, { filename: file, breakOnSigint: true });
    this.setPrompt(promptText());
    callback(null, result);
  } catch (e) {
    if (isIncomplete(e)) return callback(new repl.Recoverable(e as Error));
    this.setPrompt(promptText());
    const err = e as Error | undefined;
    this.output.write(`${err?.name && err.message !== undefined ? `${err.name}: ${err.message}` : String(e)}\n`);
    callback(null, undefined);
  }
}

main(process.argv.slice(2));
