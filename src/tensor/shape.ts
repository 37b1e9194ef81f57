// Shapes: concrete ones (number[]) for values, partially known ones (TensorShape) for graph tensors.

/** A dimension that may be unknown until run time (null prints as `?`). */
export type Dim = number | null;

/** The static shape of a graph tensor: TF's TensorShape. `String(new TensorShape([null, 2]))` is `(?, 2)`. */
export class TensorShape {
  /** The dimensions, or null when even the rank is unknown. */
  readonly dims: readonly Dim[] | null;

  constructor(dims: readonly Dim[] | null) {
    this.dims = dims === null ? null : Object.freeze([...dims]);
  }

  static unknown(): TensorShape {
    return new TensorShape(null);
  }

  get rank(): number | null {
    return this.dims === null ? null : this.dims.length;
  }

  get isFullyDefined(): boolean {
    return this.dims !== null && this.dims.every((d) => d !== null);
  }

  /** The dimensions as an array (unknown ones as null); throws for an unknown rank. */
  asList(): Dim[] {
    if (this.dims === null) throw new Error('asList() is not defined on an unknown TensorShape.');
    return [...this.dims];
  }

  /** The number of elements, or null if any dimension is unknown. */
  numElements(): number | null {
    if (!this.isFullyDefined) return null;
    return (this.dims as number[]).reduce((a, b) => a * b, 1);
  }

  /** True when a concrete shape fits this one (unknown dims match anything). */
  isCompatibleWith(shape: readonly number[]): boolean {
    if (this.dims === null) return true;
    return this.dims.length === shape.length && this.dims.every((d, i) => d === null || d === shape[i]);
  }

  /** The most specific shape compatible with both (TF's merge_with), or null when they clash. */
  mergeWith(other: TensorShape): TensorShape | null {
    if (this.dims === null) return other;
    if (other.dims === null) return this;
    if (this.dims.length !== other.dims.length) return null;
    const dims: Dim[] = [];
    for (let i = 0; i < this.dims.length; i++) {
      const a = this.dims[i];
      const b = other.dims[i];
      if (a !== null && b !== null && a !== b) return null;
      dims.push(a ?? b);
    }
    return new TensorShape(dims);
  }

  /** TF1's str(): `(1, 1)`, `(3,)`, `()`, `(?, 2)`, `<unknown>`. */
  toString(): string {
    if (this.dims === null) return '<unknown>';
    const parts = this.dims.map((d) => (d === null ? '?' : String(d)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }

  /** The `[1,2]` form TF uses inside shape-inference messages. */
  toBracketString(): string {
    return this.dims === null ? '?' : `[${this.dims.map((d) => (d === null ? '?' : d)).join(',')}]`;
  }

  /** TF's repr: `TensorShape([Dimension(2), Dimension(None)])` in TF 1.15 (graph), `TensorShape([2, None])` in TF 2. */
  repr(eager: boolean): string {
    if (this.dims === null) return 'TensorShape(None)';
    const dims = this.dims.map((d) => (d === null ? 'None' : String(d)));
    return `TensorShape([${(eager ? dims : dims.map((d) => `Dimension(${d})`)).join(', ')}])`;
  }
}

/** Element count of a concrete shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `[2,3]`: the bracket form TF's runtime messages use. */
export function shapeString(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
}

/** Python's tuple form: `(3,)`, `(2, 3)`, `()`. */
export function shapeTuple(shape: readonly Dim[]): string {
  return new TensorShape(shape).toString();
}

/**
 * numpy broadcasting of two static shapes. Returns the result, or the pair of clashing dims
 * (as TF reports them: "Dimensions must be equal, but are 2 and 3").
 */
export function broadcastStatic(a: TensorShape, b: TensorShape): TensorShape | { clash: [number, number] } {
  if (a.dims === null || b.dims === null) return TensorShape.unknown();
  const rank = Math.max(a.dims.length, b.dims.length);
  const out: Dim[] = new Array(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.dims.length ? 1 : a.dims[i - (rank - a.dims.length)];
    const db = i < rank - b.dims.length ? 1 : b.dims[i - (rank - b.dims.length)];
    if (da === 1) out[i] = db;
    else if (db === 1) out[i] = da;
    else if (da === null) out[i] = db;
    else if (db === null || da === db) out[i] = da;
    else return { clash: [da, db] };
  }
  return new TensorShape(out);
}

/** numpy broadcasting of two concrete shapes, or null when they clash. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else return null;
  }
  return out;
}

/** Normalises a possibly negative axis for a tensor of the given rank, or returns null when out of range. */
export function normalizeAxis(axis: number, rank: number): number | null {
  if (!Number.isInteger(axis)) return null;
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : null;
}
