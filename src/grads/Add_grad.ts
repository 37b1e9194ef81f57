// d(x + y) = (grad, grad): addition hands the upstream gradient to both inputs unchanged.
import { registerGradient, type GradFn } from './registry.js';
import { shapesFullySpecifiedAndEqual, unbroadcast } from './helpers.js';

const addGrad: GradFn = (op, grad) => {
  const [x, y] = op.inputs;
  if (shapesFullySpecifiedAndEqual(x, y, grad)) return [grad, grad];
  return unbroadcast(op, () => grad, () => grad);
};

registerGradient('Add', addGrad);
registerGradient('AddV2', addGrad);

// AddN: every input gets the gradient of the sum.
registerGradient('AddN', (op, grad) => op.inputs.map(() => grad));
