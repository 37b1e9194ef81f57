// Window geometry shared by Conv2D, the pools and their gradients: TF's GetWindowedOutputSize, both the
// shape function's form (build time, unknown dims allowed, "Negative dimension size…") and the kernel's
// ("Computed output size would be negative…"), with the padding split TF uses (extra at the bottom/right).
import { attrValue } from '../../engine/attrs.js';
import { ShapeError, type Attrs } from '../../engine/registry.js';
import { InvalidArgumentError, UnimplementedError } from '../../errors.js';
import type { Window2D } from '../../backends/backend.js';
import { shapeString, type Dim } from '../../tensor/shape.js';

export interface WindowAttrs {
  strides: readonly number[];
  dilations: readonly number[];
  padding: string;
  /** EXPLICIT padding: [before, after] for each of the 4 dims, flattened. */
  explicit: readonly number[];
}

export function windowAttrs(attrs: Attrs): WindowAttrs {
  return {
    strides: attrValue<number[]>(attrs.strides),
    dilations: attrs.dilations ? attrValue<number[]>(attrs.dilations) : [1, 1, 1, 1],
    padding: attrValue<string>(attrs.padding),
    explicit: attrs.explicit_paddings ? attrValue<number[]>(attrs.explicit_paddings) : [],
  };
}

interface Axis {
  out: number;
  padBefore: number;
}

/** One spatial axis at run time (GetWindowedOutputSizeVerbose): C++'s truncating division, as TF. */
function runtimeAxis(input: number, k: number, dilation: number, stride: number, a: WindowAttrs, dim: number): Axis {
  const effective = (k - 1) * dilation + 1;
  let out: number;
  let padBefore = 0;
  if (a.padding === 'SAME') {
    out = Math.floor((input + stride - 1) / stride);
    const needed = Math.max(0, (out - 1) * stride + effective - input);
    padBefore = Math.floor(needed / 2);
  } else {
    const [before, after] = a.padding === 'EXPLICIT' ? [a.explicit[2 * dim], a.explicit[2 * dim + 1]] : [0, 0];
    padBefore = before;
    out = Math.trunc((input + before + after - effective + stride) / stride);
  }
  if (out < 0) {
    throw new InvalidArgumentError(`Computed output size would be negative: ${out} [input_size: ${input}, effective_filter_size: ${effective}, stride: ${stride}]`);
  }
  return { out, padBefore };
}

/** One spatial axis at build time (GetWindowedOutputSizeFromDimsV2): null for an unknown input size. */
function staticAxis(input: Dim, k: Dim, dilation: number, stride: number, a: WindowAttrs, dim: number): Dim {
  if (input === null) return null;
  if (a.padding === 'SAME') return Math.floor((input + stride - 1) / stride);
  if (k === null) return null;
  const padded = a.padding === 'EXPLICIT' ? input + a.explicit[2 * dim] + a.explicit[2 * dim + 1] : input;
  const effective = (k - 1) * dilation + 1;
  if (padded < effective) throw new ShapeError(`Negative dimension size caused by subtracting ${effective} from ${padded}`);
  return Math.floor((padded - effective + stride) / stride);
}

/** Strides and dilations must be positive (the shape function's checks). */
export function checkWindowAttrs(a: WindowAttrs): void {
  for (const s of [a.strides[1], a.strides[2]]) if (s <= 0) throw new ShapeError(`Stride must be > 0, but got ${s}`);
  for (const d of [a.dilations[1], a.dilations[2]]) if (d < 1) throw new ShapeError(`Dilation rate must be >= 1, but got ${d}`);
}

/** Output height and width known at build time. */
export function staticWindowOutput(inH: Dim, inW: Dim, kH: Dim, kW: Dim, a: WindowAttrs): [Dim, Dim] {
  checkWindowAttrs(a);
  return [staticAxis(inH, kH, a.dilations[1], a.strides[1], a, 1), staticAxis(inW, kW, a.dilations[2], a.strides[2], a, 2)];
}

/** The full geometry for a kernel: input [N,H,W,C], a kH x kW window, outC output channels. */
export function window2D(input: readonly number[], kH: number, kW: number, outC: number, a: WindowAttrs): Window2D {
  const [batch, inH, inW, inC] = input;
  const h = runtimeAxis(inH, kH, a.dilations[1], a.strides[1], a, 1);
  const w = runtimeAxis(inW, kW, a.dilations[2], a.strides[2], a, 2);
  return {
    batch, inH, inW, inC, kH, kW, outH: h.out, outW: w.out, outC,
    strideH: a.strides[1], strideW: a.strides[2], dilationH: a.dilations[1], dilationW: a.dilations[2],
    padTop: h.padBefore, padLeft: w.padBefore,
  };
}

/** The kernels' checks of strides and dilations in the batch and depth dimensions. */
export function checkSpatialOnly(a: WindowAttrs): void {
  if (a.strides[0] !== 1 || a.strides[3] !== 1) {
    throw new UnimplementedError('Current implementation does not yet support strides in the batch and depth dimensions.');
  }
  if (a.dilations[0] !== 1 || a.dilations[3] !== 1) {
    throw new InvalidArgumentError('Current implementation does not yet support dilations in the batch and depth dimensions.');
  }
  if (a.padding === 'EXPLICIT' && (a.explicit[0] || a.explicit[1] || a.explicit[6] || a.explicit[7])) {
    throw new InvalidArgumentError(`Nonzero explicit padding in the batch or depth dimensions is not supported`);
  }
}

/** Pools window over height and width only (TF: batch pooling is unimplemented; depth pooling here too). */
export function checkPoolWindow(ksize: readonly number[], strides: readonly number[], op: string): void {
  if (ksize[0] !== 1 || strides[0] !== 1) throw new UnimplementedError('Pooling is not yet supported on the batch dimension.');
  if (ksize[3] !== 1 || strides[3] !== 1) {
    throw new UnimplementedError(op === 'AvgPool' ? 'Non-spatial pooling is not yet supported. Volunteers? :)'
      : 'tensorshell: MaxPool across the depth dimension is not supported; pool over height and width.');
  }
}

/** TF's rank message for a kernel input: "input must be 4-dimensional[28,28,1]". */
export function require4D(shape: readonly number[], what: string): void {
  if (shape.length !== 4) throw new InvalidArgumentError(`${what} must be 4-dimensional${shapeString(shape)}`);
}
