// The `/` operator and tf.divide: op `truediv` (RealDiv); int32 inputs are cast to float32 first, in
// `truediv/Cast` (TF casts them to float64, which tensorshell does not have).
import { Tensor } from '../graph/tensor.js';
import { applyOp1, isConvertible } from './apply.js';
import { toTensorInput } from './convert.js';
import { castAttrs, scoped } from './scope.js';

export function truedivOp(x: unknown, y: unknown, name: string): Tensor {
  return scoped(name, (scope) => {
    // A literal numerator takes the denominator's dtype, as TF's `1 / t` (__rtruediv__) converts it.
    const literalX = !(x instanceof Tensor) && !isConvertible(x);
    const hint = literalX && (y instanceof Tensor || isConvertible(y)) ? toTensorInput(y, undefined, 'y').dtype : undefined;
    let a = toTensorInput(x, hint, 'x');
    let b = toTensorInput(y, a.dtype, 'y');
    if (a.dtype === 'int32' && b.dtype === 'int32') {
      a = applyOp1('Cast', [a], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
      b = applyOp1('Cast', [b], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
    }
    return applyOp1('RealDiv', [a, b], {}, { name: scope });
  });
}
