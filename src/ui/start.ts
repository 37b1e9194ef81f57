// `tensorshell` on a terminal: the kernel process is started before Ink (and the completer's copy of `tf`) are loaded,
// so the two processes load side by side; each takes a few hundred milliseconds.
import { RemoteKernel } from '../kernel/remote.js';
import type { ReplayOptions } from './replay-types.js';
import type { ThemeName } from './theme.js';

export interface StartOptions {
  eager: boolean;
  present?: boolean;
  theme?: ThemeName;
  /** `tensorshell replay FILE` (src/transcript/replay-cli.ts). */
  replay?: ReplayOptions;
}

export async function startUi(options: StartOptions): Promise<number> {
  const kernel = new RemoteKernel({ mode: options.eager ? 'eager' : 'lazy', colors: true });
  const [{ runUi }, { DEFAULT_HISTORY, listDevices }] = await Promise.all([import('./run.js'), import('../kernel/plain-input.js')]);
  const banner = `tensorshell — TensorFlow-style graphs and eager tensors (${kernel.mode} mode; :help for commands; Ctrl-D exits)`;
  return runUi({
    kernel, historyFile: DEFAULT_HISTORY, banner, devices: listDevices(),
    view: { present: options.present ?? false, theme: options.theme ?? 'dark' }, replay: options.replay,
  });
}
