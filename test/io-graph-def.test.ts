// GraphDef out and in (issue 15 item 3): the text TensorFlow writes for the seeds' graphs, round trips that
// compute the same values, TensorFlow-written graphs imported, and imports that fail without changing the graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { GraphDef } from '../src/io/graph-def.js';
import { caught, setMode } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/tf');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'));

afterEach(() => setMode('graph'));

/** The text with the producer line made ours (TF 2.21 wrote 2474; we imitate TF 1.15's 134). */
const asTf115 = (text: string) => text.replace(/producer: \d+/, 'producer: 134');

describe('graph.asGraphDef', () => {
  it("gives write_graph's text for the seeds' Const, Variable quartet and mul, node for node (TF-written golden)", () => {
    setMode('graph');
    const c = tf.constant(3.0);
    const w = tf.Variable(2.0);
    tf.ops.mul(w, c);
    const ours = String(tf.getDefaultGraph().asGraphDef());
    expect(ours).toBe(asTf115(fixture('seeds.pbtxt').toString('utf8')));
    expect(ours.match(/name: "[^"]+"/g)).toEqual(['name: "Const"', 'name: "Variable/initial_value"', 'name: "Variable"', 'name: "Variable/Assign"', 'name: "Variable/read"', 'name: "mul"']);
  });

  it('serializes to bytes that parse back to the same nodes; addShapes adds _output_shapes', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [null, 3], { name: 'x' });
    tf.reduceSum(tf.square(x), { axis: 1, name: 'y' });
    const def = tf.getDefaultGraph().asGraphDef();
    const back = GraphDef.parse(def.serialize());
    expect(back.toString()).toBe(def.toString());
    expect(GraphDef.parse(def.toString()).toString()).toBe(def.toString());
    const shaped = String(tf.getDefaultGraph().asGraphDef({ addShapes: true }));
    expect(shaped).toContain('key: "_output_shapes"');
    expect(shaped.match(/key: "_output_shapes"/g)!.length).toBe(tf.getDefaultGraph().getOperations().length);
    expect(caught(() => tf.getDefaultGraph().asGraphDef({ addShape: true } as never)).message).toMatch(/addShape/);
  });
});

