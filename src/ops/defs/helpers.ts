// Small shared pieces for op definitions: input access, static-shape helpers.
import { attrValue } from '../../engine/attrs.js';
import { ShapeError, type Attrs, type KernelInput, type TensorSpec } from '../../engine/registry.js';
import type { DType } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { normalizeAxis, shapeString, TensorShape } from '../../tensor/shape.js';

export const NUMERIC: readonly DType[] = ['float32', 'int32'];
export const FLOAT: readonly DType[] = ['float32'];
export const ALL: readonly DType[] = ['float32', 'int32', 'bool'];

/** Input `i` as a value (refs are read). */
export function val(inputs: readonly KernelInput[], i: number): NDArray {
  const x = inputs[i];
  return x instanceof NDArray ? x : x.read();
}

export function spec(dtype: DType, dims: TensorShape | readonly (number | null)[] | null): TensorSpec {
  return { dtype, shape: dims instanceof TensorShape ? dims : new TensorShape(dims) };
}

export function boolAttr(attrs: Attrs, name: string, dflt = false): boolean {
  return attrs[name] === undefined ? dflt : attrValue<boolean>(attrs[name]);
}

const intsCache = new WeakMap<NDArray, readonly number[]>();

/**
 * Integer contents of a small int32 NDArray (axes, shapes, perms). Cached per array: a plan's constant
 * axes and shapes are the same NDArray on every run.
 */
export function ints(x: NDArray): readonly number[] {
  let r = intsCache.get(x);
  if (r === undefined) {
    r = Object.freeze(Array.from(x.data as Int32Array));
    intsCache.set(x, r);
  }
  return r;
}

/** Normalised, sorted, unique reduction axes; ShapeError for one out of range. */
export function reductionAxes(axes: readonly number[], rank: number): number[] {
  const out = new Set<number>();
  for (const a of axes) {
    const n = normalizeAxis(a, rank);
    if (n === null) throw new ShapeError(`Invalid reduction dimension ${a} for input with ${rank} dimensions.`, `Invalid reduction dimension (${a} for input with ${rank} dimension(s)`);
    out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

export function requireRank(shape: TensorShape, rank: number): void {
  if (shape.rank !== null && shape.rank !== rank) {
    throw new ShapeError(`Shape must be rank ${rank} but is rank ${shape.rank}`);
  }
}

export function runtimeRank(x: NDArray, rank: number, which: string): void {
  if (x.rank !== rank) {
    throw new ShapeError(`${which} is not a ${rank === 2 ? 'matrix' : `rank-${rank} tensor`}. Instead it has shape ${shapeString(x.shape)}`);
  }
}
