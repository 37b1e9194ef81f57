// The kernel as React state: its events go through the reducer, and the UI's requests (run an input,
// interrupt, restart) are actions around the kernel's own calls.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { ExecuteStatus, KernelEvent } from '../kernel/events.js';
import { initialState, reduce, type UiAction, type UiState } from './state.js';
import type { View } from './ui-commands.js';
import type { UiKernel } from './ui-kernel.js';

export interface KernelActions {
  /** Runs an input; resolves to how it ended ('incomplete': more lines needed). */
  execute(code: string): Promise<ExecuteStatus>;
  /** Ctrl-C while an input runs. */
  interrupt(): boolean;
  /** A fresh kernel that runs the session's inputs again. */
  restart(): Promise<void>;
  /** What the UI does by itself: a UI command, a view key, a note. */
  local(action: UiAction): void;
}

/**
 * Events are collected and applied once per frame: a training loop can log thousands of scalars a second,
 * and one render per event would starve the keyboard.
 */
export const FRAME_MS = 16;

export function useKernel(kernel: UiKernel, banner?: string, view?: Partial<View>): [UiState, KernelActions] {
  const [state, dispatch] = useReducer(reduce, undefined, () => initialState(kernel.mode, banner, view));
  const queue = useRef<KernelEvent[]>([]);
  const timer = useRef<NodeJS.Timeout | null>(null);

  // Pending events go first, so an action never overtakes the events that came before it.
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (queue.current.length > 0) dispatch({ type: 'events', events: queue.current.splice(0) });
  }, []);

  useEffect(() => {
    const off = kernel.on((event) => {
      queue.current.push(event);
      timer.current ??= setTimeout(flush, FRAME_MS);
    });
    return () => {
      off();
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [kernel, flush]);

  const actions = useMemo<KernelActions>(() => ({
    async execute(code) {
      flush();
      dispatch({ type: 'execute-started' });
      const { status } = await kernel.execute(code).catch(() => ({ status: 'error' as const }));
      flush();
      dispatch({ type: 'execute-finished', status });
      return status;
    },
    interrupt: () => kernel.interrupt(),
    async restart() {
      flush();
      dispatch({ type: 'restart-started' });
      dispatch({ type: 'note', text: "restarting the kernel and running this session's inputs again" });
      await kernel.restart({ rerun: true }).catch(() => undefined);
      flush();
      dispatch({ type: 'restart-finished', mode: kernel.mode });
    },
    local(action) {
      flush();
      dispatch(action);
    },
  }), [kernel, flush]);

  return [state, actions];
}
