// `tensorshell check` (issue 6): the comparison rules (elision, [..], tolerance), the diff a mismatch prints,
// --update, errors as expected output, modes, malformed files, a :save round trip, and the exit codes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { Kernel } from '../src/kernel/kernel.js';
import { align } from '../src/transcript/align.js';
import { checkFile } from '../src/transcript/check.js';
import { runCheck } from '../src/transcript/check-cli.js';
import { lineMatches } from '../src/transcript/match.js';
import { ensureBuilt, root } from './build.js';

const md = (...lines: string[]) => `${lines.join('\n')}\n`;
const block = (...lines: string[]) => ['```tensorshell', ...lines, '```'];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'tensorshell-check-'));
}

/** Writes `text` as `name` in a fresh directory; the path. */
function transcript(text: string, name = 'lesson.md'): string {
  const path = join(tmp(), name);
  writeFileSync(path, text);
  return path;
}

/** Checks `text` as the file `lesson.md`; the result, with the report as one string. */
async function check(text: string, update = false) {
  const path = transcript(text);
  const result = await checkFile(path, { file: 'lesson.md', update });
  return { ...result, path, text: result.report.join('\n') };
}

/** runCheck with fake streams: the exit status and what it wrote. */
async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCheck(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { status, stdout, stderr };
}

afterEach(() => {
  tf.disableEagerExecution();
});

describe('lineMatches: [..] and numbers', () => {
  it('[..] matches any text within the line, the empty text included', () => {
    expect(lineMatches('Tensor("[..]:0", shape=(), dtype=float32)', 'Tensor("mul_1:0", shape=(), dtype=float32)')).toBe(true);
    expect(lineMatches('took [..] ms', 'took  ms')).toBe(true);
    expect(lineMatches('[..]', 'anything at all')).toBe(true);
    expect(lineMatches('a [..] b [..] c', 'a x b y b z c')).toBe(true);
    expect(lineMatches('a [..] b', 'a x c')).toBe(false);
    expect(lineMatches('a[..]', 'b')).toBe(false);
  });

  it('ignores trailing whitespace and nothing else without a tolerance', () => {
    expect(lineMatches('0.8  ', '0.8')).toBe(true);
    expect(lineMatches('0.8', '0.80000001')).toBe(false);
    expect(lineMatches('[1. 2.]', '[1.  2.]')).toBe(false);
  });

  it('compares numbers within the tolerance: negative, with exponents, inside arrays, with numpy padding', () => {
    expect(lineMatches('0.8', '0.80000001', 1e-6)).toBe(true);
    expect(lineMatches('0.8', '0.8001', 1e-6)).toBe(false);
    expect(lineMatches('-4.', '-3.9999998', 1e-6)).toBe(true);
    expect(lineMatches('-4.', '4.', 1e-6)).toBe(false);
    expect(lineMatches('1e-06', '1.0000001e-06', 1e-9)).toBe(true);
    expect(lineMatches('[1.e-07 2.e+05]', '[1.e-07 2.0000001e+05]', 0.1)).toBe(true);
    expect(lineMatches('[[1. 2.]]', '[[1.0000001 1.9999999]]', 1e-6)).toBe(true);
    expect(lineMatches('[[1. 2.]]', '[[1.0000001 2.1]]', 1e-6)).toBe(false);
    expect(lineMatches('[[ 1.65 -2.2 ]', '[[ 1.6500001 -2.2      ]', 1e-6)).toBe(true);
    expect(lineMatches('[1. 2.]', '[1.0000001 2.       ]', 1e-6)).toBe(true);
    expect(lineMatches('[ 1.  2.]', '[1. 2.]', 1e-6)).toBe(true);
    expect(lineMatches('[1 2]', '[12]', 1e-6)).toBe(false);
    expect(lineMatches('loss [..] at step 10', 'loss 0.25 at step 10', 1e-6)).toBe(true);
  });

  it('never compares numbers that are part of names, quoted strings or paths', () => {
    expect(lineMatches('Tensor("mul:0", shape=(), dtype=float32)', 'Tensor("mul:1", shape=(), dtype=float32)', 10)).toBe(false);
    expect(lineMatches("<tf.Variable 'Variable_1:0' shape=() dtype=float32_ref>", "<tf.Variable 'Variable_2:0' shape=() dtype=float32_ref>", 10)).toBe(false);
    expect(lineMatches('mul_1  Mul  Const:0, mul_1/y:0', 'mul_2  Mul  Const:0, mul_2/y:0', 10)).toBe(false);
    expect(lineMatches('dtype=float32', 'dtype=float64', 100)).toBe(false);
    expect(lineMatches('on /gpu:0', 'on /gpu:1', 10)).toBe(false);
    // The text around a number must match for the number to be compared at all.
    expect(lineMatches('x = 1.0', 'y = 1.0', 10)).toBe(false);
    expect(lineMatches('shape=(2, 3)', 'shape=(2, 4)', 1e-6)).toBe(false);
  });
});

