// Op attributes, tagged so NodeDef text can print each kind the way protobuf does.
import type { DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import type { TensorShape } from '../tensor/shape.js';

export type AttrValue =
  | { kind: 'type'; value: DType }
  | { kind: 'shape'; value: TensorShape }
  | {
    kind: 'tensor'; value: NDArray;
    /** the shape the Const declared, when it was filled from one value */ fill?: boolean;
    /** a TF dtype tensorshell has no arrays for (bad_color's DT_UINT8): int32 values, written as int_val */
    protoDtype?: string;
  }
  | { kind: 'b'; value: boolean }
  | { kind: 'i'; value: number }
  | { kind: 'f'; value: number }
  | { kind: 's'; value: string }
  | { kind: 'list_s'; value: readonly string[] }
  | { kind: 'list_i'; value: readonly number[] }
  | { kind: 'list_f'; value: readonly number[] }
  | { kind: 'list_b'; value: readonly boolean[] }
  | { kind: 'list_type'; value: readonly DType[] }
  | { kind: 'list_shape'; value: readonly TensorShape[] }
  /** An attribute of an imported graph that no tensorshell op reads: TF's AttrValue as decoded, kept to write it back. */
  | { kind: 'proto'; value: Record<string, unknown> };

export const attr = {
  type: (value: DType): AttrValue => ({ kind: 'type', value }),
  shape: (value: TensorShape): AttrValue => ({ kind: 'shape', value }),
  tensor: (value: NDArray): AttrValue => ({ kind: 'tensor', value }),
  tensorAs: (value: NDArray, protoDtype: string): AttrValue => ({ kind: 'tensor', value, protoDtype }),
  b: (value: boolean): AttrValue => ({ kind: 'b', value }),
  i: (value: number): AttrValue => ({ kind: 'i', value }),
  f: (value: number): AttrValue => ({ kind: 'f', value }),
  s: (value: string): AttrValue => ({ kind: 's', value }),
  listS: (value: readonly string[]): AttrValue => ({ kind: 'list_s', value }),
  listI: (value: readonly number[]): AttrValue => ({ kind: 'list_i', value }),
  listShape: (value: readonly TensorShape[]): AttrValue => ({ kind: 'list_shape', value }),
  listType: (value: readonly DType[]): AttrValue => ({ kind: 'list_type', value }),
};

/** The JS value inside an attribute, for kernels: `attrValue<boolean>(attrs.transpose_a)`. */
export function attrValue<T>(a: AttrValue | undefined): T {
  if (a === undefined) throw new Error('missing attribute');
  return a.value as T;
}
