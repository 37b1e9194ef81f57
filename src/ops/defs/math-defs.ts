// Elementwise math: binary ops with numpy broadcasting, unary ops. One native kernel code each.
import { registerOpDef, ShapeError, type OpDef } from '../../engine/registry.js';
import { BinaryOp, UnaryOp } from '../../backends/native/opcodes.js';
import type { DType } from '../../tensor/dtype.js';
import { broadcastStatic } from '../../tensor/shape.js';
import { ALL, FLOAT, NUMERIC, spec, val } from './helpers.js';

function binaryDef(type: string, code: BinaryOp, allowed: readonly DType[], boolOut = false, inputNames = ['x', 'y']): OpDef {
  return {
    type,
    inputNames,
    typeGroup: { attr: 'T', inputs: [0, 1], allowed },
    inferOutputs([a, b]) {
      const shape = broadcastStatic(a.shape, b.shape);
      if ('clash' in shape) {
        throw new ShapeError(`Dimensions must be equal, but are ${shape.clash[0]} and ${shape.clash[1]}`);
      }
      return [spec(boolOut ? 'bool' : a.dtype, shape)];
    },
    kernel: (inputs, _attrs, ctx) => [ctx.backend.binary(code, val(inputs, 0), val(inputs, 1))],
  };
}

const binaries: Array<[string, BinaryOp, readonly DType[], boolean?]> = [
  ['Add', BinaryOp.Add, NUMERIC],
  ['AddV2', BinaryOp.Add, NUMERIC],
  ['Sub', BinaryOp.Sub, NUMERIC],
  ['Mul', BinaryOp.Mul, NUMERIC],
  ['RealDiv', BinaryOp.Div, FLOAT],
  ['FloorMod', BinaryOp.FloorMod, NUMERIC],
  ['Pow', BinaryOp.Pow, NUMERIC],
  ['Maximum', BinaryOp.Maximum, NUMERIC],
  ['Minimum', BinaryOp.Minimum, NUMERIC],
  ['SquaredDifference', BinaryOp.SquaredDifference, NUMERIC],
  ['Equal', BinaryOp.Equal, ALL, true],
  ['NotEqual', BinaryOp.NotEqual, ALL, true],
  ['Greater', BinaryOp.Greater, NUMERIC, true],
  ['GreaterEqual', BinaryOp.GreaterEqual, NUMERIC, true],
  ['Less', BinaryOp.Less, NUMERIC, true],
  ['LessEqual', BinaryOp.LessEqual, NUMERIC, true],
];
for (const [type, code, allowed, boolOut] of binaries) registerOpDef(binaryDef(type, code, allowed, boolOut));

// x // y: the int32 kernel floors natively; for float32 it is floor(x / y), the composition TF's functor uses.
registerOpDef({
  ...binaryDef('FloorDiv', BinaryOp.Div, NUMERIC),
  kernel(inputs, _attrs, ctx) {
    const q = ctx.backend.binary(BinaryOp.Div, val(inputs, 0), val(inputs, 1));
    return [q.dtype === 'float32' ? ctx.backend.unary(UnaryOp.Floor, q) : q];
  },
});

// Gradient helpers (used by the autodiff layer): TF's argument names are (y, dy) and (gradients, features).
registerOpDef(binaryDef('SigmoidGrad', BinaryOp.SigmoidGrad, FLOAT, false, ['y', 'dy']));
registerOpDef(binaryDef('TanhGrad', BinaryOp.TanhGrad, FLOAT, false, ['y', 'dy']));
registerOpDef({
  ...binaryDef('ReluGrad', BinaryOp.ReluGrad, NUMERIC, false, ['gradients', 'features']),
  // The native kernel takes (features, gradients): pass b where a > 0.
  kernel: (inputs, _attrs, ctx) => [ctx.backend.binary(BinaryOp.ReluGrad, val(inputs, 1), val(inputs, 0))],
});

function unaryDef(type: string, code: UnaryOp, allowed: readonly DType[], inputName = 'x'): OpDef {
  return {
    type,
    inputNames: [inputName],
    typeGroup: { attr: 'T', inputs: [0], allowed },
    inferOutputs: ([x]) => [spec(x.dtype, x.shape)],
    kernel: (inputs, _attrs, ctx) => [ctx.backend.unary(code, val(inputs, 0))],
  };
}

const unaries: Array<[string, UnaryOp, readonly DType[], string?]> = [
  ['Neg', UnaryOp.Neg, NUMERIC],
  ['Square', UnaryOp.Square, NUMERIC],
  ['Sqrt', UnaryOp.Sqrt, FLOAT],
  ['Rsqrt', UnaryOp.Rsqrt, FLOAT],
  ['Exp', UnaryOp.Exp, FLOAT],
  ['Log', UnaryOp.Log, FLOAT],
  ['Abs', UnaryOp.Abs, NUMERIC],
  ['Sign', UnaryOp.Sign, NUMERIC],
  ['Reciprocal', UnaryOp.Reciprocal, FLOAT],
  ['Sigmoid', UnaryOp.Sigmoid, FLOAT],
  ['Tanh', UnaryOp.Tanh, FLOAT],
  ['Relu', UnaryOp.Relu, NUMERIC, 'features'],
  ['Floor', UnaryOp.Floor, FLOAT],
  ['Ceil', UnaryOp.Ceil, FLOAT],
  ['Round', UnaryOp.Round, FLOAT],
  ['LogicalNot', UnaryOp.LogicalNot, ['bool']],
];
for (const [type, code, allowed, name] of unaries) registerOpDef(unaryDef(type, code, allowed, name));
