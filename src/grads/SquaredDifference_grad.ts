// d (x − y)² = (2·grad·(x − y), −2·grad·(x − y)), each summed back to its input's shape. This is TF 1.15's
// _SquaredDifferenceGrad: Shape, Shape_1, BroadcastGradientArgs, then under a control dependency on grad
// scalar_mul's `scalar` Const and `Mul`, `sub`, `mul`; Sum, Reshape for x and Sum_1, Reshape_1, Neg for y.
import { executingEagerly } from '../engine/mode.js';
import type { Tensor } from '../graph/tensor.js';
import { constant } from '../ops/creation.js';
import { multiply, negative as neg } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { broadcastGradientArgs, sumTo, unbroadcast } from './helpers.js';
import { registerGradient } from './registry.js';
import { afterGrad } from './unary_grads.js';

registerGradient('SquaredDifference', (op, grad) => {
  const [x, y] = op.inputs;
  const xGrad = (): Tensor => afterGrad(grad, () => {
    const two = constant(2, { dtype: grad.dtype, name: 'scalar' });
    return sugar.mul(multiply(two, grad), sugar.sub(x, y)) as Tensor;
  });
  // Eager mode reduces only where a shape differs and skips inputs no source needs.
  if (executingEagerly()) {
    const g = xGrad();
    return unbroadcast(op, () => g, () => neg(g));
  }
  const { sx, sy, rx, ry } = broadcastGradientArgs(x, y);
  const g = xGrad();
  return [sumTo(g, rx, sx), neg(sumTo(g, ry, sy))];
});
