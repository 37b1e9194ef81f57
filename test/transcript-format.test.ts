// The transcript format (issue 6): each construct the parser reads, each malformed case it reports with
// file:line, and the writer `:save` uses, read back by the parser.
import { describe, expect, it } from 'vitest';
import { TranscriptError, formatTranscript, parseTranscript } from '../src/transcript/format.js';

const md = (...lines: string[]) => lines.join('\n');

/** The TranscriptError `text` raises. */
function failure(text: string, file = 'lesson.md'): TranscriptError {
  try {
    parseTranscript(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(TranscriptError);
    return e as TranscriptError;
  }
  throw new Error('parsed without an error');
}

describe('parseTranscript: blocks and steps', () => {
  it('reads inputs, their expected outputs and where they are', () => {
    const blocks = parseTranscript(md(
      '# Lesson', '', 'Some prose.', '```tensorshell', '> const x = tf.constant(2.0)', '> x * 2',
      'Tensor("mul:0", shape=(), dtype=float32)', '```', 'More prose.',
    ));
    expect(blocks).toHaveLength(1);
    expect(blocks[0].lines).toEqual({ start: 4, end: 8 });
    expect(blocks[0].steps).toEqual([
      { input: 'const x = tf.constant(2.0)', expected: [], line: 5 },
      { input: 'x * 2', expected: ['Tensor("mul:0", shape=(), dtype=float32)'], line: 6 },
    ]);
    expect(blocks[0]).toMatchObject({ pause: false, hidden: false, chart: false, graph: false });
    expect(blocks[0].mode).toBeUndefined();
  });

  it("joins '. ' continuation lines to their input; a bare '.' is an empty line", () => {
    const [block] = parseTranscript(md('```tensorshell', '> function twice(t) {', '.   const y = t * 2', '.', '.   return y', '. }', '> twice(1)', '2', '```'));
    expect(block.steps.map((s) => s.input)).toEqual(['function twice(t) {\n  const y = t * 2\n\n  return y\n}', 'twice(1)']);
    expect(block.steps[1]).toMatchObject({ expected: ['2'], line: 7 });
  });

  it("takes a '. ' line after output as output, not as a continuation", () => {
    const [block] = parseTranscript(md('```tensorshell', '> 1', '1', '. not code', '```'));
    expect(block.steps).toEqual([{ input: '1', expected: ['1', '. not code'], line: 2 }]);
  });

  it('keeps blank lines inside an output, drops them at its end, and ignores them before the first input', () => {
    const [block] = parseTranscript(md('```tensorshell', '', '> a', 'one', '', 'two', '', '', '> b', '```'));
    expect(block.steps).toEqual([{ input: 'a', expected: ['one', '', 'two'], line: 3 }, { input: 'b', expected: [], line: 9 }]);
  });

  it('ignores prose, other fences, and a tensorshell block shown inside a longer fence', () => {
    const blocks = parseTranscript(md(
      '> a quote in prose', '```ts', '> not an input', '```', '````markdown', '```tensorshell', '> shown, not run', '```', '````',
      '~~~tensorshell', '> 1 + 1', '2', '~~~',
    ));
    expect(blocks).toHaveLength(1);
    expect(blocks[0].steps).toEqual([{ input: '1 + 1', expected: ['2'], line: 11 }]);
  });

  it('reads CRLF files, indented fences, and a fence with words after the info string', () => {
    const [a] = parseTranscript('```tensorshell\r\n> 1\r\n1\r\n```\r\n');
    expect(a.steps).toEqual([{ input: '1', expected: ['1'], line: 2 }]);
    const [b] = parseTranscript(md('- a list item:', '  ```tensorshell demo', '  > 2', '  2', '  ```'));
    expect(b.steps).toEqual([{ input: '2', expected: ['2'], line: 3 }]);
  });

  it('returns several blocks in order, and none for a file without blocks', () => {
    expect(parseTranscript(md('```tensorshell', '> 1', '```', 'prose', '```tensorshell', '> 2', '```')).map((b) => b.steps[0].input)).toEqual(['1', '2']);
    expect(parseTranscript('# just prose\n')).toEqual([]);
  });
});

describe('parseTranscript: directives', () => {
  it('attaches every directive before a block to that block, and only to it', () => {
    const blocks = parseTranscript(md(
      '<!-- mode: eager -->', '<!-- tolerance: 1e-6 -->', '<!-- anchor: training -->', 'prose between is fine',
      '<!-- pause -->', '<!-- hidden -->', '<!-- chart -->', '<!-- graph -->', '```tensorshell', '> 1', '```',
      '```tensorshell', '> 2', '```',
    ));
    expect(blocks[0]).toMatchObject({ mode: 'eager', tolerance: 1e-6, anchor: 'training', pause: true, hidden: true, chart: true, graph: true });
    expect(blocks[1]).toMatchObject({ pause: false, hidden: false, chart: false, graph: false });
    expect(blocks[1].mode).toBeUndefined();
    expect(blocks[1].anchor).toBeUndefined();
  });

  it('leaves ordinary HTML comments as prose, and a directive inside a block is output', () => {
    const [block] = parseTranscript(md('<!-- a note to the author -->', '```tensorshell', '> 1', '<!-- pause -->', '```'));
    expect(block.pause).toBe(false);
    expect(block.steps[0].expected).toEqual(['<!-- pause -->']);
  });
});

describe('parseTranscript: malformed files say file:line and what is wrong', () => {
  it.each([
    ['an unterminated tensorshell fence', md('prose', '```tensorshell', '> 1'), 2, 'the ``` fence opened here is never closed'],
    ['an unterminated other fence', md('```tensorshell', '> 1', '```', '~~~ts', 'code'), 4, 'the ~~~ fence opened here is never closed'],
    ['output before any input', md('```tensorshell', '1', '> 1', '```'), 2, 'output before any input'],
    ['an unknown directive', md('<!-- puase -->', '```tensorshell', '> 1', '```'), 1, 'unknown directive <!-- puase -->'],
    ['a bad mode', md('<!-- mode: graph -->', '```tensorshell', '```'), 1, "takes eager or lazy, not 'graph'"],
    ['a bad tolerance', md('<!-- tolerance: small -->', '```tensorshell', '```'), 1, 'takes a number'],
    ['an anchor without a name', md('<!-- anchor -->', '```tensorshell', '```'), 1, 'takes a name'],
    ['a flag with a value', md('<!-- pause: 3 -->', '```tensorshell', '```'), 1, '<!-- pause --> takes no value'],
    ['a repeated anchor', md('<!-- anchor: a -->', '```tensorshell', '```', '<!-- anchor: a -->', '```tensorshell', '```'), 4, "anchor 'a' is already used"],
    ['a directive with no block after it', md('```tensorshell', '> 1', '```', '<!-- pause -->', 'the end'), 4, 'not followed by a ```tensorshell block'],
  ])('%s', (_what, text, line, message) => {
    const e = failure(text);
    expect(e.file).toBe('lesson.md');
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`lesson.md:${line}: `)).toBe(true);
    expect(e.message).toContain(message);
    expect(e.name).toBe('TranscriptError');
  });
});

