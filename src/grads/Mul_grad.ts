// d(x · y) = (grad · y, grad · x): multiplication swaps its inputs.
import { multiply } from '../ops/math.js';
import { shapesFullySpecifiedAndEqual, unbroadcast, wanted } from './helpers.js';
import { registerGradient } from './registry.js';

registerGradient('Mul', (op, grad) => {
  const [x, y] = op.inputs;
  // TF 1.15 uses gen_math_ops.mul, so the ops are `Mul` and `Mul_1` (not the operator's `mul`).
  if (shapesFullySpecifiedAndEqual(x, y, grad)) {
    return [wanted(op, 0) ? multiply(grad, y) : null, wanted(op, 1) ? multiply(grad, x) : null];
  }
  return unbroadcast(op, () => multiply(grad, y), () => multiply(x, grad));
});
