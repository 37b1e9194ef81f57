// Small typed arrays reach the addon through scratch views (src/backends/native/staged-arrays.ts): the
// kernels must see the same values, write the same outputs, keep an in-place update in place, and throw
// the same errors as with the arrays themselves.
import { describe, expect, it } from 'vitest';
import { addon } from '../src/backends/native/addon.js';
import { staged, stagedKernels } from '../src/backends/native/staged-arrays.js';

describe('staged small arrays', () => {
  it('copies small arguments in and every one back out; large ones and other values pass as they are', () => {
    const seen: unknown[][] = [];
    const f = staged((a: Float32Array, b: Int32Array, big: Float32Array, n: number, out: Float32Array) => {
      seen.push([a, b, big, n, out]);
      for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i] + n;
      big[0] = 7;
      return 'done';
    });
    const a = new Float32Array([1.5, 2.5, 3.5]);
    const b = new Int32Array([2, 3, 4]);
    const big = new Float32Array(17);
    const out = new Float32Array(3);
    expect(f(a, b, big, 1, out)).toBe('done');
    expect([...out]).toEqual([4, 8.5, 15]);
    expect([...a]).toEqual([1.5, 2.5, 3.5]);
    expect(big[0]).toBe(7);
    const [sa, sb, sbig, n, sout] = seen[0];
    expect(sa).not.toBe(a);
    expect(sa).toBeInstanceOf(Float32Array);
    expect(sb).toBeInstanceOf(Int32Array);
    expect((sa as Float32Array).length).toBe(3);
    expect(sbig).toBe(big);
    expect(n).toBe(1);
    // The second call reuses the same scratch views, with the new values in them.
    const out2 = new Float32Array(3);
    f(new Float32Array([1, 1, 1]), new Int32Array([5, 6, 7]), big, 0, out2);
    expect(seen[1][0]).toBe(sa);
    expect(seen[1][4]).toBe(sout);
    expect([...out2]).toEqual([5, 6, 7]);
  });

  it('an array passed twice gets one scratch view, so an update in place stays in place', () => {
    const f = staged((x: Float32Array, y: Float32Array, out: Float32Array) => {
      expect(out).toBe(x);
      for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
    });
    const w = new Float32Array([1, 2]);
    f(w, new Float32Array([10, 20]), w);
    expect([...w]).toEqual([11, 22]);
  });

  it('through the addon: the same results as unstaged, in-place Adam included, and the same errors', () => {
    const k = stagedKernels(addon);
    const a = new Float32Array([0.5, -1.25, 3]);
    const b = new Float32Array([2, 3, 0.5]);
    const direct = new Float32Array(3);
    const viaScratch = new Float32Array(3);
    addon.binary(4, a, b, direct);
    k.binary(4, a, b, viaScratch);
    expect([...viaScratch]).toEqual([...direct]);
    const w1 = new Float32Array([1, 2]), m1 = new Float32Array([0.1, 0.2]), v1 = new Float32Array([0.3, 0.4]);
    const w2 = w1.slice(), m2 = m1.slice(), v2 = v1.slice();
    const g = new Float32Array([0.5, -0.5]);
    addon.applyAdam(w1, m1, v1, g, w1, m1, v1, 0.01, 0.9, 0.1, 0.001, 1e-7, false);
    k.applyAdam(w2, m2, v2, g, w2, m2, v2, 0.01, 0.9, 0.1, 0.001, 1e-7, false);
    expect([...w2, ...m2, ...v2]).toEqual([...w1, ...m1, ...v1]);
    const message = (f: () => unknown) => { try { f(); return ''; } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; } };
    const bad = () => new Float32Array(2);
    expect(message(() => k.binary(4, a, b, bad()))).toBe(message(() => addon.binary(4, a, b, bad())));
    expect(message(() => k.binary(4, a, b, bad()))).not.toBe('');
  });

  it('every staged type is copied in and back out, and the callee gets exactly the arguments given', () => {
    const kinds = [new Float32Array([1.5, -2]), new Int32Array([7, -8]), new Uint8Array([1, 255]), new Float64Array([0.1, 1e300]),
      new Uint32Array([4294967295, 1]), new Int16Array([-32768, 5]), new Uint16Array([65535, 3]), new Int8Array([-128, 127]),
      new BigInt64Array([-(2n ** 63n), 9n])];
    for (let count = 0; count <= 11; count++) {
      let got: unknown[] = [];
      const f = staged((...xs: ArrayLike<number | bigint>[]) => {
        got = xs;
        for (const x of xs) if (ArrayBuffer.isView(x)) (x as unknown as number[])[1] = (x instanceof BigInt64Array ? 3n : 3) as never;
        return xs.length;
      });
      const args = Array.from({ length: count }, (_, i) => kinds[i % kinds.length].slice());
      const before = args.map((x) => x[0]);
      expect(f(...(args as never[]))).toBe(count);
      got.forEach((x, i) => {
        expect(x).not.toBe(args[i]);
        expect(x).toBeInstanceOf(args[i].constructor);
      });
      // In: the first element arrived; out: the callee's write to the second came back.
      expect(got.map((x) => (x as ArrayLike<unknown>)[0])).toEqual(before);
      expect(args.map((x) => x[1])).toEqual(args.map((x) => (x instanceof BigInt64Array ? 3n : 3)));
    }
  });
});
