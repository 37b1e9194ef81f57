// :export, :save-vars and :restore-vars through a real Kernel and what the plain front end prints, in both modes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { BundleReader } from '../src/io/bundle.js';
import { GraphDef, graphDefOf } from '../src/io/graph-def.js';
import { dotQuote } from '../src/io/graph-dot.js';
import { completeNames } from '../src/kernel/complete-names.js';
import { tfNames } from '../src/kernel/tf-names.js';
import type { Mode } from '../src/kernel/events.js';
import { closeKernels, printingKernel } from './kernel-session.js';

const open = (mode: Mode = 'lazy') => printingKernel({ mode });
const tmp = () => mkdtempSync(join(tmpdir(), 'tensorshell-io-commands-'));
const UNCHANGED = 'nothing was restored: every variable keeps the value it had';

beforeEach(() => {
  tf.resetDefaultGraph();
});

afterEach(closeKernels);

/** A lazy kernel with two initialized variables (one in a name scope), a control edge and an op's second output used. */
async function lazyModel() {
  const k = open('lazy');
  for (const code of [
    'const w = tf.Variable([1.0, 2.0], { name: "w" })',
    'const b = tf.Variable(3.0, { name: "layer/b" })',
    'const y = tf.add(w, b, "layer/y")',
    'const logits = tf.constant([[1.0, 2.0]])',
    'const xent = tf.nn.softmaxCrossEntropyWithLogits({ labels: tf.constant([[0.0, 1.0]]), logits })',
    'const grads = tf.gradients(xent, [logits])',
    'const sess = tf.Session()',
    'sess.run(tf.globalVariablesInitializer())',
  ]) expect(await k.run(code)).not.toMatch(/Error/);
  return k;
}

