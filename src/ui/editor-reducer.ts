// The prompt's one reducer: the editor's state and an event (a key, the kernel's verdict on an input, the
// kernel going busy or idle) give the next state and the effects to carry out (run this input, interrupt,
// exit). Nothing here reads React state or awaits: the hook (use-input-editor.ts) keeps the state in one
// place, feeds it every event in order and performs the effects.
//
// Enter sends the whole input to the kernel, which says whether it is complete (ts-node's rule, kept from
// before: incompleteness comes from the compiler, not from guessing); an incomplete input comes back with a
// line break where the cursor was. Keys typed while an input is on its way edit the next input; an Enter
// among them waits, with every key after it, until the kernel has answered, and is then applied as if typed
// just then. So a line and its Enter run the same whether they came in one read or many, and a pasted or
// auto-typed script runs line by line as typed. Ctrl-C drops what waits: nothing typed runs unseen later.
import type { ExecuteStatus } from '../kernel/events.js';
import type { Completer } from './completion.js';
import { addToHistory, endRecall, historyDown, historyUp, newHistory, type InputHistory } from './input-history.js';
import type { Key } from './key-decoder.js';
import * as edit from './line-edit.js';
import type { UiAction } from './state.js';
import { isUiCommand, UI_COMMAND_HELP } from './ui-commands.js';
import { completion, tab, type CompletionAnswer } from './tab-complete.js';
import { declaredNames } from './user-names.js';

export interface EditorState {
  /** The input being written, every line of it, and the cursor. */
  readonly input: edit.Text;
  readonly history: InputHistory;
  /** An input sent to the kernel that has not been answered yet, and where its cursor was. */
  readonly pending: { code: string; cursor: number } | null;
  /** The kernel as the UI last saw it: busy with another's input (a replay's, a restart's re-run), or dead. */
  readonly kernel: { busy: boolean; alive: boolean };
  /** An Enter pressed while the kernel was busy, and the keys after it: applied once it is free. */
  readonly held: readonly Key[];
  readonly hint: string | null;
  /** Ctrl-C on an empty prompt once: a second one exits. */
  readonly exitArmed: boolean;
  /** The learner's own top-level names, for Tab. */
  readonly names: readonly string[];
  /** Text to put on the prompt (a lesson's step) once it is empty and no input is on its way. */
  readonly offer: string | null;
}

export type EditorEvent =
  | { type: 'key'; key: Key }
  /** How the input sent last ended. */
  | { type: 'verdict'; status: ExecuteStatus }
  | { type: 'kernel'; busy: boolean; alive: boolean }
  /** An input that ran without the editor (a replay's): Up recalls it, Tab knows its names. */
  | { type: 'remember'; code: string }
  /** A replay took the key: hints and the exit warning go, as for any key. */
  | { type: 'key-taken' }
  /** The kernel's answer to a `complete` effect (tab-complete.ts). */
  | ({ type: 'completion' } & CompletionAnswer)
  /** A lesson's step: its code goes on the prompt, to run with Enter or to edit (keys held come after it). */
  | { type: 'offer'; text: string };

export type EditorEffect =
  | { type: 'execute'; code: string }
  | { type: 'local'; action: UiAction }
  /** A finished input, to keep in the history file. */
  | { type: 'remember'; code: string }
  | { type: 'interrupt' }
  /** Ask the kernel to complete `line` (a member: `sess.r`); `text` and `cursor` are the input when asked. */
  | { type: 'complete'; line: string; text: string; cursor: number }
  | { type: 'restart' }
  | { type: 'exit' };

export interface EditorEnv {
  /** The `tf.` names (completion.ts); the learner's names are added here. */
  completer: Completer;
  /** What a key does to the view as it is now (the graph view's scrolling, graph-scroll.ts), or null. */
  viewKey?: (key: Key, promptEmpty: boolean) => UiAction | null;
  /** Enter on an empty prompt is an input too (a lesson's: it offers the step again, or checks an answer). */
  emptyEnter?: boolean;
}

export interface Reduced {
  state: EditorState;
  effects: EditorEffect[];
}

