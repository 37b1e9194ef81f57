// Plain-JS double-precision references for the conv-net kernels (conv2d and its gradients, the
// pools, softmax cross-entropy), and the window geometry TF computes. Each conv reference also
// returns the sum of |terms| of every output, so tests can bound float32 rounding error.
import type { Window2D } from '../src/backends/backend.js';

export type Padding = 'SAME' | 'VALID' | [top: number, bottom: number, left: number, right: number];

/** TF's geometry (GetWindowedOutputSizeVerbose) for input [N,H,W,C], a kH x kW window and outC. */
export function tfWindow(input: number[], kH: number, kW: number, outC: number, strides: [number, number],
  dilations: [number, number], padding: Padding): Window2D {
  const [batch, inH, inW, inC] = input;
  const axis = (inp: number, k: number, s: number, d: number, i: number) => {
    const eff = (k - 1) * d + 1;
    if (padding === 'SAME') {
      const out = Math.ceil(inp / s);
      return { out, pad: Math.floor(Math.max(0, (out - 1) * s + eff - inp) / 2) };
    }
    const [before, after] = padding === 'VALID' ? [0, 0] : [padding[2 * i], padding[2 * i + 1]];
    return { out: Math.floor((inp + before + after - eff) / s) + 1, pad: before };
  };
  const h = axis(inH, kH, strides[0], dilations[0], 0);
  const w = axis(inW, kW, strides[1], dilations[1], 1);
  return {
    batch, inH, inW, inC, kH, kW, outH: h.out, outW: w.out, outC,
    strideH: strides[0], strideW: strides[1], dilationH: dilations[0], dilationW: dilations[1],
    padTop: h.pad, padLeft: w.pad,
  };
}

export const DIM_FIELDS = ['batch', 'inH', 'inW', 'inC', 'kH', 'kW', 'outH', 'outW', 'outC',
  'strideH', 'strideW', 'dilationH', 'dilationW', 'padTop', 'padLeft'] as const;

export function dimsOf(w: Window2D): Int32Array {
  return Int32Array.from(DIM_FIELDS, (f) => w[f]);
}

export const xSize = (w: Window2D) => w.batch * w.inH * w.inW * w.inC;
export const ySize = (w: Window2D) => w.batch * w.outH * w.outW * w.outC;
export const fSize = (w: Window2D) => w.kH * w.kW * w.inC * w.outC;

/** Calls f(input pixel, output pixel, kh, kw) for every in-bounds window element, pixels counted over the batch. */
function forEachTap(w: Window2D, f: (xPix: number, yPix: number, kh: number, kw: number) => void): void {
  for (let n = 0; n < w.batch; n++) {
    for (let oh = 0; oh < w.outH; oh++) {
      for (let ow = 0; ow < w.outW; ow++) {
        const yPix = (n * w.outH + oh) * w.outW + ow;
        for (let kh = 0; kh < w.kH; kh++) {
          const ih = oh * w.strideH + kh * w.dilationH - w.padTop;
          if (ih < 0 || ih >= w.inH) continue;
          for (let kw = 0; kw < w.kW; kw++) {
            const iw = ow * w.strideW + kw * w.dilationW - w.padLeft;
            if (iw < 0 || iw >= w.inW) continue;
            f((n * w.inH + ih) * w.inW + iw, yPix, kh, kw);
          }
        }
      }
    }
  }
}

export interface Ref {
  value: Float64Array;
  /** Sum of |terms| per output element. */
  scale: Float64Array;
}

export function conv2dRef(x: Float32Array, f: Float32Array, w: Window2D): Ref {
  const { inC: C, outC: O } = w;
  const value = new Float64Array(ySize(w));
  const scale = new Float64Array(ySize(w));
  forEachTap(w, (xp, yp, kh, kw) => {
    for (let c = 0; c < C; c++) {
      const xv = x[xp * C + c];
      const fb = ((kh * w.kW + kw) * C + c) * O;
      for (let o = 0; o < O; o++) {
        const t = xv * f[fb + o];
        value[yp * O + o] += t;
        scale[yp * O + o] += Math.abs(t);
      }
    }
  });
  return { value, scale };
}

