// The ops TF 1.15's gradient functions are built from: AddN, BroadcastGradientArgs, ZerosLike, OnesLike,
// InvertPermutation, StopGradient and Size. Tile and Select are in tile-select-defs.ts, the Sqrt, Rsqrt and
// Reciprocal gradient kernels in cwise-grad-defs.ts.
import { BinaryOp } from '../../backends/native/opcodes.js';
import { registerOpDef, ShapeError, type OpDef } from '../../engine/registry.js';
import { InvalidArgumentError, ValueError } from '../../errors.js';
import { scalar } from '../../tensor/convert.js';
import { allocate } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapesEqual, shapeString } from '../../tensor/shape.js';
import { ALL, ints, NUMERIC, requireRank, spec, val } from './helpers.js';
import { mergeShapes, requireSameShape, wrongDType } from './support-checks.js';

registerOpDef({
  type: 'AddN',
  inputNames: ['inputs'],
  // A type group lists fixed input indices, so it covers the first input (and adds T); the rest are checked here.
  typeGroup: { attr: 'T', inputs: [0], allowed: NUMERIC },
  inferOutputs(inputs) {
    if (inputs.length === 0) throw new ValueError("Attr 'N' of 'AddN' Op passed 0 less than minimum 1.");
    const types = inputs.map((s) => s.dtype);
    if (types.some((d) => d !== types[0])) {
      throw new TypeError(`Tensors in list passed to 'inputs' of 'AddN' Op have types [${types.join(', ')}] that don't all match.`);
    }
    // TF merges from the last input backwards and says which one clashed.
    let shape = inputs[inputs.length - 1].shape;
    for (let i = inputs.length - 2; i >= 0; i--) {
      try {
        shape = mergeShapes(inputs[i].shape, shape);
      } catch (e) {
        throw new ShapeError(`${(e as Error).message}\n\tFrom merging shape ${i} with other shapes.`);
      }
    }
    return [spec(types[0], shape)];
  },
  kernel(inputs, _attrs, ctx) {
    const xs = inputs.map((_, i) => val(inputs, i));
    xs.forEach((x, i) => {
      if (x.dtype !== xs[0].dtype) throw wrongDType('AddN', 'inputs', i, xs[0].dtype, x.dtype, false);
    });
    requireSameShape('AddN', ctx.opName, xs);
    // TF's AddN kernel adds left to right ((in0 + in1) + in2 …), so float32 sums round the same way.
    return [xs.reduce((sum, x) => ctx.backend.binary(BinaryOp.Add, sum, x))];
  },
});

/** TF's BCast grad_x_reduce_idx / grad_y_reduce_idx for two shapes, or null when they do not broadcast. */
function gradientReduceAxes(s0: readonly number[], s1: readonly number[]): [number[], number[]] | null {
  // TF's fast path: identical shapes reduce nothing, not even their size-1 axes.
  if (shapesEqual(s0, s1)) return [[], []];
  const n = Math.max(s0.length, s1.length);
  const r0: number[] = [];
  const r1: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = i < n - s0.length ? 1 : s0[i - (n - s0.length)];
    const b = i < n - s1.length ? 1 : s1[i - (n - s1.length)];
    if (a < 0 || b < 0) return null;
    if (a === b) {
      // An axis of 1 in both is summed in both (reshaping the sum back restores it).
      if (a === 1) {
        r0.push(i);
        r1.push(i);
      }
    } else if (a === 1) r0.push(i);
    else if (b === 1) r1.push(i);
    else return null;
  }
  return [r0, r1];
}

registerOpDef({
  type: 'BroadcastGradientArgs',
  inputNames: ['s0', 's1'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: ['int32'] },
  literalDTypes: ['int32', 'int32'],
  inferOutputs([s0, s1]) {
    requireRank(s0.shape, 1);
    requireRank(s1.shape, 1);
    return [spec('int32', [null]), spec('int32', [null])];
  },
  kernel(inputs) {
    const [s0, s1] = [val(inputs, 0), val(inputs, 1)];
    [s0, s1].forEach((s, i) => {
      if (s.rank !== 1) throw new InvalidArgumentError(`In[${i}] must be a vector.${shapeString(s.shape)}`);
    });
    const axes = gradientReduceAxes(ints(s0), ints(s1));
    if (axes === null) throw new InvalidArgumentError(`Incompatible shapes: [${ints(s0).join(',')}] vs. [${ints(s1).join(',')}]`);
    return axes.map((r) => new NDArray(Int32Array.from(r), [r.length], 'int32'));
  },
});

/** An op whose output has its input's shape and dtype: ZerosLike, OnesLike, StopGradient. */
function sameShapeDef(type: string, inputName: string, kernel: (x: NDArray) => NDArray): OpDef {
  return {
    type,
    inputNames: [inputName],
    hostOnly: true,
    typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
    inferOutputs: ([x]) => [spec(x.dtype, x.shape)],
    kernel: (inputs) => [kernel(val(inputs, 0))],
  };
}

const filledLike = (value: number) => (x: NDArray) => new NDArray(allocate(x.dtype, x.size).fill(value), x.shape, x.dtype);
registerOpDef(sameShapeDef('ZerosLike', 'x', filledLike(0)));
registerOpDef(sameShapeDef('OnesLike', 'x', filledLike(1)));
registerOpDef(sameShapeDef('StopGradient', 'input', (x) => x));

registerOpDef({
  type: 'InvertPermutation',
  inputNames: ['x'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: ['int32'] },
  literalDTypes: ['int32'],
  inferOutputs([x]) {
    requireRank(x.shape, 1);
    return [spec('int32', x.shape)];
  },
  kernel(inputs) {
    const x = val(inputs, 0);
    if (x.rank !== 1) throw new InvalidArgumentError('invert_permutation expects a 1D vector.');
    const n = x.size;
    const out = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const d = x.data[i];
      if (d < 0 || d >= n) throw new InvalidArgumentError(`${d} is not between 0 and ${n}`);
      if (out[d] !== -1) throw new InvalidArgumentError(`${d} is duplicated in the input.`);
      out[d] = i;
    }
    return [new NDArray(out, [n], 'int32')];
  },
});

registerOpDef({
  type: 'Size',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  inferOutputs: () => [spec('int32', [])],
  kernel: (inputs) => [scalar(val(inputs, 0).size, 'int32')],
});
