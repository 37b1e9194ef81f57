// The kernel as the Ink UI runs it: a real child process (dist/kernel/child.js) driven by RemoteKernel.
// What matters here is what only a process can show: Ctrl-C, crashes, restarts and no process left behind.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './build.js';
import type { KernelEvent } from '../src/kernel/events.js';
import { completeNames } from '../src/kernel/complete-names.js';
import { RemoteKernel } from '../src/kernel/remote.js';

const kernels: RemoteKernel[] = [];

beforeAll(() => ensureBuilt('dist/kernel/child.js'), 120_000);
afterEach(async () => {
  await Promise.all(kernels.splice(0).map((k) => k.close()));
});

/** A kernel child and every event it sent. */
function start(options: ConstructorParameters<typeof RemoteKernel>[0] = {}) {
  const kernel = new RemoteKernel(options);
  kernels.push(kernel);
  const events: KernelEvent[] = [];
  kernel.on((e) => events.push(e));
  return { kernel, events };
}

/** The printed output of one input that must succeed. */
async function show(kernel: RemoteKernel, code: string): Promise<string> {
  const texts: string[] = [];
  const off = kernel.on((e) => (e.type === 'output' ? texts.push(e.text) : e.type === 'error' ? texts.push(`${e.name}: ${e.message}`) : 0));
  const { status } = await kernel.execute(code);
  off();
  expect(status, texts.join('\n')).toBe('ok');
  return texts.join('\n');
}

function nextEvent(kernel: RemoteKernel, match: (e: KernelEvent) => boolean): Promise<KernelEvent> {
  return new Promise((resolve) => {
    const off = kernel.on((e) => {
      if (match(e)) {
        off();
        resolve(e);
      }
    });
  });
}

