// The REPL's commands, each through a real Kernel and its events, in both modes where the mode matters.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { COMMAND_NAMES } from '../src/kernel/command-names.js';
import { commands } from '../src/kernel/commands/index.js';
import { formatPair } from '../src/kernel/commands/time.js';
import { foldTrace } from '../src/kernel/commands/trace.js';
import type { Mode } from '../src/kernel/events.js';
import { parseTranscript } from '../src/transcript/format.js';
import { closeKernels, printingKernel } from './kernel-session.js';

/** A kernel whose `run(code)` resolves to what the plain front end prints for that input. */
const open = (mode: Mode = 'lazy') => printingKernel({ mode });

beforeEach(() => {
  tf.resetDefaultGraph();
});

afterEach(closeKernels);

const tmp = () => mkdtempSync(join(tmpdir(), 'tensorshell-commands-'));

describe('the command names the UI knows without loading the commands', () => {
  it('are the command table\'s, in its order', () => {
    expect(COMMAND_NAMES).toEqual(commands.map((c) => c.name));
  });
});

describe(':help, :mode, :ops, :desugar, :history, :trace', () => {
  it(':help lists every command with its usage', async () => {
    const out = await open().run(':help');
    for (const c of commands) expect(out).toContain(`:${c.name}${c.usage ? ` ${c.usage}` : ''}`);
    expect(out).toContain('?tf.<name>');
  });

  it(':mode says what a switch means and refuses other modes', async () => {
    const { kernel, run } = open();
    expect(await run(':mode')).toBe('lazy mode');
    expect(await run(':mode lazy')).toBe('already in lazy mode');
    expect(await run(':mode eager')).toBe('eager mode: each op now runs at once and returns its value (TF 2). Your variables are kept; graph tensors made before keep their graph and need a Session.');
    expect(kernel.mode).toBe('eager');
    expect(await run(':mode lazy')).toBe('lazy mode: ops are added to the default graph (0 ops so far) and run by a Session (TF 1.15). Your variables are kept; eager values become Consts when used.');
    expect(await run(':mode graph')).toBe("Error: :mode takes 'eager' or 'lazy', not 'graph'");
  });

  it(':ops lists name, type and inputs in aligned columns', async () => {
    const { run } = open();
    expect(await run(':ops')).toBe('the default graph is empty');
    await run('const counter = tf.Variable(0.0, { name: "counter" })');
    await run('const y = tf.constant(2.0) * counter');
    expect(await run(':ops')).toBe([
      'counter/initial_value  Const',
      'counter                VariableV2',
      'counter/Assign         Assign      counter:0, counter/initial_value:0',
      'counter/read           Identity    counter:0',
      'Const                  Const',
      'mul                    Mul         Const:0, counter/read:0',
    ].join('\n'));
    // One name scope (or the op of that name with it), columns fitted to what is listed.
    expect(await run(':ops counter/')).toBe([
      'counter/initial_value  Const',
      'counter                VariableV2',
      'counter/Assign         Assign      counter:0, counter/initial_value:0',
      'counter/read           Identity    counter:0',
    ].join('\n'));
    expect(await run(':ops mul')).toBe('mul  Mul  Const:0, counter/read:0');
    expect(await run(':ops gradients')).toBe('Error: no op is named gradients or is in the name scope gradients/; :ops lists them all');
  });

  it(':desugar shows the operator sugar as tf.ops calls', async () => {
    const { run } = open();
    expect(await run(':desugar weight * input_value')).toBe('tf.ops.mul(weight, input_value)');
    expect(await run(':desugar')).toBe('Error: :desugar needs some code, e.g. :desugar weight * input_value');
  });

  it(':history numbers whole inputs, without itself', async () => {
    const { run } = open();
    expect(await run(':history')).toBe('no inputs yet');
    await run('const a = 1');
    await run('function f() {\n  return a\n}');
    expect(await run(':history')).toBe('1  :history\n2  const a = 1\n3  function f() {\n     return a\n   }');
  });

  it(':trace shows the stack of the last error', async () => {
    const { run } = open();
    expect(await run(':trace')).toBe('no error yet');
    expect(await run('foo()')).toBe('ReferenceError: foo is not defined');
    const trace = await run(':trace');
    expect(trace).toContain('ReferenceError: foo is not defined');
    expect(trace).toMatch(/\n\s+at /);
  });

  it(":trace opens with the learner's frames and folds tensorshell's into one line; :trace all shows every frame", async () => {
    const { run } = open();
    await run('const A = tf.constant([[1.0, 2.0], [3.0, 4.0]])');
    await run('function g() { return tf.matmul(A, tf.constant([1.0])) }');
    await run('function f() { return g() }');
    expect(await run('f()')).toMatch(/^ValueError: Shape must be rank 2/);
    const lines = (await run(':trace')).split('\n');
    expect(lines[0]).toBe("ValueError: Shape must be rank 2 but is rank 1 for 'MatMul' (op: 'MatMul') with input shapes: [2,2], [1].");
    expect(lines.slice(1, 4)).toEqual([expect.stringMatching(/^ {4}at g \(repl:1:\d+\)$/), expect.stringMatching(/^ {4}at f \(repl:1:\d+\)$/), expect.stringMatching(/^ {4}at repl:1:\d+$/)]);
    expect(lines.at(-1)).toMatch(/^ {4}… \d+ frames inside tensorshell and Node \(:trace all shows them\)$/);
    // Nothing of the engine's own before the fold (this test file's frames are the learner's, as far as :trace can tell).
    expect(lines.slice(1, -1).filter((l) => /\/(dist|src)\/|node:/.test(l))).toEqual([]);
    const all = await run(':trace all');
    expect(all).toMatch(/\n {4}at .*[/\\](dist|src)[/\\]ops[/\\]/);
    expect(all.split('\n').length).toBeGreaterThan(lines.length);
    expect(await run(':trace some')).toBe("Error: :trace takes nothing or 'all', not 'some'");
  });

  it(':trace drops the source line vm puts before the stack, and keeps a stack with no engine frames whole', () => {
    const stack = ['file:///pkg/dist/graph/graph.js:223', '            throw e;', '            ^', '', 'ValueError: bad', '    at repl:1:4'].join('\n');
    expect(foldTrace({ name: 'ValueError', message: 'bad', stack })).toBe('ValueError: bad\n    at repl:1:4');
    expect(foldTrace({ name: 'KeyboardInterrupt', message: '' })).toBe('KeyboardInterrupt');
  });

  it('an unknown command says so', async () => {
    expect(await open().run(':frobnicate')).toBe('Error: unknown command :frobnicate; :help lists them');
  });
});

