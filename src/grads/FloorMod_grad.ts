// floormod(x, y) = x − floor(x / y) · y, so away from its jumps ∂/∂x = 1 and ∂/∂y = −floor(x / y)
// (TF 1.15's _FloorModGrad), each summed back to its input's shape.
import type { Tensor } from '../graph/tensor.js';
import { floorDiv, negative as neg } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { broadcastGradientArgs, sumTo } from './helpers.js';
import { registerGradient } from './registry.js';

registerGradient('FloorMod', (op, grad) => {
  const [x, y] = op.inputs;
  const { sx, sy, rx, ry } = broadcastGradientArgs(x, y);
  const floorXY = floorDiv(x, y);
  const gx = sumTo(grad, rx, sx);
  const gy = sumTo(sugar.mul(grad, neg(floorXY)) as Tensor, ry, sy);
  return [gx, gy];
});
