// `tensorshell replay`'s script: the items a transcript becomes, how keys type an input, and where the anchors
// take the replay. Pure: positions in, positions out.
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../src/transcript/format.js';
import { CHARS_PER_KEY, ReplayScript } from '../src/transcript/replay-script.js';
import type { ReplayPosition } from '../src/ui/replay-types.js';
import { DEMO, FENCE } from './replay-demo.js';


const script = (text = DEMO) => new ReplayScript(parseTranscript(text, 'demo.md'), 'demo.md');
const at = (item: number, line = 0, col = 0): ReplayPosition => ({ item, line, col });

/** What the prompt shows after each key, from nothing typed to the whole input. */
function keystrokes(s: ReplayScript, item: number): string[] {
  const shown: string[] = [];
  for (let pos = at(item); ;) {
    const next = s.typeKey(pos);
    if (next === pos || (next.line === pos.line && next.col === pos.col)) return shown;
    pos = next;
    const { buffer, line } = s.typed(pos);
    shown.push([...buffer, line].join('⏎'));
  }
}

describe('the replay script', () => {
  it('is the blocks as items: the file starts in lazy mode, then the pause, mode switch and inputs in order', () => {
    const s = script();
    expect(s.items).toEqual([
      { kind: 'mode', mode: 'lazy', block: 0 },
      { kind: 'step', lines: ['const setup = 1'], hidden: true, number: 0, fileLine: 4, block: 0 },
      { kind: 'step', lines: ['const x = tf.constant(2.0)'], hidden: false, number: 1, fileLine: 8, block: 1 },
      { kind: 'step', lines: ['function twice(t) {', '  return t * 2', '}'], hidden: false, number: 2, fileLine: 9, block: 1 },
      { kind: 'pause', block: 2 },
      { kind: 'mode', mode: 'eager', block: 2 },
      { kind: 'step', lines: ['twice(x)'], hidden: false, number: 3, fileLine: 19, block: 2 },
      { kind: 'step', lines: ['x'], hidden: false, number: 4, fileLine: 26, block: 3 },
    ]);
    expect(s.shownSteps).toBe(4);
    expect([s.view(1), s.view(2), s.view(3)]).toEqual([{ chart: false, graph: false }, { chart: true, graph: false }, { chart: false, graph: true }]);
  });

  it('a first block with a mode switches to it instead of lazy', () => {
    const s = script(`<!-- mode: eager -->\n${FENCE}tensorshell\n> 1\n${FENCE}\n`);
    expect(s.items[0]).toEqual({ kind: 'mode', mode: 'eager', block: 0 });
  });

  it(`each key types ${CHARS_PER_KEY} characters; a run of spaces goes with the character after it`, () => {
    expect(keystrokes(script(), 2)).toEqual([
      'con', 'const ', 'const x =', 'const x = tf.', 'const x = tf.con', 'const x = tf.consta', 'const x = tf.constant(',
      'const x = tf.constant(2.0', 'const x = tf.constant(2.0)',
    ]);
  });

  it('a multi-line input is typed line by line: a key at the end of a line starts the next', () => {
    const s = script();
    const shown = keystrokes(s, 3);
    expect(shown.slice(6, 10)).toEqual(['function twice(t) {', 'function twice(t) {⏎', 'function twice(t) {⏎  ret', 'function twice(t) {⏎  return']);
    expect(shown.at(-2)).toBe('function twice(t) {⏎  return t * 2⏎');
    expect(shown.at(-1)).toBe('function twice(t) {⏎  return t * 2⏎}');
    expect(s.typed(at(3, 2, 1))).toEqual({ buffer: ['function twice(t) {', '  return t * 2'], line: '}' });
  });

  it('at the end of the input keys type nothing more; finish types the rest at once', () => {
    const s = script();
    const end = s.finish(at(3, 0, 4));
    expect(end).toEqual(at(3, 2, 1));
    expect(s.fullyTyped(end)).toBe(true);
    expect(s.typeKey(end)).toEqual(end);
    expect(s.fullyTyped(at(3, 1, 15))).toBe(false);
  });

  it('--speed types one character at a time, a line break counting as one', () => {
    const s = script();
    expect(s.typeChar(at(3, 0, 0))).toEqual(at(3, 0, 1));
    expect(s.typeChar(at(3, 0, 19))).toEqual(at(3, 1, 0));
    expect(s.typeChar(at(3, 2, 1))).toEqual(at(3, 2, 1));
  });

  it('typing does nothing where there is no input (a pause, a mode switch, the end)', () => {
    const s = script();
    for (const pos of [at(4), at(5), at(8)]) {
      expect(s.typeKey(pos)).toEqual(pos);
      expect(s.typed(pos)).toEqual({ buffer: [], line: '' });
      expect(s.fullyTyped(pos)).toBe(false);
    }
  });

  it('anchors stand after their block\'s pause; each item knows its section', () => {
    const s = script();
    expect(s.anchors).toEqual([{ name: 'eager', item: 5, block: 2 }, { name: 'end', item: 7, block: 3 }]);
    expect(s.anchorItem('end')).toBe(7);
    expect(s.anchorItem('nope')).toBeUndefined();
    expect([0, 4, 5, 6, 7].map((i) => s.anchorAt(i))).toEqual([null, null, 'eager', 'eager', 'end']);
  });

  it('] goes to the next anchor, and nowhere after the last', () => {
    const s = script();
    expect(s.nextAnchor(at(2, 0, 3))).toBe(5);
    expect(s.nextAnchor(at(6))).toBe(7);
    expect(s.nextAnchor(at(7))).toBeNull();
  });

  it('[ goes to the start of the current section once something of it was shown, else to the one before', () => {
    const s = script();
    // At the first input of `eager` (the mode switch done), nothing typed yet: back to the file's start.
    expect(s.previousAnchor(at(6))).toBe(0);
    expect(s.previousAnchor(at(6, 0, 3))).toBe(5);
    expect(s.previousAnchor(at(7))).toBe(5);
    expect(s.previousAnchor(at(7, 0, 1))).toBe(7);
    expect(s.previousAnchor(at(2))).toBe(0);
  });

  it('with an anchor on the first block, the file start is that anchor', () => {
    const s = script(`<!-- anchor: one -->\n${FENCE}tensorshell\n> 1\n${FENCE}\n<!-- anchor: two -->\n${FENCE}tensorshell\n> 2\n${FENCE}\n`);
    expect(s.anchors.map((a) => a.item)).toEqual([0, 2]);
    expect(s.previousAnchor(at(2))).toBe(0);
    expect(s.previousAnchor(at(1))).toBe(0);
  });
});
