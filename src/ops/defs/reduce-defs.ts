// MatMul, reductions, arg-reductions and Softmax.
import { attr } from '../../engine/attrs.js';
import { registerOpDef, ShapeError, type Attrs, type OpDef, type TensorSpec } from '../../engine/registry.js';
import { ArgReduceOp, BinaryOp, ReduceOp, UnaryOp } from '../../backends/native/opcodes.js';
import type { Backend } from '../../backends/backend.js';
import { scalar } from '../../tensor/convert.js';
import { NDArray } from '../../tensor/ndarray.js';
import { TensorShape, normalizeAxis, sizeOf, type Dim } from '../../tensor/shape.js';
import { boolAttr, FLOAT, ints, NUMERIC, reductionAxes, requireRank, runtimeRank, spec, val } from './helpers.js';

registerOpDef({
  type: 'MatMul',
  inputNames: ['a', 'b'],
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: NUMERIC },
  inferOutputs([a, b], attrs) {
    requireRank(a.shape, 2);
    requireRank(b.shape, 2);
    const ta = boolAttr(attrs, 'transpose_a');
    const tb = boolAttr(attrs, 'transpose_b');
    const ad = a.shape.dims ?? [null, null];
    const bd = b.shape.dims ?? [null, null];
    const [m, ka] = ta ? [ad[1], ad[0]] : [ad[0], ad[1]];
    const [kb, n] = tb ? [bd[1], bd[0]] : [bd[0], bd[1]];
    if (ka !== null && kb !== null && ka !== kb) throw new ShapeError(`Dimensions must be equal, but are ${ka} and ${kb}`);
    return [spec(a.dtype, [m, n])];
  },
  kernel(inputs, attrs, ctx) {
    const a = val(inputs, 0);
    const b = val(inputs, 1);
    runtimeRank(a, 2, 'In[0]');
    runtimeRank(b, 2, 'In[1]');
    return [ctx.backend.matmul(a, b, boolAttr(attrs, 'transpose_a'), boolAttr(attrs, 'transpose_b'))];
  },
});

/** Output shape of a reduction when the axes are known at build time. */
function reducedShape(x: TensorSpec, axesSpec: TensorSpec, keepDims: boolean): TensorShape {
  if (x.shape.dims === null) return TensorShape.unknown();
  const rank = x.shape.dims.length;
  if (axesSpec.constValue === undefined) {
    return keepDims ? new TensorShape(new Array<Dim>(rank).fill(null)) : TensorShape.unknown();
  }
  const axes = reductionAxes(ints(axesSpec.constValue), rank);
  const dims = x.shape.dims.map((d, i) => (axes.includes(i) ? 1 : d));
  return new TensorShape(keepDims ? dims : dims.filter((_, i) => !axes.includes(i)));
}

function reduceDef(type: string, code: ReduceOp, mean = false): OpDef {
  return {
    type,
    inputNames: ['input', 'reduction_indices'],
    typeGroup: { attr: 'T', inputs: [0], allowed: NUMERIC },
    literalDTypes: [undefined, 'int32'],
    inferOutputs: ([x, axes], attrs) => [spec(x.dtype, reducedShape(x, axes, boolAttr(attrs, 'keep_dims')))],
    kernel(inputs, attrs, ctx) {
      const x = val(inputs, 0);
      const axes = reductionAxes(ints(val(inputs, 1)), x.rank);
      const out = ctx.backend.reduce(code, x, axes, boolAttr(attrs, 'keep_dims'));
      if (!mean) return [out];
      const count = sizeOf(axes.map((a) => x.shape[a]));
      // TF's integer mean divides as C++ does, truncating toward zero (mean([-2, 1]) is 0, not -1).
      if (x.dtype === 'int32') return [new NDArray(Int32Array.from(out.data, (v) => Math.trunc(v / count)), out.shape, 'int32')];
      return [ctx.backend.binary(BinaryOp.Div, out, scalar(count, x.dtype))];
    },
  };
}

registerOpDef(reduceDef('Sum', ReduceOp.Sum));
registerOpDef(reduceDef('Mean', ReduceOp.Sum, true));
registerOpDef(reduceDef('Max', ReduceOp.Max));
registerOpDef(reduceDef('Min', ReduceOp.Min));
registerOpDef(reduceDef('Prod', ReduceOp.Prod));

function argDef(type: string, code: ArgReduceOp): OpDef {
  return {
    type,
    inputNames: ['input', 'dimension'],
    typeGroup: { attr: 'T', inputs: [0], allowed: NUMERIC },
    literalDTypes: [undefined, 'int32'],
    inferOutputs([x, dim]) {
      if (x.shape.dims === null || dim.constValue === undefined) return [spec('int32', null)];
      const axis = normalizeAxis(dim.constValue.data[0], x.shape.dims.length);
      if (axis === null) throw new ShapeError(`Expected dimension in the range [${-x.shape.dims.length}, ${x.shape.dims.length}), but got ${dim.constValue.data[0]}`);
      return [spec('int32', x.shape.dims.filter((_, i) => i !== axis))];
    },
    kernel(inputs, _attrs, ctx) {
      const x = val(inputs, 0);
      const requested = val(inputs, 1).data[0];
      const axis = normalizeAxis(requested, x.rank);
      if (axis === null) throw new ShapeError(`Expected dimension in the range [${-x.rank}, ${x.rank}), but got ${requested}`);
      return [ctx.backend.argReduce(code, x, axis)];
    },
  };
}

registerOpDef(argDef('ArgMax', ArgReduceOp.ArgMax));
registerOpDef(argDef('ArgMin', ArgReduceOp.ArgMin));

registerOpDef({
  type: 'Softmax',
  inputNames: ['logits'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  inferOutputs([x]) {
    if (x.shape.rank === 0) throw new ShapeError('Shape must be at least rank 1 but is rank 0');
    return [spec(x.dtype, x.shape)];
  },
  // Composite over primitives, shifted by the row max so large logits do not overflow exp.
  kernel(inputs, _attrs, ctx) {
    const x = val(inputs, 0);
    if (x.rank === 0) throw new ShapeError('logits must have >= 1 dimension, got []');
    const { shifted, last } = shiftedByRowMax(ctx.backend, x);
    const e = ctx.backend.unary(UnaryOp.Exp, shifted);
    return [ctx.backend.binary(BinaryOp.Div, e, ctx.backend.reduce(ReduceOp.Sum, e, last, true))];
  },
});

/** x minus its max over the last axis (kept for broadcasting): softmax and log-softmax start from it. */
export function shiftedByRowMax(b: Backend, x: NDArray): { shifted: NDArray; last: number[] } {
  const last = [x.rank - 1];
  return { shifted: b.binary(BinaryOp.Sub, x, b.reduce(ReduceOp.Max, x, last, true)), last };
}

/** Attributes every reduction carries in its NodeDef. */
export function reductionAttrs(keepDims: boolean): Attrs {
  return { keep_dims: attr.b(keepDims), Tidx: attr.type('int32') };
}