describe('?tf.name', () => {
  it('shows the declared signature and the first doc line; a class says it is callable', async () => {
    const { run } = open();
    expect(await run('?tf.matmul')).toBe('tf.matmul(a: Tensor, b: Tensor, transposeA?: boolean, transposeB?: boolean, { name?: string }): Tensor\n'
      + '  Matrix product of rank-2 tensors: op `MatMul` (`tf.matmul([[3, 3]], [[2], [2]])` → [[12]]).');
    // tf.add's own declaration, not a gradient helper's that happens to share the name.
    expect(await run('?tf.add')).toBe('tf.add(x: Tensor, y: Tensor, name?: string): Tensor\n  x + y, elementwise with broadcasting: op `Add` (`tf.add(1, 2)`).');
    expect(await run('?tf.reduceSum')).toMatch(/^tf\.reduceSum\(inputTensor: Tensor, axis\?: int \| int\[\] \| Tensor, keepDims\?: boolean, name\?: string\): Tensor\n/);
    expect(await run('?Session.run')).toMatch(/^Session\.run\(fetches: unknown, feedDict\?: FeedDict, options\?: unknown, runMetadata\?: unknown\): unknown\n  Evaluates/);
    expect(await run(':help tf.train.AdamOptimizer')).toMatch(/^tf\.train\.AdamOptimizer\(learningRate\?: number \| Tensor \| function, beta1\?: number, .*\): Optimizer {2}\(a class: call it with or without new\)\n {2}Adam/);
    expect(await run('?tf.nothing')).toBe('Error: tf.nothing is not part of the tensorshell API; try :help for the commands');
  });

  it('a kernel made with runEvents: false emits no run-finished (the plain front end\'s training loops stay fast)', async () => {
    const { kernel, events } = printingKernel({ runEvents: false });
    await kernel.execute('const s = tf.Session(); s.run(tf.constant(1))');
    expect(events.map((e) => e.type)).not.toContain('run-finished');
  });
});