describe('tf.importGraphDef', () => {
  for (const file of ['graph.pbtxt', 'graph.pb']) {
    it(`imports TensorFlow's own ${file} (VariableV2, Assign, Identity, MatMul, AddV2, Relu, Sum, init) and computes TF's values`, () => {
      setMode('graph');
      const data = file.endsWith('.pb') ? new Uint8Array(fixture(file)) : fixture(file).toString('utf8');
      expect(tf.importGraphDef(data)).toBeNull();
      const types = new Set(tf.getDefaultGraph().getOperations().map((o) => o.type));
      expect([...types].sort()).toEqual(['AddV2', 'Assign', 'Const', 'Identity', 'MatMul', 'NoOp', 'Placeholder', 'Relu', 'Sum', 'VariableV2']);
      const sess = tf.Session();
      sess.run('import/init');
      const y = sess.run('import/y:0', { 'import/x:0': expected.x }) as tf.NDArray;
      expect(y.toArray()).toEqual(expected.y);
      expect((sess.run('import/W:0') as tf.NDArray).toArray()).toEqual(expected.W);
    });
  }

  it('export → import into a fresh graph gives the same values, under a uniquified prefix', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [null, 2], { name: 'x' });
    const W = tf.Variable([[1, -2], [3, 4]], { name: 'W' });
    const h = tf.nn.relu(tf.add(tf.matmul(x, W.value()), tf.constant([0.5, -1])), { name: 'h' });
    tf.reduceSum(h, { axis: 1, name: 'y' });
    tf.globalVariablesInitializer();
    const text = String(tf.getDefaultGraph().asGraphDef());
    tf.resetDefaultGraph();
    tf.importGraphDef(text);
    tf.importGraphDef(text);
    const names = tf.getDefaultGraph().getOperations().map((o) => o.name);
    expect(names).toContain('import/W/Assign');
    expect(names).toContain('import_1/y');
    const sess = tf.Session();
    sess.run(['import/init', 'import_1/init']);
    for (const p of ['import', 'import_1']) {
      expect((sess.run(`${p}/y:0`, { [`${p}/x:0`]: expected.x }) as tf.NDArray).toArray()).toEqual(expected.y);
    }
    // Names inside an imported scope are taken: a new op beside them is uniquified, not a duplicate.
    const c = tf.constant(1, { name: 'import/y' });
    expect(c.op.name).toBe('import/y_1');
  });

  it('inputMap replaces an imported input with our tensor; returnElements gives tensors and ops', () => {
    setMode('graph');
    const mine = tf.constant([[2, 0]], { name: 'mine' });
    const [y, init] = tf.importGraphDef(fixture('graph.pbtxt').toString('utf8'), { inputMap: { 'x:0': mine }, returnElements: ['y:0', 'init'], name: 'net' })!;
    expect([(y as tf.Tensor).name, (init as tf.Operation).name]).toEqual(['net/y:0', 'net/init']);
    const sess = tf.Session();
    sess.run(init);
    // relu([2, 0]·W + b) = relu([2.5, -5]) → 2.5
    expect((sess.run(y) as tf.NDArray).toArray()).toEqual([2.5]);
    expect(caught(() => tf.importGraphDef(fixture('graph.pbtxt').toString('utf8'), { inputMap: { 'nope:0': mine } })).message)
      .toBe('Attempted to map inputs that were not found in graph_def: [nope:0]');
    expect(caught(() => tf.importGraphDef(fixture('graph.pbtxt').toString('utf8'), { returnElements: ['zz:0'] })).message)
      .toBe("Requested return_element 'zz:0' not found in graph_def.");
  });

  it("runs a TF Saver's own ops: save/control_dependency writes a checkpoint, save/restore_all reads TF's", () => {
    setMode('graph');
    tf.importGraphDef(fixture('graph-with-saver.pbtxt').toString('utf8'));
    const sess = tf.Session();
    sess.run('import/init');
    const prefix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ts-savev2-')), 'm');
    expect(String(sess.run('import/save/control_dependency:0', { 'import/save/Const:0': prefix }))).toBe(`b'${prefix}'`);
    expect(tf.train.listVariables(prefix)).toEqual([['W', [2, 2]], ['b', [2]]]);
    expect(fs.readFileSync(`${prefix}.index`)).toEqual(fixture('model.ckpt.index'));
    sess.run(tf.assign(tf.getDefaultGraph().getTensorByName('import/W:0') as never, [[0, 0], [0, 0]]));
    sess.run('import/save/restore_all', { 'import/save/Const:0': path.join(FIXTURES, 'model.ckpt') });
    expect((sess.run('import/W:0') as tf.NDArray).toArray()).toEqual(expected.W);
    const e = caught(() => sess.run('import/save/restore_all', { 'import/save/Const:0': path.join(FIXTURES, 'nope') }));
    expect(e).toBeInstanceOf(tf.NotFoundError);
  });

  it('names every op type it lacks and leaves the graph unchanged', () => {
    setMode('graph');
    tf.constant(1, { name: 'before' });
    const text = 'node { name: "a" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } } node { name: "u" op: "Unique" input: "a" } node { name: "w" op: "WriteFile" }';
    const e = caught(() => tf.importGraphDef(text));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe("tf.importGraphDef: tensorshell has no op types Unique (node 'u'), WriteFile (node 'w'); nothing was imported.");
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual(['before']);
    // and the prefix was not used up
    tf.importGraphDef(fixture('graph.pbtxt').toString('utf8'));
    expect(tf.getDefaultGraph().getOperations()[1].name).toBe('import/x');
  });

  it('refuses broken graphs with TF\'s messages, adding nothing', () => {
    setMode('graph');
    const node = (name: string, op: string, inputs: string[] = [], attrs = '') => `node { name: "${name}" op: "${op}" ${inputs.map((i) => `input: "${i}" `).join('')}${attrs} }`;
    const f32 = 'attr { key: "T" value { type: DT_FLOAT } }';
    const ph = (n: string) => node(n, 'Placeholder', [], 'attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "shape" value { shape { unknown_rank: true } } }');
    const cases: Array<[string, RegExp | string]> = [
      [`${ph('a')} ${node('b', 'Neg', ['zz'], f32)}`, "Node 'b': Unknown input node 'zz'"],
      [`${ph('a')} ${ph('a')}`, "Node 'a' is not unique"],
      [`${node('a', 'Neg', ['b'], f32)} ${node('b', 'Neg', ['a'], f32)}`, 'Graph is invalid, contains a cycle with 2 nodes'],
      [`${ph('a')} ${node('b', 'Neg', ['a:3'], f32)}`, "Node 'b': input 'a:3' asks for output 3 of 'a', which has 1"],
      [node('a', 'Placeholder', [], 'attr { key: "dtype" value { type: DT_DOUBLE } } attr { key: "shape" value { shape { } } }'), "attr 'dtype' of node 'a' is DT_DOUBLE, which tensorshell does not support (DT_FLOAT, DT_INT32, DT_BOOL, DT_STRING)"],
      ['node { name: "a" op: "Const" nmae: "x" }', /3?:?\d+: Message type "tensorflow.NodeDef" has no field named "nmae"/],
    ];
    for (const [text, message] of cases) {
      const e = caught(() => tf.importGraphDef(text));
      if (typeof message === 'string') expect(e.message).toBe(message);
      else expect(e.message).toMatch(message);
      expect(tf.getDefaultGraph().getOperations()).toEqual([]);
    }
  });

  it('is a graph-mode function: in eager mode it says so', () => {
    setMode('eager');
    expect(caught(() => tf.importGraphDef('')).message).toBe('tf.importGraphDef adds ops to a graph: switch to graph mode first (:mode graph).');
  });
});

describe('tf.train.writeGraph', () => {
  it('writes text by default and binary with asText false, making the directory, returning the path', () => {
    setMode('graph');
    tf.constant(3.0);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ts-wg-')), 'a', 'b');
    const p = tf.train.writeGraph(tf.getDefaultGraph(), dir, 'g.pbtxt');
    expect(p).toBe(path.join(dir, 'g.pbtxt'));
    expect(fs.readFileSync(p, 'utf8')).toBe(String(tf.getDefaultGraph().asGraphDef()));
    const pb = tf.train.writeGraph(tf.getDefaultGraph().asGraphDef(), dir, 'g.pb', false);
    expect(new Uint8Array(fs.readFileSync(pb))).toEqual(tf.getDefaultGraph().asGraphDef().serialize());
    expect(fs.readdirSync(dir).sort()).toEqual(['g.pb', 'g.pbtxt']);
    const file = path.join(dir, 'g.pb');
    expect(caught(() => tf.train.writeGraph(tf.getDefaultGraph(), file, 'x.pbtxt'))).toBeInstanceOf(tf.errors.FailedPreconditionError);
  });
});
