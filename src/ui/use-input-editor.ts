// The input line's behaviour: what is typed, the earlier lines of an unfinished input, and the keys —
// Enter runs (or continues), Up/Down recall whole inputs, Tab completes `tf.` names, Ctrl-C clears the line
// or interrupts a run (twice on an empty line exits, as Node's REPL), Ctrl-D exits, Ctrl-R restarts a dead kernel.
import { useRef, useState } from 'react';
import { useApp, useInput, type Key } from 'ink';
import { complete, type Completer } from './completion.js';
import type { InputHistory } from './input-history.js';
import { isUiCommand, UI_COMMAND_HELP } from './ui-commands.js';
import type { KernelActions } from './use-kernel.js';
import { useControlKeyGate } from './use-control-key-gate.js';

export interface EditorProps {
  actions: KernelActions;
  busy: boolean;
  alive: boolean;
  history: InputHistory;
  completer: Completer;
  /** Called with each finished input (to keep it in the history file). */
  onRemember?: (input: string) => void;
  /** Ctrl-G: open or close the graph view. */
  onToggleGraph?: () => void;
  /** Esc: close what is open over the panels. */
  onEscape?: () => void;
  /** Sees each key first (Ctrl-C aside); true when it took the key: a replay's script has the prompt. */
  onKey?: (input: string, key: Key) => boolean;
}

export interface Editor {
  line: string;
  /** Earlier lines of the input being written (the kernel said it is incomplete). */
  buffer: string[];
  /** Bumped when the line is replaced from outside, so the text input starts over with its cursor at the end. */
  editorKey: number;
  hint: string | null;
  onChange: (line: string) => void;
  onSubmit: (line: string) => void;
}

export function useInputEditor(props: EditorProps): Editor {
  const { actions, busy, alive, history } = props;
  const { exit } = useApp();
  const [line, setLineState] = useState('');
  const [buffer, setBuffer] = useState<string[]>([]);
  const [editorKey, setEditorKey] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const [exitArmed, setExitArmed] = useState(false);
  // Set at once (state lags a render): a second Enter must not send the input twice.
  const sending = useRef(false);

  const setLine = (text: string) => {
    setLineState(text);
    setEditorKey((k) => k + 1);
  };
  const gate = useControlKeyGate(setLineState, () => setEditorKey((k) => k + 1));

  const recall = (input: string | null) => {
    if (input === null) return;
    const lines = input.split('\n');
    setBuffer(lines.slice(0, -1));
    setLine(lines.at(-1)!);
  };

  const ctrlC = () => {
    if (busy) return void actions.interrupt();
    if (line !== '' || buffer.length > 0) {
      setLine('');
      setBuffer([]);
      history.reset();
      return;
    }
    if (exitArmed) return exit();
    setExitArmed(true);
    setHint('(To exit, press Ctrl+C again or Ctrl+D)');
  };

  useInput((input, key) => {
    // ink-text-input would type a control key's letter into the line (Ctrl-D as `d`).
    if (key.ctrl || key.meta) gate.block();
    if (key.ctrl && input === 'c') return ctrlC();
    if (props.onKey?.(input, key)) {
      setExitArmed(false);
      return setHint(null);
    }
    if (!key.ctrl && !key.meta && input.length > 1 && /[\r\n]/.test(input)) {
      gate.block();
      return paste(input);
    }
    setExitArmed(false);
    // Enter's hint, if any, comes from onSubmit (this handler may run before or after it).
    if (!key.return) setHint(null);
    if (key.ctrl && input === 'd') {
      if (line === '' && buffer.length === 0) exit();
    } else if (key.ctrl && input === 'r') {
      if (!alive && !busy) void actions.restart();
    } else if (key.ctrl && input === 'g') props.onToggleGraph?.();
    else if (key.escape) props.onEscape?.();
    else if (key.ctrl && input === 'u') setLine('');
    else if (key.upArrow) recall(history.up([...buffer, line].join('\n')));
    else if (key.downArrow) recall(history.down());
    else if (key.tab) {
      const done = complete(line, props.completer);
      if (done.line !== line) setLine(done.line);
      if (done.candidates.length > 0) setHint(done.candidates.join('  '));
    }
  });

  /** Sends the input; an incomplete one comes back as the buffer to add lines to. */
  const send = async (code: string) => {
    if (isUiCommand(code)) {
      // Answered at once, even while an input runs: `:chart` during a long training loop.
      actions.local({ type: 'ui-command', code });
      // While an input runs, the buffer shows that input's lines: they stay.
      if (!busy && !sending.current) setBuffer([]);
      remember(code);
      return;
    }
    sending.current = true;
    // The running input shows these lines from now; an incomplete one gets them back to add to.
    setBuffer(code.split('\n'));
    const status = await actions.execute(code).finally(() => {
      sending.current = false;
    });
    if (status === 'incomplete') return;
    setBuffer([]);
    remember(code);
    // The kernel's :help knows its own commands; the UI's come after them.
    if (/^\s*:help\s*$/.test(code)) actions.local({ type: 'note', text: UI_COMMAND_HELP });
  };

  const remember = (code: string) => {
    history.add(code);
    props.onRemember?.(code);
  };

  const onSubmit = (value: string) => {
    setHint(null);
    // While an input runs the buffer holds its lines, not the start of this one.
    const running = busy || sending.current;
    const code = running ? value : [...buffer, value].join('\n');
    if (isUiCommand(code)) {
      setLine('');
      return void send(code);
    }
    if (running) return setHint('an input is running: Ctrl-C interrupts it');
    if (!alive) return setHint('the kernel is not running: Ctrl-R restarts it');
    if (code.trim() === '') return;
    setLine('');
    void send(code);
  };

  /**
   * Pasted text (or keys typed ahead, as tmux sends them) comes as one chunk, newlines included: its complete
   * lines run as one input, the rest stays on the line.
   */
  const paste = (chunk: string) => {
    if (busy || sending.current) return setHint('an input is running: paste again once it has finished');
    if (!alive) return setHint('the kernel is not running: Ctrl-R restarts it');
    // Control keys inside a chunk come as characters, not as keys (Ink parses a chunk as one keypress): dropped.
    const text = chunk.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
    const lines = (line + text).split('\n');
    setLine(lines.pop()!);
    const code = [...buffer, ...lines].join('\n');
    if (code.trim() !== '') void send(code);
  };

  return { line, buffer, editorKey, hint, onChange: gate.change, onSubmit };
}
