// The arithmetic a GradientTape's backward walk needs on eager values: summing the gradients a tensor
// received, seeds of ones, zeros for unused outputs, and the op record a gradient function reads.
import { attr, attrValue } from '../engine/attrs.js';
import type { Attrs, KernelInput } from '../engine/registry.js';
import { Tensor } from '../graph/tensor.js';
import { applyOp1, type EagerRecord } from '../ops/apply.js';
import { allocate } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import type { GradOp } from './registry.js';

/** A watched thing: a Tensor or a Variable, by identity. */
export type Key = object;

export function add(grads: Map<Key, Tensor[]>, k: Key, g: Tensor): void {
  const list = grads.get(k);
  if (list) list.push(g);
  else grads.set(k, [g]);
}

export function sum(list: Tensor[] | undefined): Tensor | null {
  if (!list || list.length === 0) return null;
  if (list.length === 1) return list[0];
  const total = applyOp1('AddN', list, { N: attr.i(list.length), T: attr.type(list[0].dtype) });
  list.splice(0, list.length, total);
  return total;
}

function filled(t: Tensor, v: number): Tensor {
  const data = allocate(t.dtype, t.shape.numElements() ?? 0);
  data.fill(v);
  return Tensor.eager(new NDArray(data, t.shape.dims as number[], t.dtype));
}

export const ones = (t: Tensor) => filled(t, 1);
export const zeros = (t: Tensor) => filled(t, 0);

export function asEager(v: unknown): Tensor {
  if (v instanceof Tensor && v.isEager) return v;
  return applyOp1('Identity', [v]);
}

function valueOf(v: KernelInput): NDArray {
  return v instanceof NDArray ? v : v.read();
}

/** An eager op as a gradient function sees it: inputs and outputs as tensors, attrs by name. */
export function eagerOp(r: EagerRecord, skip: ReadonlySet<number>): GradOp {
  const attrs: Attrs = r.attrs;
  return {
    type: r.def.type,
    name: r.def.type,
    // The original tensors where there are some, so an outer tape recording this backward pass can
    // connect it to what it watches (gradients of gradients).
    inputs: r.values.map((v, i) => (r.args[i] instanceof Tensor ? (r.args[i] as Tensor) : Tensor.eager(valueOf(v)))),
    outputs: r.outputs,
    attrs,
    getAttr: (name: string) => (attrs[name] === undefined ? undefined : attrValue(attrs[name])),
    skipInputIndices: skip,
  };
}
