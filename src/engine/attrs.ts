// Op attributes, tagged so NodeDef text can print each kind the way protobuf does.
import type { DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import type { TensorShape } from '../tensor/shape.js';

export type AttrValue =
  | { kind: 'type'; value: DType }
  | { kind: 'shape'; value: TensorShape }
  | { kind: 'tensor'; value: NDArray; /** the shape the Const declared, when it was filled from one value */ fill?: boolean }
  | { kind: 'b'; value: boolean }
  | { kind: 'i'; value: number }
  | { kind: 'f'; value: number }
  | { kind: 's'; value: string }
  | { kind: 'list_s'; value: readonly string[] }
  | { kind: 'list_i'; value: readonly number[] };

export const attr = {
  type: (value: DType): AttrValue => ({ kind: 'type', value }),
  shape: (value: TensorShape): AttrValue => ({ kind: 'shape', value }),
  tensor: (value: NDArray): AttrValue => ({ kind: 'tensor', value }),
  b: (value: boolean): AttrValue => ({ kind: 'b', value }),
  i: (value: number): AttrValue => ({ kind: 'i', value }),
  f: (value: number): AttrValue => ({ kind: 'f', value }),
  s: (value: string): AttrValue => ({ kind: 's', value }),
  listS: (value: readonly string[]): AttrValue => ({ kind: 'list_s', value }),
  listI: (value: readonly number[]): AttrValue => ({ kind: 'list_i', value }),
};

/** The JS value inside an attribute, for kernels: `attrValue<boolean>(attrs.transpose_a)`. */
export function attrValue<T>(a: AttrValue | undefined): T {
  if (a === undefined) throw new Error('missing attribute');
  return a.value as T;
}
