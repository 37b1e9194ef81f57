// tf.train.Saver (issue 15 item 4): V2 checkpoints byte-identical to TensorFlow's, read back, restored from
// TensorFlow's own files, and every mismatch refused with TF's wording before anything is assigned.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { caught, setMode } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/tf');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ts-ckpt-'));
const value = (sess: tf.Session, v: tf.Variable) => (sess.run(v) as tf.NDArray).toArray();

afterEach(() => setMode('graph'));

/** The fixture's W and b, initialized, in a fresh graph. */
function wb(init = true): { W: tf.Variable; b: tf.Variable; sess: tf.Session } {
  setMode('graph');
  const W = tf.Variable(expected.W, { name: 'W' });
  const b = tf.Variable(expected.b, { name: 'b' });
  const sess = tf.Session();
  if (init) sess.run(tf.globalVariablesInitializer());
  return { W, b, sess };
}

/** TF 2.21's text without the attrs TF 1.15 did not write (`_has_manual_control_dependencies`, MatMul's grad_a/b). */
function asTf115(text: string): string {
  const attr = (key: string) => new RegExp(`  attr \\{\\n    key: "${key}"\\n    value \\{\\n      b: (true|false)\\n    \\}\\n  \\}\\n`, 'g');
  return text.replace(attr('_has_manual_control_dependencies'), '').replace(attr('grad_a'), '').replace(attr('grad_b'), '').replace(/producer: \d+/, 'producer: 134');
}

