// `:save session.md`: this session's inputs and what they printed, as a transcript (src/transcript/format.ts)
// that `:load` runs again and `tensorshell check` checks. The `:save` itself is not part of it.
import { writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatTranscript } from '../../transcript/format.js';
import { recordSession } from '../../transcript/recorder.js';
import type { Command } from './command.js';

export const save: Command = {
  name: 'save',
  summary: 'write the session (inputs and outputs) as a Markdown transcript that :load and check read',
  usage: '<file>',
  run(kernel, args) {
    const file = args.trim();
    if (file === '') throw new Error(':save needs a file name, e.g. :save session.md');
    const recorder = recordSession(kernel);
    const steps = recorder.recorded();
    if (steps.length === 0) throw new Error('nothing to save yet: no input has run in this session');
    const path = resolve(file);
    const existed = existsSync(path);
    try {
      writeFileSync(path, formatTranscript(steps, { mode: recorder.startMode }));
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(`:save cannot write ${file}: ${missing ? `no such directory (relative names start at ${process.cwd()})` : (e as Error).message}`);
    }
    const n = steps.length;
    return `saved ${n} input${n === 1 ? '' : 's'} to ${file}${existed ? ' (it replaced the file that was there)' : ''}`;
  },
};
