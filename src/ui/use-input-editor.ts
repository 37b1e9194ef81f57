// The prompt in the App: keys from the terminal (use-terminal-keys.ts) and the kernel's answers go through
// the editor's reducer (editor-reducer.ts) one at a time, in the order they happened; the state lives in a
// ref, so no handler ever sees an older copy of it, and React only renders it. The effects the reducer asks
// for are done here: run an input, interrupt, restart, exit, the UI's own commands.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp, type Key as InkKey } from 'ink';
import type { Completer } from './completion.js';
import { heldHint, initialEditor, reduceEditor, type EditorEffect, type EditorEnv, type EditorEvent, type EditorState } from './editor-reducer.js';
import { inkKey } from './ink-key.js';
import type { Key } from './key-decoder.js';
import { position } from './line-edit.js';
import type { KernelActions } from './use-kernel.js';
import { joinChars, useTerminalKeys } from './use-terminal-keys.js';

export interface EditorProps {
  actions: KernelActions;
  busy: boolean;
  alive: boolean;
  /** Earlier sessions' inputs, oldest first. */
  saved?: readonly string[];
  completer: Completer;
  /** Asks the kernel to complete a member (`sess.r`): its completions and the text they replace. */
  complete?: (line: string) => Promise<[string[], string]>;
  /** Called with each finished input (to keep it in the history file). */
  onRemember?: (input: string) => void;
  /** Sees each key first (Ctrl-C aside), as Ink's useInput would give it; true when it took the key (a replay's script). */
  onKey?: (input: string, key: InkKey) => boolean;
  /** What a key does to the view (the graph view's scrolling), or null: the editor's env.viewKey. */
  viewKey?: EditorEnv['viewKey'];
  /** Enter on an empty prompt goes to `actions.execute` as '' (a lesson's prompt). */
  emptyEnter?: boolean;
}

/** What the prompt shows. */
export interface Editor {
  /** Every line of the input being written. */
  lines: string[];
  /** The cursor: its line and column. */
  row: number;
  col: number;
  hint: string | null;
  /** An input that ran without the editor (a replay's): Up recalls it, Tab knows its names. Stable. */
  remember: (code: string) => void;
  /** Text for the prompt once it is empty and free (a lesson's step). Stable. */
  offer: (text: string) => void;
}

export function useInputEditor(props: EditorProps): Editor {
  const { exit } = useApp();
  const store = useRef<EditorState | null>(null);
  store.current ??= { ...initialEditor(props.saved), kernel: { busy: props.busy, alive: props.alive } };
  const [shown, setShown] = useState(store.current);
  const latest = useRef({ ...props, exit });
  latest.current = { ...props, exit };

  // Made once: every event goes through the same function, which reads the state from the store, not a render.
  const [dispatch] = useState(() => {
    const dispatch = (event: EditorEvent) => {
      const { state, effects } = reduceEditor(store.current!, event, { completer: latest.current.completer, viewKey: latest.current.viewKey, emptyEnter: latest.current.emptyEnter });
      store.current = state;
      setShown(state);
      for (const effect of effects) perform(effect);
    };
    const perform = (effect: EditorEffect) => {
      const { actions, onRemember } = latest.current;
      switch (effect.type) {
        case 'execute':
          void actions.execute(effect.code).then((status) => dispatch({ type: 'verdict', status }), () => dispatch({ type: 'verdict', status: 'error' }));
          return;
        case 'local':
          return actions.local(effect.action);
        case 'remember':
          return onRemember?.(effect.code);
        case 'interrupt':
          return void actions.interrupt();
        case 'complete': {
          const { text, cursor } = effect;
          const answered = ([matches, prefix]: [string[], string]) => dispatch({ type: 'completion', text, cursor, matches, prefix });
          return void latest.current.complete?.(effect.line).then(answered, () => undefined);
        }
        case 'restart':
          return void actions.restart();
        case 'exit':
          return latest.current.exit();
      }
    };
    return dispatch;
  });

  useTerminalKeys((keys: Key[]) => {
    for (const key of joinChars(keys)) {
      // Ctrl-C is always the editor's: it must interrupt whoever has the prompt.
      const isCtrlC = key.name === 'char' && key.ctrl === true && key.text === 'c';
      const ink = inkKey(key);
      if (!isCtrlC && ink !== null && latest.current.onKey?.(ink.input, ink.key)) dispatch({ type: 'key-taken' });
      else dispatch({ type: 'key', key });
    }
  });

  // The kernel's busy and alive as rendered: an Enter held behind another's input goes once it is idle.
  useEffect(() => {
    const { kernel } = store.current!;
    if (kernel.busy !== props.busy || kernel.alive !== props.alive) dispatch({ type: 'kernel', busy: props.busy, alive: props.alive });
  }, [props.busy, props.alive, dispatch]);

  const remember = useCallback((code: string) => dispatch({ type: 'remember', code }), [dispatch]);
  const offer = useCallback((text: string) => dispatch({ type: 'offer', text }), [dispatch]);
  const { row, col } = position(shown.input);
  return { lines: shown.input.text.split('\n'), row, col, hint: heldHint(shown), remember, offer };
}
