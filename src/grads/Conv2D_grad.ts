// Conv2D's gradients as TF 1.15's nn_grad writes them: one `ShapeN` for both input shapes, then
// `Conv2DBackpropInput` and `Conv2DBackpropFilter` with the forward op's attrs; and the gradients of
// those two ops (each is linear in its tensor inputs, so its gradient is the other two convolutions).
import type { Attrs } from '../engine/registry.js';
import { applyOp, applyOp1 } from '../ops/apply.js';
import { shape } from '../ops/array.js';
import { wanted } from './helpers.js';
import { registerGradient, type GradOp } from './registry.js';

const CONV_ATTRS = ['strides', 'padding', 'explicit_paddings', 'data_format', 'dilations', 'use_cudnn_on_gpu'];

export function convAttrs(op: GradOp): Attrs {
  const out: Attrs = {};
  for (const k of CONV_ATTRS) if (op.attrs[k] !== undefined) out[k] = op.attrs[k];
  return out;
}

registerGradient('Conv2D', (op, grad) => {
  const [x, f] = op.inputs;
  const [sx, sf] = applyOp('ShapeN', [x, f], { N: { kind: 'i', value: 2 }, T: { kind: 'type', value: 'float32' }, out_type: { kind: 'type', value: 'int32' } });
  const a = convAttrs(op);
  return [
    wanted(op, 0) ? applyOp1('Conv2DBackpropInput', [sx, f, grad], a) : null,
    wanted(op, 1) ? applyOp1('Conv2DBackpropFilter', [x, sf, grad], a) : null,
  ];
});

registerGradient('Conv2DBackpropInput', (op, grad) => {
  const [, f, dy] = op.inputs;
  const a = convAttrs(op);
  return [
    null,
    wanted(op, 1) ? applyOp1('Conv2DBackpropFilter', [grad, shape(f), dy], a) : null,
    wanted(op, 2) ? applyOp1('Conv2D', [grad, f], a) : null,
  ];
});

registerGradient('Conv2DBackpropFilter', (op, grad) => {
  const [x, , dy] = op.inputs;
  const a = convAttrs(op);
  return [
    wanted(op, 0) ? applyOp1('Conv2DBackpropInput', [shape(x), grad, dy], a) : null,
    null,
    wanted(op, 2) ? applyOp1('Conv2D', [x, grad], a) : null,
  ];
});
