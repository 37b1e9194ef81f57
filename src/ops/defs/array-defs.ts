// Array ops: constants, placeholders, identity, reshape, transpose, shape, cast, fill, one-hot, no-op.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError, type TensorSpec } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { BinaryOp } from '../../backends/native/opcodes.js';
import { allocate, checkAllocation, tfTypeString, type DType } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapeString, sizeOf, TensorShape, type Dim } from '../../tensor/shape.js';
import { ALL, ints, NUMERIC, spec, val } from './helpers.js';

registerOpDef({
  type: 'Const',
  inputNames: [],
  hostOnly: true,
  inferOutputs: (_i, attrs) => {
    const v = attrValue<NDArray>(attrs.value);
    return [{ dtype: v.dtype, shape: new TensorShape(v.shape), constValue: v }];
  },
  kernel: (_i, attrs) => [attrValue<NDArray>(attrs.value)],
});

registerOpDef({
  type: 'Placeholder',
  inputNames: [],
  hostOnly: true,
  stateful: true,
  inferOutputs: (_i, attrs) => [spec(attrValue<DType>(attrs.dtype), attrValue<TensorShape>(attrs.shape))],
  // Only reached when the placeholder was not fed: a Session checks feeds before running anything.
  kernel(_i, attrs, ctx) {
    const shape = attrValue<TensorShape>(attrs.shape);
    const shapeText = shape.dims === null ? '' : ` and shape ${shape.toBracketString()}`;
    throw new InvalidArgumentError(
      `You must feed a value for placeholder tensor '${ctx.opName}' with dtype ${tfTypeString(attrValue<DType>(attrs.dtype))}${shapeText}`, ctx.opName);
  },
});

registerOpDef({
  type: 'NoOp',
  inputNames: [],
  hostOnly: true,
  inferOutputs: () => [],
  kernel: () => [],
});

registerOpDef({
  type: 'Identity',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: [...ALL, 'string'] },
  inferOutputs: ([x]) => [spec(x.dtype, x.shape)],
  kernel: (inputs) => [val(inputs, 0)],
});

const resolved = new WeakMap<NDArray, { size: number; result: ReturnType<typeof resolveShape> }>();

/** resolveShape for a shape tensor, remembered per tensor: a plan's shape inputs are the same every run. */
function resolvedFor(shape: NDArray, size: number): ReturnType<typeof resolveShape> {
  const hit = resolved.get(shape);
  if (hit !== undefined && hit.size === size) return hit.result;
  const result = resolveShape(ints(shape), size);
  if ('shape' in result) Object.freeze(result.shape);
  resolved.set(shape, { size, result });
  return result;
}

/** Resolves a requested shape with at most one -1 against `size` elements, or explains why not. */
function resolveShape(requested: readonly number[], size: number | null): { shape: Dim[] } | { error: string } {
  const unknown = requested.filter((d) => d === -1).length;
  if (unknown > 1) return { error: 'Cannot infer multiple unknown dimensions in shape' };
  if (requested.some((d) => d < -1 || !Number.isInteger(d))) return { error: `Size ${requested.find((d) => d < -1)} must be non-negative` };
  const known = requested.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (size === null) return { shape: requested.map((d) => (d === -1 ? null : d)) };
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) return { error: `Cannot reshape a tensor with ${size} elements to shape [${requested.join(',')}]` };
    return { shape: requested.map((d) => (d === -1 ? size / known : d)) };
  }
  if (known !== size) {
    return { error: `Cannot reshape a tensor with ${size} elements to shape [${requested.join(',')}] (${known} elements)` };
  }
  return { shape: [...requested] };
}

registerOpDef({
  type: 'Reshape',
  inputNames: ['tensor', 'shape'],
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  literalDTypes: [undefined, 'int32'],
  inferOutputs([x, shape]) {
    if (shape.constValue === undefined && shape.partialValue !== undefined) return [spec(x.dtype, partialReshape(x.shape.numElements(), shape.partialValue))];
    if (shape.constValue === undefined) return [spec(x.dtype, null)];
    const r = resolveShape(ints(shape.constValue), x.shape.numElements());
    if ('error' in r) throw new ShapeError(r.error);
    return [spec(x.dtype, r.shape)];
  },
  kernel(inputs) {
    const x = val(inputs, 0);
    const r = resolvedFor(val(inputs, 1), x.size);
    if ('error' in r) throw new InvalidArgumentError(r.error.replace(/ \((\d+) elements\)$/, ', which has $1 elements'));
    return [x.reshape(r.shape as number[])];
  },
});

/** TF's Reshape to a shape known in part: the known dims must divide the input's element count. */
function partialReshape(elements: number | null, dims: readonly (number | null)[]): (number | null)[] {
  const known = dims.reduce<number>((p, d) => (d === null || d < 0 ? p : p * d), 1);
  if (elements !== null && known > 0 && elements % known !== 0) {
    throw new ShapeError(`Cannot reshape a tensor with ${elements} elements to shape [${dims.map((d) => d ?? '?').join(',')}] (? elements)`);
  }
  return dims.map((d) => (d === null || d < 0 ? null : d));
}

/** TF's checks of a permutation: its size (shape fn), each entry's range, and every axis present (kernel). */
function checkPerm(perm: readonly number[], rank: number): void {
  if (perm.length !== rank) {
    throw new ShapeError(`transpose expects a vector of size ${rank}. But input(1) is a vector of size ${perm.length}`);
  }
  const bad = perm.find((p) => p < 0 || p >= rank);
  if (bad !== undefined) throw new ShapeError(`perm dim ${bad} is out of range of input rank ${rank}`, `${bad} is out of range [0 .. ${rank})`);
  const missing = Array.from({ length: rank }, (_, i) => i).find((i) => !perm.includes(i));
  if (missing !== undefined) throw new ShapeError(`${missing} is missing from {${perm.join(',')}}.`);
}