describe('tf.train.Saver', () => {
  it("adds TF's save/ ops: the whole graph is the text TF's write_graph gave for the same program", () => {
    setMode('graph');
    const x = tf.placeholder('float32', [null, 2], { name: 'x' });
    const W = tf.Variable(expected.W, { name: 'W' });
    const b = tf.Variable(expected.b, { name: 'b' });
    tf.reduceSum(tf.nn.relu(tf.ops.add(tf.matmul(x, W), b), { name: 'h' }), { axis: 1, name: 'y' });
    tf.globalVariablesInitializer();
    tf.train.Saver([W, b]);
    expect(String(tf.getDefaultGraph().asGraphDef())).toBe(asTf115(fs.readFileSync(path.join(FIXTURES, 'graph-with-saver.pbtxt'), 'utf8')));
    // a second Saver gets its own scope, as in TF
    tf.train.Saver([W]);
    expect(tf.getDefaultGraph().getOperations().filter((o) => o.name.startsWith('save_1/')).map((o) => o.name)).toContain('save_1/restore_all');
  });

  it("writes the same .index and .data bytes TensorFlow's Saver wrote for the same variables", () => {
    const { sess } = wb();
    const dir = tmp();
    expect(tf.train.Saver().save(sess, path.join(dir, 'model.ckpt'))).toBe(path.join(dir, 'model.ckpt'));
    for (const f of ['model.ckpt.index', 'model.ckpt.data-00000-of-00001']) {
      expect(fs.readFileSync(path.join(dir, f))).toEqual(fs.readFileSync(path.join(FIXTURES, f)));
    }
    expect(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "model.ckpt"\nall_model_checkpoint_paths: "model.ckpt"\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['checkpoint', 'model.ckpt.data-00000-of-00001', 'model.ckpt.index']);
  });

  it("restores TensorFlow's checkpoint by name; latestCheckpoint reads TF's state file", () => {
    setMode('graph');
    const W = tf.Variable(tf.zeros([2, 2]), { name: 'W' });
    const b = tf.Variable(tf.zeros([2]), { name: 'b' });
    const sess = tf.Session();
    const latest = tf.train.latestCheckpoint(FIXTURES);
    expect(latest).toBe(path.join(FIXTURES, 'model.ckpt'));
    expect(tf.train.Saver().restore(sess, latest)).toBeNull();
    expect([value(sess, W), value(sess, b)]).toEqual([expected.W, expected.b]);
    expect(tf.train.listVariables(latest!)).toEqual([['W', [2, 2]], ['b', [2]]]);
    expect(tf.train.loadCheckpoint(latest!).getTensor('b').toArray()).toEqual(expected.b);
  });

  it('save → change → restore gives the saved values; globalStep names the file; maxToKeep deletes the oldest', () => {
    const { W, b, sess } = wb();
    const dir = tmp();
    const saver = tf.train.Saver({ varList: [W, b], maxToKeep: 2 });
    const prefix = path.join(dir, 'model');
    expect([1, 2, 3].map((step) => saver.save(sess, prefix, { globalStep: step }))).toEqual([1, 2, 3].map((s) => `${prefix}-${s}`));
    expect(saver.lastCheckpoints).toEqual([`${prefix}-2`, `${prefix}-3`]);
    expect(fs.readdirSync(dir).sort()).toEqual(['checkpoint', 'model-2.data-00000-of-00001', 'model-2.index', 'model-3.data-00000-of-00001', 'model-3.index']);
    expect(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "model-3"\nall_model_checkpoint_paths: "model-2"\nall_model_checkpoint_paths: "model-3"\n');
    sess.run(tf.assign(W, [[0, 0], [0, 0]]));
    saver.restore(sess, tf.train.latestCheckpoint(dir));
    expect([value(sess, W), value(sess, b)]).toEqual([expected.W, expected.b]);
    // a step from the graph's global step variable
    const step = tf.train.getOrCreateGlobalStep();
    sess.run(step.initializer);
    sess.run(tf.assign(step, 42));
    expect(tf.train.Saver({ varList: [W] }).save(sess, prefix, { globalStep: step })).toBe(`${prefix}-42`);
  });

  it('eager variables save and restore through the same class (a {name: variable} map names them)', () => {
    setMode('eager');
    const w = tf.Variable([1.5, -2], { name: 'w' });
    const n = tf.Variable(7, { name: 'n' });
    const dir = tmp();
    const saver = tf.train.Saver({ varList: { weights: w, count: n } });
    const p = saver.save(null, path.join(dir, 'e'));
    w.assign([0, 0]);
    n.assign(0);
    saver.restore(null, p);
    expect([w.numpy().toArray(), n.numpy().toArray()]).toEqual([[1.5, -2], 7]);
    expect(tf.train.listVariables(p)).toEqual([['count', []], ['weights', [2]]]);
    expect(caught(() => tf.train.Saver()).message).toBe('When eager execution is enabled, `var_list` must specify a list or dict of variables to save');
  });

  it("refuses a missing key, another dtype or shape with TF's messages, and assigns nothing", () => {
    const { sess } = wb();
    const dir = tmp();
    const p = tf.train.Saver().save(sess, path.join(dir, 'm'));
    const again = (build: () => tf.Variable[]) => {
      setMode('graph');
      const vars = build();
      const s = tf.Session();
      s.run(tf.globalVariablesInitializer());
      const before = vars.map((v) => value(s, v));
      const e = caught(() => tf.train.Saver().restore(s, p));
      expect(vars.map((v) => value(s, v))).toEqual(before);
      return e;
    };
    const missing = again(() => [tf.Variable(expected.W, { name: 'W' }), tf.Variable([0, 0], { name: 'c' })]);
    expect(missing).toBeInstanceOf(tf.NotFoundError);
    expect(missing.message).toBe('Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nKey c not found in checkpoint');
    const dtype = again(() => [tf.Variable([[0, 0], [0, 0]], { name: 'W' }), tf.Variable([0, 0], { name: 'b', dtype: 'int32' })]);
    expect(dtype).toBeInstanceOf(tf.InvalidArgumentError);
    expect(dtype.message).toMatch(/Original error:\n\ntensor_name = b; expected dtype int32 does not equal original dtype float$/);
    const shape = again(() => [tf.Variable([[9, 9], [9, 9]], { name: 'W' }), tf.Variable([1, 2, 3], { name: 'b' })]);
    expect(shape).toBeInstanceOf(tf.InvalidArgumentError);
    expect(shape.message).toMatch(/Original error:\n\nAssign requires shapes of both tensors to match\. lhs shape= \[3\] rhs shape= \[2\]$/);
    const none = caught(() => tf.train.Saver().restore(tf.Session(), path.join(dir, 'nope')));
    expect([none.constructor.name, none.message]).toEqual(['ValueError', `The passed save_path is not a valid checkpoint: ${path.join(dir, 'nope')}`]);
  });

  it("refuses what TF refuses on save: no variables, uninitialized ones, duplicate names, a missing directory", () => {
    setMode('graph');
    expect(caught(() => tf.train.Saver()).message).toBe('No variables to save');
    const { W, sess } = wb(false);
    const e = caught(() => tf.train.Saver().save(sess, path.join(tmp(), 'm')));
    expect(e).toBeInstanceOf(tf.FailedPreconditionError);
    expect(e.message).toBe('Attempting to use uninitialized value W\n\t [[{{node save/SaveV2}}]]');
    expect(caught(() => tf.train.Saver({ varList: [W, W] })).message).toBe('At least two variables have the same name: W');
    const dir = path.join(tmp(), 'no', 'such');
    expect(caught(() => tf.train.Saver().save(sess, path.join(dir, 'm'))).message).toBe(`Parent directory of ${path.join(dir, 'm')} doesn't exist, can't save.`);
    expect(caught(() => tf.train.Saver({ max_to_keep: 2 } as never)).message).toMatch(/maxToKeep/);
    expect(tf.train.latestCheckpoint(tmp())).toBeNull();
  });
});