describe(':compare', () => {
  const both = [
    'eager → <tf.Tensor: shape=(), dtype=float32, numpy=6.0>',
    "lazy  → <tf.Tensor 'mul:0' shape=() dtype=float32>, from 3 new ops:",
    '          Const  Const',
    '          mul/y  Const',
    '          mul    Mul    Const:0, mul/y:0',
    '        Session.run → 6.0',
  ].join('\n');

  it.each(['lazy', 'eager'] as const)('shows both halves in %s mode and leaves the mode and the graph alone', async (mode) => {
    const { kernel, events, run } = open(mode);
    expect(await run(':compare tf.constant(2.0) * 3')).toBe(both);
    expect(kernel.mode).toBe(mode);
    expect(tf.getDefaultGraph().version).toBe(0);
    // The lazy half's Session.run is not the user's: no run-finished event for the graph view.
    expect(events.some((e) => e.type === 'run-finished')).toBe(false);
  });

  it("uses the user's names, initializes variables the expression makes, and aligns multi-line values", async () => {
    const { run } = open();
    await run('const k = 2');
    expect(await run(':compare tf.Variable(1.5, { name: "w" }) * k')).toContain('\n          w/Assign         Assign      w:0, w/initial_value:0\n');
    expect(await run(':compare tf.constant([[1.0, 2.0], [3.0, 4.0]])')).toBe([
      'eager → <tf.Tensor: shape=(2, 2), dtype=float32, numpy=', '        array([[1., 2.],', '               [3., 4.]], dtype=float32)>',
      "lazy  → <tf.Tensor 'Const:0' shape=(2, 2) dtype=float32>, from 1 new op:", '          Const  Const',
      '        Session.run → array([[1., 2.],', '                             [3., 4.]], dtype=float32)',
    ].join('\n'));
  });

  it("takes the user's own graph tensors: their values in the eager half, the user's graph (left as it was) in the lazy half", async () => {
    const { run, events } = open();
    await run('const A = tf.constant([[1.0, 2.0], [3.0, 4.0]])');
    expect((await run(':compare tf.matmul(A, tf.transpose(A))')).split('\n')).toEqual([
      'eager → <tf.Tensor: shape=(2, 2), dtype=float32, numpy=',
      '        array([[ 5., 11.],',
      '               [11., 25.]], dtype=float32)>',
      '        (A is a graph tensor of yours: eager ops take values, so here it stands for its value, computed by a Session on your graph)',
      "lazy  → <tf.Tensor 'MatMul:0' shape=(2, 2) dtype=float32>, from 3 new ops in your graph (taken out again):",
      '          transpose/perm  Const',
      '          transpose       Transpose  Const:0, transpose/perm:0',
      '          MatMul          MatMul     Const:0, transpose:0',
      '        Session.run → array([[ 5., 11.],',
      '                             [11., 25.]], dtype=float32)',
    ]);
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual(['Const']);
    expect(await run(':compare A')).toContain("lazy  → <tf.Tensor 'Const:0' shape=(2, 2) dtype=float32>, already in your graph\n        Session.run → array([[1., 2.],");
    // The ops it built and took out again were never reported to the front ends.
    expect(events.filter((e) => e.type === 'ops-added' || e.type === 'ops-removed' || e.type === 'run-finished').map((e) => e.type)).toEqual(['ops-added']);
    // Built again later, the same names come back: nothing of :compare's is left in the graph.
    expect(await run('tf.transpose(A)')).toBe("<tf.Tensor 'transpose:0' shape=(2, 2) dtype=float32>");
  });

  it("reads variables from the user's session without running it or changing it; says what is missing", async () => {
    const { run } = open();
    await run('const W = tf.Variable([[2.0]], { name: "W" })');
    expect((await run(':compare tf.matmul(W, W)')).split('\n')).toEqual([
      'eager → W has no value for the eager half: Attempting to use uninitialized value W',
      'lazy  → FailedPreconditionError: Attempting to use uninitialized value W',
      '        \t [[{{node W/read}}]]',
      '        (:compare runs your graph with the variable values of your session: initialize them there first, sess.run(tf.globalVariablesInitializer()))',
    ]);
    await run('const sess = tf.Session(); sess.run(tf.globalVariablesInitializer()); sess.run(W.assign([[3.0]]))');
    const out = await run(':compare W.assign(tf.matmul(W, W))');
    expect(out).toContain('eager → <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[9.]], dtype=float32)>\n'
      + '        (W is a graph variable of yours: eager ops take values, so here it stands for its value, computed by a Session on your graph)');
    expect(out).toContain('Session.run → array([[9.]], dtype=float32)');
    // Both halves assigned to copies: the user's W is still 3.
    expect(await run('sess.run(W)')).toBe('array([[3.]], dtype=float32)');
    await run('const x = tf.placeholder("float32")');
    expect((await run(':compare x * 2')).split('\n')).toEqual([
      "eager → x has no value for the eager half: You must feed a value for placeholder tensor 'Placeholder' with dtype float",
      "lazy  → InvalidArgumentError: You must feed a value for placeholder tensor 'Placeholder' with dtype float",
      '        \t [[{{node Placeholder}}]]',
      '        (:compare feeds no placeholders: sess.run(expr, { feedDict }) does)',
    ]);
  });

  it('gives the eager half of an eager tensor, and the lazy half as a Const of its value', async () => {
    const { run } = open('eager');
    await run('const e = tf.constant(5.0)');
    await run(':mode lazy');
    const out = await run(':compare e * 2');
    expect(out).toContain('eager → <tf.Tensor: shape=(), dtype=float32, numpy=10.0>');
    expect(out).toContain('Session.run → 10.0');
  });

  it('takes one expression, not a declaration', async () => {
    const { run } = open();
    expect(await run(':compare')).toBe('Error: :compare needs an expression, e.g. :compare tf.constant(2) * 3');
    expect(await run(':compare const x = 1')).toMatch(/^SyntaxError: :compare takes one expression/);
    expect(await run(':compare await 1')).toMatch(/^SyntaxError: :compare takes a synchronous expression/);
  });
});