export const EXIT_HINT = '(To exit, press Ctrl+C again or Ctrl+D)';
export const HELD_HINT = 'Enter: this runs once the kernel has finished (Ctrl-C drops it)';

export function initialEditor(saved: readonly string[] = []): EditorState {
  return {
    input: edit.EMPTY_TEXT, history: newHistory(saved), pending: null, kernel: { busy: false, alive: true },
    held: [], hint: null, exitArmed: false, names: [], offer: null,
  };
}

export function reduceEditor(state: EditorState, event: EditorEvent, env: EditorEnv): Reduced {
  const effects: EditorEffect[] = [];
  const fx = (e: EditorEffect) => effects.push(e);
  let s = state;
  switch (event.type) {
    case 'key':
      s = onKey(s, event.key, env, fx);
      break;
    case 'verdict':
      s = drain(applyOffer(verdict(s, event.status, fx)), env, fx);
      break;
    case 'kernel':
      s = drain(applyOffer({ ...s, kernel: { busy: event.busy, alive: event.alive } }), env, fx);
      break;
    case 'offer':
      s = drain(applyOffer({ ...s, offer: event.text }), env, fx);
      break;
    case 'remember':
      s = { ...s, history: addToHistory(s.history, event.code), names: addNames(s.names, event.code) };
      break;
    case 'key-taken':
      s = { ...s, hint: null, exitArmed: false };
      break;
    case 'completion':
      s = completion(s, event);
      break;
  }
  return { state: s, effects };
}

type Fx = (e: EditorEffect) => void;

/** What the prompt says while keys wait behind an Enter: that they wait, and what they will type. */
export function heldHint(s: EditorState): string | null {
  if (s.held.length <= 1) return s.hint;
  const typed = (k: Key) => {
    if (k.name === 'enter') return '⏎';
    const text = (k.name === 'char' || k.name === 'paste') && !k.ctrl && !k.alt ? k.text ?? '' : '';
    return text.replace(/\n/g, '⏎');
  };
  return `${HELD_HINT} · then: ${s.held.slice(1).map(typed).join('')}`;
}

export const waiting = (s: EditorState): boolean => s.pending !== null || s.kernel.busy;
const ctrl = (k: Key, letter: string): boolean => k.name === 'char' && k.ctrl === true && k.text === letter;

function onKey(s: EditorState, k: Key, env: EditorEnv, fx: Fx): EditorState {
  if (ctrl(k, 'c')) return ctrlC(s, fx);
  // The view keys change no text: they act at once, even with keys held.
  if (ctrl(k, 'g')) {
    fx({ type: 'local', action: { type: 'toggle-graph' } });
    return disarm(s);
  }
  if (k.name === 'escape') {
    fx({ type: 'local', action: { type: 'view', view: { graph: null } } });
    return disarm(s);
  }
  const viewAction = env.viewKey?.(k, s.held.length === 0 && s.input.text === '') ?? null;
  if (viewAction !== null) {
    fx({ type: 'local', action: viewAction });
    return disarm(s);
  }
  if (s.held.length > 0) return { ...s, held: [...s.held, k] };
  const t: EditorState = { ...s, exitArmed: false, hint: null };
  if (k.name === 'enter' && !k.alt) return submit(t, env, fx);
  if (ctrl(k, 'd') && t.input.text === '') {
    fx({ type: 'exit' });
    return t;
  }
  if (ctrl(k, 'r')) {
    if (!t.kernel.alive && !waiting(t)) fx({ type: 'restart' });
    return t;
  }
  if (k.name === 'tab' && !k.shift) return tab(t, env, fx);
  if (k.name === 'up' && !k.alt && !k.ctrl) return up(t);
  if (k.name === 'down' && !k.alt && !k.ctrl) return down(t);
  const edited = edit.editKey(t.input, k);
  return edited === null ? t : { ...t, input: edited };
}

/** Any key but Ctrl-C ends the exit warning: its hint goes with it, so the screen never says what is not so. */
function disarm(s: EditorState): EditorState {
  return s.exitArmed ? { ...s, exitArmed: false, hint: s.hint === EXIT_HINT ? null : s.hint } : s;
}

