// A cast between float types passes the gradient back cast to the source type (TF 1.15's _CastGrad);
// a cast from or to an integer or bool type has no gradient: its values move in steps.
import { cast } from '../ops/array.js';
import type { DType } from '../tensor/dtype.js';
import { registerGradient } from './registry.js';

// TF's list is float16/32/64, bfloat16 and the complex types; tensorshell has float32 only.
const FLOAT_TYPES: readonly DType[] = ['float32'];

registerGradient('Cast', (op, grad) => {
  const src = op.inputs[0].dtype;
  return [FLOAT_TYPES.includes(src) && FLOAT_TYPES.includes(grad.dtype) ? cast(grad, src) : null];
});
