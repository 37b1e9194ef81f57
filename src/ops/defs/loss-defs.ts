// The classifier ops: the two softmax cross-entropies (fused, with the backprop as a second output, as TF),
// LogSoftmax, L2Loss, BiasAdd / BiasAddGrad and InTopKV2.
import { registerOpDef, ShapeError, type TensorSpec } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { BinaryOp, ReduceOp, UnaryOp } from '../../backends/native/opcodes.js';
import type { Backend } from '../../backends/backend.js';
import { allocate } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { broadcastShapes, shapeString, type Dim } from '../../tensor/shape.js';
import { FLOAT, NUMERIC, requireRank, spec, val } from './helpers.js';
import { nnKernel } from './nn-defs.js';
import { shiftedByRowMax } from './reduce-defs.js';

/** TF's Merge of two shapes, with its message. */
function mergeDims(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  return a.map((d, i) => {
    const e = b[i];
    if (d !== null && e !== null && d !== e) {
      throw new ShapeError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ${shapeString(a)} and ${shapeString(b)}.`);
    }
    return d ?? e;
  });
}

function broadcastTo(backend: Backend, x: NDArray, shape: readonly number[]): NDArray {
  if (x.shape.every((d, i) => d === shape[i])) return x;
  const zeros = new NDArray(allocate(x.dtype, shape.reduce((p, d) => p * d, 1)), shape, x.dtype);
  return backend.binary(BinaryOp.Add, x, zeros);
}

registerOpDef({
  type: 'SoftmaxCrossEntropyWithLogits',
  inputNames: ['features', 'labels'],
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs([logits, labels]) {
    requireRank(logits.shape, 2);
    requireRank(labels.shape, 2);
    const a = logits.shape.dims ?? [null, null];
    const b = labels.shape.dims ?? [null, null];
    const merged = mergeDims(a.map((d, i) => (d === 1 && b[i] !== null ? b[i] : d)), b.map((d, i) => (d === 1 && a[i] !== null ? a[i] : d)));
    return [spec(logits.dtype, [merged[0]]), spec(logits.dtype, merged)];
  },
  kernel(inputs, _attrs, ctx) {
    let logits = val(inputs, 0);
    let labels = val(inputs, 1);
    const shape = logits.rank === 2 && labels.rank === 2 ? broadcastShapes(logits.shape, labels.shape) : null;
    if (shape === null) {
      throw new InvalidArgumentError(`logits and labels must be broadcastable: logits_size=${shapeString(logits.shape)} labels_size=${shapeString(labels.shape)}`);
    }
    logits = broadcastTo(ctx.backend, logits, shape);
    labels = broadcastTo(ctx.backend, labels, shape);
    return nnKernel(ctx.backend, 'softmaxCrossEntropy')(logits, labels);
  },
});

registerOpDef({
  type: 'SparseSoftmaxCrossEntropyWithLogits',
  inputNames: ['features', 'labels'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs([logits, labels]) {
    requireRank(logits.shape, 2);
    requireRank(labels.shape, 1);
    if (labels.dtype !== 'int32') throw new TypeError(`Value passed to parameter 'labels' has DataType ${labels.dtype} not in list of allowed values: int32, int64`);
    const [batch, classes] = logits.shape.dims ?? [null, null];
    const b = labels.shape.dims?.[0] ?? null;
    if (batch !== null && b !== null && batch !== b) throw new ShapeError(`Dimensions must be equal, but are ${batch} and ${b}`);
    return [spec(logits.dtype, [batch ?? b]), spec(logits.dtype, [batch ?? b, classes])];
  },
  kernel(inputs, _attrs, ctx) {
    const logits = val(inputs, 0);
    const labels = val(inputs, 1);
    if (logits.rank !== 2) throw new InvalidArgumentError(`logits must be 2-D, but got shape ${shapeString(logits.shape)}`);
    if (labels.rank !== 1) throw new InvalidArgumentError(`labels must be 1-D, but got shape ${shapeString(labels.shape)}`);
    const [batch, classes] = logits.shape;
    if (labels.shape[0] !== batch) {
      throw new InvalidArgumentError(`logits and labels must have the same first dimension, got logits shape ${shapeString(logits.shape)} and labels shape ${shapeString(labels.shape)}`);
    }
    const ids = labels.data as Int32Array;
    const bad = ids.find((l) => l < 0 || l >= classes);
    if (bad !== undefined) {
      throw new InvalidArgumentError(`Received a label value of ${bad} which is outside the valid range of [0, ${classes}).  Label values: ${Array.from(ids).join(' ')}`);
    }
    const dense = new Float32Array(batch * classes);
    for (let i = 0; i < batch; i++) dense[i * classes + ids[i]] = 1;
    return nnKernel(ctx.backend, 'softmaxCrossEntropy')(logits, new NDArray(dense, [batch, classes], 'float32'));
  },
});

registerOpDef({
  type: 'LogSoftmax',
  inputNames: ['logits'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  inferOutputs([x]) {
    if (x.shape.rank === 0) throw new ShapeError('Shape must be at least rank 1 but is rank 0');
    return [spec(x.dtype, x.shape)];
  },
  // x - max - log(sum(exp(x - max))) over the last axis: finite for any finite logits.
  kernel(inputs, _attrs, ctx) {
    const x = val(inputs, 0);
    if (x.rank === 0) throw new InvalidArgumentError('logits must have >= 1 dimension, got []');
    const b = ctx.backend;
    const { shifted, last } = shiftedByRowMax(b, x);
    const lse = b.unary(UnaryOp.Log, b.reduce(ReduceOp.Sum, b.unary(UnaryOp.Exp, shifted), last, true));
    return [b.binary(BinaryOp.Sub, shifted, lse)];
  },
});

registerOpDef({
  type: 'L2Loss',
  inputNames: ['t'],
  typeGroup: { attr: 'T', inputs: [0], allowed: FLOAT },
  inferOutputs: ([t]) => [spec(t.dtype, [])],
  kernel(inputs, _attrs, ctx) {
    const t = val(inputs, 0);
    const b = ctx.backend;
    const sum = b.reduce(ReduceOp.Sum, b.unary(UnaryOp.Square, t.reshape([t.size])), [0], false);
    return [b.binary(BinaryOp.Mul, sum, new NDArray(Float32Array.of(0.5), [], 'float32'))];
  },
});

function biasChecks(value: TensorSpec, bias: TensorSpec): void {
  if (value.shape.rank !== null && value.shape.rank < 2) throw new ShapeError(`Shape must be at least rank 2 but is rank ${value.shape.rank}`);
  requireRank(bias.shape, 1);
  const c = value.shape.dims?.[value.shape.dims.length - 1] ?? null;
  const n = bias.shape.dims?.[0] ?? null;
  if (c !== null && n !== null && c !== n) throw new ShapeError(`Dimensions must be equal, but are ${c} and ${n}`);
}

registerOpDef({
  type: 'BiasAdd',
  inputNames: ['value', 'bias'],
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: NUMERIC },
  inferOutputs([value, bias]) {
    biasChecks(value, bias);
    return [spec(value.dtype, value.shape)];
  },
  kernel(inputs, _attrs, ctx) {
    const value = val(inputs, 0);
    const bias = val(inputs, 1);
    if (value.rank < 2) throw new InvalidArgumentError(`Input tensor must be at least 2D: ${shapeString(value.shape)}`);
    if (bias.rank !== 1) throw new InvalidArgumentError(`Biases must be 1D: ${shapeString(bias.shape)}`);
    if (bias.shape[0] !== value.shape[value.rank - 1]) {
      throw new InvalidArgumentError(`Must provide as many biases as the last dimension of the input tensor: ${shapeString(bias.shape)} vs. ${shapeString(value.shape)}`);
    }
    return [ctx.backend.binary(BinaryOp.Add, value, bias)];
  },
});

registerOpDef({
  type: 'BiasAddGrad',
  inputNames: ['out_backprop'],
  typeGroup: { attr: 'T', inputs: [0], allowed: NUMERIC },
  inferOutputs([g]) {
    if (g.shape.rank !== null && g.shape.rank < 2) throw new ShapeError(`Shape must be at least rank 2 but is rank ${g.shape.rank}`);
    return [spec(g.dtype, [g.shape.dims?.[g.shape.dims.length - 1] ?? null])];
  },
  kernel(inputs, _attrs, ctx) {
    const g = val(inputs, 0);
    if (g.rank < 2) throw new InvalidArgumentError(`Input tensor must be at least 2D: ${shapeString(g.shape)}`);
    const c = g.shape[g.rank - 1];
    return [ctx.backend.reduce(ReduceOp.Sum, g.reshape([g.size / Math.max(c, 1) || 0, c]), [0], false)];
  },
});

registerOpDef({
  type: 'InTopKV2',
  inputNames: ['predictions', 'targets', 'k'],
  typeGroup: { attr: 'T', inputs: [1, 2], allowed: ['int32'] },
  literalDTypes: [undefined, 'int32', 'int32'],
  inferOutputs([p, t, k]) {
    requireRank(p.shape, 2);
    requireRank(t.shape, 1);
    requireRank(k.shape, 0);
    if (p.dtype !== 'float32') throw new TypeError(`Value passed to parameter 'predictions' has DataType ${p.dtype} not in list of allowed values: float32`);
    const b = p.shape.dims?.[0] ?? null;
    const tb = t.shape.dims?.[0] ?? null;
    if (b !== null && tb !== null && b !== tb) throw new ShapeError(`Dimensions must be equal, but are ${b} and ${tb}`);
    return [spec('bool', [b ?? tb])];
  },
  // TF's rule: the target is in the top k when fewer than k classes score strictly higher; a non-finite
  // score or an out-of-range target is never in.
  kernel(inputs) {
    const p = val(inputs, 0);
    const t = val(inputs, 1);
    const k = (val(inputs, 2).data as Int32Array)[0];
    if (p.rank !== 2) throw new InvalidArgumentError(`predictions must be 2-dimensional`);
    const [batch, classes] = p.shape;
    if (t.rank !== 1 || t.shape[0] !== batch) throw new InvalidArgumentError(`First dimension of predictions ${batch} must match length of targets ${t.shape[0]}`);
    const scores = p.data as Float32Array;
    const targets = t.data as Int32Array;
    const out = new Uint8Array(batch);
    for (let i = 0; i < batch; i++) {
      const target = targets[i];
      if (target < 0 || target >= classes) continue;
      const row = i * classes;
      const s = scores[row + target];
      if (!Number.isFinite(s)) continue;
      let higher = 0;
      for (let j = 0; j < classes && higher < k; j++) {
        const v = scores[row + j];
        if (!Number.isFinite(v)) { higher = k; break; }
        if (v > s) higher++;
      }
      out[i] = higher < k ? 1 : 0;
    }
    return [new NDArray(out, [batch], 'bool')];
  },
});
