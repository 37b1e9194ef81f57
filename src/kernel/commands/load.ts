// `:load lesson.md` runs a transcript's inputs in order, printing as usual; `:load model.ts` runs a code file as
// one input. It stops at the first error the file does not expect and says where: an error whose class the
// transcript shows as that input's output (a lesson's deliberate `FailedPreconditionError: …`) is part of the
// lesson, not a reason to stop. Comparing outputs is `tensorshell check`'s job, not this command's.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type Block, parseTranscript } from '../../transcript/format.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';

const TRANSCRIPT_EXTENSIONS = new Set(['.md', '.markdown']);
/** Files being loaded now: a transcript that `:load`s itself (or a cycle of them) would never end. */
const loading = new Set<string>();

export const load: Command = {
  name: 'load',
  summary: 'run the inputs of a transcript (.md), or a .ts/.js file as one input, stopping at an error',
  usage: '<file>',
  async run(kernel, args) {
    const file = args.trim();
    if (file === '') throw new Error(':load needs a file name, e.g. :load session.md');
    const path = resolve(file);
    if (loading.has(path)) throw new Error(`:load: ${file} is already being loaded (it loads itself, directly or through another file)`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(`:load cannot read ${file}: ${missing ? `no such file (relative names start at ${process.cwd()})` : (e as Error).message}`);
    }
    loading.add(path);
    try {
      if (!TRANSCRIPT_EXTENSIONS.has(extname(file).toLowerCase())) return await runCode(kernel, file, text);
      return await runTranscript(kernel, file, parseTranscript(text, file));
    } finally {
      loading.delete(path);
    }
  },
};

async function runCode(kernel: Kernel, file: string, code: string): Promise<string> {
  const result = await kernel.execute(code);
  if (result.status === 'incomplete') throw new SyntaxError(`:load: ${file} ends in the middle of a statement`);
  if (result.status === 'error') throw new Error(`:load stopped: ${file} (run as one input) failed with ${kernel.lastError?.name ?? 'an error'}, shown above`);
  return `ran ${file} as one input`;
}

async function runTranscript(kernel: Kernel, file: string, blocks: readonly Block[]): Promise<string> {
  const total = blocks.reduce((n, b) => n + b.steps.length, 0);
  if (total === 0) throw new Error(`:load: ${file} has no inputs (sessions are in \`\`\`tensorshell blocks, inputs start with '> ')`);
  let ran = 0;
  for (const [i, block] of blocks.entries()) {
    // A transcript starts in lazy mode unless it says otherwise. The switch is made visibly, as a typed
    // `:mode` would be, so a `:save` afterwards records it.
    const mode = block.mode ?? (i === 0 ? 'lazy' : kernel.mode);
    if (mode !== kernel.mode) await kernel.execute(`:mode ${mode}`);
    for (const step of block.steps) {
      const result = await kernel.execute(step.input);
      ran++;
      if (result.status === 'incomplete') {
        throw new SyntaxError(`${file}:${step.line}: the input ends in the middle of a statement; ${ran - 1} of ${total} inputs ran`);
      }
      const error = kernel.lastError;
      if (result.status === 'error' && !step.expected.some((l) => error !== null && l.startsWith(`${error.name}:`))) {
        throw new Error(`:load stopped at ${file}:${step.line} (${error?.name ?? 'an error'}, shown above); ${ran} of ${total} inputs ran`);
      }
    }
  }
  return `ran ${total} input${total === 1 ? '' : 's'} from ${file}`;
}
