// The element types tensorshell supports, and the names TensorFlow shows for them.
import { Buffer } from 'node:buffer';
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
  const cls = arrayClass(dtype);
  return reuse(cls, size)?.fill(0) ?? kept(newArray(dtype, size));
}

/** A new zeroed array, each class constructed at its own site (one `new cls(size)` for all three is a slow generic construct). */
function newArray(dtype: DType, size: number): TypedArray {
  return dtype === 'float32' ? new Float32Array(size) : dtype === 'int32' ? new Int32Array(size) : new Uint8Array(size);
}

/**
 * Where arrays of UNINIT_MIN_BYTES or more may come from instead of new memory, and where new ones are
 * reported: while a Session plan runs a step, that step's arena (graph/arena.ts). `take` gives an array
 * of exactly that class and length that nothing uses any more, or undefined.
 */
export interface OutputSource {
  take(cls: Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor, size: number): TypedArray | undefined;
  keep(array: TypedArray): void;
}
let source: OutputSource | null = null;

/** Sets the output source (null: none) and returns the one it replaces. */
export function setOutputSource(s: OutputSource | null): OutputSource | null {
  const was = source;
  source = s;
  return was;
}

/** An array from the output source, for a size it keeps; undefined when there is none. */
function reuse(cls: ReturnType<typeof arrayClass>, size: number): TypedArray | undefined {
  return source !== null && size * cls.BYTES_PER_ELEMENT >= UNINIT_MIN_BYTES ? source.take(cls, size) : undefined;
}

/** `array`, reported to the output source when it is of a size the source keeps. */
function kept(array: TypedArray): TypedArray {
  if (source !== null && array.byteLength >= UNINIT_MIN_BYTES) source.keep(array);
  return array;
}

// From this size an output that its kernel overwrites in full skips the zeroing: calloc of a reused heap
// block is a memset, which for a 64 MiB result costs ~1.5 ms and pulls the block through the cache once more
// (tf.add of 16M floats: 5.9 ms with it, 3.2 ms without). Below, V8's zeroed arrays (on-heap up to 64 bytes)
// are as fast or faster.
const UNINIT_MIN_BYTES = 4096;
// The bit pattern of a poisoned element (a signalling NaN as float32, which no arithmetic produces; the bytes
// A5 A5 A5 7F, none of them a bool) and whether allocateUninit fills its arrays with it (see below).
export const POISON_BITS = 0x7fa5a5a5;
let poison = process.env.TENSORSHELL_POISON_UNINIT === '1';

// Outputs up to SLAB_PIECE_MAX bytes are views into a shared SLAB_BYTES ArrayBuffer, carved in order at 64-byte
// boundaries (as Node pools small Buffers): one malloc and one ArrayBuffer for many outputs instead of one each.
// The addon's 64 x 64 product into a fresh 16 KiB output, with its allocation: 4.9-5.0 -> 4.0-4.1 µs a call
// (the allocation alone 0.62 -> 0.09 µs); eager tf.matmul of 64 x 64, alternated in one process: 6.19 -> 5.46
// µs, 32 x 32 2.60 -> 1.67. The cost: a slab lives while any of its views does, so a kept 4 KiB tensor can
// hold up to 128 KiB (at most 32x; 16 KiB outputs at most 8x). Each piece is used once.
const SLAB_BYTES = 128 * 1024;
const SLAB_PIECE_MAX = 16 * 1024;
let slab: ArrayBuffer | null = null;
let slabUsed = SLAB_BYTES;

function fromSlab(cls: ReturnType<typeof arrayClass>, size: number, bytes: number): TypedArray {
  if (slab === null || slabUsed + bytes > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES).buffer;
    slabUsed = 0;
  }
  const out = new cls(slab, slabUsed, size);
  slabUsed += (bytes + 63) & ~63;
  return out;
}

/** Turns poisoning on or off (tests); returns the previous setting. */
export function setUninitPoison(on: boolean): boolean {
  const was = poison;
  poison = on;
  return was;
}

/**
 * A typed array for an output whose every element the caller's kernel writes before anything reads it: from
 * UNINIT_MIN_BYTES its memory comes unzeroed (Node's Buffer.allocUnsafeSlow: malloc, not calloc; still zeroed
 * under `node --zero-fill-buffers`). Never use it where a kernel accumulates into its output or may skip
 * elements. With TENSORSHELL_POISON_UNINIT=1 (or setUninitPoison) every size takes this path and is filled
 * with POISON_BITS first, so a test can show that no poison survives any op that allocates this way
 * (test/uninit-outputs.test.ts).
 */
export function allocateUninit(dtype: DType, size: number, shape?: readonly number[]): TypedArray {
  checkAllocation(dtype, size, shape);
  const cls = arrayClass(dtype);
  const bytes = size * cls.BYTES_PER_ELEMENT;
  if (bytes < UNINIT_MIN_BYTES && !poison) return newArray(dtype, size);
  const out = reuse(cls, size) ?? kept(bytes <= SLAB_PIECE_MAX ? fromSlab(cls, size, bytes) : new cls(Buffer.allocUnsafeSlow(bytes).buffer, 0, size));
  if (poison) {
    new Uint32Array(out.buffer, out.byteOffset, bytes >>> 2).fill(POISON_BITS);
    new Uint8Array(out.buffer, out.byteOffset + (bytes & ~3), bytes & 3).fill(0xa5);
  }
  return out;
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
