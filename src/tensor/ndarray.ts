// NDArray: the value of a tensor — what `sess.run` and eager `t.numpy()` return. Immutable by convention:
// kernels always write fresh arrays, so a value a user holds never changes under them.
import { inspect } from 'node:util';
import type { DType, TypedArray } from './dtype.js';
import { formatArray } from './format.js';
import { reprArray } from './format-repr.js';
import { sizeOf } from './shape.js';

export type NestedArray = number | boolean | Uint8Array | NestedArray[];

/** A dense n-dimensional array with numpy's printing: `String(arr)` is `[[12.]]`. */
export class NDArray {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;

  constructor(data: TypedArray, shape: readonly number[], dtype: DType) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The same data viewed with another shape of the same size. */
  reshape(shape: readonly number[]): NDArray {
    if (sizeOf(shape) !== this.size) {
      throw new RangeError(`cannot reshape array of size ${this.size} into shape (${shape.join(', ')})`);
    }
    return new NDArray(this.data, shape, this.dtype);
  }

  /** The single element of a size-1 array, as numpy's `item()`; booleans for bool arrays. */
  item(): number | boolean | Uint8Array {
    if (this.size !== 1) throw new RangeError('can only convert an array of size 1 to a JS scalar');
    return this.dtype === 'bool' ? this.data[0] !== 0 : this.data[0];
  }

  /** Nested JS arrays (a scalar gives a number or boolean). */
  toArray(): NestedArray {
    const toJs = this.dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
    if (this.shape.length === 0) return toJs(this.data[0]);
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = this.shape[dim];
      const stride = sizeOf(this.shape.slice(dim + 1));
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === this.shape.length - 1 ? toJs(this.data[offset + i]) : build(dim + 1, offset + i * stride);
      }
      return out;
    };
    return build(0, 0);
  }

  /** The scalar value for arithmetic (`sess.run(x) * 2`); only size-1 arrays convert, as in numpy. */
  valueOf(): number {
    if (this.size !== 1) throw new TypeError('only size-1 arrays can be converted to JS numbers');
    return this.data[0];
  }

  [Symbol.toPrimitive](hint: string): number | string {
    if (hint === 'string') return this.toString();
    if (this.size === 1) return this.data[0];
    if (hint === 'default') return this.toString();
    throw new TypeError('only size-1 arrays can be converted to JS numbers');
  }

  /** numpy's str(): `0.8`, `[14.]`, `[2 2 3]`. */
  toString(): string {
    return formatArray(this.data, this.shape, this.dtype);
  }

  /** numpy's repr(): `0.8`, `array([14.], dtype=float32)`, `array([ True, False])`. */
  repr(): string {
    return reprArray(this.data, this.shape, this.dtype);
  }

  toJSON(): NestedArray {
    return this.toArray();
  }

  /** The REPL echoes an array as Python's does: numpy's repr (`array([14.], dtype=float32)`); print gives the str. */
  [inspect.custom](): string {
    return this.repr();
  }
}
