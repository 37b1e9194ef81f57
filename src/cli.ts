#!/usr/bin/env node
// tensorshell's command line: argv → the Ink front end on a terminal, the plain front end otherwise (or with --plain).
import module from 'node:module';
import { loadEntry } from './kernel/bundles.js';

// Node ≥ 22.1 keeps V8's compiled code of every module on disk: TypeScript (~9 MB of JavaScript, loaded on the
// first TypeScript input) then loads in half the time, and so do our own modules. TypeScript's `tsc` does
// the same. It must run before the modules load, hence the dynamic imports below. Older Node lacks it.
try {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // A cache that cannot be written costs speed only.
}

const FLAGS = ['--eager', '--plain', '--ui', '--bail', '--show-ops', '--present'];
const THEMES = ['dark', 'light'];
const USAGE = `usage: tensorshell [--eager] [--plain | --ui] [--present] [--theme dark|light] [--bail] [--show-ops]
       tensorshell check FILE… [--update]
       tensorshell replay FILE [--from ANCHOR] [--speed N] [--present] [--theme dark|light]
       tensorshell lesson [N [--plain | --present] [--check-exercise K FILE]]
  A TypeScript REPL with \`tf\` preloaded; lazy (graph) mode by default.
  --eager       start in eager mode (TF 2 behaviour)
  --ui          the terminal UI: live ops list, chart, graph view (the default on a terminal)
  --plain       the line front end (always used when stdin or stdout is not a terminal)
  --present     presenter mode: high contrast, no frames, the panels beside the code
  --theme NAME  dark (default) or light, for the terminal's background
  --bail        exit with status 1 at the first error (plain front end)
  --show-ops    print the ops each lazy input adds (plain front end)
Inside: :help lists the commands; history is kept in ~/.tensorshell_history.`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'check') return (await import('./transcript/check-cli.js')).runCheck(argv.slice(1), process);
  if (argv[0] === 'replay') return (await import('./transcript/replay-cli.js')).runReplay(argv.slice(1), process);
  if (argv[0] === 'lesson') return (await import('./lessons/lesson-cli.js')).runLesson(argv.slice(1), process);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { flags, theme, problem } = parseArgs(argv);
  if (problem !== null) {
    process.stderr.write(`tensorshell: ${problem}\n${USAGE}\n`);
    return 2;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  // The Ink UI needs raw mode on a terminal: without one it falls back to the plain front end, never
  // Ink's "Raw mode is not supported" crash. --bail and --show-ops are the plain front end's.
  const wantsUi = !flags.has('--plain') && (flags.has('--ui') || flags.has('--present') || theme !== null
    || (!flags.has('--bail') && !flags.has('--show-ops')));
  if (wantsUi && interactive) {
    // The kernel process starts loading now, on the other core, while this one loads Ink.
    (await import('./kernel/remote.js')).forkEarly({ mode: flags.has('--eager') ? 'eager' : 'lazy', colors: true });
    return (await (await import('./ui/load-ui.js')).loadUi()).startUi({ eager: flags.has('--eager'), present: flags.has('--present'), theme: theme ?? 'dark' });
  }
  if (wantsUi && (flags.has('--ui') || flags.has('--present')) && !interactive) {
    process.stderr.write('tensorshell: the terminal UI needs a terminal on stdin and stdout; using the plain front end\n');
  }
  const argvFlags = [...flags];
  const { tf, Kernel, DEFAULT_HISTORY, runPlain } = await loadEntry<typeof import('./kernel/plain-session.js')>(new URL('./kernel/plain-session.js', import.meta.url));
  const kernel = new Kernel({ mode: argvFlags.includes('--eager') ? 'eager' : 'lazy', colors: interactive, runEvents: false });
  if (interactive) {
    const info = tf.nativeInfo();
    process.stdout.write(`tensorshell — TensorFlow-style graphs and eager tensors (${kernel.mode} mode; :help for commands)\n`
      + `devices: ${tf.listDevices().join(', ')} · kernels: ${info.simd}, ${info.threads} threads · CUDA: ${info.cudaStatus}\n`);
  }
  return runPlain(kernel, {
    input: process.stdin, output: process.stdout, bail: argvFlags.includes('--bail'), showOps: argvFlags.includes('--show-ops'),
    historyFile: interactive ? DEFAULT_HISTORY : undefined,
  });
}

/** The flags, `--theme NAME` (or `--theme=NAME`), or what is wrong with the arguments. */
function parseArgs(argv: readonly string[]): { flags: Set<string>; theme: 'dark' | 'light' | null; problem: string | null } {
  const flags = new Set<string>();
  let theme: 'dark' | 'light' | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--theme' || a.startsWith('--theme=')) {
      const value = a === '--theme' ? argv[++i] : a.slice('--theme='.length);
      if (!THEMES.includes(value)) return { flags, theme, problem: `--theme takes ${THEMES.join(' or ')}, not ${value === undefined ? 'nothing' : `'${value}'`}` };
      theme = value as 'dark' | 'light';
    } else if (FLAGS.includes(a)) flags.add(a);
    else return { flags, theme, problem: `unknown option ${a}` };
  }
  return { flags, theme, problem: null };
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