describe('align: ... lines', () => {
  const matches = (expected: string[], actual: string[]) => align(expected, actual).matches;

  it('matches any number of lines, none included, at the start, in the middle and at the end', () => {
    expect(matches(['...', 'last'], ['a', 'b', 'last'])).toBe(true);
    expect(matches(['...', 'last'], ['last'])).toBe(true);
    expect(matches(['first', '...', 'last'], ['first', 'x', 'y', 'last'])).toBe(true);
    expect(matches(['first', '...', 'last'], ['first', 'last'])).toBe(true);
    expect(matches(['first', '...'], ['first', 'x', 'y'])).toBe(true);
    expect(matches(['first', '...'], ['first'])).toBe(true);
    expect(matches(['...'], [])).toBe(true);
    expect(matches(['a', '...', 'b', '...', 'c'], ['a', '1', 'b', '2', '3', 'c'])).toBe(true);
  });

  it('still needs the other lines, in order', () => {
    expect(matches(['first', '...', 'last'], ['first', 'x'])).toBe(false);
    expect(matches(['...', 'b', 'a'], ['a', 'b'])).toBe(false);
    expect(matches(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matches([' ...'], ['x'])).toBe(false);
  });
});

describe('check: replaying a transcript', () => {
  it('passes a transcript whose outputs match, through elision and a tolerance, and hidden blocks run', async () => {
    const r = await check(md(
      '# A lesson', '', '<!-- hidden -->', ...block('> const a = tf.constant(0.8)', '> const sess = tf.Session()'),
      'Prose.', '<!-- tolerance: 1e-6 -->', '<!-- pause -->', '<!-- anchor: run -->', '<!-- chart -->', '<!-- graph -->',
      ...block('> a', "<tf.Tensor 'Const:0' [..]>", '> sess.run(a * 3)', '2.4000001', '> sess.run(tf.constant([[1.5, -2], [3, 4]]) * 1.1)', '...'),
      '<!-- exercise: 1 -->', ...block('> [1, 2, 3].map((x) => x * 2)', '[ 2, 4, 6 ]'),
    ));
    expect(r.text).toBe('lesson.md: 6 steps, all match');
    expect(r.passed).toBe(true);
  });

  it('prints a unified diff headed file:line with the input, and counts the mismatch', async () => {
    const r = await check(md(
      '# Lesson', '', ...block('> const a = tf.constant(2.0)', '> const sess = tf.Session()', '> sess.run(a * 3)', '7.0', '> a * 3', "<tf.Tensor 'mul_1:0' shape=() dtype=float32>"),
    ));
    expect(r.passed).toBe(false);
    expect(r.text).toBe([
      '--- lesson.md:6 expected',
      '+++ lesson.md:6 actual',
      '@@ -6,2 +6,2 @@',
      ' > sess.run(a * 3)',
      '-7.0',
      '+6.0',
      '',
      'lesson.md: 4 steps, 1 mismatch',
    ].join('\n'));
  });

  it('shows lines that matched by elision as written, and long outputs in hunks named after the input', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i}`);
    const r = await check(md(...block(
      `> console.log(${JSON.stringify(lines.join('\n'))})`, 'line 0', '...', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line X', 'line 10', 'line 11',
    )));
    expect(r.report.slice(0, 10)).toEqual([
      '--- lesson.md:2 expected',
      '+++ lesson.md:2 actual',
      '@@ -8,6 +8,6 @@ > console.log("line 0\\nline 1\\nline 2\\nline 3\\nline 4\\nline 5\\nline 6\\nline 7\\nline 8\\nline 9\\nline 10\\nline 11")',
      ' line 6',
      ' line 7',
      ' line 8',
      '-line X',
      '+line 9',
      ' line 10',
      ' line 11',
    ]);
  });

  it('takes errors as expected output: reading a variable before initialization', async () => {
    const r = await check(md(...block(
      '> const v = tf.Variable(1.0)', '> const sess = tf.Session()', '> sess.run(v)',
      'FailedPreconditionError: Attempting to use uninitialized value Variable', '...',
      '> sess.run(tf.globalVariablesInitializer())', '> sess.run(v)', '1.0',
    )));
    expect(r.text).toBe('lesson.md: 5 steps, all match');
    const wrong = await check(md(...block('> const v = tf.Variable(1.0)', '> tf.Session().run(v)', '1.0')));
    expect(wrong.report).toContain('+FailedPreconditionError: Attempting to use uninitialized value Variable');
  });

  it('switches mode before a block that says so; the mode carries to the next block; the first block is lazy', async () => {
    const r = await check(md(
      ...block('> tf.executingEagerly()', 'false'),
      '<!-- mode: eager -->', ...block('> tf.constant(2.0) * 3', '<tf.Tensor: shape=(), dtype=float32, numpy=6.0>'),
      ...block('> tf.executingEagerly()', 'true', '> :mode lazy', '...'),
      ...block('> tf.constant(2.0) * 3', "<tf.Tensor 'mul:0' shape=() dtype=float32>"),
    ));
    expect(r.text).toBe('lesson.md: 5 steps, all match');
    expect(tf.executingEagerly()).toBe(false);
    const eager = await check(md('<!-- mode: eager -->', ...block('> tf.executingEagerly()', 'true')));
    expect(eager.passed).toBe(true);
  });

  it('starts each file in a fresh session: op names from Const, no names from an earlier file', async () => {
    const text = md(...block('> typeof a', "'undefined'", '> const a = tf.constant(1.0)', '> a', "<tf.Tensor 'Const:0' shape=() dtype=float32>"));
    expect((await check(text)).passed).toBe(true);
    expect((await check(text)).passed).toBe(true);
  });

  it('fails an input that never ends, with file:line and the input', async () => {
    const r = await check(md(...block('> 1 + 1', '2', '> function f() {', '. return 1')));
    expect(r.text).toBe([
      'lesson.md:4: the input ends in the middle of a statement (the kernel asked for more lines): function f() {',
      'lesson.md: 2 steps, 1 mismatch',
    ].join('\n'));
    expect(r.passed).toBe(false);
  });

  it('compares console output, as the plain front end prints it', async () => {
    expect((await check(md(...block('> console.log("a\\nb")', 'a', 'b', '> console.log(1, 2)', '1 2')))).passed).toBe(true);
  });

  it('takes everything a step prints as its output: a :load prints the outputs of the inputs it runs', async () => {
    const other = transcript(md(...block('> const b = 2', '> b * 3', '6')), 'other.md');
    const r = await check(md(...block(`> :load ${other}`, '6', `ran 2 inputs from ${other}`, '> b', '2')));
    expect(r.text).toBe('lesson.md: 2 steps, all match');
  });

  it('passes a session saved with :save', async () => {
    tf.resetDefaultGraph();
    const kernel = new Kernel({ runEvents: false });
    for (const code of [
      'const x = tf.constant(2.0)', 'function twice(t) {\n  return t * 2\n}', 'twice(x)', 'const sess = tf.Session()',
      'sess.run(twice(x))', 'undefinedName', ':nodedef mul', ':mode eager', 'tf.constant([1, 2]) * 3',
    ]) {
      await kernel.execute(code);
    }
    const file = join(tmp(), 'saved.md');
    await kernel.execute(`:save ${file}`);
    kernel.dispose();
    tf.disableEagerExecution();
    const r = await checkFile(file);
    expect(r.report.join('\n')).toBe(`${file}: 9 steps, all match`);
  });
});

describe('check --update', () => {
  const original = md(
    '# Lesson', '', 'Prose stays.', '<!-- tolerance: 1e-6 -->', '<!-- anchor: start -->',
    ...block(
      '> const a = tf.constant(2.0)', '> const sess = tf.Session()', '> sess.run(a * 3)', '7.0',
      '> sess.run(a * 0.4)', '0.8000001', '> a', "<tf.Tensor 'Const[..]' shape=() dtype=float32>",
      '> console.log("one\\ntwo\\nthree\\nfour")', 'one', '...', 'four', 'five',
    ),
    'More prose.', '', ...block('> console.log("x")', '> 1 + 1', '2'),
  );

  it('rewrites only the outputs that differ, keeping matched lines, elisions, prose and directives', async () => {
    const r = await check(original, true);
    expect(r.report.at(-1)).toBe('lesson.md: 8 steps, 3 mismatches; rewrote the outputs of the inputs at lines 9, 15, 24');
    expect(r.passed).toBe(true);
    // The diffs number the new lines as the rewritten file has them: the second step lost a line.
    expect(r.report).toContain('@@ -24,1 +23,2 @@');
    expect(readFileSync(r.path, 'utf8')).toBe(md(
      '# Lesson', '', 'Prose stays.', '<!-- tolerance: 1e-6 -->', '<!-- anchor: start -->',
      ...block(
        '> const a = tf.constant(2.0)', '> const sess = tf.Session()', '> sess.run(a * 3)', '6.0',
        '> sess.run(a * 0.4)', '0.8000001', '> a', "<tf.Tensor 'Const[..]' shape=() dtype=float32>",
        '> console.log("one\\ntwo\\nthree\\nfour")', 'one', '...', 'four',
      ),
      'More prose.', '', ...block('> console.log("x")', 'x', '> 1 + 1', '2'),
    ));
    expect((await checkFile(r.path)).passed).toBe(true);
  });

  it('keeps CRLF line endings and the indentation of an indented block', async () => {
    const text = ['- a step:', '  ```tensorshell', '  > 1 + 1', '  3', '  > 2', '  2', '  ```', ''].join('\r\n');
    const r = await check(text, true);
    expect(r.passed).toBe(true);
    expect(readFileSync(r.path, 'utf8')).toBe(text.replace('  3\r\n', '  2\r\n'));
  });

  it('leaves a file that matches exactly as it was, and does not rewrite an incomplete input', async () => {
    const same = await check(md(...block('> 1 + 1', '2')), true);
    expect(readFileSync(same.path, 'utf8')).toBe(md(...block('> 1 + 1', '2')));
    const incomplete = md(...block('> (1 +', '2'));
    const r = await check(incomplete, true);
    expect(r.passed).toBe(false);
    expect(r.report).toContain('lesson.md:2: not rewritten: --update rewrites outputs, and this input itself needs fixing');
    expect(readFileSync(r.path, 'utf8')).toBe(incomplete);
  });

  it("refuses an output the format cannot hold (a line starting with '> ')", async () => {
    const text = md(...block('> console.log("> not an input")', 'x'));
    const r = await check(text, true);
    expect(r.passed).toBe(false);
    expect(r.report).toContain("lesson.md:2: not rewritten: its output line '> not an input' starts with '> ', which the format reads as an input");
    expect(readFileSync(r.path, 'utf8')).toBe(text);
  });
});

describe('check: files that cannot be checked fully are failures', () => {
  it.each([
    ['an unterminated fence', md('# L', ...block('> 1', '1').slice(0, 3)), 'lesson.md:2: the ``` fence opened here is never closed'],
    ['output before input', md(...block('1', '> 1')), "lesson.md:2: output before any input (input lines start with '> ')"],
    ['an unknown directive', md('<!-- puase -->', ...block('> 1', '1')), 'lesson.md:1: unknown directive <!-- puase -->'],
    ['a bad exercise number', md('<!-- exercise: one -->', ...block('> 1', '1')), "lesson.md:1: <!-- exercise: … --> takes the exercise's number (1, 2, …), not 'one'"],
  ])('%s', async (_what, text, message) => {
    const r = await check(text);
    expect(r.passed).toBe(false);
    expect(r.checked).toBe(false);
    expect(r.report[0].startsWith(message)).toBe(true);
    expect(r.report[1]).toBe('lesson.md: not checked: it could not be parsed');
  });

  it('a file that cannot be read', async () => {
    const r = await checkFile(join(tmp(), 'missing.md'), { file: 'missing.md' });
    expect(r.passed).toBe(false);
    expect(r.report).toEqual([expect.stringMatching(/^missing\.md: cannot be read: ENOENT/)]);
  });

  it('a file without tensorshell blocks passes', async () => {
    expect((await check('# Just prose\n')).text).toBe('lesson.md: no tensorshell blocks');
  });
});

