// BiasAdd passes the gradient to its value and sums it over every axis but the last for the bias
// (`BiasAddGrad`). BiasAddGrad's own gradient spreads the bias gradient back over the value's shape
// (TF reshapes and tiles; a broadcasting add onto zeros gives the same values).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from '../ops/apply.js';
import * as sugar from '../ops/operators.js';
import { registerGradient } from './registry.js';

registerGradient('BiasAdd', (op, grad) => [grad, applyOp1('BiasAddGrad', [grad], { data_format: op.attrs.data_format ?? { kind: 's', value: 'NHWC' } })]);

registerGradient('BiasAddGrad', (op, grad) => [sugar.add(applyOp1('ZerosLike', [op.inputs[0]]), grad) as Tensor]);
