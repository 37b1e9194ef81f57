// d(x − y) = (grad, −grad).
import { executingEagerly } from '../engine/mode.js';
import { negative as neg } from '../ops/math.js';
import { reshape } from '../ops/array.js';
import { broadcastGradientArgs, shapesFullySpecifiedAndEqual, sumAxes, sumTo, unbroadcast, wanted } from './helpers.js';
import { registerGradient } from './registry.js';

registerGradient('Sub', (op, grad) => {
  const [x, y] = op.inputs;
  if (shapesFullySpecifiedAndEqual(x, y, grad)) return [grad, wanted(op, 1) ? neg(grad) : null];
  if (executingEagerly()) return unbroadcast(op, () => grad, () => neg(grad));
  // TF negates between the Sum and the Reshape: Sum, Reshape, Sum_1, Neg, Reshape_1.
  const { sx, sy, rx, ry } = broadcastGradientArgs(x, y);
  return [sumTo(grad, rx, sx), reshape(neg(sumAxes(grad, ry)), sy)];
});
