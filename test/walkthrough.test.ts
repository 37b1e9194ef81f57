// The TensorFlow walkthroughs the lessons rest on ("Hello, TensorFlow" and the basics memo), as tests.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, evaluate, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

describe('Hello, TensorFlow: the default graph', () => {
  it('tf.constant(1.0), then tf.Variable(0.8), then w * x lists exactly TF 1.15\'s ops', () => {
    setMode('graph');
    const x = tf.constant(1.0);
    const w = tf.Variable(0.8);
    const y = tf.ops.mul(w, x) as tf.Tensor;
    const ops = tf.getDefaultGraph().getOperations();
    expect(ops.map((o) => o.name)).toEqual(['Const', 'Variable/initial_value', 'Variable', 'Variable/Assign', 'Variable/read', 'mul']);
    expect(ops.map((o) => o.type)).toEqual(['Const', 'Const', 'VariableV2', 'Assign', 'Identity', 'Mul']);
    expect(y.op.inputs.map((t) => t.name)).toEqual(['Variable/read:0', 'Const:0']);
    expect(String(y)).toBe('Tensor("mul:0", shape=(), dtype=float32)');
    expect(tf.getDefaultGraph().getOperationByName('Variable/Assign').inputs.map((t) => t.name))
      .toEqual(['Variable:0', 'Variable/initial_value:0']);
  });

  it("prints a Const's NodeDef exactly as TF 1.x does", () => {
    setMode('graph');
    const c = tf.constant(1.0);
    expect(String(c.op.nodeDef)).toBe([
      'name: "Const"', 'op: "Const"',
      'attr {', '  key: "dtype"', '  value {', '    type: DT_FLOAT', '  }', '}',
      'attr {', '  key: "value"', '  value {', '    tensor {', '      dtype: DT_FLOAT', '      tensor_shape {', '      }',
      '      float_val: 1.0', '    }', '  }', '}',
    ].join('\n'));
  });

  it("prints mul's NodeDef with its inputs read through Variable/read", () => {
    setMode('graph');
    const x = tf.constant(1.0);
    const w = tf.Variable(0.8);
    const y = tf.ops.mul(w, x) as tf.Tensor;
    expect(String(y.op.nodeDef)).toBe([
      'name: "mul"', 'op: "Mul"', 'input: "Variable/read"', 'input: "Const"',
      'attr {', '  key: "T"', '  value {', '    type: DT_FLOAT', '  }', '}',
    ].join('\n'));
  });

  it('float32: 0.8 × 1.0 is the float32 nearest 0.8, which prints as 0.8', () => {
    for (const mode of MODES) {
      const v = evaluate(mode, () => tf.multiply(tf.Variable(0.8), tf.constant(1.0)));
      expect(v.item()).toBe(Math.fround(0.8));
      expect(v.item()).not.toBe(0.8);
      expect(String(v)).toBe('0.8');
    }
  });
});

describe('the TF basics memo', () => {
  it('matmul([[3, 3]], [[2], [2]]) is [[12.]] in both modes', () => {
    for (const mode of MODES) {
      const v = evaluate(mode, () => tf.matmul(tf.constant([[3, 3]]), tf.constant([[2], [2]])));
      expect(v.shape).toEqual([1, 1]);
      expect(String(v)).toBe('[[12.]]');
    }
  });

  it('the counter variable goes 1, 2, 3 after init', () => {
    setMode('graph');
    const state = tf.Variable(0, { name: 'counter' });
    const one = tf.constant(1);
    const newValue = tf.add(state, one);
    const update = tf.assign(state, newValue);
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name))
      .toEqual(['counter/initial_value', 'counter', 'counter/Assign', 'counter/read', 'Const', 'Add', 'Assign']);
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      sess.run(update);
      seen.push((sess.run(state) as tf.NDArray).item() as number);
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  it('the counter works the same in eager mode', () => {
    setMode('eager');
    const state = tf.Variable(0, { name: 'counter' });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      tf.assign(state, tf.add(state, tf.constant(1)));
      seen.push(state.numpy().item() as number);
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  it('placeholders fed [7] and [2] multiply to [14.]', () => {
    setMode('graph');
    const input1 = tf.placeholder(tf.float32);
    const input2 = tf.placeholder(tf.float32);
    const output = tf.multiply(input1, input2);
    const sess = tf.Session();
    expect(String(sess.run(output, new Map([[input1, [7]], [input2, [2]]])))).toBe('[14.]');
    expect(String(sess.run(output, { 'Placeholder:0': [7], Placeholder_1: [2] }))).toBe('[14.]');
  });

  it('tf.shape of a 2×2×3 variable is [2 2 3]', () => {
    for (const mode of MODES) {
      const v = evaluate(mode, () => tf.shape(tf.Variable([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]])));
      expect(v.dtype).toBe('int32');
      expect(String(v)).toBe('[2 2 3]');
    }
  });
});
