// max/min route the gradient to the input that won; ties go to the first input (x >= y for Maximum), as
// TF's _MaximumMinimumGrad does.
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp } from '../ops/apply.js';
import { shape } from '../ops/array.js';
import { greaterEqual, lessEqual } from '../ops/math.js';
import { where } from '../ops/support.js';
import { sumTo } from './helpers.js';
import { registerGradient, type GradFn } from './registry.js';
import { zerosOfShape } from './shape-helpers.js';

function maxMinGrad(selector: (a: Tensor, b: Tensor) => Tensor): GradFn {
  return (op, grad) => {
    const [x, y] = op.inputs;
    const sx = shape(x);
    const sy = shape(y);
    const zeros = zerosOfShape(shape(grad), grad.dtype);
    const xmask = selector(x, y);
    const [rx, ry] = applyOp('BroadcastGradientArgs', [sx, sy], { T: attr.type('int32') });
    const gx = sumTo(where(xmask, grad, zeros), rx, sx);
    const gy = sumTo(where(xmask, zeros, grad), ry, sy);
    return [gx, gy];
  };
}

registerGradient('Maximum', maxMinGrad((a, b) => greaterEqual(a, b)));
registerGradient('Minimum', maxMinGrad((a, b) => lessEqual(a, b)));
