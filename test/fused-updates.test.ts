// The CPU's one-pass optimizer updates (native/cpu/optim.cc) against the composed form a GPU backend uses:
// the same float32 bits for random inputs of many sizes (including the multi-threaded ones), and the same
// TF argument errors.
import { describe, expect, it } from 'vitest';
import { attr } from '../src/engine/attrs.js';
import { getOpDef, type KernelInput, type VariableRef } from '../src/engine/registry.js';
import { cpuBackend } from '../src/backends/native/index.js';
import type { Backend } from '../src/backends/backend.js';
import { NDArray } from '../src/tensor/ndarray.js';
import { randomFloats, rng } from './native-reference.js';
import '../src/ops/index.js';

/** The CPU backend without its fused updates: what ApplyAdam & co. compose on a GPU. */
const composed: Backend = { ...cpuBackend, applyAdam: undefined, applyMomentum: undefined, applyGradientDescent: undefined };

function ref(value: NDArray): VariableRef & { value: NDArray } {
  const r = { isRef: true as const, name: 'v', initialized: true, value, read: () => r.value, write: (x: NDArray) => { r.value = x; } };
  return r;
}
const scalar = (v: number) => new NDArray(Float32Array.of(v), [], 'float32');

function run(type: string, backend: Backend, arrays: NDArray[], refs: number, scalars: Record<number, number>, attrs = {}) {
  const rs = arrays.slice(0, refs).map(ref);
  const inputs: KernelInput[] = [...rs, ...arrays.slice(refs)];
  for (const [i, v] of Object.entries(scalars)) inputs.splice(Number(i), 0, scalar(v));
  getOpDef(type).kernel(inputs, attrs, { backend, opName: type });
  return rs.map((r) => Array.from(r.value.data));
}

describe('fused optimizer updates', () => {
  const r = rng(7);
  const arr = (n: number, lo = -2, hi = 2) => new NDArray(randomFloats(r, n, lo, hi), [n], 'float32');
  for (const n of [1, 17, 5000, 200_001]) {
    it(`Adam, Momentum and GradientDescent give the composed bits (n = ${n})`, () => {
      const [w, m, g] = [arr(n), arr(n), arr(n)];
      const v = arr(n, 0, 1);
      for (const nesterov of [false, true]) {
        const attrs = { use_nesterov: attr.b(nesterov) };
        const adam = { 3: 0.729, 4: 0.970299, 5: 1e-3, 6: 0.9, 7: 0.999, 8: 1e-8 };
        expect(run('ApplyAdam', cpuBackend, [w, m, v, g], 3, adam, attrs)).toEqual(run('ApplyAdam', composed, [w, m, v, g], 3, adam, attrs));
      }
      const mom = (b: Backend, nesterov: boolean) => {
        const rs = [w, m].map(ref);
        getOpDef('ApplyMomentum').kernel([rs[0], rs[1], scalar(0.01), g, scalar(0.9)], { use_nesterov: attr.b(nesterov) }, { backend: b, opName: 'ApplyMomentum' });
        return rs.map((x) => Array.from(x.value.data));
      };
      expect(mom(cpuBackend, false)).toEqual(mom(composed, false));
      expect(mom(cpuBackend, true)).toEqual(mom(composed, true));
      expect(run('ApplyGradientDescent', cpuBackend, [w, g], 1, { 1: 0.37 })).toEqual(run('ApplyGradientDescent', composed, [w, g], 1, { 1: 0.37 }));
    });
  }

  it('the native functions check their arguments', () => {
    const k = cpuBackend as unknown as { applyAdam: Backend['applyAdam'] };
    expect(() => k.applyAdam!(arr(3), arr(4), arr(3), arr(3), { lrT: 1, beta1: 0.9, oneMinusBeta1: 0.1, oneMinusBeta2: 0.001, epsilon: 1e-8, nesterov: false }))
      .toThrow(/applyAdam: argument 'm' must be a Float32Array of length 3/);
  });
});
