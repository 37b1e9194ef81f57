// select(c, x, y) routes each element from x or y, so the gradient goes back the same way: x gets grad
// where c is true and zeros elsewhere, y the rest (TF 1.15's _SelectGrad: `zeros_like`, `Select`,
// `Select_1`); the boolean condition gets none.
import { where, zerosLike } from '../ops/support.js';
import { registerGradient } from './registry.js';

registerGradient('Select', (op, grad) => {
  const [c, x] = op.inputs;
  const zeros = zerosLike(x);
  return [null, where(c, grad, zeros), where(c, zeros, grad)];
});