describe(':export', () => {
  it('writes .pbtxt and .pb that parse back to the same GraphDef, and says what it wrote', async () => {
    const { run } = await lazyModel();
    const dir = tmp();
    const graph = tf.getDefaultGraph();
    const names = graph.getOperations().map((op) => op.name);
    const n = names.length;
    expect(await run(`:export ${dir}/g.pbtxt`)).toBe(`wrote ${n} ops to ${dir}/g.pbtxt, a GraphDef in text format: TF's tf.compat.v1.import_graph_def reads it, as does tf.importGraphDef given the file's text`);
    const text = readFileSync(`${dir}/g.pbtxt`, 'utf8');
    expect(text).toBe(graphDefOf(graph).toString());
    expect(GraphDef.parse(text).node.map((node) => node.name)).toEqual(names);
    expect(await run(`:export ${dir}/g.pb`)).toBe(`wrote ${n} ops to ${dir}/g.pb, a binary GraphDef: Netron opens it; TF's tf.compat.v1.import_graph_def reads it, as does tf.importGraphDef given the file's bytes`);
    const bytes = readFileSync(`${dir}/g.pb`);
    expect(new Uint8Array(bytes)).toEqual(graphDefOf(graph).serialize());
    expect(GraphDef.parse(new Uint8Array(bytes)).node.map((node) => node.name)).toEqual(names);
    expect(GraphDef.parse(new Uint8Array(bytes)).node.map((node) => node.op)).toEqual(graph.getOperations().map((op) => op.type));
    // Written again: it says so, and leaves no temporary file behind.
    expect(await run(`:export ${dir}/g.pb`)).toContain('a binary GraphDef (it replaced the file that was there):');
    expect(readdirSync(dir).sort()).toEqual(['g.pb', 'g.pbtxt']);
  });

  it('writes .dot with a node per op, labelled edges, dashed control edges and scopes as clusters', async () => {
    const { run } = await lazyModel();
    const file = join(tmp(), 'graph.dot');
    const ops = tf.getDefaultGraph().getOperations();
    expect(await run(`:export ${file}`)).toBe(`wrote ${ops.length} ops to ${file}, a Graphviz drawing: dot -Tsvg ${file} -o ${file.slice(0, -4)}.svg draws it`);
    const dot = readFileSync(file, 'utf8');
    expect(dot.startsWith('digraph "tensorshell" {\n') && dot.endsWith('}\n')).toBe(true);
    for (const op of ops) {
      expect(dot).toContain(`"${op.name}" [label="${op.name}\\n${op.type}"];`);
      for (const t of op.inputs) expect(dot).toContain(`"${t.op.name}" -> "${op.name}" [label="${t.valueIndex ? `:${t.valueIndex} ` : ''}${t.shape}"];`);
      for (const c of op.controlInputs) expect(dot).toContain(`"${c.name}" -> "${op.name}" [style=dashed];`);
    }
    expect(dot).toContain('"w/Assign" -> "init" [style=dashed];');
    expect(dot).toContain('"softmax_cross_entropy_with_logits" -> "gradients/zeros_like" [label=":1 (1, 2)"];');
    expect(dot).toContain('"w" -> "w/read" [label="(2,)"];');
    // Scopes nest; the variable `w` is drawn inside its own scope, with w/Assign and w/read.
    const cluster = (label: string) => new RegExp(`subgraph "cluster_\\d+" \\{\\n\\s*label="${label}";[^]*?\\n(\\s*)\\}`);
    expect(dot).toMatch(cluster('layer'));
    expect(cluster('w').exec(dot)![0]).toContain('"w" [label="w\\nVariableV2"];');
    expect(cluster('b').exec(dot)![0]).toContain('"layer/b/read"');
    // Every line is a statement of quoted names: nothing unbalanced.
    const quoted = '"(?:[^"\\\\]|\\\\.)*"';
    const statement = new RegExp(`^\\s*(?:${quoted} (?:-> ${quoted} )?\\[[^\\]]*\\];|subgraph ${quoted} \\{|label=${quoted}; .*;|\\}|(?:graph|node|edge) \\[.*\\];|digraph ${quoted} \\{)$`);
    for (const line of dot.trimEnd().split('\n')) expect(line).toMatch(statement);
  });

  it('quotes and escapes any name for DOT', () => {
    expect(dotQuote('a/b-1.x>y')).toBe('"a/b-1.x>y"');
    expect(dotQuote('say "hi"\\n')).toBe('"say \\"hi\\"\\\\n"');
    expect(dotQuote('two\nlines')).toBe('"two\\nlines"');
    expect(dotQuote('ends in \\')).toBe('"ends in \\\\"');
  });

  it('refuses other extensions, an empty graph and a missing directory, and writes nothing', async () => {
    const { run } = open('lazy');
    const dir = tmp();
    expect(await run(`:export ${dir}/g.pbtxt`)).toBe('Error: :export: nothing to export: the default graph is empty; define some ops first');
    await run('const c = tf.constant(1.0)');
    expect(await run(`:export ${dir}/g.txt`)).toBe(`Error: :export writes .pbtxt (GraphDef text), .pb (binary GraphDef) or .dot (Graphviz); ${dir}/g.txt ends in .txt`);
    expect(await run(`:export ${dir}/g`)).toBe(`Error: :export writes .pbtxt (GraphDef text), .pb (binary GraphDef) or .dot (Graphviz); ${dir}/g has no extension`);
    expect(await run(':export')).toBe('Error: :export needs a file name, e.g. :export graph.pbtxt (or graph.pb, graph.dot)');
    expect(await run(`:export ${dir}/no/g.pb`)).toBe(`Error: :export cannot write ${dir}/no/g.pb: no such directory ${dir}/no (relative names start at ${process.cwd()})`);
    expect(readdirSync(dir)).toEqual([]);
    expect(await run('c')).toBe('<tf.Tensor \'Const:0\' shape=() dtype=float32>');
  });

  it('in eager mode, says the graph is empty, or that what it wrote was built in lazy mode', async () => {
    const { run } = open('eager');
    const dir = tmp();
    expect(await run(`:export ${dir}/g.pb`)).toBe('Error: :export: nothing to export: the default graph is empty (in eager mode each op runs at once and adds nothing to it; :mode lazy, then build a graph)');
    await run(':mode lazy');
    await run('const c = tf.constant(1.0)');
    await run(':mode eager');
    expect((await run(`:export ${dir}/g.pb`)).split('\n')[1]).toBe('(the graph built in lazy mode: eager ops add nothing to it)');
  });
});

