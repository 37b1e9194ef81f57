#!/usr/bin/env node
// npm run bench, second half: how fast the REPL starts and answers. Wall times of real `node dist/cli.js`
// processes (spawn → exit, spawn → first prompt in a pseudo-terminal) and, in-process, the kernel's time per
// input. Medians (and p90) of repeated runs; the targets come from the REPL issue ("Start-up and speed").
// The peers' first answers (python3 with numpy, TensorFlow where it imports) are timed the same way.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from './lib/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
const quick = process.argv.includes('--quick');
const runs = quick ? 5 : 15;
// No history file in the user's home from a benchmark.
const home = mkdtempSync(join(tmpdir(), 'tensorshell-bench-'));
const env = { ...process.env, HOME: home };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median and p90 of samples. */
const spread = (xs) => ({ p50: median(xs), p90: quantile(xs, 0.9) });

/** Median and p90 wall milliseconds from spawn to exit of `node args…` with `input` on a pipe. */
function wall(args, input = '', command = process.execPath, n = runs) {
  const samples = [];
  for (let i = 0; i < n + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { input, env, cwd: root, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    if (i > 0) samples.push(ms); // the first run warms the OS file cache
  }
  return spread(samples);
}

/** Whether `python` can import `module`. */
function imports(python, module) {
  return spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8', env: { ...env, TF_CPP_MIN_LOG_LEVEL: '3' } }).status === 0;
}

/** util-linux `script` gives the REPL a pseudo-terminal without any npm package; BSD `script` differs. */
function hasScript() {
  const r = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /util-linux/.test(r.stdout);
}

/**
 * Spawn → the first `lazy> ` in a pseudo-terminal, and (if `type` is given) → the answer to `type` typed at
 * once, which waits for TypeScript's warm-up. One sample, in milliseconds.
 */
function ptyOnce(type, answer, args = '') {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `'${process.execPath}' '${cli}' ${args}`, '/dev/null'], { env, cwd: root });
    let out = '';
    let prompt = null;
    let finished = false;
    let exiting = false;
    let done = 0;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no prompt in 20 s:\n${out}`)); }, 20_000);
    // The last Ctrl-D can meet a REPL that has just exited.
    child.stdin.on('error', () => {});
    child.stdout.on('data', (d) => {
      out += String(d).replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // the terminal's colours and cursor moves
      if (prompt === null && out.includes('lazy> ')) {
        prompt = performance.now() - t0;
        if (type) child.stdin.write(`${type}\r`);
      }
      if (prompt !== null && !finished && (!type || answer.test(out.slice(out.indexOf(type))))) {
        finished = true;
        done = performance.now() - t0;
      }
      // Ctrl-D only at the next prompt: the plain front end runs an input with the terminal out of raw mode,
      // and an end-of-file typed then is lost when raw mode comes back.
      if (finished && !exiting && (!type || out.slice(out.indexOf(type) + type.length).includes('lazy>'))) {
        exiting = true;
        clearTimeout(timer);
        // A key that comes before the UI listens for keys is lost: say it again until the REPL is gone.
        child.stdin.write('\x04');
        const again = setInterval(() => child.stdin.write('\x04'), 250);
        child.on('exit', () => {
          clearInterval(again);
          resolve({ prompt, answer: done });
        });
      }
    });
  });
}

async function pty(type, answer, args) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) samples.push(await ptyOnce(type, answer, args));
  samples.shift();
  return { prompt: spread(samples.map((s) => s.prompt)), answer: spread(samples.map((s) => s.answer)) };
}

/** In a fresh process: the kernel's first TypeScript input (TypeScript and ts-node load), then the next ones. */
function kernelTimes() {
  const script = `
    const t0 = performance.now();
    const { Kernel } = await import(${JSON.stringify(join(root, 'dist/kernel/kernel.js'))});
    const t1 = performance.now();
    const lazy = new Kernel({ mode: 'lazy' });
    await lazy.execute('const w = tf.Variable(0.8)');
    const t2 = performance.now();
    await lazy.execute('const typed: number = 2');
    const t3 = performance.now();
    await lazy.execute('const x = tf.constant(1.0)');
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const per = async (kernel, code, n) => {
      for (let i = 0; i < 20; i++) await kernel.execute(code);
      const s = [];
      for (let i = 0; i < n; i++) { const a = performance.now(); await kernel.execute(code); s.push(performance.now() - a); }
      return median(s);
    };
    const n = ${quick ? 100 : 500};
    const lazyTs = await per(lazy, 'const y = w * x', n);
    const plainJs = await per(lazy, 'Math.max(1, 2)', n);
    const eager = new Kernel({ mode: 'eager' });
    await eager.execute('const w = tf.Variable(0.8); const x = tf.constant(1.0)');
    const eagerTs = await per(eager, 'const y = w * x', n);
    console.log(JSON.stringify({ importKernel: t1 - t0, firstTs: t2 - t1, firstTyped: t3 - t2, lazyTs, eagerTs, plainJs }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * The Ink UI's kernel process, forked as the UI forks it: spawn → its 'ready', and its first input (`1 + 1`)
 * sent 50 ms after 'ready', as a person's first line comes after the prompt (execute → result).
 */
async function kernelProcessTimes() {
  const { fork } = await import('node:child_process');
  const entry = join(root, 'dist/kernel/child-start.js');
  const ready = [];
  const first = [];
  for (let i = 0; i < runs + 1; i++) {
    await new Promise((resolve, reject) => {
      const t0 = performance.now();
      const proc = fork(entry, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], env, cwd: root });
      let sent = 0;
      const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('the kernel process did not answer in 20 s')); }, 20_000);
      proc.on('message', (m) => {
        if (m.type === 'ready') {
          if (i > 0) ready.push(performance.now() - t0);
          setTimeout(() => { sent = performance.now(); proc.send({ type: 'execute', id: 1, code: '1 + 1' }); }, 50);
        } else if (m.type === 'result') {
          if (i > 0) first.push(performance.now() - sent);
          clearTimeout(timer);
          proc.kill();
          resolve();
        }
      });
    });
  }
  return { ready: spread(ready), first: spread(first) };
}