describe('the kernel in a child process', { timeout: 20_000 }, () => {
  it('evaluates inputs and streams their events; TypeScript loads only for an input that needs it', async () => {
    const { kernel, events } = start();
    const typescriptLoaded = 'Object.keys(require.cache).some((k) => k.includes("typescript"))';
    expect(await show(kernel, typescriptLoaded)).toBe('false');
    await show(kernel, 'const x: tf.Tensor = tf.constant(2.0)');
    expect(await show(kernel, typescriptLoaded)).toBe('true');
    expect(await show(kernel, "x * 3")).toBe("<tf.Tensor 'mul:0' shape=() dtype=float32>");
    expect(events.find((e) => e.type === 'ops-added' && e.ops.some((o) => o.name === 'mul'))).toMatchObject({ ops: [{ name: 'mul/y' }, { name: 'mul', inputs: ['Const:0', 'mul/y:0'] }] });
    // console output arrives as output events, in order with the input's result.
    expect(await show(kernel, 'console.log("hello", { a: 1 }); 5')).toBe("hello { a: 1 }\n5");
    expect(kernel.mode).toBe('lazy');
    await show(kernel, ':mode eager');
    expect(kernel.mode).toBe('eager');
    expect(await show(kernel, 'tf.constant(4) / tf.constant(5)')).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=0.8>');
  });

  it('tells the front end its devices and the tf. names Tab completes, so the UI never loads the engine', async () => {
    const { kernel } = start();
    const facts = await kernel.facts;
    expect(facts.devices[0]).toBe('/cpu:0');
    expect(facts.names.tf).toEqual(expect.arrayContaining(['Session', 'Variable', 'constant', 'matmul', 'train']));
    expect(facts.names['tf.train']).toEqual(expect.arrayContaining(['GradientDescentOptimizer', 'AdamOptimizer']));
    expect(completeNames(facts.names, 'opt = new tf.train.Grad')).toEqual([['tf.train.GradientDescentOptimizer'], 'tf.train.Grad']);
    expect(completeNames(facts.names, 'tf.nothing.x')).toEqual([[], 'tf.nothing.x']);
  });

  it('stops `while (true) {}` on interrupt() with a KeyboardInterrupt, keeps every variable, and ignores Ctrl-C when idle', async () => {
    const { kernel } = start({ mode: 'eager' });
    await show(kernel, 'const keep = tf.constant(42.0)');
    expect(kernel.interrupt()).toBe(false);
    // The input says when it spins: a SIGINT that lands before the vm runs it would have nothing to stop.
    const spinning = nextEvent(kernel, (e) => e.type === 'output' && e.text === 'spinning');
    const result = kernel.execute('console.log("spinning"); while (true) {}');
    const errors = nextEvent(kernel, (e) => e.type === 'error');
    await spinning;
    expect(kernel.interrupt()).toBe(true);
    expect(await result).toEqual({ status: 'error' });
    expect(await errors).toMatchObject({ name: 'KeyboardInterrupt' });
    process.kill(kernel.pid!, 'SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    expect(await show(kernel, 'keep')).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=42.0>');
  });

  it('stops an input whose Ctrl-C came before its script started: the signal and the execute read in one turn', async () => {
    const { kernel } = start({ mode: 'eager' });
    await show(kernel, 'const keep = tf.constant(42.0)');
    // A stopped process reads the execute message and the signal together when it goes on, as a busy one does.
    process.kill(kernel.pid!, 'SIGSTOP');
    const errors = nextEvent(kernel, (e) => e.type === 'error');
    const result = kernel.execute('const spun = 1; while (true) {}');
    await new Promise((r) => setTimeout(r, 50));
    expect(kernel.interrupt()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    process.kill(kernel.pid!, 'SIGCONT');
    expect(await result).toEqual({ status: 'error' });
    expect(await errors).toMatchObject({ name: 'KeyboardInterrupt' });
    expect(await show(kernel, 'typeof spun')).toBe("'undefined'");
    expect(await show(kernel, 'keep')).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=42.0>');
  });

  it('two SIGINTs back to back (a key\'s and the copy a parent relays) stop the input once and never end the kernel', async () => {
    const { kernel, events } = start({ mode: 'eager' });
    await show(kernel, 'const keep = tf.constant(42.0)');
    for (let i = 0; i < 8; i++) {
      const spinning = nextEvent(kernel, (e) => e.type === 'output' && e.text === `spinning ${i}`);
      const result = kernel.execute(`console.log("spinning ${i}"); while (true) {}`);
      await spinning;
      process.kill(kernel.pid!, 'SIGINT');
      process.kill(kernel.pid!, 'SIGINT');
      expect(await result).toEqual({ status: 'error' });
      // A person's next Ctrl-C comes later than a copy does (100 ms).
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.name)).toEqual(Array(8).fill('KeyboardInterrupt'));
    expect(events.some((e) => e.type === 'kernel-died')).toBe(false);
    expect(await show(kernel, 'keep')).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=42.0>');
  });

  it('reports a crash as kernel-died, fails the pending inputs, and leaves no process behind', async () => {
    const { kernel, events } = start();
    await show(kernel, 'const keep = 1');
    const pid = kernel.pid!;
    const crashed = kernel.execute("process.kill(process.pid, 'SIGKILL')");
    const queued = kernel.execute('keep + 1');
    expect(await crashed).toEqual({ status: 'error' });
    expect(await queued).toEqual({ status: 'error' });
    expect(events.filter((e) => e.type === 'kernel-died')).toEqual([{ type: 'kernel-died', code: null, signal: 'SIGKILL' }]);
    expect(await gone(pid)).toBe(true);
    expect(kernel.pid).toBeUndefined();
    // A dead kernel answers at once, with an error that says what to do.
    expect(await kernel.execute('keep')).toEqual({ status: 'error' });
    expect(events.at(-1)).toMatchObject({ type: 'error', name: 'KernelDied', message: expect.stringMatching(/restart/) });
  });

  it('reports process.exit in an input with its exit code', async () => {
    const { kernel, events } = start();
    expect(await kernel.execute('console.log("bye"); process.exit(3)')).toEqual({ status: 'error' });
    expect(events.filter((e) => e.type === 'output' || e.type === 'kernel-died').map((e) => ('text' in e ? e.text : e))).toEqual([
      'bye', { type: 'kernel-died', code: 3, signal: null },
    ]);
  });

  it('restarts fresh, or re-runs the inputs that succeeded, in the mode the session began in', async () => {
    const { kernel, events } = start();
    await show(kernel, 'const keep = 42; let n = 1');
    await show(kernel, 'n = n + 1');
    expect((await kernel.execute('null.boom')).status).toBe('error');
    await show(kernel, ':mode eager');
    const oldPid = kernel.pid!;
    expect(await kernel.restart({ rerun: true })).toEqual({ status: 'ok' });
    expect(await gone(oldPid)).toBe(true);
    expect(kernel.pid).not.toBe(oldPid);
    expect(events.some((e) => e.type === 'kernel-died')).toBe(false);
    expect(kernel.mode).toBe('eager');
    expect(await show(kernel, 'keep + n')).toBe('44');
    await kernel.restart();
    expect(kernel.mode).toBe('eager');
    expect(await show(kernel, 'typeof keep')).toBe("'undefined'");
  });

  it('closes its child, and a child whose front end is killed mid-input ends too', async () => {
    const { kernel } = start();
    await show(kernel, '1');
    const pid = kernel.pid!;
    await kernel.close();
    expect(await gone(pid)).toBe(true);

    // A front end SIGKILLed while its kernel spins: nothing in the front end can clean up.
    const frontEnd = spawn(process.execPath, ['--input-type=module', '-e', `
      import { RemoteKernel } from ${JSON.stringify(join(root, 'dist/kernel/remote.js'))};
      const k = new RemoteKernel();
      k.on((e) => { if (e.type === 'output') console.log(e.text); });
      k.execute('console.log(process.pid); while (true) {}');
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = Number(await new Promise<string>((resolve) => frontEnd.stdout.once('data', (d) => resolve(String(d)))));
    expect(childPid).toBeGreaterThan(0);
    frontEnd.kill('SIGKILL');
    expect(await gone(childPid, 5000)).toBe(true);
  });
});

/** Waits until process `pid` has ended (a zombie nobody reaps counts as ended). */
async function gone(pid: number, ms = 3000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
    try {
      process.kill(pid, 0);
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return true;
    } catch {
      return true;
    }
  }
  return false;
}
