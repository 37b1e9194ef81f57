// The `/` operator and tf.divide: op `truediv` (RealDiv); int32 inputs are cast to float32 first, in
// `truediv/Cast` (TF casts them to float64, which tensorshell does not have).
import type { Tensor } from '../graph/tensor.js';
import { applyOp1 } from './apply.js';
import { toTensorInput } from './convert.js';
import { castAttrs, scoped } from './scope.js';

export function truedivOp(x: unknown, y: unknown, name: string): Tensor {
  return scoped(name, (scope) => {
    let a = toTensorInput(x, undefined, 'x');
    let b = toTensorInput(y, a.dtype, 'y');
    if (a.dtype === 'int32' && b.dtype === 'int32') {
      a = applyOp1('Cast', [a], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
      b = applyOp1('Cast', [b], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
    }
    return applyOp1('RealDiv', [a, b], {}, { name: scope });
  });
}
