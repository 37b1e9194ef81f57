// `tensorshell` on a terminal: the kernel process is started before Ink is loaded, so the two processes load
// side by side. This one never loads tf: the kernel sends the devices and the names Tab completes (run.tsx).
import { RemoteKernel } from '../kernel/remote.js';
import type { LessonDriver } from './lesson-types.js';
import type { ReplayOptions } from './replay-types.js';
import type { ThemeName } from './theme.js';

export interface StartOptions {
  eager: boolean;
  present?: boolean;
  theme?: ThemeName;
  /** `tensorshell replay FILE` (src/transcript/replay-cli.ts). */
  replay?: ReplayOptions;
  /** `tensorshell lesson N` (src/lessons/ui-lesson.ts). */
  lesson?: LessonDriver;
  /** The first line, instead of the REPL's banner. */
  banner?: string;
}

export async function startUi(options: StartOptions): Promise<number> {
  const kernel = new RemoteKernel({ mode: options.eager ? 'eager' : 'lazy', colors: true });
  const [{ runUi }, { DEFAULT_HISTORY }] = await Promise.all([import('./run.js'), import('../kernel/history-file.js')]);
  const banner = options.banner ?? `tensorshell — TensorFlow-style graphs and eager tensors (${kernel.mode} mode; :help for commands; Ctrl-D exits)`;
  return runUi({
    kernel, historyFile: DEFAULT_HISTORY, banner,
    view: { present: options.present ?? false, theme: options.theme ?? 'dark' }, replay: options.replay, lesson: options.lesson,
  });
}