const rows = [];
const row = (name, time, target, note = '') => {
  const { p50: ms, p90 } = typeof time === 'number' ? { p50: time, p90: null } : time;
  rows.push({ name, ms: Number(ms.toFixed(2)), p90: p90 === null ? null : Number(p90.toFixed(2)), target: target ?? null, note });
  const mark = target === undefined ? '' : ms <= target ? `  ≤ ${target} ms ✓` : `  > ${target} ms ✗`;
  const tail = p90 === null ? '' : ` (p90 ${p90.toFixed(p90 < 10 ? 2 : 0)})`;
  console.log(`${name.padEnd(56)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(7)} ms${tail}${mark}${note ? `  (${note})` : ''}`);
};

/** The peers' first answer to 1 + 1, spawn → exit, as a user would start them. */
function peerRows() {
  if (imports('python3', 'numpy')) {
    row('python3 -c 0 (Python alone)', wall(['-c', '0'], '', 'python3'));
    row('python3: import numpy, print(np.float32(1) + 1)', wall(['-c', 'import numpy as np; print(np.float32(1) + 1)'], '', 'python3'));
  } else {
    console.log('(numpy start-up: skipped, python3 cannot import numpy)');
  }
  const tfPython = process.env.TENSORSHELL_TF_PYTHON ?? 'python3';
  if (imports(tfPython, 'tensorflow')) {
    row('TensorFlow: import, print(tf.constant(1) + 1)', wall(['-c', 'import tensorflow as tf; print(int(tf.constant(1) + 1))'], '', tfPython, 3),
      undefined, `${tfPython}, 3 runs`);
  } else {
    console.log(`(TensorFlow start-up: skipped, no TensorFlow in ${tfPython}; set TENSORSHELL_TF_PYTHON)`);
  }
}

async function main() {
  console.log(`tensorshell start-up bench — node ${process.version}, median of ${runs} runs (after one warm-up run)`);
  const node = wall(['-e', '0']);
  row('node -e 0 (Node alone)', node);
  // Issue 16: the first answer within Node's own start-up + 250 ms; the terminal UI's within 500 ms.
  const firstAnswer = Math.round(node.p50 + 250);
  peerRows();
  row("import 'tensorshell' (engine + addon)", wall(['--input-type=module', '-e', "import 'tensorshell'"]));
  row('echo 0 | tensorshell --plain (spawn → exit)', wall([cli, '--plain'], '0\n'), 300);
  row("echo '1 + 1' | tensorshell", wall([cli], '1 + 1\n'), firstAnswer, 'Node alone + 250; no TypeScript loaded');
  row("echo 'const t: number = 1' | tensorshell", wall([cli], 'const t: number = 1\n'), undefined, 'type syntax: loads TypeScript');
  if (hasScript()) {
    row('script -qfec true (the pty set-up alone)', wall(['-qfec', 'true', '/dev/null'], '', 'script'));
    const first = await pty(undefined, undefined, '--plain');
    row('spawn → first prompt, --plain (pty via script)', first.prompt, 300, "includes script's pty set-up");
    const typed = await pty('1 + 1', /\n2\r?\n/, '--plain');
    row("spawn → answer to '1 + 1' typed at the prompt, --plain", typed.answer, firstAnswer + 35, "Node alone + 250 + script's pty set-up");
    const ui = await pty();
    row('spawn → first prompt, terminal UI (pty via script)', ui.prompt, undefined, 'Ink + the kernel process');
    const uiTyped = await pty('1 + 1', /\n2\r?\n/);
    row("spawn → answer to '1 + 1', terminal UI", uiTyped.answer, 500, 'Ink + the kernel process');
  } else {
    console.log('(spawn → first prompt: skipped, needs util-linux `script` for a pseudo-terminal)');
  }
  const kp = await kernelProcessTimes();
  row("the UI's kernel process: spawn → 'ready'", kp.ready);
  row("its first input, '1 + 1', sent 50 ms after 'ready'", kp.first, undefined, 'acorn loaded after ready');
  const k = kernelTimes();
  row('import the kernel (in a fresh process)', k.importKernel);
  row("first input: 'const w = tf.Variable(0.8)'", k.firstTs, undefined, 'acorn, no TypeScript');
  row("first input with type syntax: 'const typed: number = 2'", k.firstTyped, undefined, 'loads TypeScript + ts-node');
  row("one-line input after the first: lazy 'const y = w * x'", k.lazyTs, 5);
  row("one-line input after the first: eager 'const y = w * x'", k.eagerTs, 5);
  row("plain-JS input (skips TypeScript): 'Math.max(1, 2)'", k.plainJs, 5);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
}

try {
  await main();
} finally {
  rmSync(home, { recursive: true, force: true });
}