function ctrlC(s: EditorState, fx: Fx): EditorState {
  if (waiting(s)) {
    fx({ type: 'interrupt' });
    return { ...s, held: [], exitArmed: false, hint: s.held.length > 0 ? 'Ctrl-C: the input after Enter was dropped' : null };
  }
  if (s.input.text !== '') return { ...s, input: edit.EMPTY_TEXT, history: endRecall(s.history), hint: null, exitArmed: false };
  if (s.exitArmed) {
    fx({ type: 'exit' });
    return s;
  }
  return { ...s, exitArmed: true, hint: EXIT_HINT };
}

function submit(s: EditorState, env: EditorEnv, fx: Fx): EditorState {
  const code = s.input.text;
  // Answered by the UI at once, even while an input runs: `:chart` during a long training loop.
  if (isUiCommand(code)) {
    fx({ type: 'local', action: { type: 'ui-command', code } });
    return remember({ ...s, input: edit.EMPTY_TEXT }, code, fx);
  }
  if (waiting(s)) return { ...s, held: [{ name: 'enter' }], hint: HELD_HINT };
  if (!s.kernel.alive) return { ...s, hint: 'the kernel is not running: Ctrl-R restarts it' };
  if (code.trim() === '' && env.emptyEnter !== true) return s;
  fx({ type: 'execute', code });
  return { ...s, pending: { code, cursor: s.input.cursor }, input: edit.EMPTY_TEXT };
}

function verdict(s: EditorState, status: ExecuteStatus, fx: Fx): EditorState {
  const p = s.pending;
  if (p === null) return s;
  const next = { ...s, pending: null };
  if (status === 'incomplete') {
    // A line break where the cursor was, and what was typed meanwhile after it.
    const ahead = s.input;
    const text = p.code.slice(0, p.cursor) + '\n' + ahead.text + p.code.slice(p.cursor);
    return { ...next, input: { text, cursor: p.cursor + 1 + ahead.cursor } };
  }
  if (p.code.trim() === '') return next;
  // The kernel's :help knows its own commands; the UI's come after them.
  if (/^\s*:help\s*$/.test(p.code)) fx({ type: 'local', action: { type: 'note', text: UI_COMMAND_HELP } });
  // A failed input leaves its names unbound: Tab does not offer them.
  const names = status === 'ok' ? addNames(s.names, p.code) : s.names;
  return remember({ ...next, names }, p.code, fx);
}

/** The offered text goes on an empty prompt once nothing is on its way (the keys held since are applied after it). */
function applyOffer(s: EditorState): EditorState {
  if (s.offer === null || waiting(s) || s.input.text !== '') return s;
  return { ...s, input: edit.textAtEnd(s.offer), offer: null, history: endRecall(s.history) };
}

/** Once the kernel is free, the keys held since an Enter are applied as if typed now. */
function drain(s: EditorState, env: EditorEnv, fx: Fx): EditorState {
  if (waiting(s) || s.held.length === 0) return s;
  let t: EditorState = { ...s, held: [] };
  for (const k of s.held) t = onKey(t, k, env, fx);
  return t;
}

function remember(s: EditorState, code: string, fx: Fx): EditorState {
  fx({ type: 'remember', code });
  return { ...s, history: addToHistory(s.history, code) };
}

function addNames(names: readonly string[], code: string): readonly string[] {
  const fresh = declaredNames(code).filter((n) => !names.includes(n));
  return fresh.length === 0 ? names : [...names, ...fresh];
}

/** Up: the line above inside a multi-line input; on its first line, the input before in history. */
function up(s: EditorState): EditorState {
  const moved = edit.lineUp(s.input);
  if (moved !== null) return { ...s, input: moved };
  const [history, entry] = historyUp(s.history, s.input.text);
  return entry === null ? s : { ...s, history, input: edit.atFirstLineEnd(entry) };
}

function down(s: EditorState): EditorState {
  const moved = edit.lineDown(s.input);
  if (moved !== null) return { ...s, input: moved };
  const [history, entry] = historyDown(s.history);
  return entry === null ? s : { ...s, history, input: edit.textAtEnd(entry) };
}
