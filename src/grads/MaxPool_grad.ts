// Pooling gradients (TF 1.15 nn_grad): MaxPool → `MaxPoolGrad(orig_input, orig_output, grad)`,
// AvgPool → `AvgPoolGrad(Shape(input), grad)`, and AvgPoolGrad's own gradient, an AvgPool of the grad.
import type { Attrs } from '../engine/registry.js';
import { applyOp1 } from '../ops/apply.js';
import { shape } from '../ops/array.js';
import { registerGradient, type GradOp } from './registry.js';

function poolAttrs(op: GradOp): Attrs {
  const out: Attrs = {};
  for (const k of ['ksize', 'strides', 'padding', 'data_format']) if (op.attrs[k] !== undefined) out[k] = op.attrs[k];
  return out;
}

registerGradient('MaxPool', (op, grad) => [applyOp1('MaxPoolGrad', [op.inputs[0], op.outputs[0], grad], poolAttrs(op))]);

registerGradient('AvgPool', (op, grad) => [applyOp1('AvgPoolGrad', [shape(op.inputs[0]), grad], poolAttrs(op))]);

registerGradient('AvgPoolGrad', (op, grad) => [null, applyOp1('AvgPool', [grad], poolAttrs(op))]);

// MaxPoolGrad is linear in its grad input (the routing is fixed by orig_input): its gradient routes back
// the other way; orig_input and orig_output get zeros (TF's _MaxPoolGradGrad, and its own gradient in turn).
registerGradient('MaxPoolGrad', (op, grad) => [
  applyOp1('ZerosLike', [op.inputs[0]]), applyOp1('ZerosLike', [op.inputs[1]]),
  applyOp1('MaxPoolGradGrad', [op.inputs[0], op.inputs[1], grad], poolAttrs(op)),
]);

registerGradient('MaxPoolGradGrad', (op, grad) => [
  applyOp1('ZerosLike', [op.inputs[0]]), applyOp1('ZerosLike', [op.inputs[1]]),
  applyOp1('MaxPoolGrad', [op.inputs[0], op.inputs[1], grad], poolAttrs(op)),
]);
