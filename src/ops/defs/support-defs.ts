// The ops TF 1.15's gradient functions are built from: AddN, BroadcastGradientArgs, Tile, Select, ZerosLike,
// OnesLike, InvertPermutation, the Sqrt/Rsqrt/Reciprocal gradients, StopGradient and Size.
import type { Backend } from '../../backends/backend.js';
import { BinaryOp, UnaryOp } from '../../backends/native/opcodes.js';
import { registerOpDef, ShapeError, type OpDef } from '../../engine/registry.js';
import { InvalidArgumentError, ValueError } from '../../errors.js';
import { scalar } from '../../tensor/convert.js';
import { allocate, tfTypeString, type DType } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapesEqual, shapeString, sizeOf, TensorShape, type Dim } from '../../tensor/shape.js';
import { ALL, FLOAT, ints, NUMERIC, requireRank, spec, val } from './helpers.js';

/** A fixed-dtype input of the wrong dtype: TF's build-time TypeError, or its eager runtime error. */
function wrongDType(op: string, input: string, index: number, want: DType, got: DType, atBuild: boolean): Error {
  if (atBuild) return new TypeError(`Input '${input}' of '${op}' Op has type ${got} that does not match expected type of ${want}.`);
  return new InvalidArgumentError(`cannot compute ${op} as input #${index}(zero-based) was expected to be a ${tfTypeString(want)} tensor but is a ${tfTypeString(got)} tensor`);
}

