// `tensorshell lesson`: the list, a lesson taken through a stream (the real in-process kernel, lines in as a
// learner would type them), `--check-exercise` and its usage errors; then the built CLI from another folder,
// and a real terminal (a pseudo-terminal read by a terminal emulator, pty-terminal.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkExercise } from '../src/lessons/check-exercise.js';
import { listLessons, readLesson } from '../src/lessons/catalogue.js';
import { isEditOf, splitTrailingCommand } from '../src/lessons/edit.js';
import { runLesson } from '../src/lessons/lesson-cli.js';
import type { Block } from '../src/transcript/format.js';
import { ensureBuilt, root } from './build.js';
import { hasPty, killAll, ptyNote, PtyTerminal } from './pty-terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-lesson-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `tensorshell lesson ARGS` in-process with `input` as the learner's lines (not a terminal). */
async function lesson(args: string[], input = ''): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void) => new Writable({ write(chunk, _e, done) { write(String(chunk)); done(); } });
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runLesson(args, { stdin, stdout: sink((s) => { out += s; }), stderr: sink((s) => { err += s; }) });
  return { out, err, code };
}

function answerFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

// The 20 steps of lesson 1 before its first exercise (two of them the `:mode` switches it offers), and a few
// more: an empty line at an exercise's empty prompt only says there is nothing to check yet.
const ACCEPT_ALL_STEPS = '\n'.repeat(25);
const EXERCISE_1 = 'const product = tf.matmul(tf.constant([[3., 3.]]), tf.constant([[2.], [2.]]))\nproduct\nsess.run(product)\n';
const EXERCISE_2 = 'tf.matmul(tf.constant([[3., 3.]]), tf.constant([[2.], [2.]]))\ngraph.getOperations().length\n';

