// TF 1.15's op naming: uniquification, case-insensitivity, scopes, operator vs function names.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const names = () => tf.getDefaultGraph().getOperations().map((o) => `${o.name}:${o.type}`);

describe('op names', () => {
  it('Const, Const_1, … and case-insensitive reuse (sub, then Sub_1)', () => {
    setMode('graph');
    const a = tf.constant(1.0);
    tf.constant(2.0);
    tf.ops.sub(a, a);
    tf.subtract(a, a);
    expect(names()).toEqual(['Const:Const', 'Const_1:Const', 'sub:Sub', 'Sub_1:Sub']);
  });

  it('operators use lowercase names; functions use the type', () => {
    setMode('graph');
    const x = tf.constant(2.0, { name: 'x' });
    tf.ops.mul(x, x);
    tf.ops.add(x, x);
    tf.ops.truediv(x, x);
    tf.ops.pow(x, 2);
    tf.ops.neg(x);
    tf.multiply(x, x);
    tf.add(x, x);
    tf.pow(x, 3);
    expect(names()).toEqual([
      'x:Const', 'mul:Mul', 'add:AddV2', 'truediv:RealDiv', 'pow/y:Const', 'pow:Pow', 'Neg:Neg',
      // TF 1.x compares names case-insensitively: after `mul`, tf.multiply's `Mul` becomes `Mul_1`.
      'Mul_1:Mul', 'Add_1:Add', 'Pow_1/y:Const', 'Pow_1:Pow',
    ]);
    expect(tf.getDefaultGraph().getOperationByName('pow').inputs.map((t) => t.name)).toEqual(['x:0', 'pow/y:0']);
  });

  it('tf.divide is the / operator in TF 1.15: truediv; ints get truediv/Cast', () => {
    setMode('graph');
    tf.divide(tf.constant(1, { dtype: 'int32' }), tf.constant(2, { dtype: 'int32' }));
    expect(names()).toEqual(['Const:Const', 'Const_1:Const', 'truediv/Cast:Cast', 'truediv/Cast_1:Cast', 'truediv:RealDiv']);
  });

  it('a literal takes the name of its argument inside the op scope', () => {
    setMode('graph');
    tf.matmul([[3, 3]], [[2], [2]]);
    tf.reshape(tf.constant([1, 2]), [2, 1]);
    expect(names()).toEqual(['MatMul/a:Const', 'MatMul/b:Const', 'MatMul:MatMul', 'Const:Const', 'Reshape/shape:Const', 'Reshape:Reshape']);
  });

  it('reducing over all axes adds a separate Const, as TF does', () => {
    setMode('graph');
    tf.reduceSum(tf.constant([[1, 2]]));
    tf.reduceMean(tf.constant([1, 2]), { axis: 0 });
    expect(names()).toEqual(['Const:Const', 'Const_1:Const', 'Sum:Sum', 'Const_2:Const', 'Mean/reduction_indices:Const', 'Mean:Mean']);
  });

  it('variables: counter/…, then Variable_1/…; collections in order; init is a NoOp', () => {
    setMode('graph');
    const a = tf.Variable(0, { name: 'counter' });
    const b = tf.Variable(1);
    const c = tf.Variable(2, { trainable: false });
    expect(names()).toEqual([
      'counter/initial_value:Const', 'counter:VariableV2', 'counter/Assign:Assign', 'counter/read:Identity',
      'Variable/initial_value:Const', 'Variable:VariableV2', 'Variable/Assign:Assign', 'Variable/read:Identity',
      'Variable_1/initial_value:Const', 'Variable_1:VariableV2', 'Variable_1/Assign:Assign', 'Variable_1/read:Identity',
    ]);
    expect(tf.globalVariables()).toEqual([a, b, c]);
    expect(tf.trainableVariables()).toEqual([a, b]);
    const init = tf.globalVariablesInitializer();
    expect(init.name).toBe('init');
    expect(init.type).toBe('NoOp');
    expect(init.controlInputs.map((o) => o.name)).toEqual(['counter/Assign', 'Variable/Assign', 'Variable_1/Assign']);
    expect(String(init.nodeDef)).toBe('name: "init"\nop: "NoOp"\ninput: "^counter/Assign"\ninput: "^Variable/Assign"\ninput: "^Variable_1/Assign"');
    expect(tf.globalVariablesInitializer().name).toBe('init_1');
  });

  it('name scopes: layer, layer_1, nesting, and re-entry with a trailing slash', () => {
    setMode('graph');
    tf.nameScope('layer', (scope) => {
      expect(scope).toBe('layer/');
      tf.constant(1.0);
      tf.Variable(0.5, { name: 'w' });
      tf.nameScope('inner', () => tf.constant(2.0));
    });
    tf.nameScope('layer', () => tf.constant(3.0));
    tf.nameScope('layer/', () => tf.constant(4.0));
    expect(names().filter((n) => n.endsWith(':Const'))).toEqual([
      'layer/Const:Const', 'layer/w/initial_value:Const', 'layer/inner/Const:Const', 'layer_1/Const:Const', 'layer/Const_1:Const',
    ]);
    expect(() => tf.nameScope('bad name!', () => 0)).toThrow("'bad name!' is not a valid scope name");
  });

  it('getTensorByName and getOperationByName', () => {
    setMode('graph');
    const m = tf.ops.mul(tf.constant(2.0), tf.constant(3.0)) as tf.Tensor;
    const g = tf.getDefaultGraph();
    expect(g.getTensorByName('mul:0')).toBe(m);
    expect(g.getOperationByName('mul')).toBe(m.op);
    expect(() => g.getOperationByName('nope')).toThrow("The name 'nope' refers to an Operation not in the graph.");
    expect(tf.registeredOpTypes()).toContain('MatMul');
  });

  it('random ops build TF\'s random_uniform scope', () => {
    setMode('graph');
    tf.randomUniform([2], { seed: 1 });
    expect(names()).toEqual([
      'random_uniform/shape:Const', 'random_uniform/min:Const', 'random_uniform/max:Const',
      'random_uniform/RandomUniform:RandomUniform', 'random_uniform/sub:Sub', 'random_uniform/mul:Mul', 'random_uniform:Add',
    ]);
  });
});