/** TF's InferenceContext::Merge: the more specific of two compatible shapes, else its message. */
function mergeShapes(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) throw new ShapeError(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
  return new TensorShape(a.dims.map((d, i) => {
    const e = b.dims![i];
    if (d !== null && e !== null && d !== e) {
      throw new ShapeError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ${a.toBracketString()} and ${b.toBracketString()}.`);
    }
    return d ?? e;
  }));
}

/** The runtime check TF's ValidateInputsAreSameShape makes, with its message (two spaces included). */
function requireSameShape(op: string, opName: string, values: readonly NDArray[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!shapesEqual(values[0].shape, values[i].shape)) {
      throw new InvalidArgumentError(`Inputs to operation ${opName} of type ${op} must have the same size and shape.  Input 0: ${shapeString(values[0].shape)} != input ${i}: ${shapeString(values[i].shape)}`);
    }
  }
}

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

/** TF's Tile shape function: the multiples as dims (-1 unknown), checked against the input's rank. */
function tileShape(x: TensorShape, m: { shape: TensorShape; constValue?: NDArray }): TensorShape {
  requireRank(m.shape, 1);
  let mult: Dim[] | null = null;
  if (m.constValue !== undefined) {
    const bad = ints(m.constValue).find((d) => d < -1);
    if (bad !== undefined) throw new ShapeError(`Invalid value in tensor used for shape: ${bad}`);
    mult = ints(m.constValue).map((d) => (d === -1 ? null : d));
  } else if (m.shape.dims !== null && m.shape.dims[0] !== null) {
    mult = new Array<Dim>(m.shape.dims[0]).fill(null);
  }
  if (mult === null && x.dims !== null) mult = new Array<Dim>(x.dims.length).fill(null);
  if (mult === null) return TensorShape.unknown();
  if (x.dims !== null && x.dims.length !== mult.length) throw new ShapeError(`Shape must be rank ${x.dims.length} but is rank ${mult.length}`);
  return new TensorShape(mult.map((k, i) => {
    const d = x.dims === null ? null : x.dims[i];
    return d === 0 || k === 0 ? 0 : d === null || k === null ? null : d * k;
  }));
}

/**
 * Tiles one axis at a time with the backend's broadcasting: x viewed as [outer, 1, inner] against a [1, m, 1]
 * of ones copies each block m times. x·1 (and x == true for bool) is exact, so values, -0 and NaN survive.
 */
function tileValues(x: NDArray, multiples: readonly number[], backend: Backend): NDArray {
  const shape = [...x.shape];
  let out = x;
  for (let i = 0; i < shape.length; i++) {
    const m = multiples[i];
    if (m === 1) continue;
    const ones = allocate(x.dtype, m).fill(1);
    const op = x.dtype === 'bool' ? BinaryOp.Equal : BinaryOp.Mul;
    out = backend.binary(op, out.reshape([sizeOf(shape.slice(0, i)), 1, sizeOf(shape.slice(i))]), new NDArray(ones, [1, m, 1], x.dtype));
    shape[i] *= m;
  }
  return out.reshape(shape);
}

registerOpDef({
  type: 'Tile',
  inputNames: ['input', 'multiples'],
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  literalDTypes: [undefined, 'int32'],
  inferOutputs([x, m]) {
    if (m.dtype !== 'int32') throw new TypeError(`Value passed to parameter 'multiples' has DataType ${m.dtype} not in list of allowed values: int32, int64`);
    return [spec(x.dtype, tileShape(x.shape, m))];
  },
  kernel(inputs, _attrs, ctx) {
    const [x, m] = [val(inputs, 0), val(inputs, 1)];
    if (m.dtype !== 'int32') throw wrongDType('Tile', 'multiples', 1, 'int32', m.dtype, false);
    if (m.rank !== 1) throw new InvalidArgumentError(`Expected multiples to be 1-D, but got shape ${shapeString(m.shape)}`);
    if (m.size !== x.rank) throw new InvalidArgumentError(`Expected multiples argument to be a vector of length ${x.rank} but got length ${m.size}`);
    const multiples = ints(m);
    multiples.forEach((k, i) => {
      if (k < 0) throw new InvalidArgumentError(`Expected multiples[${i}] >= 0, but got ${k}`);
    });
    return [tileValues(x, multiples, ctx.backend)];
  },
});

/** TF 1.x Select's shape rule: cond is a scalar, has the shape of t and e, or is a vector over their first axis. */
function selectShape(cond: TensorShape, data: TensorShape): TensorShape {
  if (cond.rank === null || data.rank === null || cond.rank === 0) return data;
  if (cond.rank !== 1 || data.rank === 0) return mergeShapes(data, cond);
  mergeShapes(cond, new TensorShape([data.dims![0]]));
  return data;
}

/** Select's values, copied element by element (never arithmetic, so inf and NaN in the unused input stay out). */
function selectValues(c: NDArray, t: NDArray, e: NDArray, opName: string): NDArray {
  if (c.rank === 1 && t.rank !== 1) {
    if (t.rank === 0) throw new InvalidArgumentError(`'then' must be at least a vector, but saw shape: ${shapeString(t.shape)}`);
    if (t.shape[0] !== c.size) throw new InvalidArgumentError(`Number of batches of 'then' must match size of 'cond', but saw: ${t.shape[0]} vs. ${c.size}`);
    if (!shapesEqual(t.shape, e.shape)) throw new InvalidArgumentError(`'then' and 'else' must have the same size.  but received: ${shapeString(t.shape)} vs. ${shapeString(e.shape)}`);
  } else requireSameShape('Select', opName, [c, t, e]);
  const row = c.size === 0 ? 0 : t.size / c.size;
  const out = allocate(t.dtype, t.size);
  for (let r = 0, i = 0; r < c.size; r++) {
    for (let k = 0; k < row; k++, i++) out[i] = c.data[r] ? t.data[i] : e.data[i];
  }
  return new NDArray(out, t.shape, t.dtype);
}

registerOpDef({
  type: 'Select',
  inputNames: ['condition', 't', 'e'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [1, 2], allowed: ALL },
  literalDTypes: ['bool', undefined, undefined],
  inferOutputs([c, t, e]) {
    if (c.dtype !== 'bool') throw wrongDType('Select', 'condition', 0, 'bool', c.dtype, true);
    return [spec(t.dtype, selectShape(c.shape, mergeShapes(t.shape, e.shape)))];
  },
  kernel(inputs, _attrs, ctx) {
    const [c, t, e] = [val(inputs, 0), val(inputs, 1), val(inputs, 2)];
    if (c.dtype !== 'bool') throw wrongDType('Select', 'condition', 0, 'bool', c.dtype, false);
    if (c.rank > 0) return [selectValues(c, t, e, ctx.opName)];
    if (!shapesEqual(t.shape, e.shape)) throw new InvalidArgumentError(`'then' and 'else' must have the same size.  but received: ${shapeString(t.shape)} vs. ${shapeString(e.shape)}`);
    return [c.data[0] ? t : e];
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

/**
 * SqrtGrad, RsqrtGrad, ReciprocalGrad (y = the forward output): each native step in the order of the scalar
 * form of TF's Eigen functors, so float32 results round as TF's do; 0 wherever dy is 0, as those functors.
 */
function unaryGradDef(type: string, steps: (y: NDArray, dy: NDArray, b: Backend) => NDArray): OpDef {
  return {
    type,
    inputNames: ['y', 'dy'],
    typeGroup: { attr: 'T', inputs: [0, 1], allowed: FLOAT },
    inferOutputs: ([y]) => [spec(y.dtype, y.shape)],
    kernel(inputs, _attrs, ctx) {
      const [y, dy] = [val(inputs, 0), val(inputs, 1)];
      if (y.size !== dy.size) throw new InvalidArgumentError(`The two arguments to a cwise op must have same number of elements, got ${y.size} and ${dy.size}`);
      const out = steps(y, dy.reshape(y.shape), ctx.backend);
      for (let i = 0; i < out.size; i++) if (dy.data[i] === 0) out.data[i] = 0;
      return [out];
    },
  };
}

const half = (sign: number) => scalar(sign * 0.5, 'float32');
// (0.5 · dy) / y
registerOpDef(unaryGradDef('SqrtGrad', (y, dy, b) => b.binary(BinaryOp.Div, b.binary(BinaryOp.Mul, half(1), dy), y)));
// (-0.5 · (dy · y)) · (y · y)
registerOpDef(unaryGradDef('RsqrtGrad', (y, dy, b) =>
  b.binary(BinaryOp.Mul, b.binary(BinaryOp.Mul, half(-1), b.binary(BinaryOp.Mul, dy, y)), b.binary(BinaryOp.Mul, y, y))));
// ((-y) · y) · dy
registerOpDef(unaryGradDef('ReciprocalGrad', (y, dy, b) => b.binary(BinaryOp.Mul, b.binary(BinaryOp.Mul, b.unary(UnaryOp.Neg, y), y), dy)));

registerOpDef({
  type: 'Size',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  inferOutputs: () => [spec('int32', [])],
  kernel: (inputs) => [scalar(val(inputs, 0).size, 'int32')],
});