/** The lines that accept every step of `blocks` as written, the `:mode` steps included, and ask for each exercise's solution. */
function acceptAll(blocks: readonly Block[]): string {
  let mode = 'lazy';
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.hidden) continue;
    if (b.mode !== undefined && b.mode !== mode) lines.push('');
    mode = b.mode ?? mode;
    if (b.exercise !== undefined) lines.push(':solution');
    for (const s of b.steps) {
      lines.push(...s.input.split('\n').map(() => ''));
      mode = /^:mode (eager|lazy)$/.exec(s.input)?.[1] ?? mode;
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('tensorshell lesson (the list)', () => {
  it('lists the 14 lessons, one numbered line each with its title and what it teaches', async () => {
    const { out, err, code } = await lesson([]);
    expect({ err, code }).toEqual({ err: '', code: 0 });
    const lines = out.trimEnd().split('\n');
    const entries = lines.filter((l) => /^[ \d]\d {2}/.test(l));
    expect(entries.map((l) => Number(l.slice(0, 2)))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(entries).toContain(' 1  Names and objects, eager and lazy — build the smallest TensorFlow graph, look at the operation '
      + 'it holds (its name, its type, its NodeDef), run it in a Session, and say why TensorFlow keeps defining a computation '
      + 'apart from running it.');
    expect(entries).toContain(' 7  The simplest neuron — build a one-weight neuron as a graph, take one gradient-descent step by '
      + 'hand, train it for a hundred steps with `minimize`, and watch the loss fall on a chart made from `tf.summary.scalar`.');
    expect(lines[0]).toBe('The lessons; `tensorshell lesson N` takes lesson N:');
    expect(lines).toHaveLength(16);
  });
});

describe('tensorshell lesson N (through a stream)', () => {
  it('shows the prose, runs each pre-filled step on an empty line, and checks right answers ✓', async () => {
    const { out, err, code } = await lesson(['1'], `${ACCEPT_ALL_STEPS}${EXERCISE_1}\n${EXERCISE_2}`);
    expect(err).toBe('');
    expect(out).toContain('# Lesson 1: Names and objects, eager and lazy\n\nAfter this lesson you can build the smallest');
    expect(out).toContain('## A name is not the object\n\nIn JavaScript, as in Python, a variable name only points at an object.');
    expect(out).toContain('lazy> const foo = []\nlazy> const bar = foo\nlazy> foo === bar\ntrue\n');
    expect(out).toContain("lazy> const input_value = tf.constant(1.0)\nlazy> graph.getOperations()\n[<tf.Operation 'Const' type=Const>]\n");
    expect(out).toContain('lazy> console.log(graph.getOperations()[0].nodeDef)\nname: "Const"\n');
    expect(out).toContain('The lesson goes on in eager mode:\nlazy> :mode eager\neager mode: each op now runs at once');
    expect(out).toContain('eager> tf.multiply(tf.constant(0.8), tf.constant(1.0))\n<tf.Tensor: shape=(), dtype=float32, numpy=0.8>\n');
    // Every step printed what the lesson shows: no hint, and no directive or escape code anywhere.
    expect(out).not.toContain('the lesson got');
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('\x1b');
    expect(out).toContain('Exercise 1: your turn.');
    expect(out).toContain('lazy> sess.run(product)\narray([[12.]], dtype=float32)\n✓ Exercise 1: your answer prints what the lesson\'s answer prints.\n');
    expect(out).toContain('eager> graph.getOperations().length\n6\n✓ Exercise 2');
    expect(out).toContain('Six: the three from before');
    expect(out).toContain('End of lesson 1: 2 of 2 exercises solved.\nNext: tensorshell lesson 2 — Variables and placeholders\n');
    expect(code).toBe(0);
  }, 60_000);

  it('says what the lesson got after an edited step, and shows a wrong answer ✗ with the difference', async () => {
    const wrong = 'const product = tf.matmul(tf.constant([[3., 3.]]), tf.constant([[2.], [3.]]))\nproduct\nsess.run(product)\n';
    const { out, code } = await lesson(['1'], `\n\nfoo !== bar\n${'\n'.repeat(22)}${wrong}\n:skip\n`);
    expect(out).toContain('lazy> foo !== bar\nfalse\n  ↳ the lesson got: true\n');
    expect(out).toContain('lazy> sess.run(product)\narray([[15.]], dtype=float32)\nlazy> \n✗ Exercise 1: not yet.');
    expect(out).toContain("   <tf.Tensor 'MatMul:0' shape=(1, 1) dtype=float32>\n  -array([[12.]], dtype=float32)\n  +array([[15.]], dtype=float32)\n");
    expect(out).toContain('(exercise 1 skipped)');
    expect(out).not.toContain('✓');
    // The input ended at exercise 2's `:mode eager` step: the lesson was left before its end.
    expect(out).toContain('Left lesson 1 before its end');
    expect(code).toBe(1);
  }, 60_000);

  it('walks every lesson with each step as written and :solution at each exercise, and every output matches', async () => {
    for (const entry of listLessons()) {
      const { out } = await lesson([String(entry.number)], acceptAll(readLesson(entry.number)!.blocks));
      expect(out, entry.file).toMatch(new RegExp(`^End of lesson ${entry.number}: 0 of \\d exercises? solved\\.$`, 'm'));
      expect(out.split('\n').filter((l) => l.includes('↳')), entry.file).toEqual([]);
    }
  }, 300_000);

  it(':hint shows what a step or an answer prints; :solution puts the lesson\'s answer on the prompt', async () => {
    const { out, code } = await lesson(['1'], `:hint\n${ACCEPT_ALL_STEPS}:hint\n:solution\n\n\n\n\n${EXERCISE_2}`);
    expect(out).toContain('lazy> :hint\n  ↳ the lesson\'s code prints nothing\nlazy> const foo = []\n');
    expect(out).toContain("The lesson's answer prints:\n  <tf.Tensor 'MatMul:0' shape=(1, 1) dtype=float32>\n  array([[12.]], dtype=float32)\n");
    expect(out).toContain('lazy> const product = tf.matmul(tf.constant([[3., 3.]]), tf.constant([[2.], [2.]]))\nlazy> product\n');
    expect(out).toContain('End of lesson 1: 1 of 2 exercises solved.');
    expect(code).toBe(1);
  }, 60_000);

  it('keeps the REPL: a command, an input of your own or a failed edit leaves the step on the prompt', async () => {
    const { out } = await lesson(['1'], ':ops\n1 + 1\nconst foo = [}\n\n\n');
    expect(out).toMatch(/^lazy> :ops\n.*\nlazy> 1 \+ 1\n2\nlazy> const foo = \[}\nSyntaxError: .*\nlazy> const foo = \[\]\nlazy> const bar = foo\n/m);
    expect(out).not.toContain('the lesson got');
  }, 60_000);

  it('a command typed at the end of a step\'s code runs alone, and the code (as edited) is offered again; --plain is the line front end', async () => {
    // At a terminal the step's code is on the line, so `:hint` typed at once lands after it.
    const { out, err, code } = await lesson(['1', '--plain'], 'const foo = []:hint\nconst foo = [1]:ops\n\n\n');
    expect(err).toBe('');
    expect(out).toContain("lazy> const foo = []:hint\n  ↳ the lesson's code prints nothing\nlazy> const foo = [1]:ops\n");
    expect(out).not.toMatch(/SyntaxError|ReferenceError/);
    // :ops ran by itself (the graph is empty); the edited code came back on the prompt and ran as the step.
    expect(out).toContain('lazy> const foo = [1]:ops\nthe default graph is empty\nlazy> const foo = [1]\nlazy> const bar = foo\n');
    expect(code).toBe(1);
  }, 60_000);
});

const TINY = `# Lesson 1: Tiny

After this lesson you can
test the lesson runner.

<!-- hidden -->
\`\`\`tensorshell
> const secret = 41
\`\`\`

The secret plus one:

<!-- tolerance: 0.01 -->
\`\`\`tensorshell
> function plusOne(x) {
.   return x + 1
. }
> plusOne(secret) + 0.001
42
\`\`\`

**Exercise 1.** Print the secret.

<!-- exercise: 1 -->
\`\`\`tensorshell
> secret
41
\`\`\`
`;

describe('tensorshell lesson with a lesson of its own', () => {
  it('runs hidden setup silently, a step of several lines line by line, and numbers within the tolerance', async () => {
    const dir = mkdtempSync(join(scratch, 'lessons-'));
    writeFileSync(join(dir, '01-tiny.md'), TINY);
    let out = '';
    const stdin = new PassThrough();
    stdin.end('\n\n\n\nsecret\n');
    const stdout = new Writable({ write(chunk, _e, done) { out += String(chunk); done(); } });
    const code = await runLesson(['1'], { stdin, stdout, stderr: stdout }, { dir });
    expect(out).not.toContain('const secret');
    expect(out).toContain('lazy> function plusOne(x) {\n...   return x + 1\n... }\nlazy> plusOne(secret) + 0.001\n42.001\n\n**Exercise 1.** Print the secret.\n\nExercise 1: your turn.\n');
    expect(out).toContain('lazy> secret\n41\n✓ Exercise 1');
    expect(out).toContain('End of lesson 1: 1 of 1 exercise solved.\nThat was the last lesson.\n');
    expect(code).toBe(0);
  }, 60_000);

  it('says which file is not a lesson, and how a lesson starts', async () => {
    const dir = mkdtempSync(join(scratch, 'lessons-'));
    writeFileSync(join(dir, '02-untitled.md'), 'Some notes.\n');
    let err = '';
    const sink = new Writable({ write(chunk, _e, done) { err += String(chunk); done(); } });
    expect(await runLesson([], { stdin: new PassThrough(), stdout: sink, stderr: sink }, { dir })).toBe(1);
    expect(err).toBe('tensorshell lesson: lessons/02-untitled.md:1: a lesson starts with the line "# Lesson 2: Title" (2 from the file\'s name)\n');
  });
});

describe('what counts as the step on the prompt', () => {
  it('the step, or an edit that keeps most of it; not an input of your own or another command', () => {
    expect(isEditOf('const input_value = tf.constant(2.0)', 'const input_value = tf.constant(1.0)')).toBe(true);
    expect(isEditOf('foo !== bar', 'foo === bar')).toBe(true);
    expect(isEditOf(':mode eager', ':mode eager')).toBe(true);
    expect(isEditOf('sess.run(input_value)', 'const foo = []')).toBe(false);
    expect(isEditOf('input_value', 'graph.getOperations()')).toBe(false);
    expect(isEditOf(':ops', ':nodedef Mul')).toBe(false);
    expect(isEditOf('graph.getOperations()', ':ops')).toBe(false);
  });

  it('a command typed after the code splits off its end; colons in code never do', () => {
    const known = new Set(['hint', 'skip', 'ops', 'mode', 'help']);
    expect(splitTrailingCommand('const graph = tf.getDefaultGraph():hint', known)).toEqual({ code: 'const graph = tf.getDefaultGraph()', command: ':hint' });
    expect(splitTrailingCommand('const x = 1 :ops x/', known)).toEqual({ code: 'const x = 1', command: ':ops x/' });
    expect(splitTrailingCommand(':mode eager:hint', known)).toEqual({ code: ':mode eager', command: ':hint' });
    for (const line of [':hint', 'const o = { a: 1, b: c ? d :e }', 'x ? y :z', 'const s = "a:b"', 'foo:hinted']) expect(splitTrailingCommand(line, known), line).toBeNull();
  });
});

describe('tensorshell lesson N --check-exercise K FILE', () => {
  it('exits 0 with ✓ for a right answer, in plain lines or in a tensorshell block', async () => {
    const right = await lesson(['1', '--check-exercise', '1', answerFile('right.ts', `const product = tf.matmul(\n  tf.constant([[3., 3.]]),\n  tf.constant([[2.], [2.]]))\n${EXERCISE_1.split('\n').slice(1).join('\n')}`)]);
    expect(right).toEqual({ out: `✓ lesson 1, exercise 1: ${join(scratch, 'right.ts')} prints what the lesson's answer prints\n`, err: '', code: 0 });
    const block = answerFile('right.md', `\`\`\`tensorshell\n> ${EXERCISE_2.split('\n').join('\n> ').replace(/> $/, '')}\`\`\`\n`);
    expect((await lesson(['1', '--check-exercise', '2', block])).code).toBe(0);
  }, 60_000);

  it('exits 1 with the difference for a wrong one', async () => {
    const file = answerFile('wrong.ts', EXERCISE_1.replace('[[2.], [2.]]', '[[2.], [3.]]'));
    const { out, code } = await lesson(['1', '--check-exercise', '1', file]);
    expect(out.split('\n').slice(0, 6)).toEqual([
      `✗ lesson 1, exercise 1: ${file} does not print what the lesson's answer prints`,
      "--- lessons/01-names-and-objects.md:150 (the lesson's answer to exercise 1)",
      `+++ ${file} (yours)`,
      " <tf.Tensor 'MatMul:0' shape=(1, 1) dtype=float32>",
      '-array([[12.]], dtype=float32)',
      '+array([[15.]], dtype=float32)',
    ]);
    expect(code).toBe(1);
  }, 60_000);

  it("passes every lesson's own answers, given as plain lines", async () => {
    for (const entry of listLessons()) {
      const l = readLesson(entry.number)!;
      for (const exercise of l.blocks.filter((b) => b.exercise !== undefined)) {
        const answer = exercise.steps.map((s) => s.input).join('\n');
        const result = await checkExercise(l, exercise, answer, 'answer.ts');
        expect(result.report.join('\n'), `${entry.file}, exercise ${exercise.exercise}`).toMatch(/^✓ /);
      }
    }
  }, 300_000);

  it('exits 2 with a clear message for a bad lesson, exercise, file or option', async () => {
    const right = answerFile('any.ts', '1\n');
    const cases: Array<[string[], RegExp]> = [
      [['15'], /^tensorshell lesson: there is no lesson 15; the lessons are 1–14/],
      [['one'], /^tensorshell lesson: 'one' is not a lesson number/],
      [['1', '--check-exercise', '3', right], /^tensorshell lesson: lesson 1 has exercises 1 and 2, not exercise 3\n$/],
      [['1', '--check-exercise', '1', join(scratch, 'missing.ts')], /^tensorshell lesson: cannot read the answer .*missing\.ts: there is no such file\n$/],
      [['1', '--check-exercise', '1'], /^tensorshell lesson: --check-exercise takes the exercise's number and the file with your answer/],
      [['--check-exercise', '1', right], /^tensorshell lesson: which lesson\?/],
      [['1', '--fast'], /^tensorshell lesson: unknown option --fast\nusage: tensorshell lesson/],
    ];
    for (const [args, message] of cases) {
      const { out, err, code } = await lesson(args);
      expect({ args, out, code }).toEqual({ args, out: '', code: 2 });
      expect(err).toMatch(message);
    }
  });
});

describe('the built CLI', () => {
  ensureBuilt('dist/cli.js');
  const cli = join(root, 'dist/cli.js');
  const run = (args: string[], input = '') => spawnSync(process.execPath, [cli, ...args], {
    cwd: scratch, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: mkdtempSync(join(scratch, 'home-')) },
  });

  it('finds the lessons from dist/, whatever the working directory', () => {
    const r = run(['lesson']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n12  Adding an op — use the `ZeroOut` op');
  });

  it('takes lesson 1 with stdin piped, and exits 0 when both exercises are solved', () => {
    const r = run(['lesson', '1'], `${ACCEPT_ALL_STEPS}${EXERCISE_1}\n${EXERCISE_2}`);
    expect(r.stdout).toContain('End of lesson 1: 2 of 2 exercises solved.');
    expect(r.status).toBe(0);
  }, 60_000);
});

/** `tensorshell lesson 1 ARGS` at a terminal, run from another folder (the lessons are found from dist/). */
const startLesson = (cols: number, args: string[] = []) => new PtyTerminal(['lesson', '1', ...args], { cols, rows: 40, cwd: scratch, home: mkdtempSync(join(scratch, 'home-')) });

afterEach(killAll);

describe.skipIf(!hasPty)(`tensorshell lesson N in a terminal${ptyNote ? ` — skipped: ${ptyNote}` : ''}`, () => {
  it('--plain puts each step on the prompt, runs it on Enter, and runs an edited one too', async () => {
    const t = startLesson(100, ['--plain']);
    await t.waitFor(/^lazy> const foo = \[\]$/m);
    await t.write('\r');
    await t.waitFor(/^lazy> const bar = foo$/m);
    await t.write('\r');
    await t.waitFor(/^lazy> foo === bar$/m);
    await t.write('\u0015foo !== bar\r');
    await t.waitFor(/^false\n {2}↳ the lesson got: true\n/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(1);
  });

  it('--plain at 60 columns breaks lines at spaces, never mid-word; :hint typed after the code on the line shows the hint and keeps the step', async () => {
    const t = startLesson(60, ['--plain']);
    const flat = (screen: string) => screen.replace(/\s*\n\s*/g, ' ');
    const first = await t.waitFor(/^lazy> const foo = \[\]$/m);
    expect(flat(first)).toContain('After this lesson you can build the smallest');
    // Every row is a line of the program's own, broken between words: none fills the width, as a row the terminal wrapped would.
    expect(first.split('\n').filter((row) => [...row].length >= 60)).toEqual([]);
    // A command's sentence is longer than the terminal: it is broken between words, not by the terminal.
    await t.write('\u0015:mode eager\r');
    const mode = await t.waitFor(/need a Session\.\neager> const foo = \[\]$/m);
    expect(flat(mode)).toContain('Your variables are kept; graph tensors made before keep their graph and need a Session.');
    // :hint typed a key at a time after the step's code.
    await t.type(':hint\r');
    await t.waitFor(/^eager> const foo = \[\]:hint\n {2}↳ the lesson's code prints nothing\neager> const foo = \[\]$/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(1);
  });

  it('without --plain opens the terminal UI: the prose above, the step on the prompt and the ops panel; Enter runs it', async () => {
    const t = startLesson(100);
    const first = await t.waitFor(/graph · 0 ops[\s\S]*^lazy> const foo = \[\]$[\s\S]*^lesson: Enter runs the code on the prompt/m);
    expect(first.replace(/\s*\n\s*/g, ' ')).toContain('Two names can point at the same one:');
    await t.write('\r');
    await t.waitFor(/^lazy> const foo = \[\]\n[\s\S]*^lazy> const bar = foo$/m);
    // The step's code can be dropped and an input of one's own typed instead; Ctrl-D on an empty prompt leaves.
    await t.write('\u0015');
    await t.waitFor(/^lazy>$/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(1);
  });

  it('in the terminal UI the ops panel follows the lesson: its first Const appears there, and :hint answers below the step', async () => {
    const t = startLesson(100);
    const steps = ['const foo = []', 'const bar = foo', 'foo === bar', 'const graph = tf.getDefaultGraph()', 'graph.getOperations()'];
    for (const step of steps) {
      await t.waitFor(new RegExp(`^lazy> ${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      await t.write('\r');
    }
    await t.waitFor(/^lazy> const input_value = tf\.constant\(1\.0\)$/m);
    await t.write('\r');
    await t.waitFor(/│ \+ Const +Const +│/);
    await t.waitFor(/^lazy> graph\.getOperations\(\)$/m);
    await t.write(':hint\r');
    await t.waitFor(/↳ the lesson's code prints: \[<tf\.Operation 'Const' type=Const>\]/);
    await t.write('\r');
    await t.waitFor(/^\[<tf\.Operation 'Const' type=Const>\]$/m);
    await t.write('\u0015\u0004');
    expect(await t.waitExit()).toBe(1);
  });
});
