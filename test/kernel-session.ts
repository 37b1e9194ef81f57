// A real in-process Kernel for tests of what the plain front end prints: the commands' tests, the graph view's.
import * as tf from '../src/index.js';
import type { KernelEvent } from '../src/kernel/events.js';
import { Kernel, type KernelOptions } from '../src/kernel/kernel.js';

const opened: Kernel[] = [];

/** A kernel whose `run(code)` resolves to what the plain front end prints for that input; every event kept. */
export function printingKernel(options: KernelOptions = {}) {
  const kernel = new Kernel(options);
  opened.push(kernel);
  const events: KernelEvent[] = [];
  let printed: string[] = [];
  kernel.on((e) => {
    events.push(e);
    if (e.type === 'output') printed.push(e.text);
    if (e.type === 'error') printed.push(`${e.name}: ${e.message}`);
  });
  const run = async (code: string) => {
    printed = [];
    await kernel.execute(code);
    return printed.join('\n');
  };
  return { kernel, events, run };
}

/** For afterEach: the kernels disposed, default sessions closed, graph mode again. */
export function closeKernels(): void {
  for (const k of opened.splice(0)) k.dispose();
  for (let s = tf.getDefaultSession(); s instanceof tf.Session; s = tf.getDefaultSession()) s.close();
  tf.disableEagerExecution();
}
