// `:trace`: the stack of the last error (errors print as `ErrorClass: message` only). The learner's own
// frames (`repl:1:7`, their functions, a module they required) come first; the frames inside tensorshell
// and Node — the engine's `file:///…/dist/…` ones that would otherwise open the trace — are folded into
// one line after them. `:trace all` shows every frame, in order.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from './command.js';

/** The package's folder: frames from files under it (dist/, src/, its node_modules) are tensorshell's. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const ROOT_URL = `${pathToFileURL(ROOT).href}/`;

export const trace: Command = {
  name: 'trace',
  summary: "show the last error's stack trace: your frames first, tensorshell's folded into a line (all: every frame)",
  usage: '[all]',
  run(kernel, args) {
    const error = kernel.lastError;
    if (!error) return 'no error yet';
    if (args.trim() !== '' && args.trim() !== 'all') throw new Error(`:trace takes nothing or 'all', not '${args.trim()}'`);
    return foldTrace(error, args.trim() === 'all');
  },
};

/** The error's header, then its frames: the learner's first and the rest as one line, or all of them in order. */
export function foldTrace(error: { name?: string; message?: string; stack?: string }, all = false): string {
  const name = error.name ?? 'Error';
  const header = error.message ? `${name}: ${error.message}` : name;
  const frames = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  if (all) return [header, ...frames].join('\n');
  const own = frames.filter((f) => !isInternal(f));
  const inside = frames.length - own.length;
  const folded = inside === 0 ? [] : [`    … ${inside} frame${inside === 1 ? '' : 's'} inside tensorshell${frames.some(isNode) ? ' and Node' : ''} (:trace all shows them)`];
  return [header, ...own, ...folded].join('\n');
}

/** `at f (repl:1:7)` → `repl:1:7`; `at repl:1:7` as it is. */
function locationOf(frame: string): string {
  const m = /\(([^()]*)\)\s*$/.exec(frame);
  return m ? m[1] : frame.replace(/^\s+at\s+(?:async\s+)?/, '');
}

function isNode(frame: string): boolean {
  const at = locationOf(frame);
  return at.startsWith('node:') || at === 'native' || at === '<anonymous>';
}

/** A frame of tensorshell's own code (or its dependencies'), or of Node's. */
function isInternal(frame: string): boolean {
  const at = locationOf(frame);
  return isNode(frame) || at.startsWith(ROOT_URL) || at.startsWith(`${ROOT}/`);
}
