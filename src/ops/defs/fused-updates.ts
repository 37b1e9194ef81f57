// One-pass CPU versions of the optimizer updates. The composed forms in training-defs.ts make ~12 full-size
// temporaries per Adam step (a 3.2M-weight dense layer: ~500 MB of memory traffic); these read each input
// once and write each result once. Every step is rounded to float32 (Math.fround) in the same order as the
// composed kernels, so results are bit-identical to them: float32 +, −, ×, ÷ and √ done in double and rounded
// once are correctly rounded.
const f = Math.fround;

/** Below this many elements the composed kernels (and their small-array JS path) are as fast. */
export const FUSED_MIN = 4096;

export interface AdamScalars {
  lrT: number;
  beta1: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  nesterov: boolean;
}

export function adamFused(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, s: AdamScalars): [Float32Array, Float32Array, Float32Array] {
  const n = w.length;
  const nw = new Float32Array(n);
  const nm = new Float32Array(n);
  const nv = new Float32Array(n);
  const { lrT, beta1, oneMinusBeta1: b1, oneMinusBeta2: b2, epsilon, nesterov } = s;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = f(m[i] + f(f(gi - m[i]) * b1));
    const vi = f(v[i] + f(f(f(gi * gi) - v[i]) * b2));
    const dir = nesterov ? f(f(gi * b1) + f(beta1 * mi)) : mi;
    nw[i] = f(w[i] - f(f(dir * lrT) / f(f(Math.sqrt(vi)) + epsilon)));
    nm[i] = mi;
    nv[i] = vi;
  }
  return [nw, nm, nv];
}

/** var − delta·alpha. */
export function gradientDescentFused(w: Float32Array, delta: Float32Array, alpha: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = f(w[i] - f(delta[i] * alpha));
  return out;
}

/** accum·momentum + grad, and var − step (step as in training-defs.ts). */
export function momentumFused(w: Float32Array, accum: Float32Array, g: Float32Array, lr: number, momentum: number, nesterov: boolean): [Float32Array, Float32Array] {
  const n = w.length;
  const nw = new Float32Array(n);
  const na = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = f(f(accum[i] * momentum) + g[i]);
    const step = nesterov ? f(f(g[i] * lr) + f(f(a * momentum) * lr)) : f(a * lr);
    nw[i] = f(w[i] - step);
    na[i] = a;
  }
  return [nw, na];
}
