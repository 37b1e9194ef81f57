// The one place that loads the .node file's kernels into Backends.
import type { Backend } from '../backend.js';
import type { SigintControl } from './addon-types.js';
import { addon } from './addon.js';
import { createNativeBackend } from './native-backend.js';
import { stagedKernels } from './staged-arrays.js';
import { nnMethods } from './nn-backend.js';
import { trainMethods } from './train-backend.js';

// Only the CPU has the conv-net kernels; on a GPU backend they are undefined (soft placement runs them on the CPU).
// The one-pass optimizer updates are CPU-only too: a GPU backend composes them from its elementwise kernels.
// Small arrays reach the kernels through scratch views (staged-arrays.ts): ~1 µs less per array.
const kernels = stagedKernels(addon);
export const cpuBackend: Backend = Object.assign(createNativeBackend('CPU', kernels), nnMethods(kernels), trainMethods(kernels));

/** Ctrl-C for the REPL's inputs (native/binding_sigint.cc), for the kernel's script guard (kernel/sigint.ts). */
export const sigintControl: SigintControl = addon.sigint;

let gpuBackends: Backend[] | null = null;

/** Usable GPUs (0 when the addon has no CUDA or the machine has no GPU). */
export function gpuCount(): number {
  return addon.gpu ? addon.cuda.deviceCount() : 0;
}

/** The backend for GPU `index`; only call with index < gpuCount(). */
export function gpuBackend(index: number): Backend {
  const gpu = addon.gpu;
  if (!gpu) throw new Error('tensorshell was built without CUDA');
  gpuBackends ??= [];
  gpuBackends[index] ??= createNativeBackend('GPU', {
    ...gpu,
    // Each call selects its device first, so two GPU backends never share state by accident.
    binary: (...a) => (gpu.setDevice(index), gpu.binary(...a)),
    binaryBroadcast: (...a) => (gpu.setDevice(index), gpu.binaryBroadcast(...a)),
    unary: (...a) => (gpu.setDevice(index), gpu.unary(...a)),
    reduce: (...a) => (gpu.setDevice(index), gpu.reduce(...a)),
    argReduce: (...a) => (gpu.setDevice(index), gpu.argReduce(...a)),
    matmul: (...a) => (gpu.setDevice(index), gpu.matmul(...a)),
    transpose: (...a) => (gpu.setDevice(index), gpu.transpose(...a)),
    cast: (...a) => (gpu.setDevice(index), gpu.cast(...a)),
    random: (...a) => (gpu.setDevice(index), gpu.random(...a)),
    zeroOut: (...a) => (gpu.setDevice(index), gpu.zeroOut(...a)),
  });
  return gpuBackends[index];
}

/** Build facts for the status line and bench: SIMD flavour, threads, CUDA state. */
export function nativeInfo(): { simd: string; threads: number; allocation: string; cudaCompiled: boolean; cudaStatus: string } {
  return { simd: addon.simd, threads: addon.threads, allocation: addon.allocation, cudaCompiled: addon.cuda.compiled, cudaStatus: addon.cuda.status() };
}
