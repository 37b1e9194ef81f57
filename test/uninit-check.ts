// The check of test/uninit-outputs.test.ts and test/uninit-nn-outputs.test.ts: an op run with poisoned
// unzeroed outputs (POISON_BITS, see src/tensor/dtype.ts) must leave no poisoned element and give the
// same bits as with poisoning off.
import { expect } from 'vitest';

import { POISON_BITS, setUninitPoison, type TypedArray } from '../src/tensor/dtype.js';
import type { NDArray } from '../src/tensor/ndarray.js';

const bits = (a: TypedArray) => a instanceof Uint8Array ? a : new Uint32Array(a.buffer, a.byteOffset, a.length);

/** Indices of poisoned elements (a bool anything but 0 or 1), at most 5. */
export function poisoned(x: NDArray): number[] {
  const found: number[] = [];
  const v = bits(x.data);
  for (let i = 0; i < v.length && found.length < 5; i++) {
    if (x.data instanceof Uint8Array ? v[i] > 1 : v[i] === POISON_BITS) found.push(i);
  }
  return found;
}

/** Runs `op` poisoned and clean: no poison left, identical bits, identical shapes. */
export function check(what: string, op: () => NDArray | NDArray[]): void {
  setUninitPoison(true);
  const dirty = [op()].flat();
  setUninitPoison(false);
  const clean = [op()].flat();
  setUninitPoison(true);
  dirty.forEach((d, i) => {
    expect(poisoned(d), `${what}: poisoned elements of output ${i} (length ${d.size})`).toEqual([]);
    expect(d.shape, what).toEqual(clean[i].shape);
    expect(Buffer.from(bits(d.data).buffer, d.data.byteOffset, d.data.byteLength)
      .equals(Buffer.from(bits(clean[i].data).buffer, clean[i].data.byteOffset, clean[i].data.byteLength)), `${what}: bits`).toBe(true);
  });
}

