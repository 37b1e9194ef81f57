// The terminal's input stream as keys, whatever the reads that carried it: `const x = 1\r` in one read is the
// same nine keys and an Enter as in ten reads, an arrow split as `\x1b` | `[A` is still one Up, and a
// bracketed paste (`\x1b[200~` … `\x1b[201~`) is one key holding all its text, newlines included. Ink parses
// each read as one keypress, which is how a line and its Enter in one read lost the Enter (issue 17).
// The decoder is a pure state machine: decode() takes a chunk and returns the keys it completed and the state
// to go on from; flushDecoder() is what the caller runs after a short silence, when a lone Esc is Esc.
// Mouse reports (on only while the graph view is open, use-mouse.ts) are keys too: the wheel scrolls it, the
// rest (clicks, moves) is `mouse`, ignored; in SGR form (`\x1b[<64;10;5M`) or X10's (`\x1b[M` and three bytes).

export type KeyName =
  | 'char' | 'paste' | 'enter' | 'tab' | 'backspace' | 'delete' | 'escape' | 'insert'
  | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown'
  /** The mouse wheel (sideways on a trackpad), and any other mouse report. */
  | 'wheelup' | 'wheeldown' | 'wheelleft' | 'wheelright' | 'mouse'
  /** A sequence with no meaning here (a function key, a focus report): ignored, kept for tests and debugging. */
  | 'unknown';

export interface Key {
  name: KeyName;
  /** The character (`char`, one code point; with `ctrl` the letter, `c` for Ctrl-C), the pasted text, the raw sequence. */
  text?: string;
  ctrl?: true;
  /** Alt (Meta): Esc before the key, or a CSI modifier. */
  alt?: true;
  shift?: true;
}

type Mode = 'ground' | 'escape' | 'csi' | 'ss3' | 'paste' | 'x10';

export interface DecoderState {
  readonly mode: Mode;
  /** What a CSI sequence has collected after `\x1b[`, the text of a paste so far, an X10 mouse report's bytes. */
  readonly collected: string;
  /** The last key was a `\r`: a `\n` right after it belongs to the same Enter (`\r\n`). */
  readonly afterCr: boolean;
  /** A high surrogate that ended a chunk, waiting for its other half. */
  readonly surrogate: string;
}

export const INITIAL_DECODER: DecoderState = { mode: 'ground', collected: '', afterCr: false, surrogate: '' };

const PASTE_START = '200';
const PASTE_END = '\u001B[201~';
/** How long a lone Esc (or `\x1b[` with nothing after it) waits for the rest of a sequence (vim's usual ttimeoutlen). */
export const ESCAPE_WAIT_MS = 100;
/** A paste whose end marker never comes is let go after this long, so the keyboard is never stuck. */
export const PASTE_WAIT_MS = 1000;

export interface Decoded {
  state: DecoderState;
  keys: Key[];
}

export function decode(state: DecoderState, chunk: string): Decoded {
  const keys: Key[] = [];
  let s: DecoderState = state;
  let input = s.surrogate + chunk;
  s = { ...s, surrogate: '' };
  // A high surrogate at the very end waits for the next read, which has its low half.
  const last = input.charCodeAt(input.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    s = { ...s, surrogate: input.slice(-1) };
    input = input.slice(0, -1);
  }
  let i = 0;
  while (i < input.length) {
    if (s.mode === 'paste') {
      const r = pasteStep(s, input.slice(i), keys);
      s = r.state;
      i = input.length - r.rest.length;
      continue;
    }
    const ch = String.fromCodePoint(input.codePointAt(i)!);
    i += ch.length;
    s = step(s, ch, keys);
  }
  return { state: s, keys };
}

