// What shape inference knows of an input before anything runs: constant values, partial shape vectors, and
// the part of TF's shape-error message that lists them.
import type { OpDef, TensorSpec } from '../engine/registry.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { NDArray } from '../tensor/ndarray.js';

export function specOf(t: Tensor): TensorSpec {
  const op = t.isEager ? null : t.op;
  const i = t.valueIndex;
  return { dtype: t.dtype, shape: t.shape, constValue: op ? staticValue(op, i) : undefined, partialValue: op ? partialValue(op, i) : undefined };
}

/** The tensor a Shape or ShapeN output describes (ShapeN's output i is the shape of input i). */
function shapeSource(op: Operation, index: number): Tensor | undefined {
  if (op.type === 'Shape') return op.inputs[0];
  if (op.type === 'ShapeN') return op.inputs[index];
  return undefined;
}

/** TF's partial shape of a shape vector: the Shape of a tensor whose rank is known, `?` where a dim is not. */
function partialValue(op: Operation, index = 0): readonly (number | null)[] | undefined {
  const src = shapeSource(op, index);
  if (src === undefined || src.shape.isFullyDefined) return undefined;
  return src.shape.dims ?? undefined;
}

/**
 * The value of a tensor known before anything runs: a Const, or the Shape of a tensor whose shape is fully
 * known — TF's shape refiner folds that too, which is how `Fill(Shape(y), 1)` keeps y's static shape.
 */
function staticValue(op: Operation, index = 0): NDArray | undefined {
  if (op.type === 'Const') return op.attrs.value.value as NDArray;
  const src = shapeSource(op, index);
  if (src !== undefined && src.shape.isFullyDefined) {
    const dims = src.shape.dims as number[];
    return new NDArray(Int32Array.from(dims), [dims.length], 'int32');
  }
  return undefined;
}

/**
 * TF's ` and with computed input tensors: input[1] = <0 1>` part of a shape error: the values of the
 * constant inputs the shape function read (axes, perms, shapes: the int32 inputs a literal fills).
 */
// The ops whose shape functions read their constant inputs first (TF lists only inputs it read).
const READS_CONSTANTS = new Set(['Sum', 'Mean', 'Max', 'Min', 'Prod', 'ArgMax', 'ArgMin', 'Transpose', 'Reshape']);

export function computedInputs(def: OpDef, tensors: readonly Tensor[]): string {
  if (!READS_CONSTANTS.has(def.type)) return '';
  const parts: string[] = [];
  const partial: string[] = [];
  tensors.forEach((t, i) => {
    if (def.literalDTypes?.[i] !== 'int32' || t.isEager) return;
    const v = staticValue(t.op, t.valueIndex);
    if (v !== undefined && v.size <= 10) parts.push(`input[${i}] = <${Array.from(v.data).join(' ')}>`);
    const p = v === undefined ? partialValue(t.op, t.valueIndex) : undefined;
    if (p !== undefined) partial.push(`input[${i}] = [${p.map((d) => d ?? '?').join(',')}]`);
  });
  return (parts.length ? ` and with computed input tensors: ${parts.join(', ')}` : '')
    + (partial.length ? ` and with input tensors computed as partial shapes: ${partial.join(', ')}` : '');
}

