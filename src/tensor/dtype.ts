// The element types tensorshell supports, and the names TensorFlow shows for them.
import { totalmem } from 'node:os';
import { ResourceExhaustedError } from '../errors.js';
import type { DType } from './format.js';

export type { DType };

export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** Maps a user's dtype (a string such as 'float32', also TF's aliases 'float'/'int') to a DType, or throws TypeError. */
export function parseDType(value: unknown): DType {
  if (value === 'float32' || value === 'int32' || value === 'bool') return value;
  if (value === 'float') return 'float32';
  if (value === 'int') return 'int32';
  if (typeof value === 'string' && /^(float16|float64|double|int8|int16|int64|uint8|uint16|uint32|uint64|complex64|complex128|string|bfloat16)$/.test(value)) {
    throw new TypeError(`dtype '${value}' is not supported by tensorshell: use 'float32', 'int32' or 'bool'.`);
  }
  throw new TypeError(`Cannot convert value ${typeof value === 'string' ? `'${value}'` : String(value)} to a TensorFlow DType.`);
}

/** The typed array class backing a dtype (a string array's data is a placeholder: see string-array.ts). */
export function arrayClass(dtype: DType): Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor {
  return dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
}

// The largest tensor tensorshell allocates: 2^31 - 1 elements and at most half the machine's memory.
const MAX_BYTES = Math.min(2 ** 31 - 1, totalmem() / 2);

/** A zeroed typed array; a size no allocator could satisfy is TF's ResourceExhaustedError, not a JS RangeError. */
export function allocate(dtype: DType, size: number, shape?: readonly number[]): TypedArray {
  checkAllocation(dtype, size, shape);
  return new (arrayClass(dtype))(size);
}

/** Throws TF's OOM error for a tensor that cannot be allocated, before a kernel builds anything for it. */
export function checkAllocation(dtype: DType, size: number, shape?: readonly number[]): void {
  const bytes = size * (dtype === 'bool' || dtype === 'string' ? 1 : 4);
  if (!(bytes <= MAX_BYTES) || !Number.isInteger(size) || size < 0) {
    const dims = shape ?? [size];
    throw new ResourceExhaustedError(`OOM when allocating tensor with shape[${dims.join(',')}] and type ${tfTypeString(dtype)} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu`);
  }
}

/** The dtype of a typed array, or null for other arrays. */
export function dtypeOfArray(data: unknown): DType | null {
  // By tag, not instanceof: an array made in the REPL's vm context has that context's constructors.
  const tag = Object.prototype.toString.call(data);
  if (tag === '[object Float32Array]') return 'float32';
  if (tag === '[object Int32Array]') return 'int32';
  if (tag === '[object Uint8Array]') return 'bool';
  return null;
}

/** TF's DataTypeString ('float', 'int32', 'bool'), used in runtime messages such as the missing-feed error. */
export function tfTypeString(dtype: DType): string {
  return dtype === 'float32' ? 'float' : dtype;
}

/** The protobuf enum name used in NodeDef text: DT_FLOAT, DT_INT32, DT_BOOL. */
export function protoTypeName(dtype: DType): string {
  return dtype === 'float32' ? 'DT_FLOAT' : dtype === 'int32' ? 'DT_INT32' : dtype === 'string' ? 'DT_STRING' : 'DT_BOOL';
}
