#!/usr/bin/env node
// tensorshell's command line: argv → the plain front end (the Ink UI joins it with the UI issue).
import * as tf from './index.js';
import { Kernel } from './kernel/kernel.js';
import { DEFAULT_HISTORY, runPlain } from './kernel/plain.js';

const USAGE = `usage: tensorshell [--eager] [--plain] [--bail] [--show-ops]
  A TypeScript REPL with \`tf\` preloaded; lazy (graph) mode by default.
  --eager     start in eager mode (TF 2 behaviour)
  --plain     the line front end (always used when stdin is not a terminal)
  --bail      exit with status 1 at the first error
  --show-ops  print the ops each lazy input adds
Inside: :help lists the commands.`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => !['--eager', '--plain', '--bail', '--show-ops'].includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`tensorshell: unknown option ${unknown[0]}\n${USAGE}\n`);
    return 2;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const kernel = new Kernel({ mode: argv.includes('--eager') ? 'eager' : 'lazy', colors: interactive });
  if (interactive) {
    const info = tf.nativeInfo();
    process.stdout.write(`tensorshell — TensorFlow-style graphs and eager tensors (${kernel.mode} mode; :help for commands)\n`
      + `devices: ${tf.listDevices().join(', ')} · kernels: ${info.simd}, ${info.threads} threads · CUDA: ${info.cudaStatus}\n`);
  }
  return runPlain(kernel, {
    input: process.stdin, output: process.stdout, bail: argv.includes('--bail'), showOps: argv.includes('--show-ops'),
    historyFile: interactive ? DEFAULT_HISTORY : undefined,
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  process.stderr.write(`tensorshell: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 70;
});