/** After a silence: a pending Esc is Esc, `\x1b[` is Alt-[, a paste missing its end marker ends here. */
export function flushDecoder(state: DecoderState): Decoded {
  const keys: Key[] = [];
  if (state.mode === 'escape') keys.push({ name: 'escape' });
  else if (state.mode === 'ss3') keys.push(state.collected === '' ? { name: 'char', text: 'O', alt: true } : { name: 'unknown', text: `\u001BO${state.collected}` });
  else if (state.mode === 'csi') keys.push(state.collected === '' ? { name: 'char', text: '[', alt: true } : { name: 'unknown', text: `\u001B[${state.collected}` });
  else if (state.mode === 'paste') return { state: INITIAL_DECODER, keys: [{ name: 'paste', text: cleanPaste(state.collected + state.surrogate) }] };
  return { state: { ...INITIAL_DECODER, surrogate: state.surrogate }, keys };
}

/** How long the caller should wait before flushDecoder(), or null when nothing is pending. */
export function flushDelay(state: DecoderState): number | null {
  if (state.mode === 'ground') return null;
  return state.mode === 'paste' ? PASTE_WAIT_MS : ESCAPE_WAIT_MS;
}

function step(s: DecoderState, ch: string, keys: Key[]): DecoderState {
  switch (s.mode) {
    case 'escape':
      return afterEscape(s, ch, keys);
    case 'csi':
      return csiStep(s, ch, keys);
    case 'x10':
      if (s.collected.length < 2) return { ...s, collected: s.collected + ch };
      keys.push(mouseKey(s.collected.codePointAt(0)! - 32));
      return { ...s, mode: 'ground', collected: '', afterCr: false };
    case 'ss3':
      // Old xterms put a modifier in an SS3 sequence too: `\x1bO5D` is Ctrl-Left.
      if (/\d/.test(ch) && s.collected.length < 2) return { ...s, collected: s.collected + ch };
      keys.push(ss3Key(s.collected, ch));
      return { ...s, mode: 'ground', collected: '', afterCr: false };
    default:
      return ground(s, ch, keys);
  }
}

function ground(s: DecoderState, ch: string, keys: Key[]): DecoderState {
  const code = ch.codePointAt(0)!;
  if (ch === '\n' && s.afterCr) return { ...s, afterCr: false };
  if (ch === '\r' || ch === '\n') {
    keys.push({ name: 'enter' });
    return { ...s, afterCr: ch === '\r' };
  }
  const next = { ...s, afterCr: false };
  if (ch === '\u001B') return { ...next, mode: 'escape' };
  if (ch === '\t') keys.push({ name: 'tab' });
  else if (ch === '\u007F' || ch === '\b') keys.push({ name: 'backspace' });
  else if (code < 0x20) keys.push({ name: 'char', text: controlLetter(code), ctrl: true });
  else if (code >= 0x80 && code < 0xa0) keys.push({ name: 'unknown', text: ch });
  else keys.push({ name: 'char', text: ch });
  return next;
}

/** Ctrl-A is 0x01 … Ctrl-Z 0x1a; 0x00 is Ctrl-@ (Ctrl-Space), 0x1c–0x1f Ctrl-\ ] ^ _. */
function controlLetter(code: number): string {
  return code === 0 ? '@' : code <= 26 ? String.fromCharCode(96 + code) : String.fromCharCode(64 + code);
}

function afterEscape(s: DecoderState, ch: string, keys: Key[]): DecoderState {
  const ground0 = { ...s, mode: 'ground' as const, afterCr: false };
  if (ch === '[') return { ...s, mode: 'csi', collected: '' };
  if (ch === 'O') return { ...s, mode: 'ss3', collected: '' };
  // Esc Esc: the first is Esc, the second may start a sequence.
  if (ch === '\u001B') {
    keys.push({ name: 'escape' });
    return s;
  }
  if (ch === '\u007F' || ch === '\b') keys.push({ name: 'backspace', alt: true });
  else if (ch === '\r') keys.push({ name: 'enter', alt: true });
  else if (ch.codePointAt(0)! < 0x20) {
    // Esc then a control key (Esc, Ctrl-C typed fast): two keys, not one.
    keys.push({ name: 'escape' });
    return ground(ground0, ch, keys);
  } else keys.push({ name: 'char', text: ch, alt: true });
  return ground0;
}