registerOpDef({
  type: 'Transpose',
  inputNames: ['x', 'perm'],
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  literalDTypes: [undefined, 'int32'],
  inferOutputs([x, perm]) {
    if (x.shape.dims === null || perm.constValue === undefined) return [spec(x.dtype, null)];
    const p = ints(perm.constValue);
    checkPerm(p, x.shape.dims.length);
    return [spec(x.dtype, p.map((i) => x.shape.dims![i]))];
  },
  kernel(inputs, _attrs, ctx) {
    const x = val(inputs, 0);
    const perm = ints(val(inputs, 1));
    checkPerm(perm, x.rank);
    return [ctx.backend.transpose(x, perm)];
  },
});

registerOpDef({
  type: 'Shape',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  inferOutputs: ([x]) => [spec('int32', [x.shape.rank])],
  kernel: (inputs) => {
    const x = val(inputs, 0);
    return [new NDArray(Int32Array.from(x.shape), [x.rank], 'int32')];
  },
});

registerOpDef({
  type: 'Cast',
  inputNames: ['x'],
  typeGroup: { attr: 'SrcT', inputs: [0], allowed: ALL },
  inferOutputs: ([x], attrs) => [spec(attrValue<DType>(attrs.DstT), x.shape)],
  kernel: (inputs, attrs, ctx) => [ctx.backend.cast(val(inputs, 0), attrValue<DType>(attrs.DstT))],
});

function checkDims(dims: NDArray): number[] {
  if (dims.rank !== 1) throw new ShapeError(`dims must be a vector, got shape ${shapeString(dims.shape)}`);
  const d = ints(dims);
  if (d.some((x) => x < 0)) throw new ShapeError(`Fill dims must be non-negative, got [${d.join(',')}]`);
  return [...d];
}

registerOpDef({
  type: 'Fill',
  inputNames: ['dims', 'value'],
  typeGroup: { attr: 'T', inputs: [1], allowed: ALL },
  literalDTypes: ['int32', undefined],
  inferOutputs([dims, value]) {
    if (value.shape.rank !== null && value.shape.rank !== 0) throw new ShapeError(`Shape must be rank 0 but is rank ${value.shape.rank}`);
    return [spec(value.dtype, dims.constValue === undefined ? null : checkDims(dims.constValue))];
  },
  kernel(inputs) {
    const dims = checkDims(val(inputs, 0));
    const value = val(inputs, 1);
    if (value.rank !== 0) throw new InvalidArgumentError(`value must be a scalar, got shape ${shapeString(value.shape)}`);
    const out = allocate(value.dtype, sizeOf(dims));
    out.fill(value.data[0]);
    return [new NDArray(out, dims, value.dtype)];
  },
});

function oneHotShape(indices: TensorSpec, depth: TensorSpec, axis: number): TensorShape {
  if (indices.shape.dims === null) return TensorShape.unknown();
  const d = depth.constValue === undefined ? null : depth.constValue.data[0];
  const dims: Dim[] = [...indices.shape.dims];
  dims.splice(axis === -1 ? dims.length : axis, 0, d);
  return new TensorShape(dims);
}

registerOpDef({
  type: 'OneHot',
  inputNames: ['indices', 'depth', 'on_value', 'off_value'],
  typeGroup: { attr: 'T', inputs: [2, 3], allowed: NUMERIC },
  literalDTypes: ['int32', 'int32', undefined, undefined],
  inferOutputs([indices, depth, on], attrs) {
    const axis = attrValue<number>(attrs.axis);
    if (indices.dtype !== 'int32') throw new ShapeError(`indices must be int32, got ${indices.dtype}`);
    if (indices.shape.rank !== null && (axis < -1 || axis > indices.shape.rank)) {
      throw new ShapeError(`Expected axis to be -1 or between [0, ${indices.shape.rank}).  But received: ${axis}`);
    }
    return [{ dtype: on.dtype, shape: oneHotShape(indices, depth, axis) }];
  },
  // Composite over primitives: (indices[..., None] == range(depth)) selects on_value, else off_value.
  kernel(inputs, attrs, ctx) {
    const indices = val(inputs, 0);
    const depth = val(inputs, 1).data[0];
    const on = val(inputs, 2);
    const off = val(inputs, 3);
    if (depth < 0) throw new InvalidArgumentError(`depth must be non-negative, got: ${depth}`);
    const axis0 = attrValue<number>(attrs.axis);
    const outShape = [...indices.shape];
    outShape.splice(axis0 === -1 ? indices.rank : axis0, 0, depth);
    checkAllocation(on.dtype, indices.size * depth, outShape);
    const range = new NDArray(Int32Array.from({ length: depth }, (_, i) => i), [depth], 'int32');
    const hit = ctx.backend.binary(BinaryOp.Equal, indices.reshape([...indices.shape, 1]), range);
    const mask = ctx.backend.cast(hit, on.dtype);
    const scaled = ctx.backend.binary(BinaryOp.Mul, mask, ctx.backend.binary(BinaryOp.Sub, on, off));
    let out = ctx.backend.binary(BinaryOp.Add, scaled, off);
    const axis = attrValue<number>(attrs.axis);
    if (axis !== -1 && axis !== indices.rank) {
      const perm = [...Array(indices.rank + 1).keys()];
      perm.splice(axis, 0, perm.pop()!);
      out = ctx.backend.transpose(out, perm);
    }
    return [out];
  },
});

