// String tensors: TF's DT_STRING holds byte strings (a Summary op's serialized proto, the tag Const in
// front of it, the string Consts of an imported graph). Elements are Uint8Arrays; `data` is a zeroed
// placeholder of the same length so size and shape logic stay shared with numeric arrays. No numeric
// kernel accepts a string input (their dtype checks refuse it), so the placeholder is never read as values.
import { NDArray, type NestedArray } from './ndarray.js';
import { sizeOf } from './shape.js';

const encoder = new TextEncoder();

/** Python's repr of a bytes object: `b'loss'`, `b'\n\x0e\n\x04loss'`. */
export function bytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let s = 'b' + quote;
  for (const b of bytes) {
    if (b === 0x5c) s += '\\\\';
    else if (b === 0x09) s += '\\t';
    else if (b === 0x0a) s += '\\n';
    else if (b === 0x0d) s += '\\r';
    else if (b === 0x27 && quote === "'") s += "\\'";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '\\x' + b.toString(16).padStart(2, '0');
  }
  return s + quote;
}

export class StringNDArray extends NDArray {
  readonly strings: readonly Uint8Array[];

  constructor(strings: readonly Uint8Array[], shape: readonly number[]) {
    if (sizeOf(shape) !== strings.length) throw new RangeError(`${strings.length} strings do not fill shape (${shape.join(', ')})`);
    super(new Uint8Array(strings.length), shape, 'string');
    this.strings = strings;
  }

  /** A string tensor from JS text (UTF-8) or bytes. */
  static of(values: string | Uint8Array | readonly (string | Uint8Array)[], shape?: readonly number[]): StringNDArray {
    const list = typeof values === 'string' || values instanceof Uint8Array ? [values] : values;
    const bytes = list.map((v) => (typeof v === 'string' ? encoder.encode(v) : v));
    return new StringNDArray(bytes, shape ?? (typeof values === 'string' || values instanceof Uint8Array ? [] : [bytes.length]));
  }

  override reshape(shape: readonly number[]): StringNDArray {
    if (sizeOf(shape) !== this.size) throw new RangeError(`cannot reshape array of size ${this.size} into shape (${shape.join(', ')})`);
    return new StringNDArray(this.strings, shape);
  }

  /** The bytes of a one-element array (what TF's `sess.run` gives for a string scalar, Python's bytes). */
  override item(): Uint8Array {
    if (this.size !== 1) throw new RangeError('can only convert an array of size 1 to a JS scalar');
    return this.strings[0];
  }

  override toArray(): NestedArray {
    if (this.shape.length === 0) return this.strings[0];
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = this.shape[dim];
      const stride = sizeOf(this.shape.slice(dim + 1));
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = dim === this.shape.length - 1 ? this.strings[offset + i] : build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  override valueOf(): number {
    throw new TypeError('a string array cannot be converted to a JS number');
  }

  override [Symbol.toPrimitive](hint: string): number | string {
    if (hint === 'number') throw new TypeError('a string array cannot be converted to a JS number');
    return this.toString();
  }

  /** numpy's str() of a bytes array: `b'loss'`, `[b'a' b'b']`. */
  override toString(): string {
    return this.layout(' ');
  }

  /** numpy's repr(): `b'loss'` for a scalar, `array([b'a', b'b'], dtype=object)` otherwise. */
  override repr(): string {
    return this.shape.length === 0 ? this.layout(' ') : `array(${this.layout(', ')}, dtype=object)`;
  }

  private layout(separator: string): string {
    if (this.shape.length === 0) return bytesRepr(this.strings[0]);
    const nested = (dim: number, offset: number): string => {
      const n = this.shape[dim];
      const stride = sizeOf(this.shape.slice(dim + 1));
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        parts.push(dim === this.shape.length - 1 ? bytesRepr(this.strings[offset + i]) : nested(dim + 1, offset + i * stride));
      }
      return `[${parts.join(dim === this.shape.length - 1 ? separator : separator.trim() + '\n' + ' '.repeat(dim + 1))}]`;
    };
    return nested(0, 0);
  }
}

export function isStringArray(x: unknown): x is StringNDArray {
  return x instanceof StringNDArray;
}