export function conv2dBackpropInputRef(f: Float32Array, dy: Float32Array, w: Window2D): Ref {
  const { inC: C, outC: O } = w;
  const value = new Float64Array(xSize(w));
  const scale = new Float64Array(xSize(w));
  forEachTap(w, (xp, yp, kh, kw) => {
    for (let c = 0; c < C; c++) {
      const fb = ((kh * w.kW + kw) * C + c) * O;
      let s = 0;
      let a = 0;
      for (let o = 0; o < O; o++) {
        const t = dy[yp * O + o] * f[fb + o];
        s += t;
        a += Math.abs(t);
      }
      value[xp * C + c] += s;
      scale[xp * C + c] += a;
    }
  });
  return { value, scale };
}

export function conv2dBackpropFilterRef(x: Float32Array, dy: Float32Array, w: Window2D): Ref {
  const { inC: C, outC: O } = w;
  const value = new Float64Array(fSize(w));
  const scale = new Float64Array(fSize(w));
  forEachTap(w, (xp, yp, kh, kw) => {
    for (let c = 0; c < C; c++) {
      const xv = x[xp * C + c];
      const fb = ((kh * w.kW + kw) * C + c) * O;
      for (let o = 0; o < O; o++) {
        const t = xv * dy[yp * O + o];
        value[fb + o] += t;
        scale[fb + o] += Math.abs(t);
      }
    }
  });
  return { value, scale };
}

/** For each pool output element, the in-bounds input pixels of its window in (kh, kw) scan order. */
function poolWindows(w: Window2D, f: (yPix: number, xPixels: number[]) => void): void {
  const taps = new Map<number, number[]>();
  forEachTap(w, (xp, yp) => {
    if (!taps.has(yp)) taps.set(yp, []);
    taps.get(yp)!.push(xp);
  });
  for (let yp = 0; yp < w.batch * w.outH * w.outW; yp++) f(yp, taps.get(yp) ?? []);
}

/** Max (a NaN wins) and the pixel of the first maximum (the first NaN), per output element. */
function maxPoolArg(x: Float32Array, w: Window2D): { value: Float64Array; at: Int32Array } {
  const C = w.inC;
  const value = new Float64Array(ySize(w));
  const at = new Int32Array(ySize(w)).fill(-1);
  poolWindows(w, (yp, pixels) => {
    for (let c = 0; c < C; c++) {
      let best = -Infinity;
      let arg = -1;
      for (const xp of pixels) {
        const v = x[xp * C + c];
        if (arg < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) [best, arg] = [v, xp];
      }
      value[yp * C + c] = best;
      at[yp * C + c] = arg;
    }
  });
  return { value, at };
}

export const maxPoolRef = (x: Float32Array, w: Window2D) => maxPoolArg(x, w).value;

export function maxPoolGradRef(x: Float32Array, dy: Float32Array, w: Window2D): Float64Array {
  const C = w.inC;
  const dx = new Float64Array(xSize(w));
  const { at } = maxPoolArg(x, w);
  for (let i = 0; i < at.length; i++) if (at[i] >= 0) dx[at[i] * C + (i % C)] += dy[i];
  return dx;
}

export function avgPoolRef(x: Float32Array, w: Window2D): Float64Array {
  const C = w.inC;
  const out = new Float64Array(ySize(w));
  poolWindows(w, (yp, pixels) => {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (const xp of pixels) s += x[xp * C + c];
      out[yp * C + c] = pixels.length ? s / pixels.length : 0;
    }
  });
  return out;
}

export function avgPoolGradRef(dy: Float32Array, w: Window2D): Float64Array {
  const C = w.inC;
  const dx = new Float64Array(xSize(w));
  poolWindows(w, (yp, pixels) => {
    for (const xp of pixels) for (let c = 0; c < C; c++) dx[xp * C + c] += dy[yp * C + c] / pixels.length;
  });
  return dx;
}

export function softmaxCrossEntropyRef(logits: Float32Array, labels: Float32Array, batch: number, classes: number) {
  const loss = new Float64Array(batch);
  const backprop = new Float64Array(batch * classes);
  for (let b = 0; b < batch; b++) {
    const row = logits.subarray(b * classes, (b + 1) * classes);
    const m = Math.max(...row);
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    for (let j = 0; j < classes; j++) {
      const shifted = row[j] - m - lse;
      const y = labels[b * classes + j];
      if (y !== 0) loss[b] -= y * shifted;
      backprop[b * classes + j] = Math.exp(shifted) - y;
    }
  }
  return { loss, backprop };
}
