// Runs the Ink front end on the terminal until the user exits; the kernel is closed with it. The devices and
// the `tf.` names Tab completes come from the kernel process once it is ready: this process never loads tf.
import { render } from 'ink';
import { completeNames, type TfNames } from '../kernel/complete-names.js';
import { loadHistory, saveHistory } from '../kernel/history-file.js';
import type { KernelFacts } from '../kernel/protocol.js';
import { App } from './App.js';
import type { Completer } from './completion.js';
import type { LessonDriver } from './lesson-types.js';
import type { ReplayOptions } from './replay-types.js';
import type { View } from './ui-commands.js';
import type { UiKernel } from './ui-kernel.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON } from './use-terminal-keys.js';

export interface UiOptions {
  kernel: UiKernel & { facts: Promise<KernelFacts> };
  /** Inputs are recalled from and saved to it, as the plain front end does (the same file). */
  historyFile?: string;
  banner?: string;
  view?: Partial<View>;
  /** `tensorshell replay FILE`: the script drives the prompt. */
  replay?: ReplayOptions;
  /** `tensorshell lesson N`: the lesson drives the prompt. */
  lesson?: LessonDriver;
}

/** Resolves to the exit code once the user has left (Ctrl-D, or Ctrl-C twice). */
export async function runUi({ kernel, historyFile, banner, view, replay, lesson }: UiOptions): Promise<number> {
  const saved = loadHistory(historyFile).reverse();
  // Until the kernel is ready, Tab has nothing to offer and the status line names no device.
  let names: TfNames = {};
  const completer: Completer = (line) => completeNames(names, line);
  const screen = (devices: readonly string[]) => (
    <App kernel={kernel} completer={completer} history={saved} banner={banner} devices={devices} view={view} replay={replay} lesson={lesson} onRemember={(input) => saveHistory(historyFile, input)} />
  );
  // A paste arrives marked, so its lines are one input (key-decoder.ts); the terminal is told to stop on any exit.
  const pasteOff = () => {
    if (process.stdout.isTTY) process.stdout.write(BRACKETED_PASTE_OFF);
  };
  if (process.stdout.isTTY) process.stdout.write(BRACKETED_PASTE_ON);
  process.once('exit', pasteOff);
  // Ctrl-C is the app's: it clears the line or interrupts the kernel (vadimdemedes/ink#353).
  const app = render(screen([]), { exitOnCtrlC: false });
  let running = true;
  void kernel.facts.then((facts) => {
    names = facts.names;
    if (running) app.rerender(screen(facts.devices));
  });
  try {
    await app.waitUntilExit();
  } finally {
    running = false;
    pasteOff();
    process.removeListener('exit', pasteOff);
    await kernel.close();
  }
  return 0;
}
