// The terminal input decoder: bytes → keys, the same keys however the reads split the bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, flushDecoder, flushDelay, INITIAL_DECODER, type Key } from '../src/ui/key-decoder.js';
import { joinChars } from '../src/ui/use-terminal-keys.js';

/** Feeds the chunks in order, then lets the silence after them pass (a pending Esc becomes Esc). */
function keysOf(...chunks: string[]): Key[] {
  let state = INITIAL_DECODER;
  const keys: Key[] = [];
  for (const c of chunks) {
    const r = decode(state, c);
    state = r.state;
    keys.push(...r.keys);
  }
  keys.push(...flushDecoder(state).keys);
  return keys;
}

const chars = (s: string): Key[] => [...s].map((text) => ({ name: 'char', text }));
const ENTER: Key = { name: 'enter' };

describe('the key decoder', () => {
  it('reads printable text as one key per character, astral ones included', () => {
    expect(keysOf('aé→😀')).toEqual(chars('aé→😀'));
  });

  it('reads \\r, \\n and \\r\\n as one Enter each', () => {
    expect(keysOf('a\rb\nc\r\nd')).toEqual([...chars('a'), ENTER, ...chars('b'), ENTER, ...chars('c'), ENTER, ...chars('d')]);
    expect(keysOf('\r\r\n\n')).toEqual([ENTER, ENTER, ENTER]);
  });

  it('reads control keys', () => {
    expect(keysOf('\u0001\u0005\u0017\u0015\u000B\u0003\u0004\u000C\t\u007F\b')).toEqual([
      ...['a', 'e', 'w', 'u', 'k', 'c', 'd', 'l'].map((text) => ({ name: 'char', text, ctrl: true })),
      { name: 'tab' }, { name: 'backspace' }, { name: 'backspace' },
    ]);
  });

  it('reads arrows and Home/End in every common form, Delete, PgUp/PgDn and modifiers', () => {
    const cases: Array<[string, Key]> = [
      ['\u001B[A', { name: 'up' }], ['\u001B[B', { name: 'down' }], ['\u001B[C', { name: 'right' }], ['\u001B[D', { name: 'left' }],
      ['\u001BOA', { name: 'up' }], ['\u001BOD', { name: 'left' }], ['\u001BO5D', { name: 'left', ctrl: true }], ['\u001BOd', { name: 'left', ctrl: true }],
      ['\u001B[H', { name: 'home' }], ['\u001B[F', { name: 'end' }], ['\u001B[1~', { name: 'home' }], ['\u001B[4~', { name: 'end' }],
      ['\u001B[7~', { name: 'home' }], ['\u001B[8~', { name: 'end' }], ['\u001BOH', { name: 'home' }], ['\u001BOF', { name: 'end' }],
      ['\u001B[3~', { name: 'delete' }], ['\u001B[5~', { name: 'pageup' }], ['\u001B[6~', { name: 'pagedown' }],
      ['\u001B[1;5D', { name: 'left', ctrl: true }], ['\u001B[1;5C', { name: 'right', ctrl: true }],
      ['\u001B[1;3D', { name: 'left', alt: true }], ['\u001B[1;2A', { name: 'up', shift: true }], ['\u001B[3;5~', { name: 'delete', ctrl: true }],
      ['\u001B[Z', { name: 'tab', shift: true }],
      ['\u001Bb', { name: 'char', text: 'b', alt: true }], ['\u001Bf', { name: 'char', text: 'f', alt: true }],
      ['\u001B\u007F', { name: 'backspace', alt: true }], ['\u001B\r', { name: 'enter', alt: true }],
      ['\u001B[I', { name: 'unknown', text: '\u001B[I' }],
    ];
    for (const [input, key] of cases) expect(keysOf(input), JSON.stringify(input)).toEqual([key]);
  });

  it('a lone Esc waits for what follows: the next read, or the silence that makes it Esc', () => {
    const r = decode(INITIAL_DECODER, 'x\u001B');
    expect(r.keys).toEqual(chars('x'));
    expect(flushDelay(r.state)).toBeGreaterThan(0);
    expect(decode(r.state, '[A').keys).toEqual([{ name: 'up' }]);
    expect(flushDecoder(r.state).keys).toEqual([{ name: 'escape' }]);
    expect(keysOf('\u001B\u001B[A')).toEqual([{ name: 'escape' }, { name: 'up' }]);
    expect(keysOf('\u001B\u0003')).toEqual([{ name: 'escape' }, { name: 'char', text: 'c', ctrl: true }]);
    expect(flushDelay(decode(INITIAL_DECODER, 'x').state)).toBeNull();
  });

  it('a bracketed paste is one key with all its text, its line ends as \\n, escapes inside it dropped', () => {
    expect(keysOf('a\u001B[200~function f() {\r\n  return 1\r}\n\u001B[31mred\u001B[0m\u001B[201~b')).toEqual([
      ...chars('a'), { name: 'paste', text: 'function f() {\n  return 1\n}\nred' }, ...chars('b'),
    ]);
  });

  it('a paste whose end never comes is let go after a longer silence, as the text so far', () => {
    const r = decode(INITIAL_DECODER, '\u001B[200~abc');
    expect(r.keys).toEqual([]);
    expect(flushDelay(r.state)).toBeGreaterThan(flushDelay(decode(INITIAL_DECODER, '\u001B').state)!);
    expect(flushDecoder(r.state).keys).toEqual([{ name: 'paste', text: 'abc' }]);
  });

  it('reads mouse reports: the wheel (SGR and X10 forms, with modifiers) as keys, any other report as `mouse`', () => {
    const cases: Array<[string, Key]> = [
      ['\u001B[<64;10;5M', { name: 'wheelup' }], ['\u001B[<65;1;1M', { name: 'wheeldown' }],
      ['\u001B[<66;3;4M', { name: 'wheelleft' }], ['\u001B[<67;3;4M', { name: 'wheelright' }],
      ['\u001B[<69;200;50M', { name: 'wheeldown', shift: true }], ['\u001B[<80;1;1M', { name: 'wheelup', ctrl: true }],
      ['\u001B[<0;10;5M', { name: 'mouse' }], ['\u001B[<0;10;5m', { name: 'mouse' }], ['\u001B[<35;10;5M', { name: 'mouse' }],
      ['\u001B[M`!!', { name: 'wheelup' }], ['\u001B[Ma!!', { name: 'wheeldown' }], ['\u001B[M #$', { name: 'mouse' }],
    ];
    for (const [input, key] of cases) expect(keysOf(input), JSON.stringify(input)).toEqual([key]);
    // An X10 report's bytes never type into the prompt, even when a read ends inside it.
    expect(keysOf('\u001B[M', '`', '!!a')).toEqual([{ name: 'wheelup' }, ...chars('a')]);
  });

  it('joinChars makes one insertion of neighbouring characters, and changes nothing else', () => {
    expect(joinChars(keysOf('ab\u0001cd\re'))).toEqual([{ name: 'char', text: 'ab' }, { name: 'char', text: 'a', ctrl: true }, { name: 'char', text: 'cd' }, ENTER, { name: 'char', text: 'e' }]);
  });
});

