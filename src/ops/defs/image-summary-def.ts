// ImageSummary (TF 1.15 core/kernels/summary_image_op.cc): up to max_images PNGs of an NHWC batch with 1, 3
// or 4 channels. Float images are mapped into uint8 as TF does: all non-negative → scaled by 255/max;
// any negative → scaled by 127/max|x| around 128; non-finite pixels take bad_color.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { encodePng } from '../../io/png.js';
import { encodeSummary, type SummaryValue } from '../../io/summary-proto.js';
import type { NDArray } from '../../tensor/ndarray.js';
import { FLOAT, spec, val } from './helpers.js';
import { summaryScalar, tagOf } from './summary-defs.js';

const ZERO_THRESHOLD = 1e-6;

/** Image `b` of the batch as uint8 samples, normalised as TF's NormalizeFloatImage. */
function toUint8(x: NDArray, b: number, hw: number, depth: number, bad: readonly number[]): Uint8Array {
  const base = b * hw * depth;
  const finitePixel = (i: number): boolean => {
    for (let j = 0; j < depth; j++) if (!Number.isFinite(x.data[base + i * depth + j])) return false;
    return true;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < hw; i++) {
    if (!finitePixel(i)) continue;
    for (let j = 0; j < depth; j++) {
      const v = x.data[base + i * depth + j];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  let scale: number;
  let offset: number;
  if (lo < 0) {
    const maxVal = Math.max(Math.abs(lo), Math.abs(hi));
    scale = maxVal < ZERO_THRESHOLD ? 0 : Math.fround(127 / maxVal);
    offset = 128;
  } else {
    scale = hi < ZERO_THRESHOLD ? 0 : Math.fround(255 / hi);
    offset = 0;
  }
  const out = new Uint8Array(hw * depth);
  for (let i = 0; i < hw; i++) {
    const ok = finitePixel(i);
    for (let j = 0; j < depth; j++) {
      // float arithmetic, then a truncating cast to uint8 (Eigen's cast), as the kernel does
      const v = Math.fround(Math.fround(x.data[base + i * depth + j] * scale) + offset);
      out[i * depth + j] = ok ? Math.trunc(v) & 0xff : bad[j];
    }
  }
  return out;
}

registerOpDef({
  type: 'ImageSummary',
  inputNames: ['tag', 'tensor'],
  typeGroup: { attr: 'T', inputs: [1], allowed: FLOAT },
  hostOnly: true,
  stateful: true,
  inferOutputs([tag, x], attrs) {
    if (tag.dtype !== 'string') throw new TypeError(`Expected string passed to parameter 'tag', got ${tag.dtype}`);
    const max = attrValue<number>(attrs.max_images);
    if (max < 1) throw new ShapeError(`Attr 'max_images' of 'ImageSummary' Op passed ${max} less than minimum 1.`);
    const dims = x.shape.dims;
    if (dims !== null && (dims.length !== 4 || (dims[3] !== null && ![1, 3, 4].includes(dims[3])))) {
      throw new ShapeError(`Tensor must be 4-D with last dim 1, 3, or 4, not ${x.shape.toBracketString()}`);
    }
    return [spec('string', [])];
  },
  kernel(inputs, attrs) {
    const tag = tagOf(inputs);
    const x = val(inputs, 1);
    const [n, h, w, depth] = x.shape;
    if (x.rank !== 4 || ![1, 3, 4].includes(depth)) {
      throw new InvalidArgumentError(`Tensor must be 4-D with last dim 1, 3, or 4, not [${x.shape.join(',')}]`);
    }
    const max = attrValue<number>(attrs.max_images);
    const badColor = attrValue<NDArray>(attrs.bad_color);
    if (badColor.size < depth) {
      throw new InvalidArgumentError(`expected depth <= bad_color.size, got depth = ${depth}, bad_color.size = ${badColor.size}`);
    }
    const bad = Array.from(badColor.data.subarray(0, depth));
    const values: SummaryValue[] = [];
    for (let b = 0; b < Math.min(max, n); b++) {
      const png = encodePng(toUint8(x, b, h * w, depth, bad), w, h, depth);
      values.push({ tag: max > 1 ? `${tag}/image/${b}` : `${tag}/image`, image: { height: h, width: w, colorspace: depth, encoded_image_string: png } });
    }
    return [summaryScalar(encodeSummary(values))];
  },
});
