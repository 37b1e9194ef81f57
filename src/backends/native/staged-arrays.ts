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

/** The plain typed arrays (not Buffer, not DataView); an array's index here picks its scratch views. */
const STAGED: readonly unknown[] = [Float32Array, Int32Array, Uint8Array, Float64Array, Uint32Array, Int16Array,
  Uint16Array, Int8Array, BigInt64Array];

/** Scratch views by constructor, argument position and length; each made once, off the heap. */
const scratch: TypedArray[][][] = STAGED.map(() => []);

/** The index of a small plain typed array's constructor in STAGED, else -1 (a scan, not a Set: ~9 compares). */
function stagedKind(x: unknown): number {
  if (!ArrayBuffer.isView(x) || x.byteLength > ON_HEAP_BYTES) return -1;
  const c = x.constructor;
  for (let i = 0; i < STAGED.length; i++) if (STAGED[i] === c) return i;
  return -1;
}

function scratchView(x: TypedArray, kind: number, position: number): TypedArray {
  const byLength = (scratch[kind][position] ??= []);
  return (byLength[x.length] ??= new (x.constructor as ViewConstructor)(new ArrayBuffer(ON_HEAP_BYTES), 0, x.length));
}

// Copies between an array and its scratch view, one loop per common type (each stays monomorphic): for a
// handful of elements TypedArray.prototype.set costs several times the copy.
type Copy = (to: TypedArray, from: TypedArray) => void;
const copyF32: Copy = (to, from) => {
  for (let j = 0; j < from.length; j++) (to as Float32Array)[j] = (from as Float32Array)[j];
};
const copyI32: Copy = (to, from) => {
  for (let j = 0; j < from.length; j++) (to as Int32Array)[j] = (from as Int32Array)[j];
};
const copyU8: Copy = (to, from) => {
  for (let j = 0; j < from.length; j++) (to as Uint8Array)[j] = (from as Uint8Array)[j];
};
const copySet: Copy = (to, from) => to.set(from as never);
/** By STAGED index. */
const COPY: readonly Copy[] = STAGED.map((_, i) => [copyF32, copyI32, copyU8][i] ?? copySet);

type Native = (...a: unknown[]) => unknown;

/** f(...args), as a direct call for the kernels' arities (a spread call costs more). */
function callWith(f: Native, args: unknown[]): unknown {
  switch (args.length) {
    case 1: return f(args[0]);
    case 2: return f(args[0], args[1]);
    case 3: return f(args[0], args[1], args[2]);
    case 4: return f(args[0], args[1], args[2], args[3]);
    case 5: return f(args[0], args[1], args[2], args[3], args[4]);
    case 6: return f(args[0], args[1], args[2], args[3], args[4], args[5]);
    case 7: return f(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
    case 8: return f(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
    default: return f(...args);
  }
}

// The arrays one call staged, their views and kinds: shared by every wrapper, as the scratch views are, which
// holds because no staged kernel calls back into JS (the one addon function that does, sigint.run, sits in a
// member object, which stagedKernels passes as it is); cleared after each call so they hold nothing.
const originals: Array<TypedArray | undefined> = [];
const views: TypedArray[] = [];
const kinds: number[] = [];

/** `f` with its small typed-array arguments staged through scratch views. */
export function staged<F extends (...args: never[]) => unknown>(f: F): F {
  const native = f as unknown as Native;
  const call = (...args: unknown[]) => {
    let m = 0;
    for (let i = 0; i < args.length; i++) {
      const x = args[i];
      const kind = stagedKind(x);
      if (kind < 0) continue;
      let same = 0;
      while (same < m && originals[same] !== x) same++;
      if (same < m) {
        args[i] = views[same];
        continue;
      }
      const view = scratchView(x as TypedArray, kind, i);
      COPY[kind](view, x as TypedArray);
      originals[m] = x as TypedArray;
      views[m] = view;
      kinds[m++] = kind;
      args[i] = view;
    }
    if (m === 0) return callWith(native, args);
    try {
      const result = callWith(native, args);
      for (let q = 0; q < m; q++) COPY[kinds[q]](originals[q]!, views[q]);
      return result;
    } finally {
      for (let q = 0; q < m; q++) originals[q] = undefined;
    }
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