/** Pieces of input with the keys each stands for; any sequence of them decodes to the concatenated keys. */
const TOKENS: Array<[string, Key[]]> = [
  ['const x = tf.constant(1.0)', chars('const x = tf.constant(1.0)')], ['é😀', chars('é😀')],
  ['\r', [ENTER]], ['\r\n', [ENTER]], ['\t', [{ name: 'tab' }]], ['\u007F', [{ name: 'backspace' }]],
  ['\u0003', [{ name: 'char', text: 'c', ctrl: true }]], ['\u0017', [{ name: 'char', text: 'w', ctrl: true }]],
  ['\u001B[A', [{ name: 'up' }]], ['\u001BOH', [{ name: 'home' }]], ['\u001B[4~', [{ name: 'end' }]], ['\u001B[3~', [{ name: 'delete' }]],
  ['\u001B[1;5D', [{ name: 'left', ctrl: true }]], ['\u001BO5C', [{ name: 'right', ctrl: true }]], ['\u001Bb', [{ name: 'char', text: 'b', alt: true }]],
  ['\u001B[200~for (;;) {\r\n  \u001B[A😀\n}\u001B[201~', [{ name: 'paste', text: 'for (;;) {\n  😀\n}' }]],
  ['\u001B[200~\u001B[201~', [{ name: 'paste', text: '' }]],
  ['\u001B[<65;12;30M', [{ name: 'wheeldown' }]], ['\u001B[Ma\"#', [{ name: 'wheeldown' }]],
];

/** A sequence of tokens and its keys (no token starts with `\n`, which after a `\r` would join its Enter). */
const script = fc.array(fc.integer({ min: 0, max: TOKENS.length - 1 }), { maxLength: 12 }).map((picks) => {
  let text = '';
  const keys: Key[] = [];
  for (const p of picks) {
    const [t, k] = TOKENS[p];
    text += t;
    keys.push(...k);
  }
  // A lone Esc at the very end: Esc, once the silence after the input has passed.
  return { text: `${text}\u001B`, keys: [...keys, { name: 'escape' } as Key] };
});

/** Cuts `text` at the given offsets (UTF-16 units: a cut may fall inside a surrogate pair or an escape sequence). */
function cutAt(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const c of at) {
    chunks.push(text.slice(from, c));
    from = c;
  }
  chunks.push(text.slice(from));
  return chunks;
}

describe('the key decoder, however the reads split the input', () => {
  it('gives the keys each piece stands for, read whole', () => {
    fc.assert(fc.property(script, ({ text, keys }) => {
      expect(keysOf(text)).toEqual(keys);
    }));
  });

  it('gives the same keys when cut at any one place', () => {
    fc.assert(fc.property(script, ({ text, keys }) => {
      for (let i = 0; i <= text.length; i++) expect(keysOf(text.slice(0, i), text.slice(i))).toEqual(keys);
    }), { numRuns: 60 });
  });

  it('gives the same keys one UTF-16 unit at a time', () => {
    fc.assert(fc.property(script, ({ text, keys }) => {
      expect(keysOf(...text.split(''))).toEqual(keys);
    }));
  });

  it('gives the same keys cut at random places', () => {
    fc.assert(fc.property(script, fc.array(fc.nat(), { maxLength: 20 }), ({ text, keys }, cuts) => {
      expect(keysOf(...cutAt(text, cuts))).toEqual(keys);
    }), { numRuns: 300 });
  });
});
