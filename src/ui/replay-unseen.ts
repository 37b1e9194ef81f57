// What a replay runs without showing it: a hidden block's inputs, a mode switch, the inputs a jump skips
// (`]`) or a fresh kernel catches up on (`[`, `--from`). The speaker still learns what went wrong.
import type { QuietKernel } from './replay-kernel.js';
import type { ReplaySource } from './replay-types.js';

/**
 * Runs items [from, to) of `script` unseen. A failed input is reported through `note` and the rest still
 * runs (a demo must go on), unless it was interrupted (Ctrl-C): the script then goes on right after it; or
 * the kernel died: it goes on at that input once the kernel is back (Ctrl-R). Resolves to the item to go on at.
 */
export async function runUnseen(script: ReplaySource, kernel: Pick<QuietKernel, 'mode' | 'quiet'>,
  from: number, to: number, note: (text: string) => void): Promise<number> {
  for (let i = from; i < to; i++) {
    const item = script.items[i];
    if (item.kind === 'mode' && kernel.mode !== item.mode) await kernel.quiet(`:mode ${item.mode}`);
    if (item.kind !== 'step') continue;
    const { status, errors } = await kernel.quiet(item.lines.join('\n'));
    const where = `replay: the ${item.hidden ? 'hidden' : 'skipped'} input at ${script.file}:${item.fileLine}`;
    if (errors.some((e) => e.name === 'KernelDied')) {
      note(`${where} did not run: the kernel died. Ctrl-R restarts it, and the script goes on from there`);
      return i;
    }
    if (status === 'incomplete') note(`${where} ends in the middle of a statement`);
    for (const e of errors) note(`${where} failed: ${e.name}: ${e.message}`);
    if (errors.some((e) => e.name === 'KeyboardInterrupt')) {
      if (i + 1 < to) note('replay: catching up stopped there; the script goes on after that input');
      return i + 1;
    }
  }
  return to;
}

/** "3 inputs": the inputs, shown and hidden, among items [from, to). */
export function countInputs(script: ReplaySource, from: number, to: number): string {
  const n = script.items.slice(from, to).filter((i) => i.kind === 'step').length;
  return `${n} input${n === 1 ? '' : 's'}`;
}