describe(':nodedef', () => {
  const mulDef = ['name: "mul"', 'op: "Mul"', 'input: "Const"', 'input: "counter/read"', 'attr {', '  key: "T"', '  value {', '    type: DT_FLOAT', '  }', '}'].join('\n');

  it.each(['mul', 'mul:0', 'y'])("prints the op's NodeDef (:nodedef %s)", async (name) => {
    const { run } = open();
    await run('const counter = tf.Variable(0.0, { name: "counter" })');
    await run('const y = tf.constant(2.0) * counter');
    expect(await run(`:nodedef ${name}`)).toBe(mulDef);
  });

  it('says KeyError and names similar ops when the op is missing', async () => {
    const { run } = open();
    await run('const y = tf.constant(2.0) * tf.constant(3.0)');
    expect(await run(':nodedef mull')).toBe("KeyError: The name 'mull' refers to an Operation not in the graph. Did you mean mul?");
    expect(await run(':nodedef const')).toBe("KeyError: The name 'const' refers to an Operation not in the graph. Did you mean Const, Const_1?");
    expect(await run(':nodedef zzzzzz')).toBe("KeyError: The name 'zzzzzz' refers to an Operation not in the graph. :ops lists the graph's 3 ops.");
    expect(await run(':nodedef')).toBe('Error: :nodedef needs an op name, e.g. :nodedef mul (:ops lists them)');
  });

  it('in eager mode, says why the graph is empty', async () => {
    const { run } = open('eager');
    await run('const y = tf.constant(2.0) * 3');
    expect(await run(':nodedef mul')).toBe("KeyError: The name 'mul' refers to an Operation not in the graph. The default graph is empty: in eager mode ops run at once and add nothing to it.");
  });
});

