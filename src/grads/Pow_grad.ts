// d(x^y) = (grad · y · x^(y−1), grad · z · log(x)) with z = x^y; the exponent's gradient is masked to 0
// where x ≤ 0, where log(x) has no real value (TF 1.15's _PowGrad).
import * as sugar from '../ops/operators.js';
import { greater, log, pow } from '../ops/math.js';
import { onesLike, where, zerosLike } from '../ops/support.js';
import type { Tensor } from '../graph/tensor.js';
import { unbroadcast, wanted } from './helpers.js';
import { registerGradient } from './registry.js';

const mul = (a: unknown, b: unknown) => sugar.mul(a, b) as Tensor;

registerGradient('Pow', (op, grad) => {
  const [x, y] = op.inputs;
  const z = op.outputs[0];
  // Eager mode, exponent not needed and scalar: TF's shortcut, 4 ops instead of 20.
  if (!wanted(op, 1) && y.shape.rank === 0) return [mul(mul(grad, y), pow(x, sugar.sub(y, 1) as Tensor)), null];
  return unbroadcast(op,
    () => mul(mul(grad, y), pow(x, sugar.sub(y, 1) as Tensor)),
    () => {
      const mask = greater(x, 0);
      const safeX = where(mask, x, onesLike(x));
      const logX = where(mask, log(safeX), zerosLike(x));
      return mul(mul(grad, z), logX);
    });
});