describe('formatTranscript', () => {
  const steps = [
    { input: 'function twice(t) {\n\n  return t * 2\n}', expected: [] },
    { input: 'twice(tf.constant(1))', expected: ['Tensor("mul:0", shape=(), dtype=float32)', ''] },
    { input: 'foo', expected: ['ReferenceError: foo is not defined'] },
  ];

  it('writes one tensorshell block with > and . prefixes, and the outputs', () => {
    expect(formatTranscript(steps)).toBe(md(
      '```tensorshell', '> function twice(t) {', '.', '.   return t * 2', '. }', '> twice(tf.constant(1))',
      'Tensor("mul:0", shape=(), dtype=float32)', '> foo', 'ReferenceError: foo is not defined', '```', '',
    ));
  });

  it('says <!-- mode: eager --> for a session that started in eager mode, nothing for lazy', () => {
    expect(formatTranscript([{ input: '1', expected: ['1'] }], { mode: 'eager' })).toBe('<!-- mode: eager -->\n```tensorshell\n> 1\n1\n```\n');
    expect(formatTranscript([{ input: '1', expected: ['1'] }], { mode: 'lazy' })).toBe('```tensorshell\n> 1\n1\n```\n');
  });

  it('uses a longer fence when an output line starts with backticks', () => {
    const text = formatTranscript([{ input: "console.log('x')", expected: ['````', 'x'] }]);
    expect(text.split('\n')[0]).toBe('`````tensorshell');
    expect(parseTranscript(text)[0].steps[0].expected).toEqual(['````', 'x']);
  });

  it('is read back by parseTranscript as the same steps and mode', () => {
    const [block] = parseTranscript(formatTranscript(steps, { mode: 'eager' }), 'saved.md');
    expect(block.mode).toBe('eager');
    expect(block.steps.map(({ input, expected }) => ({ input, expected }))).toEqual([
      steps[0], { input: steps[1].input, expected: [steps[1].expected[0]] }, steps[2],
    ]);
    expect(block.steps.map((s) => s.line)).toEqual([3, 7, 9]);
  });
});