describe(':reset', () => {
  it('says what it would drop, and drops it on :reset yes; JS names are kept', async () => {
    const { kernel, run } = open();
    await run('const counter = tf.Variable(0, { name: "counter" })');
    await run('const weight = tf.Variable(0.8, { name: "weight" })');
    await run('const sess = tf.Session()');
    await run('sess.run(tf.globalVariablesInitializer())');
    const before = tf.getDefaultGraph();
    expect(await run(':reset')).toBe(':reset would drop 9 ops and 2 variables (counter, weight) and close 1 session (sess). Type :reset yes to do it; JS names are kept.');
    expect(tf.getDefaultGraph()).toBe(before);
    expect(await run(':reset yes')).toBe('dropped 9 ops and 2 variables (counter, weight) and closed 1 session (sess). JS names are kept; graph tensors they hold now belong to the old graph.');
    expect(tf.getDefaultGraph()).not.toBe(before);
    expect(tf.getDefaultGraph().version).toBe(0);
    expect(await run('sess.run(counter)')).toBe('RuntimeError: Attempted to use a closed Session.');
    expect(await run('counter.name')).toBe("'counter:0'");
    expect(kernel.mode).toBe('lazy');
  });

  it('closes an InteractiveSession no JS name holds', async () => {
    const { run } = open();
    await run('tf.InteractiveSession(); tf.constant(1)');
    expect(await run(':reset yes')).toBe('dropped 1 op and 0 variables and closed 1 session (the interactive session). JS names are kept; graph tensors they hold now belong to the old graph.');
    expect(tf.getDefaultSession()).toBeNull();
  });

  it.each(['lazy', 'eager'] as const)('resets at once when there is nothing to lose (%s mode; eager variables are no graph state)', async (mode) => {
    const { run } = open(mode);
    if (mode === 'eager') await run('const e = tf.Variable(1)');
    const before = tf.getDefaultGraph();
    expect(await run(':reset')).toBe('nothing to drop: the default graph was already empty (a fresh one is in place)');
    expect(tf.getDefaultGraph()).not.toBe(before);
    expect(await run(':reset now')).toBe("Error: :reset takes nothing or 'yes', not 'now'");
  });

  it('in eager mode, drops what earlier lazy inputs put in the graph', async () => {
    const { run } = open();
    await run('const v = tf.Variable(1)');
    await run(':mode eager');
    expect(await run(':reset')).toBe(':reset would drop 4 ops and 1 variable (Variable). Type :reset yes to do it; JS names are kept.');
  });
});

