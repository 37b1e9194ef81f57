// Readline's editing keys on the prompt, as the terminal sends them. `|` in the expected texts marks the cursor.
import { describe, expect, it } from 'vitest';
import { editor, K } from './ui-editor-harness.js';

describe('the editor: readline keys on one line', () => {
  it('Home and End in all their forms, Ctrl-A and Ctrl-E', () => {
    const e = editor();
    e.type('abc def');
    for (const [key, at] of [[K.home, 0], [K.end, 7], ['\u001B[1~', 0], ['\u001B[4~', 7], ['\u001BOH', 0], ['\u001BOF', 7], [K.ctrlA, 0], [K.ctrlE, 7], ['\u001B[7~', 0], ['\u001B[8~', 7]] as const) {
      e.type(key);
      expect(e.state.input.cursor, JSON.stringify(key)).toBe(at);
    }
    e.type(K.home, 'X');
    expect(e.shown()).toBe('X|abc def');
  });

  it('Left, Right, Ctrl-B, Ctrl-F, Delete, Backspace; Ctrl-D deletes under the cursor on a line with text', () => {
    const e = editor();
    e.type('abcde', K.left, K.left);
    expect(e.shown()).toBe('abc|de');
    e.type(K.del);
    expect(e.shown()).toBe('abc|e');
    e.type(K.backspace);
    expect(e.shown()).toBe('ab|e');
    e.type('\u0002', K.ctrlD);
    expect(e.shown()).toBe('a|e');
    e.type('\u0006', K.right, K.right);
    expect(e.shown()).toBe('ae|');
    expect(e.took()).toEqual([]);
  });

  it('a character outside the BMP is one step for the cursor and one for Backspace', () => {
    const e = editor();
    e.type('a😀b', K.left, K.left);
    expect(e.shown()).toBe('a|😀b');
    e.type(K.right, K.backspace);
    expect(e.shown()).toBe('a|b');
  });

  it('Ctrl-W deletes back to the previous space; Alt-Backspace back to a word start', () => {
    const e = editor();
    e.type('const x = tf.const', K.ctrlW);
    expect(e.shown()).toBe('const x = |');
    e.type(K.ctrlW);
    expect(e.shown()).toBe('const x |');
    e.type('= tf.const', K.altBackspace);
    expect(e.shown()).toBe('const x = tf.|');
  });

  it('Ctrl-K deletes to the end of the line, Ctrl-U to its start', () => {
    const e = editor();
    e.type('abc def', K.home, K.right, K.right, K.right, K.ctrlK);
    expect(e.shown()).toBe('abc|');
    e.type(K.left, K.ctrlU);
    expect(e.shown()).toBe('|c');
  });

  it('Alt-B, Alt-F, Ctrl-Left and Ctrl-Right move by words; Alt-D deletes one', () => {
    const e = editor();
    e.type('tf.matmul(a, b)', K.altB);
    expect(e.shown()).toBe('tf.matmul(a, |b)');
    e.type(K.altB, K.altB);
    expect(e.shown()).toBe('tf.|matmul(a, b)');
    e.type(K.altF);
    expect(e.shown()).toBe('tf.matmul|(a, b)');
    e.type(K.ctrlLeft, K.ctrlLeft);
    expect(e.shown()).toBe('|tf.matmul(a, b)');
    e.type(K.ctrlRight, K.altD);
    expect(e.shown()).toBe('tf|(a, b)');
  });
});
