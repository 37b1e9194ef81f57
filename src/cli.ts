#!/usr/bin/env node
// tensorshell's command line. Until the full REPL kernel lands this is a minimal line REPL on Node's
// own `repl` module: JavaScript in, with `tf` preloaded, values printed as TensorFlow prints them.
import repl from 'node:repl';
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
    writer: (value: unknown) => (value === undefined ? '' : inspect(value, { colors: process.stdout.isTTY, depth: 4 })),
  });
  server.context.tf = tf;
  // Mode switches show in the prompt at once.
  server.on('line', () => server.setPrompt(promptText()));
}

main(process.argv.slice(2));