describe(':save-vars and :restore-vars in lazy mode', () => {
  it('saves the session\'s values as a V2 checkpoint and restores them', async () => {
    const { run } = await lazyModel();
    const prefix = join(tmp(), 'model.ckpt');
    expect(await run(`:save-vars ${prefix}`)).toBe([
      `saved 2 variables (w, layer/b) from sess to ${prefix}`,
      `wrote ${prefix}.index and ${prefix}.data-00000-of-00001, a TensorFlow V2 checkpoint; :restore-vars ${prefix} reads it back, as does TF's tf.train.load_checkpoint`,
    ].join('\n'));
    expect([...new BundleReader(prefix).entries.keys()]).toEqual(['layer/b', 'w']);
    expect(existsSync(join(prefix, '..', 'checkpoint'))).toBe(false);
    await run('sess.run([w.assign([5, 6]), b.assign(7)])');
    expect(await run(`:restore-vars ${prefix}`)).toBe(`restored 2 variables (w, layer/b) into sess from ${prefix}`);
    expect(await run('sess.run([w, b])')).toBe('[array([1., 2.], dtype=float32), 3.0]');
    expect(await run(`:save-vars ${prefix}`)).toContain('a TensorFlow V2 checkpoint (it replaced the one that was there);');
  });

  it('restores into a fresh session without an initializer run, and notes what it could not match', async () => {
    const { run } = await lazyModel();
    const prefix = join(tmp(), 'model.ckpt');
    await run(`:save-vars ${prefix}`);
    await run(':reset yes');
    await run('const w2 = tf.Variable([0.0, 0.0], { name: "w" })');
    await run('const extra = tf.Variable(0.0, { name: "extra" })');
    await run('const s = tf.Session()');
    expect(await run(`:restore-vars ${prefix}`)).toBe([
      `restored 1 variable (w) into s from ${prefix}`,
      'not in the checkpoint, so left as it was: extra (uninitialized)',
      'in the checkpoint but no variable here, so not restored: layer/b',
    ].join('\n'));
    expect(await run('s.run(w2)')).toBe('array([1., 2.], dtype=float32)');
  });

  it('skips uninitialized variables with a note; refuses when there is nothing to save', async () => {
    const { run } = open('lazy');
    const prefix = join(tmp(), 'model.ckpt');
    expect(await run(`:save-vars ${prefix}`)).toBe('Error: :save-vars: the default graph has no variables');
    await run('const w = tf.Variable([1.0, 2.0], { name: "w" })');
    await run('const v = tf.Variable(0.5, { name: "v" })');
    expect(await run(`:save-vars ${prefix}`)).toBe("Error: :save-vars: no open Session on the default graph holds the variables' values: create one and run the initializer, e.g. const sess = tf.Session(); sess.run(tf.globalVariablesInitializer())");
    await run('const sess = tf.Session()');
    expect(await run(`:save-vars ${prefix}`)).toBe('Error: :save-vars: nothing to save: sess holds no value for the 2 variables (w, v) yet; initialize them first: sess.run(tf.globalVariablesInitializer())');
    expect(existsSync(`${prefix}.index`)).toBe(false);
    await run('sess.run(w.initializer)');
    expect((await run(`:save-vars ${prefix}`)).split('\n')).toEqual([
      `saved 1 variable (w) from sess to ${prefix}`,
      expect.stringMatching(/^wrote /),
      'skipped 1 uninitialized variable (v): sess holds no value for it yet; initialize it and :save-vars again to include it',
    ]);
  });

  it('with several sessions, uses the one that ran last and says so, or the one named', async () => {
    const { run } = await lazyModel();
    const prefix = join(tmp(), 'model.ckpt');
    await run('const other = tf.Session()');
    await run('other.run(tf.globalVariablesInitializer())');
    await run('other.run(w.assign([9, 9]))');
    expect((await run(`:save-vars ${prefix}`)).split('\n')).toEqual([
      `saved 2 variables (w, layer/b) from other to ${prefix}`,
      expect.stringMatching(/^wrote /),
      `sess is open too; this used other, the session that ran last (:save-vars ${prefix} sess picks another)`,
    ]);
    expect((await run(`:save-vars ${prefix} sess`)).split('\n')[0]).toBe(`saved 2 variables (w, layer/b) from sess to ${prefix}`);
    expect(await run(`:restore-vars ${prefix} nope`)).toBe(`Error: :restore-vars: nope is not an open Session on the default graph; open: sess, other`);
    expect(await run(`:restore-vars ${prefix} other`)).toBe(`restored 2 variables (w, layer/b) into other from ${prefix}`);
    expect(await run('other.run(w)')).toBe('array([1., 2.], dtype=float32)');
    expect(await run(`:save-vars ${prefix} sess extra`)).toBe("Error: :save-vars takes a checkpoint prefix and optionally a session's JS name, e.g. :save-vars model.ckpt (or :save-vars model.ckpt sess)");
  });
});

