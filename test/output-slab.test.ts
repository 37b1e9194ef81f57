// Outputs of 4-16 KiB are views carved in order from shared 128 KiB ArrayBuffers (allocateUninit in
// src/tensor/dtype.ts). Each must be its own memory: 64-byte aligned, never overlapping another output that
// is still alive, and keeping its values while later ops fill the rest of its slab.
import { describe, expect, it } from 'vitest';

import * as tf from '../src/index.js';
import { allocateUninit, type TypedArray } from '../src/tensor/dtype.js';
import { setMode } from './helpers.js';

const SLAB = 128 * 1024;
const ranges = (arrays: TypedArray[]) => arrays.map((a) => ({ buffer: a.buffer, start: a.byteOffset, end: a.byteOffset + a.byteLength }));

describe('small outputs share slabs', () => {
  it('eager results are aligned, disjoint views that keep their values', () => {
    setMode('eager');
    const results: { t: tf.Tensor; expect: number }[] = [];
    // Sizes 1024..4096 floats (4-16 KiB), some not a multiple of 16 elements, interleaved with matmuls.
    for (let i = 0; i < 60; i++) {
      const n = 1024 + ((i * 397) % 3073);
      const x = tf.fill([n], i);
      results.push({ t: tf.add(x, tf.fill([n], 0.5)), expect: i + 0.5 });
      if (i % 7 === 0) results.push({ t: tf.matmul(tf.fill([40, 40], 1), tf.fill([40, 40], 0.25)), expect: 10 });
    }
    const data = results.map((r) => r.t.numpy().data);
    const rs = ranges(data);
    const shared = new Set(rs.filter((r) => r.buffer.byteLength === SLAB).map((r) => r.buffer));
    expect(shared.size).toBeGreaterThan(1); // several slabs, each holding several outputs
    expect(rs.filter((r) => r.buffer.byteLength === SLAB).length).toBeGreaterThan(2 * shared.size);
    for (const r of rs) expect(r.start % 64).toBe(0);
    for (let i = 0; i < rs.length; i++) {
      for (let j = i + 1; j < rs.length; j++) {
        if (rs[i].buffer !== rs[j].buffer) continue;
        expect(rs[i].end <= rs[j].start || rs[j].end <= rs[i].start, `outputs ${i} and ${j} overlap`).toBe(true);
      }
    }
    results.forEach((r, i) => expect(Array.from(new Set(data[i])), `output ${i}`).toEqual([r.expect]));
  });

  it('larger outputs and raw allocations past 16 KiB get a buffer of their own', () => {
    setMode('eager');
    const big = tf.add(tf.fill([4097], 1), tf.fill([4097], 2)).numpy().data;
    expect([big.byteOffset, big.buffer.byteLength]).toEqual([0, 4097 * 4]);
    const own = allocateUninit('float32', 5000);
    expect([own.byteOffset, own.buffer.byteLength]).toEqual([0, 20000]);
    const small = allocateUninit('int32', 1500);
    expect(small.buffer.byteLength).toBe(SLAB);
  });
});
