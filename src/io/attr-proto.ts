// Between tensorshell's attributes and TF's AttrValue / TensorProto / TensorShapeProto messages (as the
// plain objects of io/proto.ts: camelCase fields, enums by name, bytes as Uint8Array, int64 as numbers).
// Written the way TF writes them: a scalar (or a filled Const) as one typed value, strings as string_val,
// anything else as tensor_content; read the way Tensor::FromProto reads them.
import type { AttrValue } from '../engine/attrs.js';
import { InvalidArgumentError } from '../errors.js';
import { protoTypeName, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { sizeOf, TensorShape } from '../tensor/shape.js';
import { isStringArray, StringNDArray } from '../tensor/string-array.js';

export type Proto = Record<string, any>;

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });

const DTYPES: Record<string, DType> = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_BOOL: 'bool', DT_STRING: 'string' };
/** Integer dtypes a tensor attribute may carry as int_val without tensorshell arrays of that type. */
const SMALL_INTS = new Set(['DT_UINT8', 'DT_INT8', 'DT_INT16', 'DT_UINT16']);

/** The tensorshell dtype of a DataType enum name, or null when there is none. */
export function dtypeFromProto(name: unknown): DType | null {
  return typeof name === 'string' ? DTYPES[name] ?? null : null;
}

export function shapeToProto(shape: TensorShape | readonly number[]): Proto {
  const dims = Array.isArray(shape) ? shape : (shape as TensorShape).dims;
  if (dims === null) return { unknown_rank: true };
  return dims.length === 0 ? {} : { dim: dims.map((d: number | null) => ({ size: d === null ? -1 : d })) };
}

export function shapeFromProto(p: Proto | undefined): TensorShape {
  if (!p || p.unknown_rank) return new TensorShape(null);
  return new TensorShape(((p.dim ?? []) as Proto[]).map((d) => (d.size === undefined ? 0 : d.size < 0 ? null : d.size)));
}

export function tensorToProto(value: NDArray, fill = false, protoDtype?: string): Proto {
  const out: Proto = { dtype: protoDtype ?? protoTypeName(value.dtype), tensor_shape: shapeToProto(value.shape) };
  if (protoDtype !== undefined) out.int_val = Array.from(value.data);
  else if (isStringArray(value)) out.string_val = [...value.strings];
  else if (value.shape.length === 0 || fill) {
    if (value.size > 0) {
      const v = value.data[0];
      if (value.dtype === 'float32') out.float_val = [v];
      else if (value.dtype === 'int32') out.int_val = [v];
      else out.bool_val = [v !== 0];
    }
  } else out.tensor_content = new Uint8Array(value.data.buffer.slice(value.data.byteOffset, value.data.byteOffset + value.data.byteLength));
  return out;
}

/** Tensor::FromProto: tensor_content, or typed values with the last one repeated to fill the shape. */
export function tensorFromProto(p: Proto, where: string): { value: NDArray; fill: boolean; protoDtype?: string } {
  const shape = shapeFromProto(p.tensor_shape);
  if (shape.dims === null || shape.dims.some((d) => d === null)) throw new InvalidArgumentError(`${where}: a tensor must have a fully defined shape, got ${shape.toBracketString()}`);
  const dims = shape.dims as number[];
  const n = sizeOf(dims);
  const dtype = dtypeFromProto(p.dtype);
  if (dtype === null && SMALL_INTS.has(p.dtype) && !p.tensor_content?.length) {
    return { value: new NDArray(fillInts(p.int_val ?? [], n, where), dims, 'int32'), fill: false, protoDtype: p.dtype };
  }
  if (dtype === null) throw new InvalidArgumentError(`${where}: dtype ${p.dtype ?? 'DT_INVALID'} is not supported by tensorshell (DT_FLOAT, DT_INT32, DT_BOOL, DT_STRING)`);
  if (dtype === 'string') {
    const vals = (p.string_val ?? []) as Uint8Array[];
    if (vals.length !== n && !(vals.length === 1 || vals.length === 0)) throw new InvalidArgumentError(`${where}: ${vals.length} strings for ${n} elements`);
    const strings = vals.length === n ? vals : new Array(n).fill(vals[0] ?? new Uint8Array(0));
    return { value: new StringNDArray(strings, dims), fill: vals.length !== n && n > 1 };
  }
  const Ctor = dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
  const content: Uint8Array | undefined = p.tensor_content;
  if (content && content.length > 0) {
    if (content.length !== n * Ctor.BYTES_PER_ELEMENT) throw new InvalidArgumentError(`${where}: tensor_content holds ${content.length} bytes, not the ${n * Ctor.BYTES_PER_ELEMENT} of shape [${dims.join(',')}]`);
    const data = new Ctor(n);
    new Uint8Array(data.buffer).set(content);
    return { value: new NDArray(data, dims, dtype), fill: false };
  }
  const vals: Array<number | boolean> = (dtype === 'float32' ? p.float_val : dtype === 'int32' ? p.int_val : p.bool_val) ?? [];
  if (vals.length > n) throw new InvalidArgumentError(`${where}: ${vals.length} values for a tensor of ${n} elements`);
  const data = new Ctor(n);
  for (let i = 0; i < n; i++) data[i] = Number(vals.length === 0 ? 0 : vals[Math.min(i, vals.length - 1)]);
  return { value: new NDArray(data, dims, dtype), fill: vals.length === 1 && n > 1 };
}

