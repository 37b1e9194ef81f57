// The prompt's reducer driven as a terminal would drive it: raw input through the key decoder, then the
// kernel's verdicts. Shared by the editor's tests (ui-line-edit, ui-editor-reducer).
import type { ExecuteStatus } from '../src/kernel/events.js';
import type { Completer } from '../src/ui/completion.js';
import { initialEditor, reduceEditor, type EditorEffect, type EditorEvent } from '../src/ui/editor-reducer.js';
import { decode, flushDecoder, INITIAL_DECODER, type Key } from '../src/ui/key-decoder.js';

export const K = {
  up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', home: '\u001B[H', end: '\u001B[F', del: '\u001B[3~',
  ctrlLeft: '\u001B[1;5D', ctrlRight: '\u001B[1;5C', altB: '\u001Bb', altF: '\u001Bf', altD: '\u001Bd', altBackspace: '\u001B\u007F',
  ctrlA: '\u0001', ctrlE: '\u0005', ctrlW: '\u0017', ctrlU: '\u0015', ctrlK: '\u000B', ctrlC: '\u0003', ctrlD: '\u0004', ctrlR: '\u0012',
  backspace: '\u007F', tab: '\t', enter: '\r',
};
export const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

function keysOf(raw: string): Key[] {
  const r = decode(INITIAL_DECODER, raw);
  return [...r.keys, ...flushDecoder(r.state).keys];
}

const tfCompleter: Completer = (line) => {
  const m = /tf\.\w*$/.exec(line);
  return m ? [['tf.constant', 'tf.matmul'].filter((n) => n.startsWith(m[0])), m[0]] : [[], line];
};

export function editor(saved: string[] = [], env: { emptyEnter?: boolean } = {}) {
  let state = initialEditor(saved);
  let effects: EditorEffect[] = [];
  const send = (event: EditorEvent) => {
    const r = reduceEditor(state, event, { completer: tfCompleter, ...env });
    state = r.state;
    effects.push(...r.effects);
  };
  return {
    /** Raw terminal input, as one read. */
    type: (...raw: string[]) => raw.forEach((r) => keysOf(r).forEach((key) => send({ type: 'key', key }))),
    verdict: (status: ExecuteStatus) => send({ type: 'verdict', status }),
    send,
    /** The text with `|` at the cursor. */
    shown: () => `${state.input.text.slice(0, state.input.cursor)}|${state.input.text.slice(state.input.cursor)}`,
    get state() {
      return state;
    },
    /** The effects since the last call. */
    took: () => {
      const out = effects;
      effects = [];
      return out;
    },
    executed: () => effects.filter((e) => e.type === 'execute').map((e) => (e as { code: string }).code),
  };
}