describe(':restore-vars errors change nothing', () => {
  async function saved(mode: Mode) {
    const k = mode === 'lazy' ? await lazyModel() : open('eager');
    if (mode === 'eager') for (const code of ['const w = tf.Variable([1.0, 2.0])', 'const n = tf.Variable(4)']) await k.run(code);
    const prefix = join(tmp(), 'model.ckpt');
    expect(await k.run(`:save-vars ${prefix}`)).toMatch(/^saved /);
    await k.run(mode === 'lazy' ? 'sess.run(w.assign([5, 6]))' : 'w.assign([5, 6])');
    const value = mode === 'lazy' ? 'sess.run(w)' : 'w.numpy()';
    return { ...k, prefix, value };
  }

  for (const mode of ['lazy', 'eager'] as const) {
    it(`a missing, truncated or corrupt checkpoint is an error and the variables keep their values (${mode})`, async () => {
      const { run, prefix, value } = await saved(mode);
      const before = await run(value);
      expect(before).toBe('array([5., 6.], dtype=float32)');
      expect(await run(`:restore-vars ${prefix}.index`)).toBe(`Error: :restore-vars: no checkpoint at ${prefix}.index: ${prefix}.index.index does not exist; give the prefix, without the file's ending: :restore-vars ${prefix}\n${UNCHANGED}`);
      expect(await run(`:restore-vars ${prefix}-x`)).toBe(`Error: :restore-vars: no checkpoint at ${prefix}-x: ${prefix}-x.index does not exist\n${UNCHANGED}`);
      const data = `${prefix}.data-00000-of-00001`;
      const good = readFileSync(data);
      const flipped = Buffer.from(good);
      flipped[flipped.length - 1] ^= 0x01;
      writeFileSync(data, flipped);
      expect(await run(`:restore-vars ${prefix}`)).toMatch(new RegExp(`^DataLossError: .*Checksum does not match.*\\n${UNCHANGED}$`));
      truncateSync(data, good.length - 2);
      expect(await run(`:restore-vars ${prefix}`)).toMatch(new RegExp(`^DataLossError: .*\\n${UNCHANGED}$`));
      writeFileSync(data, good);
      truncateSync(`${prefix}.index`, 10);
      expect(await run(`:restore-vars ${prefix}`)).toMatch(new RegExp(`^DataLossError: [^]*\\n${UNCHANGED}$`));
      // Every value, and every JS name, is still there.
      expect(await run(value)).toBe(before);
      expect(await run('typeof w')).toBe("'object'");
    });
  }

  it('a shape that differs is an error, and no variable is set, not even the ones that matched (lazy)', async () => {
    const { run, prefix } = await saved('lazy');
    await run(':reset yes');
    await run('const w = tf.Variable([0.0, 0.0], { name: "w" })');
    await run('const b = tf.Variable([0.0, 0.0], { name: "layer/b" })');
    await run('const s = tf.Session()');
    expect(await run(`:restore-vars ${prefix}`)).toMatch(new RegExp(`^InvalidArgumentError: Restoring from checkpoint failed.[^]*lhs shape= \\[2\\] rhs shape= \\[\\][^]*\\n${UNCHANGED}$`));
    expect(await run('s.run(w)')).toMatch(/^FailedPreconditionError: .*uninitialized/);
  });

  it('a dtype that differs is an error, and no eager variable is set', async () => {
    const { run, prefix } = await saved('eager');
    await run('const n = tf.Variable(0.0)');
    expect(await run(`:restore-vars ${prefix}`)).toMatch(new RegExp(`^InvalidArgumentError: [^]*expected dtype float does not equal original dtype int32[^]*${UNCHANGED}$`));
    expect(await run('w.numpy()')).toBe('array([5., 6.], dtype=float32)');
  });
});

