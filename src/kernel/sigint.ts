// Ctrl-C for the kernel's inputs. Where the addon's SIGINT handler can be installed (the main thread), a
// script runs through it (native/binding_sigint.cc); elsewhere through vm's breakOnSigint, as before.
// breakOnSigint swaps the process's handler at each script's start and end and removes the JS listeners
// meanwhile, so a second signal right after the first (the copy `npm start` or `timeout` relays) could end
// the process; and a signal that came while the input compiled was never seen by it.
import { isMainThread } from 'node:worker_threads';
import { sigintControl as sigint } from '../backends/native/index.js';

export interface ScriptGuard {
  /** Whether vm must break on SIGINT itself (the addon's handler is not in place). */
  readonly breakOnSigint: boolean;
  /** An input starts: a Ctrl-C from now on stops it, before its script or during it. */
  prepare(): number;
  /** `script` (a vm call) unless a Ctrl-C came since prepare(); a Ctrl-C while it runs stops it. */
  run<T>(token: number, script: () => T): T;
  /** The input's synchronous part is over: a Ctrl-C goes to process.on('SIGINT') listeners again. */
  idle(): void;
}

const plain: ScriptGuard = { breakOnSigint: true, prepare: () => 0, run: (_token, script) => script(), idle: () => {} };

let installed: ScriptGuard | null = null;

/** The guard for this thread's inputs; the first call on the main thread installs the handler. */
export function scriptGuard(): ScriptGuard {
  if (installed) return installed;
  if (!isMainThread) return plain;
  // This listener keeps libuv's handler (which the addon's passes idle signals to) registered for good. With
  // no other listener, it does what Node would: it leaves, and the signal ends the process.
  const lastResort = () => {
    if (process.listenerCount('SIGINT') > 1) return;
    process.off('SIGINT', lastResort);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', lastResort);
  if (!sigint.install()) {
    process.off('SIGINT', lastResort);
    return plain;
  }
  installed = { breakOnSigint: false, prepare: () => sigint.prepare(), run: (token, script) => sigint.run(token, script), idle: () => sigint.idle() };
  return installed;
}