describe(':time', () => {
  const report = /^\d+(\.\d+)? (ns|µs|ms|s) ± \d+(\.\d+)? \2 per loop \(median ± IQR\/2 of (7|3) runs, \d+ loops? each\)$/;

  it.each(['lazy', 'eager'] as const)('reports median ± IQR/2 of several runs (%s mode)', async (mode) => {
    const { events, run } = open(mode);
    await run('const sess = tf.Session(); const x = tf.constant(3.0); const y = x * x');
    const out = await run(mode === 'lazy' ? ':time sess.run(y)' : ':time y * 2');
    expect(out).toMatch(report);
    expect(events.some((e) => e.type === 'run-finished')).toBe(false);
  });

  it('in lazy mode, says that graph building was timed and removes the ops it added', async () => {
    const { run } = open();
    await run('const c = tf.constant(2.0)');
    const [first, note] = (await run(':time c * 2')).split('\n');
    expect(first).toMatch(report);
    expect(note).toBe('lazy mode: each loop added 2 ops to the graph (removed again), so this timed building the graph, not computing it; :time sess.run(…) times the computation');
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual(['Const']);
    expect(await run('c * 2')).toBe("<tf.Tensor 'mul:0' shape=() dtype=float32>");
  });

  it('reports the expression\'s own error, and leaves no name behind', async () => {
    const { kernel, run } = open();
    expect(await run(':time nope * 2')).toBe('ReferenceError: nope is not defined');
    expect(await run(':time')).toBe('Error: :time needs an expression, e.g. :time tf.constant(2) * 3');
    expect(Object.getOwnPropertyNames(kernel.context).filter((n) => n.startsWith('__tensorshell_timed'))).toEqual([]);
  });

  it('formats a time in the unit of the median, with the spread in the same unit', () => {
    expect(formatPair(4.31e-6, 0.12e-6)).toBe('4.31 µs ± 0.12 µs');
    expect(formatPair(713e-9, 53e-9)).toBe('713 ns ± 53 ns');
    expect(formatPair(0.0251, 0.0004)).toBe('25.1 ms ± 0.4 ms');
    expect(formatPair(2.5, 0.25)).toBe('2.50 s ± 0.25 s');
  });
});

