// CRC-32C (Castagnoli) as TensorFlow's tensorflow/core/lib/hash/crc32c.h defines it for its file
// formats: Value, Extend, and the masked form that TFRecord and table files store. The CRC itself is
// native (native/cpu/crc32c.cc: SSE4.2 where the CPU has it, else slicing-by-8 tables).
import { ioKernels } from '../backends/native/io-kernels.js';

/** crc32c.h's kMaskDelta. */
const MASK_DELTA = 0xa282ead8;

/**
 * The CRC-32C of `bytes`, continuing from `initial` (the CRC of the data before them, 0 for none).
 * e.g. `crc32c(new TextEncoder().encode('123456789')) === 0xe3069283`
 */
export function crc32c(bytes: Uint8Array, initial = 0): number {
  return ioKernels().crc32c(bytes, initial);
}

/**
 * TF's crc32c::Extend(crc, buf): the CRC of A ++ B from the CRC of A and the bytes of B.
 * e.g. `extendCrc32c(crc32c(a), b) === crc32c(concat(a, b))`
 */
export function extendCrc32c(crc: number, bytes: Uint8Array): number {
  return ioKernels().crc32c(bytes, crc);
}

/**
 * TF's crc32c::Mask: rotate right by 15 bits and add a constant, so that the CRC of data that itself
 * holds CRCs is not trivially related to them. e.g. `unmaskCrc(maskCrc(c)) === c`
 */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** TF's crc32c::Unmask, the inverse of maskCrc. e.g. `unmaskCrc(maskCrc(0)) === 0` */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