describe(':save-vars and :restore-vars in eager mode', () => {
  it("saves the eager variables under their JS names and restores them; `_` and aliases do not count", async () => {
    const { run } = open('eager');
    const prefix = join(tmp(), 'eager.ckpt');
    expect(await run(`:save-vars ${prefix}`)).toBe('Error: :save-vars: no JS name holds an eager tf.Variable');
    await run('const v = tf.Variable([1.5, 2.5])');
    await run('const u = tf.Variable(7)');
    await run('const alias = v');
    await run('v');
    expect(await run(`:save-vars ${prefix}`)).toBe([
      `saved 2 eager variables (v, u) to ${prefix}, under their JS names`,
      `wrote ${prefix}.index and ${prefix}.data-00000-of-00001, a TensorFlow V2 checkpoint; :restore-vars ${prefix} reads it back, as does TF's tf.train.load_checkpoint`,
    ].join('\n'));
    expect(await run(`:save-vars ${prefix} sess`)).toBe('Error: :save-vars: eager variables hold their own values; leave the session name (sess) out');
    await run('v.assign([0, 0])');
    await run('u.assign(0)');
    expect(await run(`:restore-vars ${prefix}`)).toBe(`restored 2 eager variables (v, u) from ${prefix}`);
    expect(await run('[v.numpy(), u.numpy(), alias.numpy()]')).toBe('[array([1.5, 2.5], dtype=float32), 7, array([1.5, 2.5], dtype=float32)]');
  });

  it('points at the other mode when the variables are there', async () => {
    const { run } = await lazyModel();
    const prefix = join(tmp(), 'model.ckpt');
    await run(`:save-vars ${prefix}`);
    await run(':mode eager');
    expect(await run(`:save-vars ${prefix}`)).toBe("Error: :save-vars: no JS name holds an eager tf.Variable (the default graph's 2 variables belong to lazy mode: :mode lazy, then :save-vars)");
    await run('const e = tf.Variable(1.0)');
    expect(await run(`:restore-vars ${prefix}`)).toBe(`Error: :restore-vars: none of the checkpoint's 2 tensors (layer/b, w) is a variable here (the JS names of eager variables: e)\n${UNCHANGED}`);
  });
});

describe(':help and Tab', () => {
  it('lists the three commands and completes command names', async () => {
    const out = await open().run(':help');
    expect(out).toMatch(/^ {2}:export <file\.pbtxt\|\.pb\|\.dot> +write the default graph to a file/m);
    expect(out).toMatch(/^ {2}:save-vars <prefix> \[session\] +save every variable as a TF V2 checkpoint/m);
    expect(out).toMatch(/^ {2}:restore-vars <prefix> \[session\] +set the variables from a :save-vars checkpoint/m);
    expect(completeNames(tfNames(), ':sav')).toEqual([[':save', ':save-vars'], ':sav']);
    expect(completeNames(tfNames(), ':re')).toEqual([[':reset', ':restore-vars'], ':re']);
    expect(completeNames(tfNames(), ':ex')).toEqual([[':export'], ':ex']);
    expect(completeNames(tfNames(), 'x = tf.train.Sav')).toEqual([['tf.train.Saver'], 'tf.train.Sav']);
  });
});
