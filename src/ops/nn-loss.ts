// tf.nn's classifier losses and helpers: softmax cross-entropy (TF's _v2: gradients reach the labels
// too), its sparse form, logSoftmax, l2Loss and inTopK, with TF 1.15's Python-side checks and scopes.
import { NotImplementedError, ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { shapeTuple } from '../tensor/shape.js';
import { applyOp, applyOp1, type TensorLike } from './apply.js';
import { cast, reshape, transpose } from './array.js';
import { declare } from './declare.js';
import { toTensorInput } from './convert.js';
import { scoped, type NameOption } from './scope.js';

export interface XentOptions extends NameOption {
  /** TF's positional guard: a positional argument lands here, and is refused. */
  _sentinel?: unknown;
  labels?: TensorLike;
  logits?: TensorLike;
  axis?: number;
  dim?: number;
}

function xentArgs(fn: string, o: XentOptions): [TensorLike, TensorLike] {
  if (o._sentinel !== undefined) throw new ValueError(`Only call \`${fn}\` with named arguments (labels=..., logits=..., ...)`);
  if (o.labels === undefined || o.logits === undefined) throw new ValueError('Both labels and logits must be provided.');
  return [o.labels, o.logits];
}

/** Moves `axis` of a tensor of static rank to the end (TF's _move_dim_to_end), or returns it as it is. */
function axisToEnd(x: Tensor, axis: number, fn: string): Tensor {
  const rank = x.shape.rank;
  if (axis === -1 || (rank !== null && axis === rank - 1)) return x;
  if (rank === null) throw new NotImplementedError(`tf.nn.${fn}(): an axis other than -1 needs a tensor of known rank.`);
  const a = axis < 0 ? axis + rank : axis;
  const perm = Array.from({ length: rank }, (_, i) => (i === a ? rank - 1 : i === rank - 1 ? a : i));
  return transpose(x, perm);
}

/** [..., C] → [N, C] when the leading dims are known (a rank-2 tensor passes through). */
function flatten2D(x: Tensor, fn: string): { flat: Tensor; outer: number[] | null } {
  const dims = x.shape.dims;
  if (dims !== null && dims.length === 2) return { flat: x, outer: null };
  if (dims === null || dims.length < 2 || dims.some((d) => d === null)) {
    throw new NotImplementedError(`tf.nn.${fn}(): tensorshell takes rank-2 logits, or logits of another rank whose shape is fully known.`);
  }
  const full = dims as number[];
  return { flat: reshape(x, [-1, full[full.length - 1]]), outer: full.slice(0, -1) };
}

const XENT_DOC = "Softmax cross-entropy of each row: -sum(labels * log_softmax(logits)), op `SoftmaxCrossEntropyWithLogits` in scope `softmax_cross_entropy_with_logits`; labels are probabilities (one-hot rows) and, as TF's _v2, receive a gradient too. Named arguments only: `tf.nn.softmaxCrossEntropyWithLogits({ labels: y_, logits: y })`.";

function xent(fn: string, tfName: string) {
  return declare<(sentinel?: unknown, options?: XentOptions) => Tensor>(
    `nn.${fn}(_sentinel?: unknown, { labels?: Tensor, logits?: Tensor, axis?: int, dim?: int, name?: string }): Tensor`, XENT_DOC,
    (o: XentOptions) => {
      const [labelsIn, logitsIn] = xentArgs(tfName, o);
      const axis = o.axis ?? o.dim ?? -1;
      return scoped(o.name ?? 'softmax_cross_entropy_with_logits', (scope) => {
        const logits = axisToEnd(toTensorInput(logitsIn, undefined, 'logits'), axis, fn);
        // TF casts the labels to the logits' type (int32 one-hot labels work).
        const given = toTensorInput(labelsIn, logits.dtype, 'labels');
        const labels = axisToEnd(given.dtype === logits.dtype ? given : cast(given, logits.dtype), axis, fn);
        const a = flatten2D(logits, fn);
        const b = flatten2D(labels, fn);
        // As TF, the op takes the scope's own name: `softmax_cross_entropy_with_logits:0` is the cost.
        const [cost] = applyOp('SoftmaxCrossEntropyWithLogits', [a.flat, b.flat], {}, { name: scope });
        return a.outer === null ? cost : reshape(cost, a.outer);
      });
    });
}

export const softmaxCrossEntropyWithLogits = xent('softmaxCrossEntropyWithLogits', 'softmax_cross_entropy_with_logits');
export const softmaxCrossEntropyWithLogitsV2 = xent('softmaxCrossEntropyWithLogitsV2', 'softmax_cross_entropy_with_logits_v2');

export const sparseSoftmaxCrossEntropyWithLogits: (sentinel?: unknown, options?: XentOptions) => Tensor = declare(
  'nn.sparseSoftmaxCrossEntropyWithLogits(_sentinel?: unknown, { labels?: Tensor, logits?: Tensor, name?: string }): Tensor',
  'Softmax cross-entropy against class indices (int32 labels [batch], logits [batch, classes]): scope and op `SparseSoftmaxCrossEntropyWithLogits`; a label outside [0, classes) is an InvalidArgumentError when it runs.',
  (o: XentOptions) => {
    const [labelsIn, logitsIn] = xentArgs('sparse_softmax_cross_entropy_with_logits', o);
    return scoped(o.name ?? 'SparseSoftmaxCrossEntropyWithLogits', () => {
      const labels = toTensorInput(labelsIn, 'int32', 'labels');
      const logits = toTensorInput(logitsIn, undefined, 'logits');
      const l = labels.shape;
      const g = logits.shape;
      if (g.rank === 0) throw new ValueError(`Logits cannot be scalars - received shape ${shapeTuple([])}.`);
      if (g.rank !== null && l.rank !== null && l.rank !== g.rank - 1) {
        throw new ValueError(`Rank mismatch: Rank of labels (received ${l.rank}) should equal rank of logits minus 1 (received ${g.rank}).`);
      }
      const outerKnown = g.dims !== null && g.dims.slice(0, -1).every((d) => d !== null);
      if (l.isFullyDefined && outerKnown && l.dims!.some((d, i) => d !== g.dims![i])) {
        throw new ValueError(`Shape mismatch: The shape of labels (received ${shapeTuple(l.dims!)}) should equal the shape of logits except for the last dimension (received ${shapeTuple(g.dims!)}).`);
      }
      if (g.rank !== 2) throw new NotImplementedError('tf.nn.sparseSoftmaxCrossEntropyWithLogits(): tensorshell takes rank-2 logits [batch, classes].');
      return applyOp('SparseSoftmaxCrossEntropyWithLogits', [logits, labels])[0];
    });
  });

export const logSoftmax: (logits: TensorLike, axis?: number | NameOption & { axis?: number }, name?: string) => Tensor = declare(
  'nn.logSoftmax(logits: Tensor, axis?: int, name?: string): Tensor',
  'log(softmax(logits)) computed stably (logits - max - log(sum(exp(logits - max)))) along the last axis: op `LogSoftmax`.',
  (logits: TensorLike, o: NameOption & { axis?: number }) => {
    if (o.axis === undefined || o.axis === -1) return applyOp1('LogSoftmax', [logits], {}, { name: o.name });
    const x = toTensorInput(logits, undefined, 'logits');
    const moved = axisToEnd(x, o.axis, 'logSoftmax');
    if (moved === x) return applyOp1('LogSoftmax', [x], {}, { name: o.name });
    const rank = x.shape.rank!;
    const a = o.axis < 0 ? o.axis + rank : o.axis;
    const perm = Array.from({ length: rank }, (_, i) => (i === a ? rank - 1 : i === rank - 1 ? a : i));
    return transpose(applyOp1('LogSoftmax', [moved]), perm, o.name);
  });

export const l2Loss: (t: TensorLike, name?: string | NameOption) => Tensor = declare(
  'nn.l2Loss(t: Tensor, name?: string): Tensor',
  'sum(t ** 2) / 2, a scalar: op `L2Loss` (weight decay in the seeds\' CIFAR-10 model).',
  (t: TensorLike, o: NameOption) => applyOp1('L2Loss', [t], {}, { name: o.name }));

export const inTopK: (predictions: TensorLike, targets: TensorLike, k: number | TensorLike, name?: string) => Tensor = declare(
  'nn.inTopK(predictions: Tensor, targets: Tensor, k: int | Tensor, name?: string): Tensor',
  "Whether each row's target class is among its k highest predictions (ties count as in, as TF): scope `in_top_k`, op `InTopKV2`, bool [batch].",
  (predictions: TensorLike, targets: TensorLike, k: number | TensorLike, o: NameOption) =>
    scoped(o.name ?? 'in_top_k', () => applyOp1('InTopKV2', [predictions, targets, k])));
