// The kernel as a child process (STYLE.md, "Why a kernel process"): the Ink UI forks this file, so a busy
// input never freezes the screen, Ctrl-C can stop it, and a native crash takes down only the kernel.
// Usage: fork('dist/kernel/child.js', ['--eager'?, '--colors'?]); then the messages in protocol.ts.
import { Worker } from 'node:worker_threads';
import { warmUpParser, warmUpWhenIdle } from './compile.js';
import { Kernel } from './kernel.js';
import { contextCompleter, listDevices, tfNames } from './tf-names.js';
import type { KernelEvent } from './events.js';
import type { FromKernel, ToKernel } from './protocol.js';

if (!process.send) {
  process.stderr.write('tensorshell kernel: start me with child_process.fork (I talk over IPC)\n');
  process.exit(2);
}

const kernel = new Kernel({ mode: process.argv.includes('--eager') ? 'eager' : 'lazy', colors: process.argv.includes('--colors') });
/** The input running (or the last one): console output and stray errors are reported against it. */
let current = 0;

function send(message: FromKernel): void {
  // A parent that went away has nothing left to hear; 'disconnect' below ends this process.
  if (process.connected) process.send!(message, undefined, {}, () => {});
}

// A training loop makes a run-finished and scalar-logged event per step; sending each one costs the loop
// ~30 µs of IPC a step. They are batched instead: every scalar, but only the latest run, at most every
// 50 ms — checked as events come, since a busy loop never lets a timer fire — and before anything else.
const BATCH_MS = 50;
let batch: KernelEvent[] = [];
let latestRun: KernelEvent | null = null;
let lastFlush = 0;
let flushTimer: NodeJS.Timeout | null = null;

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const events = latestRun ? [...batch, latestRun] : batch;
  batch = [];
  latestRun = null;
  lastFlush = performance.now();
  if (events.length > 0) send({ type: 'events', events });
}

kernel.on((event) => {
  if (event.type === 'input-started') current = event.id;
  if (event.type === 'run-finished' || event.type === 'scalar-logged') {
    if (event.type === 'run-finished') latestRun = event;
    else batch.push(event);
    if (performance.now() - lastFlush >= BATCH_MS) flush();
    else flushTimer ??= setTimeout(flush, BATCH_MS);
    return;
  }
  flush();
  send({ type: 'event', event });
});


// Ctrl-C: while an input compiles or runs, the kernel's script guard (sigint.ts) turns SIGINT into a
// KeyboardInterrupt without this listener hearing it. Otherwise the listener keeps the default action (exit)
// from losing the session, and an input stuck in an `await` is abandoned with a KeyboardInterrupt.
process.on('SIGINT', () => kernel.interrupt());

// An error that escapes an input — a throwing timer callback, a promise nobody awaited — would end the
// process by default; here it is reported like an input's error and the kernel keeps every variable.
const report = (e: unknown) => {
  const err = typeof e === 'object' && e !== null && 'message' in e ? (e as Error) : new Error(String(e));
  send({ type: 'event', event: { type: 'error', id: current, name: err.name ?? 'Error', message: err.message, stack: err.stack } });
};
process.on('uncaughtException', report);
process.on('unhandledRejection', report);

// Inputs run one at a time: a second `execute` waits for the first, as a user's next line would.
let queue = Promise.resolve();
/** The `execute` whose turn it is (0 between inputs), the last one whose turn came, and those interrupted before it. */
let running = 0;
let started = 0;
const interrupted = new Set<number>();
const complete = contextCompleter(kernel.context);
process.on('message', (message: ToKernel) => {
  if (message?.type === 'complete') {
    const [matches, prefix] = complete(message.line);
    return send({ type: 'completion', id: message.id, matches, prefix });
  }
  if (message?.type === 'interrupt') {
    // An input that has finished is left alone: the signal stopped it, or it ended before.
    if (message.id === running) kernel.interrupt();
    else if (message.id > started) interrupted.add(message.id);
    return;
  }
  if (message?.type !== 'execute') return;
  queue = queue.then(async () => {
    running = started = message.id;
    const execution = kernel.execute(message.code);
    if (interrupted.delete(message.id)) kernel.interrupt();
    const result = await execution.catch((e: unknown) => {
      report(e);
      return { status: 'error' as const };
    });
    running = 0;
    flush();
    send({ type: 'result', id: message.id, status: result.status });
  });
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready', pid: process.pid, mode: kernel.mode, devices: listDevices(), names: tfNames() });
// The first input's parser loads now, while the front end finishes starting (it sends nothing before 'ready').
setImmediate(warmUpParser);
// TypeScript (type syntax, multi-line inputs) loads in the first pause, not in the first answer's way.
warmUpWhenIdle();
guardAgainstOrphaning();

/**
 * A front end killed outright (SIGKILL, or SIGTERM, which skips its exit hooks) cannot stop this process,
 * and while an input spins in `while (true) {}` the 'disconnect' event above never gets to run. A worker
 * thread is not blocked by the input: it notices that the parent is gone and ends the kernel.
 */
function guardAgainstOrphaning(): void {
  const code = `
    const { workerData } = require('node:worker_threads');
    setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(workerData.pid, 'SIGKILL'); }, 250);`;
  new Worker(code, { eval: true, workerData: { pid: process.pid, ppid: process.ppid } }).unref();
}
