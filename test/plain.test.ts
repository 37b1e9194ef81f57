// The plain front end as a user meets it: a real `node dist/cli.js` with stdin piped, and in a real terminal
// (a pseudo-terminal read by a terminal emulator, pty-terminal.ts). Piped output is compared byte for byte: it
// must diff cleanly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hasPty, killAll, ptyNote, PtyTerminal } from './pty-terminal.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
// Every run gets its own HOME under here, so no history file lands in the user's.
const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI with `input` on a pipe; a hang fails the test (the timeout is a guard, not a measurement). */
function tensorshell(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input, encoding: 'utf8', timeout: 20_000, env: { ...process.env, HOME: mkdtempSync(join(scratch, 'home-')) },
  });
  expect(r.signal, `killed: ${r.stderr}`).toBeNull();
  return { out: r.stdout, err: r.stderr, code: r.status };
}

describe('plain front end (stdin piped)', () => {
  it("`echo '1 + 1' | tensorshell` prints 2 and exits 0", () => {
    expect(tensorshell('1 + 1\n')).toEqual({ out: '2\n', err: '', code: 0 });
  });

  it('prints no prompt and no escape code when stdout is not a terminal', () => {
    const { out } = tensorshell('const a = tf.constant([1.0, 2.0])\na\n({ n: 1, s: "x" })\n[1, 2, 3]\n');
    expect(out).toBe("<tf.Tensor 'Const:0' shape=(2,) dtype=float32>\n{ n: 1, s: 'x' }\n[ 1, 2, 3 ]\n");
    expect(Buffer.from(out).includes(0x1b)).toBe(false);
  });

  it('prints `ErrorClass: message` and goes on with every earlier variable', () => {
    const { out, code } = tensorshell('const k = 20\nnope\nk + 1\nnull.x\nk + 2\n');
    expect(out).toBe([
      'ReferenceError: nope is not defined',
      '21',
      "TypeError: Cannot read properties of null (reading 'x')",
      '22',
      '',
    ].join('\n'));
    expect(code).toBe(0);
  });

  it('--bail exits 1 at the first error and runs nothing after it', () => {
    const { out, code } = tensorshell('1\nnope\nconsole.log("ran")\n2\n', ['--bail']);
    expect(out).toBe('1\nReferenceError: nope is not defined\n');
    expect(code).toBe(1);
  });

  it('--bail with no error exits 0', () => {
    expect(tensorshell('1 + 1\n', ['--bail'])).toEqual({ out: '2\n', err: '', code: 0 });
  });

  it('a syntax error is reported and the next input still runs', () => {
    const { out, code } = tensorshell('1 +* 2\n3\n');
    expect(out).toMatch(/^SyntaxError: .+\n3\n$/);
    expect(code).toBe(0);
  });

  it('an input over three lines runs as one', () => {
    const { out } = tensorshell('function twice(x) {\n  return x * 2\n}\ntwice(21)\n');
    expect(out).toBe('42\n');
  });

  it('an unterminated brace at the end of input is a syntax error, not a hang', () => {
    const { out, code } = tensorshell('1\nfunction f() {\n  return 1\n');
    expect(out).toBe('1\nSyntaxError: the input ended inside an unfinished statement: function f() {\n');
    expect(code).toBe(0);
    expect(tensorshell('function f() {\n', ['--bail']).code).toBe(1);
  });

  it('exits at the end of input even when an input left a timer running', () => {
    const { out, code } = tensorshell('setInterval(() => {}, 1000); 0\n1\n');
    expect(out).toBe('0\n1\n');
    expect(code).toBe(0);
  });

  it('awaits a top-level await before reading the next input', () => {
    expect(tensorshell('const v = await Promise.resolve(5)\nv + 1\n').out).toBe('6\n');
  });

  it('--show-ops prints the ops each lazy input added, and nothing for inputs that add none', () => {
    const { out } = tensorshell('const a = tf.constant(2)\nconst b = a * 3\n1 + 1\n', ['--show-ops']);
    expect(out).toBe('+ Const (Const)\n+ mul/y (Const)\n+ mul (Mul) ← Const:0, mul/y:0\n2\n');
  });

  it('--eager prints values, as TF 2 does', () => {
    const { out } = tensorshell('const a = tf.constant(2.0)\na * 3\n', ['--eager', '--show-ops']);
    expect(out).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=6.0>\n');
  });

  it('lazy mode prints the symbolic tensor', () => {
    expect(tensorshell('tf.constant(2.0) * 3\n').out).toBe("<tf.Tensor 'mul:0' shape=() dtype=float32>\n");
    expect(tensorshell('tf.constant(2) * 3\n').out).toBe("<tf.Tensor 'mul:0' shape=() dtype=int32>\n");
  });

  it('pasted prompts are stripped', () => {
    expect(tensorshell('lazy> 1 + 1\n>>> 2 + 2\n').out).toBe('2\n4\n');
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const { out, err, code } = tensorshell('', ['--help']);
    expect(out).toMatch(/^usage: tensorshell .*--bail.*--show-ops/);
    expect(out).toContain('--eager');
    expect({ err, code }).toEqual({ err: '', code: 0 });
  });

  it('an unknown flag exits 2 with the usage on stderr', () => {
    const { out, err, code } = tensorshell('1\n', ['--fast']);
    expect(out).toBe('');
    expect(err).toMatch(/^tensorshell: unknown option --fast\nusage: tensorshell/);
    expect(code).toBe(2);
  });
});

const hasTimeout = spawnSync('timeout', ['--version']).status === 0;

