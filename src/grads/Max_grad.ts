// d max(x, axes): the gradient goes to the elements equal to the maximum, split evenly between ties
// (TF 1.15's _MinOrMaxGrad, the same code for Min): Reshape the output and grad to the kept-dims shape,
// `Equal`, `Cast` to an indicator, `Sum` the ties and `Reshape`, then indicators / count (`truediv`) · grad.
import type { Tensor } from '../graph/tensor.js';
import { cast, reshape } from '../ops/array.js';
import { divide, equal } from '../ops/math.js';
import * as sugar from '../ops/operators.js';
import { sumAxes } from './helpers.js';
import { registerGradient, type GradFn } from './registry.js';
import { keptDimsShape } from './shape-helpers.js';

const minOrMaxGrad: GradFn = (op, grad) => {
  const [x, axes] = op.inputs;
  const kept = keptDimsShape(op);
  const y = reshape(op.outputs[0], kept);
  const g = reshape(grad, kept);
  const indicators = cast(equal(y, x), grad.dtype);
  const numSelected = reshape(sumAxes(indicators, axes), kept);
  return [sugar.mul(divide(indicators, numSelected), g) as Tensor, null];
};

registerGradient('Max', minOrMaxGrad);
registerGradient('Min', minOrMaxGrad);
