// Runs the Ink front end on the terminal until the user exits; the kernel is closed with it.
import { render } from 'ink';
import { completeTf, loadHistory, saveHistory } from '../kernel/plain-input.js';
import { App } from './App.js';
import type { ReplayOptions } from './replay-types.js';
import type { View } from './ui-commands.js';
import type { UiKernel } from './ui-kernel.js';

export interface UiOptions {
  kernel: UiKernel;
  /** Inputs are recalled from and saved to it, as the plain front end does (the same file). */
  historyFile?: string;
  banner?: string;
  devices?: readonly string[];
  view?: Partial<View>;
  /** `tensorshell replay FILE`: the script drives the prompt. */
  replay?: ReplayOptions;
}

/** Resolves to the exit code once the user has left (Ctrl-D, or Ctrl-C twice). */
export async function runUi({ kernel, historyFile, banner, devices, view, replay }: UiOptions): Promise<number> {
  const saved = loadHistory(historyFile).reverse();
  const app = render(
    <App kernel={kernel} completer={completeTf} history={saved} banner={banner} devices={devices} view={view} replay={replay} onRemember={(input) => saveHistory(historyFile, input)} />,
    // Ctrl-C is the app's: it clears the line or interrupts the kernel (vadimdemedes/ink#353).
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    await kernel.close();
  }
  return 0;
}