/** The CLI at a prompt in a 120×40 terminal, with its own HOME (for the history file). */
function start(home = mkdtempSync(join(scratch, 'home-'))): PtyTerminal {
  // `timeout` relays each SIGINT to the REPL, as `npm start` does, so one Ctrl-C arrives twice (from the
  // terminal and from it): the front end must count it once.
  return new PtyTerminal(['--plain'], { cols: 120, rows: 40, home, keepTrailingSpaces: true, wrapper: hasTimeout ? ['timeout', '--foreground', '120'] : [] });
}

/** Types a line and its Enter in one write, and waits for what it should print (no typing ahead). */
async function enter(t: PtyTerminal, line: string, expected: RegExp): Promise<string> {
  await t.write(`${line}\r`);
  return t.waitFor(expected);
}

afterEach(killAll);

describe.skipIf(!hasPty)(`interactive front end (in a terminal)${ptyNote ? ` — skipped: ${ptyNote}` : ''}`, () => {
  it('prompts `lazy> `, continues with `... `, and exits 0 on Ctrl-D', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    // The terminal is left as it was found: no bracketed paste, no mouse reports.
    expect(t.term.modes.bracketedPasteMode).toBe(false);
    await enter(t, 'function twice(x) {', /^\.\.\. $/m);
    await enter(t, 'return x * 2 }', /^lazy> $/m);
    await enter(t, 'twice(4)', /^8\nlazy> $/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(0);
  });

  it('a line typed one byte at a time runs as one typed in one write', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await t.type('const n = 6 * 7\r', { chunk: 1 });
    await t.waitFor(/^lazy> const n = 6 \* 7\nlazy> $/m);
    await t.type('n\r');
    await t.waitFor(/^lazy> n\n42\nlazy> $/m);
  });

  it('Tab completes tf. names, the session\'s names and their members', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await t.write('tf.matm\t');
    await t.waitFor(/^lazy> tf\.matmul$/m);
    await t.write('\u0015tf.train.GradientDes\t');
    await t.waitFor(/^lazy> tf\.train\.GradientDescentOptimizer$/m);
    await t.write('\u0015');
    await t.waitFor(/^lazy> $/m);
    await enter(t, 'const sess = tf.Session()', /^lazy> const sess = tf\.Session\(\)\nlazy> $/m);
    await t.write('sess.r\t');
    await t.waitFor(/^lazy> sess\.run$/m);
    await t.write('\u0015x = ses\t');
    await t.waitFor(/^lazy> x = sess$/m);
  });

  it('Ctrl-C stops `while (true) {}` and every earlier variable is kept', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await enter(t, 'const w = tf.constant(3.0)', /^lazy> const w .*\nlazy> $/m);
    await enter(t, 'console.log("spinning"); while (true) {}', /^spinning$/m);
    await t.write('\u0003');
    await t.waitFor(/interrupted.*\nlazy> $/im);
    await enter(t, 'w', /^<tf\.Tensor 'Const:0' shape=\(\) dtype=float32>\nlazy> $/m);
  });

  it('Ctrl-C stops an awaited promise: a KeyboardInterrupt, the prompt back, its names unbound, the others kept', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await enter(t, 'const w = tf.constant(3.0)', /^lazy> const w .*\nlazy> $/m);
    // "waiting" comes from a timer, so the input is surely past compiling and running its first part.
    await enter(t, 'const half = 1; const never = await new Promise(() => { setTimeout(() => console.log("waiting"), 0) })', /^waiting$/m);
    await t.write('\u0003');
    await t.waitFor(/^KeyboardInterrupt: the input was interrupted; every earlier variable, op and session is kept\.\nlazy> $/m);
    await enter(t, 'w', /^<tf\.Tensor 'Const:0' shape=\(\) dtype=float32>\nlazy> $/m);
    await enter(t, 'typeof half + typeof never', /^'undefinedundefined'\nlazy> $/m);
    // At the prompt Ctrl-C is a key again: the first says how to exit, the second exits.
    await t.write('\u0003');
    await t.waitFor(/\(To exit, press Ctrl\+C again or Ctrl\+D\)\nlazy> $/m);
    await t.write('\u0003');
    expect(await t.waitExit()).toBe(0);
  });

  it('Ctrl-C drops a typed line; twice at an empty prompt it exits', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await t.write('1 + ');
    await t.waitFor(/^lazy> 1 \+ $/m);
    await t.write('\u0003');
    await t.waitFor(/^lazy> 1 \+ \nlazy> $/m);
    await t.write('\u0003');
    await t.waitFor(/\(To exit, press Ctrl\+C again or Ctrl\+D\)\nlazy> $/m);
    await t.write('\u0003');
    expect(await t.waitExit()).toBe(0);
  });

  it('history keeps whole inputs in ~/.tensorshell_history, and Up brings one back whole', async () => {
    const t = start();
    await t.waitFor(/^lazy> $/m);
    await enter(t, 'function inc(x) {', /^\.\.\. $/m);
    await enter(t, 'return x + 1', /^\.\.\. return x \+ 1\n\.\.\. $/m);
    await enter(t, '}', /^\.\.\. }\nlazy> $/m);
    await enter(t, 'inc(1)', /^2\nlazy> $/m);
    await t.write('\u0004');
    expect(await t.waitExit()).toBe(0);
    const saved = readFileSync(join(t.home, '.tensorshell_history'), 'utf8');
    expect(saved).toBe('"function inc(x) {\\nreturn x + 1\\n}"\n"inc(1)"\n');

    const again = start(t.home);
    await again.waitFor(/^lazy> $/m);
    await again.write('\u001B[A\u001B[A');
    await again.waitFor(/^lazy> function inc\(x\) \{\nreturn x \+ 1\n\}$/m);
    await enter(again, '', /^lazy> $/m);
    await enter(again, 'inc(41)', /^42\nlazy> $/m);
  });
});
