// `tensorshell lesson N` in the App: the lesson decides what each input the learner sends does (it runs the
// step, answers :hint, checks an exercise), and puts each step's code on the prompt. It runs inputs through
// the same actions the prompt uses, so the ops panel, the chart and the graph view follow the lesson as they
// follow any session. Without a lesson the hook changes nothing.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KernelEvent } from '../kernel/events.js';
import type { LessonDriver, LessonHost } from './lesson-types.js';
import type { QuietKernel } from './replay-kernel.js';
import type { KernelActions } from './use-kernel.js';

export interface Lessoned {
  /** The actions the prompt uses: inputs go to the lesson first. */
  actions: KernelActions;
  /** The lesson's line under the prompt, or null. */
  hint: string | null;
  /** Set to the editor's `offer` once the editor exists (it is made with these actions). */
  offerRef: { current: (text: string) => void };
}

export function useLesson(lesson: LessonDriver | undefined, kernel: QuietKernel | null, actions: KernelActions, columns: number): Lessoned {
  const offerRef = useRef<(text: string) => void>(() => undefined);
  const width = useRef(columns);
  width.current = columns;
  const [hint, setHint] = useState<string | null>(null);

  const wrapped = useMemo<KernelActions>(() => (lesson ? {
    ...actions,
    execute: (code) => lesson.submit(code),
    local(action) {
      actions.local(action);
      if (action.type === 'ui-command') lesson.answered(action.code);
    },
  } : actions), [lesson, actions]);

  useEffect(() => {
    if (!lesson || !kernel) return;
    const host: LessonHost = {
      get mode() {
        return kernel.mode;
      },
      get columns() {
        return width.current;
      },
      offer: (text) => offerRef.current(text),
      async run(code) {
        const events: KernelEvent[] = [];
        const off = kernel.on((e) => events.push(e));
        try {
          return { status: await actions.execute(code), events };
        } finally {
          off();
        }
      },
      async quiet(code) {
        actions.local({ type: 'execute-started' });
        try {
          return await kernel.quiet(code);
        } finally {
          actions.local({ type: 'execute-finished', status: 'ok' });
        }
      },
      show: (text, input) => actions.local({ type: 'text', text, input }),
      hint: setHint,
      view({ chart, graph }) {
        if (chart) actions.local({ type: 'view', view: { chart: true } });
        if (graph !== undefined) actions.local({ type: 'view', view: { graph: graph ? { all: false } : null } });
      },
    };
    void lesson.start(host);
    return () => lesson.dispose();
  }, [lesson, kernel, actions]);

  return { actions: wrapped, hint, offerRef };
}
