// `tensorshell check FILE… [--update]`: the command line around check.ts. A directory stands for its .md
// files, in name order. Exit status: 0 when every file matches, 1 for a difference or a file that could
// not be read or parsed (or, with --update, an output that could not be rewritten), 2 for a usage error.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type FileResult, checkFile, plural } from './check.js';

export const CHECK_USAGE = `usage: tensorshell check FILE… [--update]
  Replays each transcript (a .md file; for a directory, its .md files) in a fresh session and compares
  what every input prints with the output the file shows; a difference prints as a diff.
  --update  rewrite in place the outputs that differ (prose, directives and matching outputs stay)
  Exit status: 0 all match, 1 a difference or a file that cannot be read or parsed, 2 a usage error.`;

export interface CheckIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Runs `tensorshell check` with the arguments after `check`; resolves to the exit status. */
export async function runCheck(args: readonly string[], io: CheckIo): Promise<number> {
  const dashes = args.indexOf('--');
  const options = dashes === -1 ? args : args.slice(0, dashes);
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout.write(`${CHECK_USAGE}\n`);
    return 0;
  }
  const unknown = options.find((a) => a.startsWith('-') && a !== '--update');
  if (unknown !== undefined) return usageError(io, `unknown option ${unknown}`);
  const paths = [...options.filter((a) => a !== '--update'), ...(dashes === -1 ? [] : args.slice(dashes + 1))];
  if (paths.length === 0) return usageError(io, 'no files to check');
  const update = options.includes('--update');
  const results: FileResult[] = [];
  let empty = 0;
  for (const path of paths) {
    const files = transcriptsIn(path);
    if (files.length === 0) {
      io.stdout.write(`${path}: no .md files to check in this directory\n`);
      empty++;
    }
    for (const file of files) {
      const result = await checkFile(file, { update });
      io.stdout.write(`${result.report.join('\n')}\n`);
      results.push(result);
    }
  }
  io.stdout.write(`${total(results, empty)}\n`);
  return empty === 0 && results.every((r) => r.passed) ? 0 : 1;
}

function usageError(io: CheckIo, what: string): number {
  io.stderr.write(`tensorshell check: ${what}\n${CHECK_USAGE}\n`);
  return 2;
}

/** The files `path` names: itself, or a directory's .md files in name order. */
function transcriptsIn(path: string): string[] {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // A path that cannot be read is reported by checkFile, as a failure.
  }
  if (!isDirectory) return [path];
  return readdirSync(path).filter((f) => f.toLowerCase().endsWith('.md')).sort().map((f) => join(path, f));
}

/** `checked 3 files, 57 steps: 1 mismatch in 1 file; 1 file not checked`. */
function total(results: readonly FileResult[], empty: number): string {
  const steps = results.reduce((n, r) => n + r.steps, 0);
  const mismatches = results.reduce((n, r) => n + r.mismatches, 0);
  const rewritten = results.reduce((n, r) => n + r.rewritten.length, 0);
  const unchecked = results.filter((r) => !r.checked).length;
  const parts: string[] = [];
  if (mismatches === 0) {
    if (results.length > unchecked) parts.push(unchecked === 0 ? 'all match' : 'all checked steps match');
  } else {
    const files = results.filter((r) => r.mismatches > 0).length;
    const fixed = rewritten === 0 ? '' : rewritten === mismatches ? ', all rewritten' : `, ${rewritten} rewritten`;
    parts.push(`${plural(mismatches, 'mismatch', 'mismatches')} in ${plural(files, 'file')}${fixed}`);
  }
  if (unchecked > 0) parts.push(`${plural(unchecked, 'file')} not checked`);
  if (empty > 0) parts.push(`${plural(empty, 'directory', 'directories')} without .md files`);
  return `checked ${plural(results.length, 'file')}, ${plural(steps, 'step')}: ${parts.join('; ')}`;
}
