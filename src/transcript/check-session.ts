// Runs a transcript's inputs through a fresh in-process kernel, as the plain front end would (no colours, no
// run events), and keeps what each one printed. One file is one session: state carries from block to block,
// and so does the mode; `<!-- mode: … -->` before a block switches it (the first block runs in lazy mode
// unless it says otherwise). Other directives change nothing here: hidden blocks run like any other.
import * as tf from '../index.js';
import type { ExecuteStatus } from '../kernel/events.js';
import { Kernel } from '../kernel/kernel.js';
import { resetRandomState } from '../ops/random.js';
import type { Block, Step } from './format.js';
import { printedLines } from './recorder.js';

/** An input of a transcript that runs longer than this is stopped: an endless loop fails, never hangs CI. */
export const INPUT_TIMEOUT_MS = 60_000;

/** One input as it ran: how it ended and the lines it printed. */
export interface StepRun {
  block: Block;
  step: Step;
  status: ExecuteStatus;
  printed: string[];
}

/** Every step of `blocks`, run in order in one fresh session. */
export async function runSteps(blocks: readonly Block[]): Promise<StepRun[]> {
  const wasEager = tf.executingEagerly();
  freshGlobals();
  const kernel = new Kernel({ mode: 'lazy', colors: false, runEvents: false, inputTimeoutMs: INPUT_TIMEOUT_MS });
  // Everything printed while a step runs is its output, as in the plain front end: a `:load` step prints
  // the outputs of the inputs it runs, then its own summary.
  let printed: string[] | null = null;
  kernel.on((e) => {
    const p = printedLines(e);
    if (p && printed !== null) printed.push(...p.lines);
  });
  const runs: StepRun[] = [];
  try {
    for (const [i, block] of blocks.entries()) {
      const mode = block.mode ?? (i === 0 ? 'lazy' : kernel.mode);
      if (mode !== kernel.mode) await kernel.execute(`:mode ${mode}`);
      for (const step of block.steps) {
        printed = [];
        const status = await execute(kernel, step.input, printed);
        runs.push({ block, step, status, printed });
        printed = null;
      }
    }
  } finally {
    kernel.dispose();
    freshGlobals();
    if (wasEager) tf.enableEagerExecution();
    else tf.disableEagerExecution();
  }
  return runs;
}

async function execute(kernel: Kernel, input: string, printed: string[]): Promise<ExecuteStatus> {
  try {
    return (await kernel.execute(input)).status;
  } catch (e) {
    // The kernel reports an input's failures as events; this is a failure of the kernel itself.
    printed.push(`${(e as Error).name ?? 'Error'}: ${(e as Error).message ?? String(e)}`);
    return 'error';
  }
}

/**
 * A session as a new process would start it: an empty default graph (op names from `Const`, summary steps
 * from 0), no default session, no global random seed and every eager random sequence from its start.
 */
export function freshGlobals(): void {
  for (let s = tf.getDefaultSession(); s instanceof tf.Session; s = tf.getDefaultSession()) s.close();
  tf.resetDefaultGraph();
  resetRandomState();
}