function csiStep(s: DecoderState, ch: string, keys: Key[]): DecoderState {
  const code = ch.codePointAt(0)!;
  // Parameters and intermediates (and the linux console's `\x1b[[A`) until a final byte.
  if ((code >= 0x20 && code <= 0x3f) || (ch === '[' && s.collected === '')) return { ...s, collected: s.collected + ch };
  if (code >= 0x40 && code <= 0x7e) {
    if (ch === '~' && s.collected === PASTE_START) return { ...s, mode: 'paste', collected: '' };
    if (ch === 'M' && s.collected === '') return { ...s, mode: 'x10', collected: '' };
    keys.push(csiKey(s.collected, ch));
    return { ...s, mode: 'ground', collected: '', afterCr: false };
  }
  // Not a sequence after all: what came so far is dropped, the character read as itself.
  keys.push({ name: 'unknown', text: `\u001B[${s.collected}` });
  return ground({ ...s, mode: 'ground', collected: '' }, ch, keys);
}

const CSI_FINAL: Record<string, KeyName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const CSI_TILDE: Record<string, KeyName> = { 1: 'home', 7: 'home', 4: 'end', 8: 'end', 2: 'insert', 3: 'delete', 5: 'pageup', 6: 'pagedown' };

function csiKey(params: string, final: string): Key {
  const parts = params.split(';');
  const raw = { name: 'unknown' as const, text: `\u001B[${params}${final}` };
  if (final === 'Z' && params === '') return { name: 'tab', shift: true };
  if ((final === 'M' || final === 'm') && /^<\d+;\d+;\d+$/.test(params)) return final === 'M' ? mouseKey(Number(parts[0].slice(1))) : { name: 'mouse' };
  const name = final === '~' ? CSI_TILDE[parts[0]] : CSI_FINAL[final];
  if (name === undefined || !/^[\d;]*$/.test(params)) return raw;
  // `\x1b[1;5D`: the second parameter is 1 + the modifier bits (1 Shift, 2 Alt, 4 Ctrl).
  const mods = Number(parts[1] ?? '1') - 1;
  const key: Key = { name };
  if (mods & 1) key.shift = true;
  if (mods & 2) key.alt = true;
  if (mods & 4) key.ctrl = true;
  return key;
}

/** A mouse report's button code: 64–67 the wheel (up, down, left, right), plus 4 Shift, 8 Alt, 16 Ctrl. */
function mouseKey(button: number): Key {
  if ((button & 64) === 0 || (button & 128) !== 0) return { name: 'mouse' };
  const name = (['wheelup', 'wheeldown', 'wheelleft', 'wheelright'] as const)[button & 3];
  const key: Key = { name };
  if (button & 4) key.shift = true;
  if (button & 8) key.alt = true;
  if (button & 16) key.ctrl = true;
  return key;
}

/** rxvt's Ctrl-arrows are SS3 with a lower-case letter. */
const RXVT_CTRL: Record<string, KeyName> = { a: 'up', b: 'down', c: 'right', d: 'left' };

function ss3Key(digits: string, ch: string): Key {
  if (RXVT_CTRL[ch] && digits === '') return { name: RXVT_CTRL[ch], ctrl: true };
  const name = CSI_FINAL[ch];
  return name ? csiKey(digits === '' ? '' : `1;${digits}`, ch) : { name: 'unknown', text: `\u001BO${digits}${ch}` };
}

/** Inside a paste: everything up to the end marker is text, the marker possibly split across reads. */
function pasteStep(s: DecoderState, rest: string, keys: Key[]): { state: DecoderState; rest: string } {
  const text = s.collected + rest;
  const end = text.indexOf(PASTE_END, Math.max(0, s.collected.length - PASTE_END.length + 1));
  if (end < 0) return { state: { ...s, collected: text }, rest: '' };
  keys.push({ name: 'paste', text: cleanPaste(text.slice(0, end)) });
  return { state: { ...s, mode: 'ground', collected: '', afterCr: false }, rest: text.slice(end + PASTE_END.length) };
}

/** Line ends as `\n`; other control characters (colour codes copied with the text) dropped; tabs kept. */
function cleanPaste(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u001B\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}
