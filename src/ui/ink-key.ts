// A decoded key (key-decoder.ts) in the shape Ink's useInput gives handlers, `(input, key)`, for the parts of
// the UI that take keys that way (the replay's controller): Ctrl-P is ('p', { ctrl }), Enter is ('\r', { return }).
import type { Key as InkKey } from 'ink';
import type { Key } from './key-decoder.js';

const NONE: InkKey = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false,
  end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false,
  meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

const FLAG: Partial<Record<Key['name'], keyof InkKey>> = {
  up: 'upArrow', down: 'downArrow', left: 'leftArrow', right: 'rightArrow', pageup: 'pageUp', pagedown: 'pageDown',
  home: 'home', end: 'end', enter: 'return', escape: 'escape', tab: 'tab', backspace: 'backspace', delete: 'delete',
};

/** null for a key Ink has no name for (an unknown sequence, Insert). */
export function inkKey(k: Key): { input: string; key: InkKey } | null {
  const mods = { ctrl: k.ctrl === true, shift: k.shift === true, meta: k.alt === true };
  if (k.name === 'char' || k.name === 'paste') return { input: k.text ?? '', key: { ...NONE, ...mods } };
  const flag = FLAG[k.name];
  if (flag === undefined) return null;
  // Ink counts Esc as Meta, and gives Enter as '\r'.
  const key = { ...NONE, ...mods, [flag]: true, ...(k.name === 'escape' ? { meta: true } : {}) };
  return { input: k.name === 'enter' ? '\r' : '', key };
}
