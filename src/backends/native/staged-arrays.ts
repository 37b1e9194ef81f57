// V8 keeps a typed array of at most 64 bytes inside its JS object, on the heap. The first time C++ asks for
// its memory (nan's TypedArrayContents), V8 moves it out into a new ArrayBuffer: ~1 µs per array, where the
// call itself costs ~80 ns. A scalar training step hands the addon a dozen such fresh arrays (each op's
// output, a broadcast's shape and strides), so a small array is copied into a long-lived scratch view of
// the same type and length for the call, and copied back after it (any argument may be an output). An
// array passed twice (an update written in place) gets one scratch view, so the two stay one array.
import type { TypedArray } from '../../tensor/dtype.js';

/** V8's limit for typed arrays kept on the heap (V8_TYPED_ARRAY_MAX_SIZE_IN_HEAP). */
const ON_HEAP_BYTES = 64;

type ViewConstructor = new (buffer: ArrayBuffer, byteOffset?: number, length?: number) => TypedArray;

/** The plain typed arrays (not Buffer, not DataView), by constructor. */
const STAGED = new Set<unknown>([Float32Array, Float64Array, Int32Array, Uint32Array, Int16Array, Uint16Array,
  Int8Array, Uint8Array, BigInt64Array]);

/** Scratch views by constructor, argument position and length; each made once, off the heap. */
const scratch = new Map<unknown, TypedArray[][]>();

function scratchView(x: TypedArray, position: number): TypedArray {
  let byPosition = scratch.get(x.constructor);
  if (byPosition === undefined) scratch.set(x.constructor, (byPosition = []));
  const byLength = (byPosition[position] ??= []);
  return (byLength[x.length] ??= new (x.constructor as ViewConstructor)(new ArrayBuffer(ON_HEAP_BYTES), 0, x.length));
}

function isSmall(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && x.byteLength <= ON_HEAP_BYTES && STAGED.has(x.constructor);
}

/** `f` with its small typed-array arguments staged through scratch views. */
export function staged<F extends (...args: never[]) => unknown>(f: F): F {
  const call = (...args: unknown[]) => {
    let originals: Array<TypedArray | undefined> | null = null;
    for (let i = 0; i < args.length; i++) {
      const x = args[i];
      if (!isSmall(x)) continue;
      originals ??= new Array<TypedArray | undefined>(args.length);
      originals[i] = x;
      const same = originals.indexOf(x);
      if (same < i) {
        args[i] = args[same];
        continue;
      }
      const view = scratchView(x, i);
      view.set(x as never);
      args[i] = view;
    }
    const result = (f as unknown as (...a: unknown[]) => unknown)(...args);
    if (originals !== null) {
      for (let i = 0; i < originals.length; i++) originals[i]?.set(args[i] as never);
    }
    return result;
  };
  return call as unknown as F;
}

/** A copy of `kernels` whose functions stage their small typed-array arguments (other members as they are). */
export function stagedKernels<T extends object>(kernels: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(kernels)) {
    out[name] = typeof value === 'function' ? staged(value as (...args: never[]) => unknown) : value;
  }
  return out as T;
}
