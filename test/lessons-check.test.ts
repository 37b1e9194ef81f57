// Every lesson and transcript is a test (issue 6): `tensorshell check` replays each .md file of lessons/ and
// transcripts/ in-process, one test per file so a failure names it, with check's diff as the message.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/transcript/check.js';
import { root } from './build.js';

for (const dir of ['lessons', 'transcripts']) {
  const files = readdirSync(join(root, dir)).filter((f) => f.toLowerCase().endsWith('.md')).sort();
  describe(dir, () => {
    // A lesson trains models: give it time, and never fail it for being slow.
    it.each(files)('%s passes tensorshell check', async (name) => {
      const result = await checkFile(join(root, dir, name), { file: `${dir}/${name}` });
      expect(result.passed, result.report.join('\n')).toBe(true);
    }, 300_000);
  });
}
