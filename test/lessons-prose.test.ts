// A lesson's prose as `tensorshell lesson` prints it: as written where the output is not a terminal, and
// rendered for one (headings, inline code and bold styled, paragraphs reflowed) where it is; directives never.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listLessons, readLesson } from '../src/lessons/catalogue.js';
import { renderProse } from '../src/lessons/prose.js';

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
});
