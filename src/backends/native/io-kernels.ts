// The native file-format helpers (native/binding_io.cc) for src/io/, which may not load the addon
// itself (STYLE.md: only src/backends/native/ does).
import { addon } from './addon.js';

export interface IoKernels {
  /** TF's crc32c::Extend(initial, u8) over the view's bytes (its byteOffset respected); a uint32. */
  crc32c(u8: Uint8Array, initial?: number): number;
  /** The CRC-32C path chosen at load: 'sse4.2', or 'portable' (no SSE4.2, or TENSORSHELL_KERNELS=portable). */
  crc32cKernel: string;
}

let checked: IoKernels | null = null;

/** The io kernels; checked on first use so an addon built before them fails with what to do. */
export function ioKernels(): IoKernels {
  if (checked) return checked;
  const k = addon as unknown as Partial<IoKernels>;
  if (typeof k.crc32c !== 'function' || typeof k.crc32cKernel !== 'string') {
    throw new Error('tensorshell: the native addon predates crc32c; rebuild it with `npx node-gyp rebuild`');
  }
  checked = k as IoKernels;
  return checked;
}
