// The one place the UI reads the keyboard. Ink reads stdin (in raw mode, once asked to) and hands on each read
// cut into the pieces it believes are keypresses; joined again they are the stream exactly as it came, which
// goes through key-decoder.ts here. Ink's own useInput (and ink-text-input, no longer a dependency) are not used: they take a read
// with a line and its Enter for one keypress, and a handler that re-subscribes after a render misses the keys
// that arrive meanwhile. This subscribes once, in a layout effect, so a key written straight after the first
// render is already heard.
import { StringDecoder } from 'node:string_decoder';
import { useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { decode, flushDecoder, flushDelay, INITIAL_DECODER, type Decoded, type Key } from './key-decoder.js';

/** `onKeys` gets the keys of each read in order; it may change between renders (the latest one is called). */
export function useTerminalKeys(onKeys: (keys: Key[]) => void): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const handler = useRef(onKeys);
  handler.current = onKeys;

  useLayoutEffect(() => {
    let state = INITIAL_DECODER;
    let timer: NodeJS.Timeout | null = null;
    const bytes = new StringDecoder('utf8');
    const deliver = (r: Decoded) => {
      state = r.state;
      if (r.keys.length > 0) handler.current(r.keys);
    };
    const onInput = (data: string | Buffer) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      deliver(decode(state, typeof data === 'string' ? data : bytes.write(data)));
      // A lone Esc (or a paste that lost its end) is let go after a silence: the rest of it never came.
      const wait = flushDelay(state);
      if (wait !== null) {
        timer = setTimeout(() => {
          timer = null;
          deliver(flushDecoder(state));
        }, wait);
      }
    };
    events.on('input', onInput);
    if (isRawModeSupported) setRawMode(true);
    return () => {
      events.removeListener('input', onInput);
      if (timer !== null) clearTimeout(timer);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [events, setRawMode, isRawModeSupported]);
}

/** Bracketed paste: the terminal marks a paste, so its line breaks are text, not Enters. */
export const BRACKETED_PASTE_ON = '\u001B[?2004h';
export const BRACKETED_PASTE_OFF = '\u001B[?2004l';

/** Neighbouring characters as one key (one insertion rather than one per character); nothing else changes. */
export function joinChars(keys: readonly Key[]): Key[] {
  const out: Key[] = [];
  for (const k of keys) {
    const prev = out.at(-1);
    if (plainChar(k) && prev !== undefined && plainChar(prev)) out[out.length - 1] = { name: 'char', text: prev.text! + k.text! };
    else out.push(k);
  }
  return out;
}

const plainChar = (k: Key) => k.name === 'char' && !k.ctrl && !k.alt;
