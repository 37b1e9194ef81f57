// Reshape and Transpose only move values, so their gradients move grad back: Reshape to the input's
// shape (`Shape`, `Reshape`), or Transpose by the inverse permutation (`InvertPermutation`, `transpose`).
import { attr } from '../engine/attrs.js';
import { applyOp1 } from '../ops/apply.js';
import { reshape, shape } from '../ops/array.js';
import { scoped } from '../ops/scope.js';
import { invertPermutation } from '../ops/support.js';
import { registerGradient } from './registry.js';

registerGradient('Reshape', (op, grad) => [reshape(grad, shape(op.inputs[0])), null]);

registerGradient('Transpose', (op, grad) => {
  const inverse = invertPermutation(op.inputs[1]);
  // array_ops.transpose opens scope `transpose` and names its op after it.
  const out = scoped('transpose', (scope) => applyOp1('Transpose', [grad, inverse], { Tperm: attr.type('int32') }, { name: scope }));
  return [out, null];
});
