// Turning JS values (numbers, booleans, nested arrays, typed arrays) into NDArrays.
import { ValueError } from '../errors.js';
import { jsTypeName } from '../js-type-name.js';
import { allocate, dtypeOfArray, type DType, type TypedArray } from './dtype.js';
import { NDArray } from './ndarray.js';
import { sizeOf } from './shape.js';
import { pythonTypeName, SpelledLiteral } from './literal.js';

/**
 * The dtype a JS value gets when none is asked for: numbers are float32 (as in tfjs), booleans bool; a
 * literal the REPL saw written gets its spelling's dtype (`1` int32, `1.0` float32), as in Python.
 */
export function inferDType(value: unknown): DType {
  if (value instanceof NDArray) return value.dtype;
  if (value instanceof SpelledLiteral) return value.dtype;
  const typed = dtypeOfArray(value);
  if (typed) return typed;
  let v: unknown = value;
  while (Array.isArray(v) && v.length > 0) v = v[0];
  return typeof v === 'boolean' ? 'bool' : 'float32';
}

/** Shape of a nested array; throws ValueError for ragged input. */
function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

function flatten(value: unknown, shape: number[], out: TypedArray, dtype: DType): void {
  let k = 0;
  const visit = (v: unknown, dim: number): void => {
    if (dim === shape.length) {
      out[k++] = scalarToElement(v, dtype);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new ValueError(`Can't convert a ragged nested array to a tensor: expected shape ${JSON.stringify(shape)}`);
    }
    for (const item of v) visit(item, dim + 1);
  };
  visit(value, 0);
}

function scalarToElement(v: unknown, dtype: DType): number {
  if (typeof v === 'boolean') {
    if (dtype !== 'bool') throw new TypeError(`Expected ${dtype}, got ${v} of type 'boolean' instead.`);
    return v ? 1 : 0;
  }
  if (typeof v !== 'number') {
    throw new TypeError(`Expected ${dtype}, got ${v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v)} of type '${jsTypeName(v)}' instead.`);
  }
  if (dtype === 'bool') throw new TypeError(`Expected bool, got ${v} of type 'number' instead.`);
  if (dtype === 'int32') {
    if (!Number.isInteger(v)) throw new TypeError(`Expected int32, got ${v} of type 'number' instead.`);
    if (v > 2147483647 || v < -2147483648) throw new ValueError(`Can't convert ${v} to int32: out of range.`);
  }
  return v;
}

/** Converts a JS value to an NDArray of `dtype` (inferred when omitted). Typed arrays are copied. */
export function toNDArray(value: unknown, dtype?: DType): NDArray {
  if (value instanceof SpelledLiteral) {
    // TF refuses a Python float where an int is asked for, even 1.0: convert_to_tensor(1.0, tf.int32).
    if (value.dtype === 'float32' && dtype !== undefined && dtype !== 'float32') {
      throw new TypeError(`Expected ${dtype}, got ${value} of type '${pythonTypeName(value)}' instead.`);
    }
    return toNDArray(value.value, dtype ?? value.dtype);
  }
  const target = dtype ?? inferDType(value);
  if (value instanceof NDArray) {
    return value.dtype === target ? value : convertElements(value.data, value.shape, target);
  }
  const typed = dtypeOfArray(value);
  if (typed) return convertElements(value as TypedArray, [(value as TypedArray).length], target);
  if (typeof value !== 'number' && typeof value !== 'boolean' && !Array.isArray(value)) {
    throw new TypeError(`Failed to convert object of type ${jsTypeName(value)} to Tensor. Contents: ${String(value)}. Consider casting elements to a supported type.`);
  }
  const shape = nestedShape(value);
  const data = allocate(target, sizeOf(shape));
  flatten(value, shape, data, target);
  return new NDArray(data, shape, target);
}

function convertElements(src: TypedArray, shape: readonly number[], dtype: DType): NDArray {
  const out = allocate(dtype, src.length);
  const from = dtypeOfArray(src);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (dtype === 'int32' && from === 'float32' && !Number.isInteger(v)) {
      throw new TypeError(`Expected int32, got ${v} of type 'number' instead.`);
    }
    out[i] = dtype === 'bool' ? (v !== 0 ? 1 : 0) : v;
  }
  return new NDArray(out, shape, dtype);
}

/** True for values `toNDArray` accepts as literals (not tensors). */
export function isLiteral(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value) ||
    value instanceof NDArray || value instanceof SpelledLiteral || dtypeOfArray(value) !== null;
}

/** A scalar NDArray. */
export function scalar(value: number, dtype: DType = 'float32'): NDArray {
  const data = allocate(dtype, 1);
  data[0] = value;
  return new NDArray(data, [], dtype);
}
