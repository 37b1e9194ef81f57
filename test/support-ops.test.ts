// The ops gradients are built from (AddN, BroadcastGradientArgs, Tile, Select, ZerosLike, OnesLike,
// InvertPermutation, Sqrt/Rsqrt/ReciprocalGrad, StopGradient, Size): values in both modes against
// hand-derived oracles, and TF 1.15's op names, attrs and messages in graph mode.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { applyOp1 } from '../src/ops/apply.js';
import { MODES, evaluate, setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const c = (v: unknown, dtype?: string) => tf.constant(v, dtype ? { dtype } : {});
const names = () => tf.getDefaultGraph().getOperations().map((o) => `${o.name}:${o.type}`);

/** Runs `build` in graph mode, expects it to throw, and checks the graph is exactly as before. */
function failsCleanly(build: () => unknown): Error {
  const before = names();
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the build to throw').toBeInstanceOf(Error);
  expect(names()).toEqual(before);
  return error as Error;
}

describe.each(MODES)('%s mode', (mode) => {
  const run = (fn: () => tf.Tensor) => evaluate(mode, fn);

  it('addN sums left to right; one input comes back unchanged', () => {
    expect(run(() => tf.addN([c([1, 2]), c([3, 4]), c([5, 6])])).toArray()).toEqual([9, 12]);
    expect(run(() => tf.addN([c([1, 2], 'int32'), [3, 4]])).dtype).toBe('int32');
    // float32: (1e8 + -1e8) + 1 = 1, while 1e8 + (-1e8 + 1) would round to 0.
    expect(run(() => tf.addN([c(1e8), c(-1e8), c(1)])).toArray()).toBe(1);
    setMode(mode);
    const x = c([7, 8]);
    expect(tf.addN([x])).toBe(x);
  });

  it('broadcastGradientArgs gives the axes each input was broadcast over', () => {
    const args = (s0: number[], s1: number[]) => {
      setMode(mode);
      const [r0, r1] = tf.broadcastGradientArgs(Int32Array.from(s0), Int32Array.from(s1));
      if (mode === 'eager') return [r0.numpy().toArray(), r1.numpy().toArray()];
      return tf.Session().run([r0, r1]).map((v: tf.NDArray) => v.toArray());
    };
    expect(args([2, 3], [3])).toEqual([[], [0]]);
    expect(args([1, 3], [2, 1])).toEqual([[0], [1]]);
    expect(args([], [2, 2])).toEqual([[0, 1], []]);
    // An axis of 1 in both shapes is summed in both; identical shapes sum nothing.
    expect(args([1, 3], [1, 1])).toEqual([[0], [0, 1]]);
    expect(args([1, 3], [1, 3])).toEqual([[], []]);
    expect(() => args([2], [3])).toThrow(tf.InvalidArgumentError);
    expect(() => args([2], [3])).toThrow(/^Incompatible shapes: \[2\] vs\. \[3\]/);
  });

  it('tile repeats along each axis, exactly, for every dtype', () => {
    expect(run(() => tf.tile(c([[1, 2], [3, 4]]), [2, 3])).toArray()).toEqual([
      [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4], [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4],
    ]);
    expect(run(() => tf.tile(c([1, 2], 'int32'), [2])).toArray()).toEqual([1, 2, 1, 2]);
    expect(run(() => tf.tile(c([[true], [false]]), [1, 2])).toArray()).toEqual([[true, true], [false, false]]);
    const special = run(() => tf.tile(c([-0, Infinity, NaN]), [2])).toArray() as number[];
    expect(special.map((v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(['-0', 'Infinity', 'NaN', '-0', 'Infinity', 'NaN']);
    expect(run(() => tf.tile(c([[1, 2]]), [0, 1])).shape).toEqual([0, 2]);
    expect(run(() => tf.tile(c(5), [])).toArray()).toBe(5);
  });

  it('where picks elementwise, by rows, or all at once, and never mixes in the other input', () => {
    expect(run(() => tf.where(c([true, false, true]), c([1, 2, 3]), c([10, 20, 30]))).toArray()).toEqual([1, 20, 3]);
    expect(run(() => tf.where(c([false, true]), c([[1, 2], [3, 4]]), c([[5, 6], [7, 8]]))).toArray()).toEqual([[5, 6], [3, 4]]);
    expect(run(() => tf.where(c(false), c([1, 2]), c([3, 4]))).toArray()).toEqual([3, 4]);
    // Arithmetic blending (c·x + (1-c)·y) would turn these into NaN.
    expect(run(() => tf.where(c([true, false]), c([1, Infinity]), c([NaN, 2]))).toArray()).toEqual([1, 2]);
    expect(run(() => tf.where([true, false], c([1, 2], 'int32'), [3, 4])).toArray()).toEqual([1, 4]);
  });

  it('zerosLike and onesLike keep shape and dtype', () => {
    expect(run(() => tf.zerosLike(c([[1, 2, 3]]))).toArray()).toEqual([[0, 0, 0]]);
    expect(run(() => tf.onesLike(c([[1, 2, 3]]))).toArray()).toEqual([[1, 1, 1]]);
    const zi = run(() => tf.zerosLike(c([4, 5], 'int32')));
    expect([zi.dtype, zi.toArray()]).toEqual(['int32', [0, 0]]);
    const ob = run(() => tf.onesLike(c([true, false])));
    expect([ob.dtype, ob.toArray()]).toEqual(['bool', [true, true]]);
    expect(run(() => tf.onesLike(c(3))).toArray()).toBe(1);
    expect(run(() => tf.zerosLike(c(new Float32Array(1200).fill(2)))).toArray()).toEqual(new Array(1200).fill(0));
  });

  it('invertPermutation, stopGradient, size', () => {
    expect(run(() => tf.invertPermutation([3, 4, 0, 2, 1])).toArray()).toEqual([2, 4, 3, 0, 1]);
    expect(() => run(() => tf.invertPermutation([0, 1, 5]))).toThrow(/^5 is not between 0 and 3/);
    expect(() => run(() => tf.invertPermutation([1, 1, 0]))).toThrow(/^1 is duplicated in the input\./);
    expect(run(() => tf.stopGradient(c([1, -2]))).toArray()).toEqual([1, -2]);
    const n = run(() => tf.size(c([[1, 2, 3], [4, 5, 6]])));
    expect([n.dtype, n.toArray()]).toEqual(['int32', 6]);
  });

  it('SqrtGrad, RsqrtGrad, ReciprocalGrad round each float32 step as TF, and give 0 where dy is 0', () => {
    const f = Math.fround;
    const y = [2, 3, 0.7, 0, Infinity];
    const dy = [3, 0.1, 5, 0, 0];
    const grad = (type: string) => run(() => applyOp1(type, [c(y), c(dy)])).toArray();
    const oracle = (step: (y: number, dy: number) => number) => y.map((v, i) => (dy[i] === 0 ? 0 : step(f(v), f(dy[i]))));
    expect(grad('SqrtGrad')).toEqual(oracle((a, g) => f(f(0.5 * g) / a)));
    expect(grad('RsqrtGrad')).toEqual(oracle((a, g) => f(f(-0.5 * f(g * a)) * f(a * a))));
    expect(grad('ReciprocalGrad')).toEqual(oracle((a, g) => f(f(-a * a) * g)));
    expect(run(() => applyOp1('SqrtGrad', [c([0]), c([1])])).toArray()).toEqual([Infinity]);
  });

  it.runIf(mode === 'eager')('eager errors name the op', () => {
    setMode('eager');
    expect(() => tf.addN([c([1, 2]), c([1, 2], 'int32')])).toThrow(
      'cannot compute AddN as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:AddN]');
    expect(() => tf.addN([c([1, 2]), c([1, 2, 3])])).toThrow(
      'Inputs to operation AddN of type AddN must have the same size and shape.  Input 0: [2] != input 1: [3] [Op:AddN]');
    expect(() => tf.tile(c([[1, 2]]), [2])).toThrow(tf.InvalidArgumentError);
    expect(() => tf.tile(c([[1, 2]]), [2])).toThrow('Expected multiples argument to be a vector of length 2 but got length 1 [Op:Tile]');
    expect(() => tf.where(c([1, 0]), c([1, 2]), c([3, 4]))).toThrow(
      'cannot compute Select as input #0(zero-based) was expected to be a bool tensor but is a float tensor [Op:Select]');
  });
});

describe('graph mode: TF 1.15 names, attrs and build-time errors', () => {
  it('onesLike: ones_like/Shape, ones_like/Const and the Fill ones_like; a Shape op when the shape is unknown', () => {
    setMode('graph');
    tf.onesLike(c([[1, 2]]));
    expect(names()).toEqual(['Const:Const', 'ones_like/Shape:Const', 'ones_like/Const:Const', 'ones_like:Fill']);
    const p = tf.placeholder('float32', { shape: [null, 2] });
    const ones = tf.onesLike(p);
    expect(names().slice(-3)).toEqual(['ones_like_1/Shape:Shape', 'ones_like_1/Const:Const', 'ones_like_1:Fill']);
    expect(String(ones.shape)).toBe('(?, 2)');
    expect(tf.Session().run(ones, { Placeholder: [[5, 6], [7, 8], [9, 0]] }).toArray()).toEqual([[1, 1], [1, 1], [1, 1]]);
  });

  it('zerosLike: a Const named zeros_like for a static shape, op ZerosLike otherwise, a Fill when large', () => {
    setMode('graph');
    tf.zerosLike(c([1, 2]));
    const p = tf.placeholder('int32', { shape: [null, 2] });
    const z = tf.zerosLike(p);
    tf.zerosLike(tf.zeros([40, 30]));
    expect(names()).toEqual(['Const:Const', 'zeros_like:Const', 'Placeholder:Placeholder', 'zeros_like_1:ZerosLike', 'zeros:Const',
      'zeros_like_2/shape_as_tensor:Const', 'zeros_like_2/Const:Const', 'zeros_like_2:Fill']);
    expect([z.dtype, String(z.shape), z.op.inputs[0].name]).toEqual(['int32', '(?, 2)', 'Placeholder:0']);
    expect(tf.getDefaultGraph().getOperationByName('zeros_like').getAttr('dtype')).toBe('float32');
  });

  it('default op names and attrs of every public function', () => {
    setMode('graph');
    const x = c([[1, 2], [3, 4]], 'int32');
    const sum = tf.addN([x, x, [[5, 6], [7, 8]]]);
    expect(sum.op.getAttr('N')).toBe(3);
    expect(sum.op.getAttr('T')).toBe('int32');
    expect(String(sum.op.nodeDef)).toContain('key: "N"\n  value {\n    i: 3\n  }');
    tf.addN([x], { name: 'total' });
    const [r0, r1] = tf.broadcastGradientArgs(tf.shape(x), [2]);
    const tiled = tf.tile(x, [2, 1]);
    tf.where([true, false], x, x);
    tf.invertPermutation([1, 0]);
    tf.stopGradient(x);
    tf.size(x);
    expect(names()).toEqual([
      'Const:Const', 'Const_1:Const', 'AddN:AddN', 'total:Identity', 'Shape:Shape', 'BroadcastGradientArgs/s1:Const',
      'BroadcastGradientArgs:BroadcastGradientArgs', 'Tile/multiples:Const', 'Tile:Tile', 'Select/condition:Const', 'Select:Select',
      'InvertPermutation/x:Const', 'InvertPermutation:InvertPermutation', 'StopGradient:StopGradient', 'Size:Size',
    ]);
    expect([r0.name, r1.name, String(r0.shape)]).toEqual(['BroadcastGradientArgs:0', 'BroadcastGradientArgs:1', '(?,)']);
    expect([tiled.op.getAttr('T'), tiled.op.getAttr('Tmultiples'), String(tiled.shape)]).toEqual(['int32', 'int32', '(4, 2)']);
    expect(tf.getDefaultGraph().getOperationByName('Size').getAttr('out_type')).toBe('int32');
  });

  it('static shapes: Tile with unknown dims or multiples, Select with a vector condition', () => {
    setMode('graph');
    const p = tf.placeholder('float32', { shape: [null, 3] });
    expect(String(tf.tile(p, [2, 2]).shape)).toBe('(?, 6)');
    expect(String(tf.tile(p, tf.placeholder('int32', { shape: [2] })).shape)).toBe('(?, ?)');
    expect(String(tf.tile(p, [0, -1]).shape)).toBe('(0, ?)');
    const cond = tf.placeholder('bool', { shape: [null] });
    expect(String(tf.where(cond, tf.zeros([4, 2]), tf.placeholder('float32', { shape: [null, 2] })).shape)).toBe('(4, 2)');
  });

  it('build-time errors keep TF 1.15 messages and leave the graph unchanged', () => {
    setMode('graph');
    const a = c(1);
    const v = c([1, 2]);
    const w = c([1, 2, 3]);
    const i = c([1, 2], 'int32');
    const row = c([[1, 2]]);
    let e = failsCleanly(() => tf.addN([a, v]));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe("Shapes must be equal rank, but are 0 and 1\n\tFrom merging shape 0 with other shapes. for 'AddN' (op: 'AddN') with input shapes: [], [2].");
    e = failsCleanly(() => tf.addN([v, w]));
    expect(e.message).toMatch(/^Dimension 0 in both shapes must be equal, but are 2 and 3\. Shapes are \[2\] and \[3\]\.\n\tFrom merging shape 0/);
    e = failsCleanly(() => tf.addN([v, i]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Tensors in list passed to 'inputs' of 'AddN' Op have types [float32, int32] that don't all match.");
    e = failsCleanly(() => tf.addN([v, [1, 2, 3]]));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toMatch(/for 'AddN' \(op: 'AddN'\) with input shapes: \[2\], \[3\]\.$/);
    e = failsCleanly(() => tf.addN([]));
    expect(e.message).toBe('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
    e = failsCleanly(() => tf.tile(row, [2]));
    expect(e.message).toBe("Shape must be rank 2 but is rank 1 for 'Tile' (op: 'Tile') with input shapes: [1,2], [1].");
    e = failsCleanly(() => tf.tile(v, [-2]));
    expect(e.message).toMatch(/^Invalid value in tensor used for shape: -2 for 'Tile'/);
    e = failsCleanly(() => tf.where(v, v, v));
    expect([e.constructor, e.message]).toEqual([TypeError, "Input 'condition' of 'Select' Op has type float32 that does not match expected type of bool."]);
    e = failsCleanly(() => tf.where([true, false], v, i));
    expect(e.message).toBe("Input 'e' of 'Select' Op has type int32 that does not match type float32 of argument 't'.");
    e = failsCleanly(() => tf.where([true, false, true], row, [[1, 2]]));
    expect(e.message).toMatch(/^Dimension 0 in both shapes must be equal, but are 3 and 1\. Shapes are \[3\] and \[1\]\. for 'Select' \(op: 'Select'\) with input shapes: \[3\], \[1,2\], \[1,2\]\.$/);
    e = failsCleanly(() => tf.where(true, v, w));
    expect(e.message).toMatch(/^Dimension 0 in both shapes must be equal, but are 2 and 3/);
    e = failsCleanly(() => tf.invertPermutation([[0, 1]]));
    expect(e.message).toBe("Shape must be rank 1 but is rank 2 for 'InvertPermutation' (op: 'InvertPermutation') with input shapes: [1,2].");
    e = failsCleanly(() => tf.broadcastGradientArgs([[2]], [2]));
    expect(e.message).toMatch(/^Shape must be rank 1 but is rank 2 for 'BroadcastGradientArgs'/);
    expect(() => tf.where(v, v, undefined as never)).toThrow('x and y must both be non-None or both be None.');
  });

  it('run-time errors when shapes are known only when fed', () => {
    setMode('graph');
    const m = tf.placeholder('int32', { shape: [null] });
    const t = tf.tile(c([[1, 2]]), m);
    const sess = tf.Session();
    expect(() => sess.run(t, { Placeholder: [2] })).toThrow(tf.InvalidArgumentError);
    expect(() => sess.run(t, { Placeholder: [2] })).toThrow(/^Expected multiples argument to be a vector of length 2 but got length 1/);
    expect(() => sess.run(t, { Placeholder: [2, -1] })).toThrow(/^Expected multiples\[1\] >= 0, but got -1/);
    const p = tf.placeholder('float32', { name: 'p' });
    const sum = tf.addN([p, c([1, 2])]);
    expect(() => sess.run(sum, { p: [1, 2, 3] })).toThrow(/^Inputs to operation AddN of type AddN must have the same size and shape\.  Input 0: \[3\] != input 1: \[2\]/);
  });
});
