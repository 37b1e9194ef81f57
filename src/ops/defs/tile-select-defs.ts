// Tile and Select: gradient functions use Tile to spread a reduced gradient back over its axes (Sum's) and
// Select to route a gradient to the input a condition chose (Maximum's, Minimum's). Both only move values,
// never round them, so gradients stay bit-exact.
import type { Backend } from '../../backends/backend.js';
import { BinaryOp } from '../../backends/native/opcodes.js';
import { registerOpDef, ShapeError } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { allocate } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapesEqual, shapeString, sizeOf, TensorShape, type Dim } from '../../tensor/shape.js';
import { ALL, ints, requireRank, spec, val } from './helpers.js';
import { mergeShapes, requireSameShape, wrongDType } from './support-checks.js';

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
