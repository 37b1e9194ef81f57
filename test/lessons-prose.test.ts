// A lesson's prose as `tensorshell lesson` prints it: as written where the output is not a terminal, and
// rendered for one (headings, inline code and bold styled, paragraphs reflowed) where it is; directives never.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listLessons, readLesson } from '../src/lessons/catalogue.js';
import { fitToWidth, renderProse } from '../src/lessons/prose.js';

const PROSE = [
  '',
  '## Exercises',
  '',
  '1. Back in lazy mode, multiply the matrices `[[3, 3]]` and `[[2], [2]]` with `tf.matmul`. Before pressing Enter,',
  '   say what the **product** prints.',
  '<!-- a note to the author -->',
  '',
  '```text',
  '   x ──(×)── y',
  '```',
  '',
  '<!-- mode: lazy -->',
  '<!-- exercise: 1 -->',
  '',
];

describe('lesson prose', () => {
  it('is the Markdown as written, without directives or comments, where the output is not a terminal', () => {
    expect(renderProse(PROSE)).toEqual([
      '## Exercises',
      '',
      '1. Back in lazy mode, multiply the matrices `[[3, 3]]` and `[[2], [2]]` with `tf.matmul`. Before pressing Enter,',
      '   say what the **product** prints.',
      '',
      '```text',
      '   x ──(×)── y',
      '```',
    ]);
  });

  it('is reflowed to the width at a terminal: headings bold, list items with a hanging indent, code indented', () => {
    const lines = renderProse(PROSE, 40);
    expect(lines[0]).toBe('\x1b[1mExercises\x1b[0m');
    expect(lines.map((l) => stripVTControlCharacters(l))).toEqual([
      'Exercises',
      '',
      '1. Back in lazy mode, multiply the',
      '   matrices [[3, 3]] and [[2], [2]] with',
      '   tf.matmul. Before pressing Enter, say',
      '   what the product prints.',
      '',
      '       x ──(×)── y',
    ]);
    expect(lines[3]).toContain('\x1b[36m[[3,\x1b[39m');
    expect(lines[5]).toContain('\x1b[1mproduct\x1b[22m');
  });

  it('of every lesson fits the width, and never shows a directive', () => {
    for (const entry of listLessons()) {
      const lesson = readLesson(entry.number)!;
      const prose = lesson.parts.flatMap((p) => (p.kind === 'prose' ? renderProse(p.lines, 80) : []));
      const plain = prose.map((l) => stripVTControlCharacters(l));
      expect(plain.filter((l) => l.length > 80 && !l.startsWith('    ')), entry.file).toEqual([]);
      expect(plain.join('\n'), entry.file).not.toMatch(/<!--|^#/m);
    }
  });

  it('of every lesson breaks only at spaces at any width, headings too; a word longer than the width has a line of its own', () => {
    for (const entry of listLessons()) {
      const lesson = readLesson(entry.number)!;
      for (const width of [30, 57]) {
        const plain = lesson.parts.flatMap((p) => (p.kind === 'prose' ? renderProse(p.lines, width) : [])).map((l) => stripVTControlCharacters(l));
        const wrapped = plain.filter((l) => !l.startsWith('    ') && !l.startsWith('|'));
        expect(wrapped.filter((l) => l.length > width && l.trim().includes(' ')), `${entry.file} at ${width}`).toEqual([]);
      }
    }
    expect(renderProse(['# Lesson 9: a title far longer than a narrow terminal is wide'], 24).map((l) => stripVTControlCharacters(l)))
      .toEqual(['Lesson 9: a title far', 'longer than a narrow', 'terminal is wide']);
  });
});

describe('text that is not prose at a terminal', () => {
  it('is broken at spaces where it is wider than the terminal, each piece keeping the indent and the colour', () => {
    const mode = 'eager mode: each op now runs at once and returns its value (TF 2). Your variables are kept; graph tensors made before keep their graph and need a Session.';
    expect(fitToWidth(mode, 60).split('\n')).toEqual([
      'eager mode: each op now runs at once and returns its value',
      '(TF 2). Your variables are kept; graph tensors made before',
      'keep their graph and need a Session.',
    ]);
    expect(fitToWidth('short\n  ↳ the lesson got: a b c d e f g h', 16).split('\n')).toEqual(['short', '  ↳ the lesson', '  got: a b c d e', '  f g h']);
    const dim = fitToWidth('\x1b[2m    [[{{node averyveryveryverylongname}}]] x\x1b[22m', 20).split('\n');
    expect(dim.map((l) => stripVTControlCharacters(l))).toEqual(['    [[{{node', '    averyveryveryver', '    ylongname}}]] x']);
    expect(dim.every((l) => l.includes('\x1b[2m'))).toBe(true);
    expect(fitToWidth('fits as it is   ', 16)).toBe('fits as it is   ');
  });
});
