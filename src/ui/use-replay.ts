// `tensorshell replay` in the App: the kernel wrapped so that the script can run inputs unseen, and a
// ReplayController that takes the keys first and says what the prompt shows. Without a replay both hooks
// change nothing.
import { useEffect, useMemo, useState } from 'react';
import type { Key } from 'ink';
import { ReplayController } from './replay-controller.js';
import { QuietKernel } from './replay-kernel.js';
import type { ReplayOptions } from './replay-types.js';
import type { Status } from './state.js';
import type { UiKernel } from './ui-kernel.js';
import type { Editor } from './use-input-editor.js';
import type { KernelActions } from './use-kernel.js';

export interface Scripted {
  /** Keys go here first; true when the script took the key (use-input-editor's onKey). */
  onKey(input: string, key: Key): boolean;
  /** The prompt as it shows: the script's typing while it has the prompt, the speaker's otherwise; its status below. */
  shown(editor: Editor): Editor;
}

/** The kernel for useKernel: one that can also run hidden inputs unseen (a replay's, a lesson's); null when not `needed`. */
export function useQuietKernel(kernel: UiKernel, needed: boolean): QuietKernel | null {
  return useMemo(() => (needed ? new QuietKernel(kernel) : null), [kernel, needed]);
}

export function useReplay(replay: ReplayOptions | undefined, kernel: QuietKernel | null, actions: KernelActions,
  status: Status, remember: (code: string) => void): Scripted | null {
  const controller = useMemo(() => (replay && kernel ? new ReplayController(replay.script, replay, {
    kernel, execute: actions.execute, local: actions.local, remember,
  }) : null), [replay, kernel, actions, remember]);
  const [, setVersion] = useState(0);

  useEffect(() => {
    if (controller === null) return;
    const off = controller.subscribe(() => setVersion(controller.version));
    void controller.start();
    return () => {
      off();
      controller.dispose();
    };
  }, [controller]);

  useEffect(() => controller?.setKernelState(status.busy, status.alive), [controller, status.busy, status.alive]);

  if (controller === null) return null;
  return {
    onKey: (input, key) => controller.key(input, key),
    shown(editor) {
      const hint = editor.hint ?? controller.status();
      const typed = controller.typed();
      if (typed === null) return { ...editor, hint };
      // The script's typing, the cursor after it.
      const lines = [...typed.buffer, typed.line];
      return { ...editor, lines, row: lines.length - 1, col: typed.line.length, hint };
    },
  };
}
