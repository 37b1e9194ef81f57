// NodeDef in protobuf text format, byte for byte as TF 1.x's `print(op.node_def)` writes it:
// fields in proto order, attrs sorted by key, floats in their shortest float32 form.
import type { AttrValue } from '../engine/attrs.js';
import { printText } from '../io/text-format.js';
import { protoTypeName } from '../tensor/dtype.js';
import { float32Repr } from '../tensor/format.js';
import type { NDArray } from '../tensor/ndarray.js';
import { isStringArray } from '../tensor/string-array.js';
import type { TensorShape } from '../tensor/shape.js';
import type { Operation } from './operation.js';

type Lines = string[];

function block(out: Lines, indent: string, name: string, body: (inner: string) => void): void {
  out.push(`${indent}${name} {`);
  body(indent + '  ');
  out.push(`${indent}}`);
}

/** protobuf's CEscape: printable ASCII as is, quotes and backslashes escaped, other bytes as 3-digit octal. */
export function cEscape(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0x0a) s += '\\n';
    else if (b === 0x0d) s += '\\r';
    else if (b === 0x09) s += '\\t';
    else if (b === 0x22) s += '\\"';
    else if (b === 0x27) s += "\\'";
    else if (b === 0x5c) s += '\\\\';
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '\\' + b.toString(8).padStart(3, '0');
  }
  return s;
}

function writeShape(out: Lines, indent: string, name: string, shape: TensorShape | readonly number[]): void {
  const dims = Array.isArray(shape) ? shape : (shape as TensorShape).dims;
  block(out, indent, name, (i2) => {
    if (dims === null) {
      out.push(`${i2}unknown_rank: true`);
      return;
    }
    for (const d of dims) block(out, i2, 'dim', (i3) => out.push(`${i3}size: ${d === null ? -1 : d}`));
  });
}

function scalarField(value: NDArray, k: number): string {
  const v = value.data[k];
  if (value.dtype === 'float32') return `float_val: ${float32Repr(v)}`;
  if (value.dtype === 'int32') return `int_val: ${v}`;
  return `bool_val: ${v !== 0}`;
}

function writeTensor(out: Lines, indent: string, value: NDArray, fill: boolean, protoDtype?: string): void {
  block(out, indent, 'tensor', (i2) => {
    out.push(`${i2}dtype: ${protoDtype ?? protoTypeName(value.dtype)}`);
    writeShape(out, i2, 'tensor_shape', value.shape);
    if (protoDtype !== undefined) {
      for (const v of value.data) out.push(`${i2}int_val: ${v}`);
      return;
    }
    // TF stores strings one string_val each, a scalar (or a value filled into a shape) as one typed
    // field, anything else as raw bytes.
    if (isStringArray(value)) {
      for (const s of value.strings) out.push(`${i2}string_val: "${cEscape(s)}"`);
    } else if (value.shape.length === 0 || fill) {
      if (value.size > 0) out.push(`${i2}${scalarField(value, 0)}`);
    } else {
      const bytes = new Uint8Array(value.data.buffer, value.data.byteOffset, value.data.byteLength);
      out.push(`${i2}tensor_content: "${cEscape(bytes)}"`);
    }
  });
}

function writeAttrValue(out: Lines, indent: string, a: AttrValue): void {
  switch (a.kind) {
    case 'type': out.push(`${indent}type: ${protoTypeName(a.value)}`); break;
    case 'shape': writeShape(out, indent, 'shape', a.value); break;
    case 'tensor': writeTensor(out, indent, a.value, a.fill === true, a.protoDtype); break;
    case 'b': out.push(`${indent}b: ${a.value}`); break;
    case 'i': out.push(`${indent}i: ${a.value}`); break;
    case 'f': out.push(`${indent}f: ${float32Repr(a.value)}`); break;
    case 's': out.push(`${indent}s: "${cEscape(new TextEncoder().encode(a.value))}"`); break;
    case 'list_s':
      block(out, indent, 'list', (i2) => a.value.forEach((s) => out.push(`${i2}s: "${cEscape(new TextEncoder().encode(s))}"`)));
      break;
    case 'list_i':
      block(out, indent, 'list', (i2) => a.value.forEach((v) => out.push(`${i2}i: ${v}`)));
      break;
    case 'list_f':
      block(out, indent, 'list', (i2) => a.value.forEach((v) => out.push(`${i2}f: ${float32Repr(v)}`)));
      break;
    case 'list_b':
      block(out, indent, 'list', (i2) => a.value.forEach((v) => out.push(`${i2}b: ${v}`)));
      break;
    case 'list_type':
      block(out, indent, 'list', (i2) => a.value.forEach((v) => out.push(`${i2}type: ${protoTypeName(v)}`)));
      break;
    case 'list_shape':
      block(out, indent, 'list', (i2) => a.value.forEach((v) => writeShape(out, i2, 'shape', v)));
      break;
    case 'proto':
      for (const line of printText('tensorflow.AttrValue', a.value, { style: 'python' }).split('\n')) if (line) out.push(indent + line);
      break;
  }
}

/** The NodeDef text of `op` (no trailing newline). */
export function nodeDefText(op: Operation): string {
  const out: Lines = [`name: "${op.name}"`, `op: "${op.type}"`];
  for (const t of op.inputs) out.push(`input: "${t.valueIndex === 0 ? t.op.name : t.name}"`);
  for (const c of op.controlInputs) out.push(`input: "^${c.name}"`);
  if (op.device) out.push(`device: "${op.device}"`);
  for (const key of Object.keys(op.attrs).sort()) {
    block(out, '', 'attr', (i1) => {
      out.push(`${i1}key: "${key}"`);
      block(out, i1, 'value', (i2) => writeAttrValue(out, i2, op.attrs[key]));
    });
  }
  return out.join('\n');
}
