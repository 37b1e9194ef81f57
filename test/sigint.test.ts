// The addon's SIGINT handler (native/binding_sigint.cc, src/kernel/sigint.ts), which the kernel runs inputs
// through instead of vm's breakOnSigint: what it does with a signal when idle, while an input prepares, and
// with a copy; and that the process still ends on SIGINT where nothing listens. The REPL-level behaviour
// (Ctrl-C in the kernel child, in the plain front end) is in kernel-process, kernel-bindings and plain.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { addon } from '../src/backends/native/addon.js';
import { scriptGuard } from '../src/kernel/sigint.js';
import { ensureBuilt, root } from './build.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Past the handler's copy window (100 ms), so the next signal counts as a new press. */
const NEXT_PRESS_MS = 150;

function interrupted(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('the addon\'s SIGINT handler', () => {
  beforeAll(() => {
    expect(scriptGuard().breakOnSigint).toBe(false);
  });

  it('idle, a signal reaches process.on(\'SIGINT\') listeners; a second within 100 ms is a copy and is dropped', async () => {
    await sleep(NEXT_PRESS_MS);
    let heard = 0;
    const listener = () => heard++;
    process.on('SIGINT', listener);
    try {
      process.kill(process.pid, 'SIGINT');
      process.kill(process.pid, 'SIGINT');
      await sleep(NEXT_PRESS_MS);
      expect(heard).toBe(1);
      process.kill(process.pid, 'SIGINT');
      await sleep(20);
      expect(heard).toBe(2);
    } finally {
      process.off('SIGINT', listener);
    }
  });

  it('a signal while an input prepares is the input\'s: run() stops it unrun, and no listener hears it', async () => {
    await sleep(NEXT_PRESS_MS);
    const { sigint } = addon;
    let heard = 0;
    const listener = () => heard++;
    process.on('SIGINT', listener);
    try {
      const before = sigint.signals();
      const token = sigint.prepare();
      process.kill(process.pid, 'SIGINT');
      await sleep(20);
      let ran = false;
      expect(interrupted(() => sigint.run(token, () => (ran = true)))).toBe('ERR_SCRIPT_EXECUTION_INTERRUPTED');
      expect(ran).toBe(false);
      expect(sigint.signals()).toBe(before + 1);
      expect(heard).toBe(0);
      // The next input starts afresh: its script runs and returns its value, errors pass through as thrown.
      expect(sigint.run(sigint.prepare(), () => 42)).toBe(42);
      expect(() => sigint.run(sigint.prepare(), () => { throw new RangeError('mine') })).toThrow(RangeError);
      sigint.idle();
      expect(() => sigint.run(-1 as number, () => 0)).toThrow(TypeError);
    } finally {
      process.off('SIGINT', listener);
    }
  });

  it('off the main thread the kernel falls back to vm\'s breakOnSigint', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(join(root, 'dist/kernel/sigint.js'))}).then((m) => parentPort.postMessage(m.scriptGuard().breakOnSigint));`;
    ensureBuilt('dist/kernel/sigint.js');
    const worker = new Worker(code, { eval: true });
    const answer = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(answer).toBe(true);
  });

  it('a REPL reading a pipe, with nothing running, still ends on SIGINT as any program does', async () => {
    ensureBuilt('dist/cli.js');
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--plain'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    // "ready" comes from a timer, after the input that set it has finished: printed by the input itself, it
    // could reach the test while that input still ran, and a SIGINT then stops the input instead (the
    // process keeps reading its pipe: the test hung once in a loaded full run).
    child.stdin.write('setTimeout(() => console.log("ready"), 20); 0\n');
    while (!out.includes('ready')) await sleep(10);
    const exit = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGINT');
    expect(await exit).toEqual([null, 'SIGINT']);
  });
});
