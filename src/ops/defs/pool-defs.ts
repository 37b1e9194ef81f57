// MaxPool, AvgPool and their gradient ops (attrs ksize, strides, padding, data_format, as TF).
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError, type Attrs, type TensorSpec } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import type { Window2D } from '../../backends/backend.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapeString } from '../../tensor/shape.js';
import { FLOAT, ints, requireRank, spec, val } from './helpers.js';
import { checkDataFormat, nnKernel } from './nn-defs.js';
import { checkPoolWindow, require4D, staticWindowOutput, window2D, type WindowAttrs } from './window.js';

function poolAttrs(attrs: Attrs): WindowAttrs & { ksize: readonly number[] } {
  return {
    ksize: attrValue<number[]>(attrs.ksize),
    strides: attrValue<number[]>(attrs.strides),
    dilations: [1, 1, 1, 1],
    padding: attrValue<string>(attrs.padding),
    explicit: [],
  };
}

function poolWindow(x: readonly number[], attrs: Attrs, op: string): Window2D {
  checkDataFormat(attrs, op);
  require4D(x, 'input');
  const a = poolAttrs(attrs);
  checkPoolWindow(a.ksize, a.strides, op);
  return window2D(x, a.ksize[1], a.ksize[2], x[3], a);
}

function inferPool(op: string) {
  return ([x]: readonly TensorSpec[], attrs: Attrs) => {
    checkDataFormat(attrs, op);
    requireRank(x.shape, 4);
    const a = poolAttrs(attrs);
    const [n, h, w, c] = x.shape.dims ?? [null, null, null, null];
    const [oh, ow] = staticWindowOutput(h, w, a.ksize[1], a.ksize[2], a);
    return [spec(x.dtype, [n, oh, ow, c])];
  };
}

registerOpDef({
  type: 'MaxPool',
  inputNames: ['input'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs: inferPool('MaxPool'),
  kernel(inputs, attrs, ctx) {
    const x = val(inputs, 0);
    return [nnKernel(ctx.backend, 'maxPool')(x, poolWindow(x.shape, attrs, 'MaxPool'))];
  },
});

registerOpDef({
  type: 'AvgPool',
  inputNames: ['value'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs: inferPool('AvgPool'),
  kernel(inputs, attrs, ctx) {
    const x = val(inputs, 0);
    return [nnKernel(ctx.backend, 'avgPool')(x, poolWindow(x.shape, attrs, 'AvgPool'))];
  },
});

function checkGrad(grad: NDArray, w: Window2D, op: string): void {
  const expected = [w.batch, w.outH, w.outW, w.outC];
  if (grad.rank !== 4 || grad.shape.some((d, i) => d !== expected[i])) {
    throw new InvalidArgumentError(`${op}: Expected grad shape ${shapeString(expected)}, got ${shapeString(grad.shape)}`);
  }
}

registerOpDef({
  type: 'MaxPoolGrad',
  inputNames: ['orig_input', 'orig_output', 'grad'],
  typeGroup: { attr: 'T', inputs: [0, 1, 2], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs([x, y, g]) {
    requireRank(x.shape, 4);
    requireRank(y.shape, 4);
    requireRank(g.shape, 4);
    return [spec(x.dtype, x.shape)];
  },
  kernel(inputs, attrs, ctx) {
    const x = val(inputs, 0);
    const grad = val(inputs, 2);
    const w = poolWindow(x.shape, attrs, 'MaxPoolGrad');
    checkGrad(grad, w, 'MaxPoolGrad');
    return [nnKernel(ctx.backend, 'maxPoolGrad')(x, grad, w)];
  },
});

registerOpDef({
  type: 'AvgPoolGrad',
  inputNames: ['orig_input_shape', 'grad'],
  typeGroup: { attr: 'T', inputs: [1], allowed: FLOAT },
  literalDTypes: ['int32'],
  cpuOnly: true,
  inferOutputs([s, g]) {
    requireRank(s.shape, 1);
    requireRank(g.shape, 4);
    if (s.constValue !== undefined) {
      const v = ints(s.constValue);
      if (v.length !== 4) throw new ShapeError(`Shape must be rank 4 but is rank ${v.length}`);
      return [spec(g.dtype, [...v])];
    }
    return [spec(g.dtype, s.partialValue ? [...s.partialValue] : [null, null, null, null])];
  },
  kernel(inputs, attrs, ctx) {
    const shape = val(inputs, 0);
    const grad = val(inputs, 1);
    if (shape.rank !== 1 || shape.size !== 4) {
      throw new InvalidArgumentError(`out_backprop must be 1-dimensional and 4 elements, got ${shapeString(shape.shape)}`);
    }
    const w = poolWindow(ints(shape), attrs, 'AvgPoolGrad');
    checkGrad(grad, w, 'AvgPoolGrad');
    return [nnKernel(ctx.backend, 'avgPoolGrad')(grad, w)];
  },
});

/**
 * MaxPoolGrad's gradient (second order): each output position takes the upstream value at its window's
 * first maximum, the same position MaxPoolGrad routes to. Plain loops: only second-order code uses it.
 */
registerOpDef({
  type: 'MaxPoolGradGrad',
  inputNames: ['orig_input', 'orig_output', 'grad'],
  typeGroup: { attr: 'T', inputs: [0, 1, 2], allowed: FLOAT },
  inferOutputs([, y]) {
    return [spec(y.dtype, y.shape)];
  },
  kernel(inputs, attrs) {
    const x = val(inputs, 0);
    const g = val(inputs, 2);
    const w = poolWindow(x.shape, attrs, 'MaxPoolGradGrad');
    if (g.shape.some((d, i) => d !== x.shape[i])) throw new InvalidArgumentError(`MaxPoolGradGrad: grad must have the shape of orig_input ${shapeString(x.shape)}, got ${shapeString(g.shape)}`);
    const xs = x.data as Float32Array;
    const gs = g.data as Float32Array;
    const out = new Float32Array(w.batch * w.outH * w.outW * w.inC);
    let o = 0;
    for (let n = 0; n < w.batch; n++) for (let oh = 0; oh < w.outH; oh++) for (let ow = 0; ow < w.outW; ow++) for (let c = 0; c < w.inC; c++, o++) {
      let best = -1;
      for (let kh = 0; kh < w.kH; kh++) {
        const ih = oh * w.strideH + kh - w.padTop;
        if (ih < 0 || ih >= w.inH) continue;
        for (let kw = 0; kw < w.kW; kw++) {
          const iw = ow * w.strideW + kw - w.padLeft;
          if (iw < 0 || iw >= w.inW) continue;
          const at = ((n * w.inH + ih) * w.inW + iw) * w.inC + c;
          if (best < 0 || xs[at] > xs[best]) best = at;
        }
      }
      out[o] = best < 0 ? 0 : gs[best];
    }
    return [new NDArray(out, [w.batch, w.outH, w.outW, w.inC], 'float32')];
  },
});
