// `tensorshell --ui`: the kernel process is started before Ink (and the completer's copy of `tf`) are loaded,
// so the two processes load side by side; each takes a few hundred milliseconds.
import { RemoteKernel } from '../kernel/remote.js';

export async function startUi(options: { eager: boolean }): Promise<number> {
  const kernel = new RemoteKernel({ mode: options.eager ? 'eager' : 'lazy', colors: true });
  const [{ runUi }, { DEFAULT_HISTORY }] = await Promise.all([import('./run.js'), import('../kernel/plain-input.js')]);
  const banner = `tensorshell — TensorFlow-style graphs and eager tensors (${kernel.mode} mode; :help for commands; Ctrl-D exits)`;
  return runUi({ kernel, historyFile: DEFAULT_HISTORY, banner });
}
