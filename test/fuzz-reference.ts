// A small, obviously-correct reference for the fuzz test: row-major arrays with a shape, numpy's rules for
// broadcasting, reductions, transposes and reshapes. Slow and simple on purpose; `null` means "TF refuses".

export interface Ref {
  data: number[];
  shape: number[];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

function unravel(index: number, shape: readonly number[]): number[] {
  const st = strides(shape);
  return shape.map((_, i) => Math.floor(index / st[i]) % shape[i]);
}

function at(x: Ref, coords: readonly number[]): number {
  const st = strides(x.shape);
  return x.data[coords.reduce((acc, c, i) => acc + c * st[i], 0)];
}

/** numpy broadcasting of two shapes, or null when they do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

export function binary(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref | null {
  const shape = broadcastShape(a.shape, b.shape);
  if (shape === null) return null;
  const pick = (x: Ref, c: number[]) => at(x, c.slice(c.length - x.shape.length).map((v, i) => (x.shape[i] === 1 ? 0 : v)));
  const data = Array.from({ length: size(shape) }, (_, k) => {
    const c = unravel(k, shape);
    return f(pick(a, c), pick(b, c));
  });
  return { data, shape };
}

export function unary(a: Ref, f: (x: number) => number): Ref {
  return { data: a.data.map(f), shape: [...a.shape] };
}

/** Reduction over `axes` (all when undefined); null for an axis out of range. */
export function reduce(a: Ref, axes: number[] | undefined, keepDims: boolean, f: (xs: number[]) => number): Ref | null {
  const rank = a.shape.length;
  const list = axes ?? a.shape.map((_, i) => i);
  if (list.some((ax) => ax < -rank || ax >= rank)) return null;
  const norm = new Set(list.map((ax) => (ax + rank) % Math.max(rank, 1)));
  const kept = a.shape.map((d, i) => (norm.has(i) ? 1 : d));
  const groups = new Map<number, number[]>();
  for (let k = 0; k < a.data.length; k++) {
    const c = unravel(k, a.shape).map((v, i) => (norm.has(i) ? 0 : v));
    const key = c.reduce((acc, v, i) => acc + v * strides(kept)[i], 0);
    groups.set(key, [...(groups.get(key) ?? []), a.data[k]]);
  }
  const data = Array.from({ length: size(kept) }, (_, k) => f(groups.get(k) ?? []));
  return { data, shape: keepDims ? kept : a.shape.filter((_, i) => !norm.has(i)) };
}

export function transpose(a: Ref, perm: number[]): Ref | null {
  const rank = a.shape.length;
  if (perm.length !== rank || new Set(perm).size !== rank || perm.some((p) => p < 0 || p >= rank)) return null;
  const shape = perm.map((p) => a.shape[p]);
  const data = Array.from({ length: size(shape) }, (_, k) => {
    const c = unravel(k, shape);
    const src = new Array<number>(rank);
    perm.forEach((p, i) => (src[p] = c[i]));
    return at(a, src);
  });
  return { data, shape };
}

export function reshape(a: Ref, target: number[]): Ref | null {
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1 || target.some((d) => d < -1)) return null;
  const known = size(target.filter((d) => d !== -1));
  let shape = target;
  if (unknown === 1) {
    if (known === 0 || a.data.length % known !== 0) return null;
    shape = target.map((d) => (d === -1 ? a.data.length / known : d));
  }
  return size(shape) === a.data.length ? { data: [...a.data], shape } : null;
}

export function matmul(a: Ref, b: Ref, ta: boolean, tb: boolean): Ref | null {
  if (a.shape.length !== 2 || b.shape.length !== 2) return null;
  const A = ta ? transpose(a, [1, 0])! : a;
  const B = tb ? transpose(b, [1, 0])! : b;
  const [m, k] = A.shape;
  const [k2, n] = B.shape;
  if (k !== k2) return null;
  const data = Array.from({ length: m * n }, (_, idx) => {
    const i = Math.floor(idx / n);
    const j = idx % n;
    let s = 0;
    for (let t = 0; t < k; t++) s += at(A, [i, t]) * at(B, [t, j]);
    return s;
  });
  return { data, shape: [m, n] };
}

export function argMax(a: Ref, axis: number): Ref | null {
  const rank = a.shape.length;
  if (rank === 0 || axis < -rank || axis >= rank || a.shape[(axis + rank) % rank] === 0) return null;
  const ax = (axis + rank) % rank;
  const shape = a.shape.filter((_, i) => i !== ax);
  const data = Array.from({ length: size(shape) }, (_, k) => {
    const c = unravel(k, shape);
    let best = 0;
    for (let t = 0; t < a.shape[ax]; t++) {
      const full = [...c.slice(0, ax), t, ...c.slice(ax)];
      const bestFull = [...c.slice(0, ax), best, ...c.slice(ax)];
      if (at(a, full) > at(a, bestFull)) best = t;
    }
    return best;
  });
  return { data, shape };
}

export function tile(a: Ref, multiples: number[]): Ref | null {
  if (multiples.length !== a.shape.length || multiples.some((m) => m < 0)) return null;
  const shape = a.shape.map((d, i) => d * multiples[i]);
  const data = Array.from({ length: size(shape) }, (_, k) => at(a, unravel(k, shape).map((c, i) => c % a.shape[i])));
  return { data, shape };
}

export function oneHot(indices: Ref, depth: number): Ref {
  const shape = [...indices.shape, depth];
  const data = Array.from({ length: size(shape) }, (_, k) => (indices.data[Math.floor(k / depth)] === k % depth ? 1 : 0));
  return { data, shape };
}

export function softmax(a: Ref, axis: number): Ref | null {
  const rank = a.shape.length;
  if (rank === 0 || axis < -rank || axis >= rank) return null;
  const ax = (axis + rank) % rank;
  const data = a.data.map((_, k) => {
    const c = unravel(k, a.shape);
    const row = Array.from({ length: a.shape[ax] }, (_, t) => at(a, c.map((v, i) => (i === ax ? t : v))));
    const m = Math.max(...row);
    return Math.exp(a.data[k] - m) / row.reduce((s, v) => s + Math.exp(v - m), 0);
  });
  return { data, shape: [...a.shape] };
}
