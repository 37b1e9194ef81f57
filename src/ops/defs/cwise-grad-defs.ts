// SqrtGrad, RsqrtGrad and ReciprocalGrad: the element-wise kernels TF's Sqrt, Rsqrt and Reciprocal gradients
// call, kept together because each must take its native steps in the order of TF's Eigen functor.
import type { Backend } from '../../backends/backend.js';
import { BinaryOp, UnaryOp } from '../../backends/native/opcodes.js';
import { registerOpDef, type OpDef } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { scalar } from '../../tensor/convert.js';
import type { NDArray } from '../../tensor/ndarray.js';
import { FLOAT, spec, val } from './helpers.js';

/**
 * SqrtGrad, RsqrtGrad, ReciprocalGrad (y = the forward output): each native step in the order of the scalar
 * form of TF's Eigen functors, so float32 results round as TF's do; 0 wherever dy is 0, as those functors.
 */
function unaryGradDef(type: string, steps: (y: NDArray, dy: NDArray, b: Backend) => NDArray): OpDef {
  return {
    type,
    inputNames: ['y', 'dy'],
    typeGroup: { attr: 'T', inputs: [0, 1], allowed: FLOAT },
    inferOutputs: ([y]) => [spec(y.dtype, y.shape)],
    kernel(inputs, _attrs, ctx) {
      const [y, dy] = [val(inputs, 0), val(inputs, 1)];
      if (y.size !== dy.size) throw new InvalidArgumentError(`The two arguments to a cwise op must have same number of elements, got ${y.size} and ${dy.size}`);
      const out = steps(y, dy.reshape(y.shape), ctx.backend);
      for (let i = 0; i < out.size; i++) if (dy.data[i] === 0) out.data[i] = 0;
      return [out];
    },
  };
}

const half = (sign: number) => scalar(sign * 0.5, 'float32');
// (0.5 · dy) / y
registerOpDef(unaryGradDef('SqrtGrad', (y, dy, b) => b.binary(BinaryOp.Div, b.binary(BinaryOp.Mul, half(1), dy), y)));
// (-0.5 · (dy · y)) · (y · y)
registerOpDef(unaryGradDef('RsqrtGrad', (y, dy, b) =>
  b.binary(BinaryOp.Mul, b.binary(BinaryOp.Mul, half(-1), b.binary(BinaryOp.Mul, dy, y)), b.binary(BinaryOp.Mul, y, y))));
// ((-y) · y) · dy
registerOpDef(unaryGradDef('ReciprocalGrad', (y, dy, b) => b.binary(BinaryOp.Mul, b.binary(BinaryOp.Mul, b.unary(UnaryOp.Neg, y), y), dy)));
