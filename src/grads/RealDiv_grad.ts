// d(x / y) = (grad / y, grad · (−x / y) / y).
import * as sugar from '../ops/operators.js';
import { applyOp1 } from '../ops/apply.js';
import { negative as neg } from '../ops/math.js';
import type { Tensor } from '../graph/tensor.js';
import { unbroadcast } from './helpers.js';
import { registerGradient } from './registry.js';

const realdiv = (a: Tensor, b: Tensor) => applyOp1('RealDiv', [a, b]);

registerGradient('RealDiv', (op, grad) => {
  const [x, y] = op.inputs;
  return unbroadcast(op, () => realdiv(grad, y), () => sugar.mul(grad, realdiv(realdiv(neg(x), y), y)) as Tensor);
});