describe('runCheck: arguments and exit status', () => {
  it('0 when every file matches, with a total; a directory checks its .md files in order', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'b.md'), md(...block('> 1 + 1', '2')));
    writeFileSync(join(dir, 'a.md'), md(...block('> 2 * 2', '4', '> 3', '3')));
    writeFileSync(join(dir, 'notes.txt'), 'not a transcript');
    const r = await cli([dir]);
    expect(r).toEqual({
      status: 0,
      stdout: `${join(dir, 'a.md')}: 2 steps, all match\n${join(dir, 'b.md')}: 1 step, all match\nchecked 2 files, 3 steps: all match\n`,
      stderr: '',
    });
  });

  it('1 for a mismatch, or for a file that cannot be parsed or read', async () => {
    const good = transcript(md(...block('> 1 + 1', '2')));
    const bad = transcript(md(...block('> 1 + 1', '3')));
    const broken = transcript(md('```tensorshell', '> 1'));
    const r = await cli([good, bad, broken, join(tmp(), 'missing.md')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${bad}: 1 step, 1 mismatch\n`);
    expect(r.stdout).toContain(`${broken}:1: the \`\`\` fence opened here is never closed\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('checked 4 files, 2 steps: 1 mismatch in 1 file; 2 files not checked');
    expect((await cli([bad])).status).toBe(1);
    expect((await cli([broken])).status).toBe(1);
  });

  it('--update: 0 once the outputs are rewritten, and the next check passes', async () => {
    const bad = transcript(md(...block('> 1 + 1', '3')));
    const r = await cli([bad, '--update']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('checked 1 file, 1 step: 1 mismatch in 1 file, all rewritten');
    expect((await cli([bad])).status).toBe(0);
  });

  it('2 for no files or an unknown option; an empty directory is a failure', async () => {
    const none = await cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^tensorshell check: no files to check\nusage: tensorshell check FILE… \[--update\]/);
    expect(await cli(['--update'])).toMatchObject({ status: 2 });
    expect(await cli(['--fast', 'a.md'])).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown option --fast') });
    expect(await cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('usage: tensorshell check') });
    const empty = tmp();
    mkdirSync(join(empty, 'sub'));
    expect(await cli([empty])).toMatchObject({ status: 1, stdout: expect.stringContaining('no .md files to check') });
  });
});

describe('tensorshell check, the real binary', () => {
  it('exits 0 on a passing file, 1 with a diff on a failing one, 2 without files', () => {
    ensureBuilt('dist/cli.js');
    const good = transcript(md(...block('> const c = tf.constant(0.8)', '> tf.Session().run(c)', '0.8')));
    const bad = transcript(md(...block('> tf.Session().run(tf.constant(0.8))', '0.9')));
    const run = (args: string[]) => {
      try {
        return { status: 0, stdout: execFileSync('node', ['dist/cli.js', 'check', ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { status: err.status, stdout: err.stdout };
      }
    };
    expect(run([good])).toEqual({ status: 0, stdout: `${good}: 2 steps, all match\nchecked 1 file, 2 steps: all match\n` });
    const failing = run([bad]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain(`--- ${bad}:2 expected\n+++ ${bad}:2 actual\n@@ -2,2 +2,2 @@\n > tf.Session().run(tf.constant(0.8))\n-0.9\n+0.8\n`);
    expect(run([]).status).toBe(2);
  }, 60_000);
});