function fillInts(vals: readonly number[], n: number, where: string): Int32Array {
  if (vals.length > n) throw new InvalidArgumentError(`${where}: ${vals.length} values for a tensor of ${n} elements`);
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = vals.length === 0 ? 0 : vals[Math.min(i, vals.length - 1)];
  return data;
}

export function attrToProto(a: AttrValue): Proto {
  switch (a.kind) {
    case 'type': return { type: protoTypeName(a.value) };
    case 'shape': return { shape: shapeToProto(a.value) };
    case 'tensor': return { tensor: tensorToProto(a.value, a.fill === true, a.protoDtype) };
    case 'b': return { b: a.value };
    case 'i': return { i: a.value };
    case 'f': return { f: a.value };
    case 's': return { s: encoder.encode(a.value) };
    case 'list_s': return { list: { s: a.value.map((s) => encoder.encode(s)) } };
    case 'list_i': return { list: { i: [...a.value] } };
    case 'list_f': return { list: { f: [...a.value] } };
    case 'list_b': return { list: { b: [...a.value] } };
    case 'list_type': return { list: { type: a.value.map(protoTypeName) } };
    case 'list_shape': return { list: { shape: a.value.map(shapeToProto) } };
    case 'proto': return a.value;
  }
}

/** An imported AttrValue as tensorshell's attribute; what no op here reads is kept as the proto. */
export function attrFromProto(p: Proto, where: string): AttrValue {
  const keep: AttrValue = { kind: 'proto', value: p };
  if (p.type !== undefined) {
    const d = dtypeFromProto(p.type);
    if (d === null) throw new InvalidArgumentError(`${where} is ${p.type}, which tensorshell does not support (DT_FLOAT, DT_INT32, DT_BOOL, DT_STRING)`);
    return { kind: 'type', value: d };
  }
  if (p.shape !== undefined) return { kind: 'shape', value: shapeFromProto(p.shape) };
  if (p.tensor !== undefined) {
    const t = tensorFromProto(p.tensor, where);
    return { kind: 'tensor', value: t.value, ...(t.fill ? { fill: true } : {}), ...(t.protoDtype ? { protoDtype: t.protoDtype } : {}) };
  }
  if (p.b !== undefined) return { kind: 'b', value: p.b };
  if (p.i !== undefined) return { kind: 'i', value: p.i };
  if (p.f !== undefined) return { kind: 'f', value: p.f };
  if (p.s !== undefined) {
    try {
      return { kind: 's', value: utf8.decode(p.s) };
    } catch {
      return keep;
    }
  }
  if (p.list !== undefined) {
    const l = p.list as Proto;
    if (l.s?.length) return { kind: 'list_s', value: (l.s as Uint8Array[]).map((s) => new TextDecoder().decode(s)) };
    if (l.i?.length) return { kind: 'list_i', value: l.i };
    if (l.f?.length) return { kind: 'list_f', value: l.f };
    if (l.b?.length) return { kind: 'list_b', value: l.b };
    if (l.shape?.length) return { kind: 'list_shape', value: (l.shape as Proto[]).map(shapeFromProto) };
    if (l.type?.length) {
      const types = (l.type as string[]).map(dtypeFromProto);
      return types.every((t) => t !== null) ? { kind: 'list_type', value: types as DType[] } : keep;
    }
    if (l.tensor?.length || l.func?.length) return keep;
    return { kind: 'list_i', value: [] };
  }
  return keep;
}