describe(':save and :load', () => {
  const session = [
    'const x = tf.constant(2.0)',
    'function twice(t) {\n  return t * 2\n}',
    'twice(x)',
    'undefinedName',
    ':nodedef mul',
    ':mode eager',
    'tf.constant([1, 2]) * 3',
  ];

  /** Runs `inputs`, saves, and returns the file and what each input printed. */
  async function saved(mode: Mode, inputs: readonly string[]) {
    const { run } = open(mode);
    const printed: string[] = [];
    for (const code of inputs) printed.push(await run(code));
    const file = join(tmp(), 'session.md');
    expect(await run(`:save ${file}`)).toBe(`saved ${inputs.length} input${inputs.length === 1 ? '' : 's'} to ${file}`);
    return { file, printed };
  }

  it('writes the inputs and outputs as a transcript, without the :save itself', async () => {
    const { file, printed } = await saved('lazy', session);
    const [block] = parseTranscript(readFileSync(file, 'utf8'), file);
    expect(block.mode).toBeUndefined();
    expect(block.steps.map((s) => s.input)).toEqual(session);
    expect(block.steps.map((s) => s.expected.join('\n'))).toEqual(printed);
    expect(printed[3]).toBe('ReferenceError: undefinedName is not defined');
  });

  it.each(['lazy', 'eager'] as const)('round trip from %s mode: :load into a fresh kernel prints the same outputs', async (mode) => {
    const inputs = mode === 'eager' ? ['const e = tf.constant([1, 2])', 'e * 2', ':mode lazy', 'e * 2'] : session;
    const { file, printed } = await saved(mode, inputs);
    expect(readFileSync(file, 'utf8').startsWith('<!-- mode: eager -->\n')).toBe(mode === 'eager');
    tf.resetDefaultGraph();
    const fresh = open('lazy');
    const summary = await fresh.run(`:load ${file}`);
    const byInput = new Map<number, string[]>();
    for (const e of fresh.events) {
      if (e.type === 'input-started') byInput.set(e.id, []);
      if (e.type === 'output') byInput.get(e.id)!.push(e.text);
      if (e.type === 'error') byInput.get(e.id)!.push(`${e.name}: ${e.message}`);
    }
    const outputs = [...byInput.values()].map((lines) => lines.join('\n'));
    // The first entry is the :load itself (its summary); an eager transcript first switches the mode.
    expect(outputs[0]).toBe(`ran ${inputs.length} inputs from ${file}`);
    expect(summary.endsWith(outputs[0])).toBe(true);
    expect(outputs.slice(mode === 'eager' ? 2 : 1)).toEqual(printed);
    expect(fresh.kernel.history.slice(mode === 'eager' ? 2 : 1)).toEqual(inputs);
  });

  it(':load runs a transcript without a mode directive in lazy mode, whatever mode the kernel is in', async () => {
    const { file, printed } = await saved('lazy', ['tf.constant(2.0) * 3']);
    tf.resetDefaultGraph();
    const { kernel, run } = open('eager');
    expect((await run(`:load ${file}`)).split('\n').slice(1)).toEqual([printed[0], `ran 1 input from ${file}`]);
    expect(kernel.mode).toBe('lazy');
  });

  it(':save after a :load records the loaded inputs, not the :load', async () => {
    const { file } = await saved('lazy', ['const a = tf.constant(1.0)', 'a * 2']);
    tf.resetDefaultGraph();
    const { run } = open();
    await run(`:load ${file}`);
    const again = join(tmp(), 'again.md');
    await run(`:save ${again}`);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it(':load stops at the first unexpected error and says file:line', async () => {
    const file = join(tmp(), 'broken.md');
    writeFileSync(file, ['# Broken', '```tensorshell', '> const a = 1', '> nope', '2', '> const after = 3', '```', ''].join('\n'));
    const { kernel, run } = open();
    const out = await run(`:load ${file}`);
    expect(out).toBe(`ReferenceError: nope is not defined\nError: :load stopped at ${file}:4 (ReferenceError, shown above); 2 of 3 inputs ran`);
    expect(kernel.context.after).toBeUndefined();
  });

  it(':load refuses a transcript that loads itself', async () => {
    const file = join(tmp(), 'self.md');
    writeFileSync(file, `\`\`\`tensorshell\n> const once = 1\n> :load ${file}\n\`\`\`\n`);
    const out = (await open().run(`:load ${file}`)).split('\n');
    expect(out[0]).toBe(`Error: :load: ${file} is already being loaded (it loads itself, directly or through another file)`);
    expect(out[1]).toBe(`Error: :load stopped at ${file}:3 (Error, shown above); 2 of 2 inputs ran`);
  });

  it(':load runs a .ts file as one input', async () => {
    const file = join(tmp(), 'model.ts');
    writeFileSync(file, 'const w: number = 3\nconst z = tf.constant(4.0) * w\nz\n');
    const { run } = open('eager');
    expect(await run(`:load ${file}`)).toBe(`<tf.Tensor: shape=(), dtype=float32, numpy=12.0>\nran ${file} as one input`);
    expect(await run('z')).toBe('<tf.Tensor: shape=(), dtype=float32, numpy=12.0>');
  });

  it('reports bad files and bad arguments clearly', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '```tensorshell\noutput first\n```\n');
    const { run } = open();
    expect(await run(`:load ${bad}`)).toBe(`TranscriptError: ${bad}:2: output before any input (input lines start with '> ')`);
    expect(await run(`:load ${join(dir, 'missing.md')}`)).toMatch(/^Error: :load cannot read .*missing\.md: no such file/);
    expect(await run(':load')).toBe('Error: :load needs a file name, e.g. :load session.md');
    expect(await run(':save')).toBe('Error: :save needs a file name, e.g. :save session.md');
    expect(await open().run(`:save ${join(dir, 'empty.md')}`)).toBe('Error: nothing to save yet: no input has run in this session');
    await run('1 + 1');
    expect(await run(`:save ${join(dir, 'no', 'such', 'dir.md')}`)).toMatch(/^Error: :save cannot write .*: no such directory/);
  });
});

describe(':chart', () => {
  it('draws the logged scalars as text with a legend; :chart clear forgets them', async () => {
    const { run } = open('eager');
    expect(await run(':chart')).toMatch(/^nothing logged yet/);
    await run('for (let i = 0; i < 20; i++) tf.summary.scalar("loss", 1 / (i + 1))');
    const text = await run(':chart');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^ +1 ┼/);
    expect(lines[lines.length - 1]).toBe('  loss (last 0.05 at step 19)');
    expect(lines.length).toBe(13);
    expect(await run(':chart clear')).toBe('chart cleared');
    expect(await run(':chart')).toMatch(/^nothing logged yet/);
    expect(await run(':chart wide')).toBe("Error: :chart takes no argument but 'clear', not 'wide'");
  });
});
