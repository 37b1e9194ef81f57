#!/usr/bin/env node
// tensorshell's command line: argv → the plain front end, or with --ui the Ink front end (opt-in until it is complete).
import module from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of every module on disk: TypeScript (~9 MB of JavaScript, loaded on the
// first TypeScript input) then loads in half the time, and so do our own modules. TypeScript's `tsc` does
// the same. It must run before the modules load, hence the dynamic imports below. Older Node lacks it.
try {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // A cache that cannot be written costs speed only.
}

const FLAGS = ['--eager', '--plain', '--ui', '--bail', '--show-ops'];
const USAGE = `usage: tensorshell [--eager] [--plain | --ui] [--bail] [--show-ops]
  A TypeScript REPL with \`tf\` preloaded; lazy (graph) mode by default.
  --eager     start in eager mode (TF 2 behaviour)
  --plain     the line front end (always used when stdin is not a terminal)
  --ui        the terminal UI: live ops list, chart, status line (work in progress)
  --bail      exit with status 1 at the first error
  --show-ops  print the ops each lazy input adds
Inside: :help lists the commands; history is kept in ~/.tensorshell_history.`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => !FLAGS.includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`tensorshell: unknown option ${unknown[0]}\n${USAGE}\n`);
    return 2;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (argv.includes('--ui') && !argv.includes('--plain')) {
    if (interactive) return (await import('./ui/start.js')).startUi({ eager: argv.includes('--eager') });
    process.stderr.write('tensorshell: --ui needs a terminal on stdin and stdout; using the plain front end\n');
  }
  const [tf, { Kernel }, { DEFAULT_HISTORY, runPlain }] = await Promise.all([
    import('./index.js'), import('./kernel/kernel.js'), import('./kernel/plain.js'),
  ]);
  const kernel = new Kernel({ mode: argv.includes('--eager') ? 'eager' : 'lazy', colors: interactive, runEvents: false });
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

// A reader that goes away (`tensorshell < script | head`) ends the session quietly, as it would a shell's.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// At the end of input the session is over, as Node's REPL has it: a timer or a pending promise that an
// input left behind (`setInterval(...)`) must not keep the process alive. Exit once stdout has drained.
function exit(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(exit, (e: unknown) => {
  process.stderr.write(`tensorshell: ${e instanceof Error ? e.stack : String(e)}\n`);
  exit(70);
});
