// The protobuf text-format printer with TextFormat::Printer's defaults: fields in field-number
// order, two-space indentation, `name: value` for scalars and `name {` … `}` for messages, map
// entries as key/value messages sorted by key, strings and bytes C-escaped (octal for bytes outside
// printable ASCII), enums by name. Floats and map entries follow the chosen printer (PrinterStyle).
import type protobuf from 'protobufjs';
import { ValueError } from '../errors.js';
import { type PrinterStyle, formatDouble, formatFloat } from './float-format.js';
import {
  type PlainMessage, compareMapKeys, enumTypeOf, fieldsInNumberOrder, hasImplicitPresence,
  isDefaultScalar, mapKeyType, messageTypeOf,
} from './proto-fields.js';
import { fullName } from './proto-plain.js';

const utf8 = new TextEncoder();

/** Appends the text of `message` (a plain message of `type`) to `out`, one line per field. */
export function printMessage(type: protobuf.Type, message: unknown, indent: string, style: PrinterStyle, out: string[], path: string): void {
  if (typeof message !== 'object' || message === null || Array.isArray(message) || message instanceof Uint8Array) {
    throw new ValueError(`${path}: expected an object for message ${fullName(type)}.`);
  }
  const obj = message as PlainMessage;
  for (const key of Object.keys(obj)) {
    if (!type.fields[key]) throw new ValueError(`${path}: message type "${fullName(type)}" has no field named "${key}".`);
  }
  for (const field of fieldsInNumberOrder(type)) {
    const value = obj[field.name];
    if (value === undefined || value === null) continue;
    const name = field.protoName ?? field.name;
    const at = `${path}.${field.name}`;
    if (field.map) printMap(field, name, value as PlainMessage, indent, style, out, at);
    else if (field.repeated) {
      if (!Array.isArray(value)) throw new ValueError(`${at}: repeated field needs an array.`);
      value.forEach((v, i) => printValue(field, name, v, indent, style, out, `${at}[${i}]`));
    } else if (!(hasImplicitPresence(field) && isDefaultScalar(field, value))) {
      printValue(field, name, value, indent, style, out, at);
    }
  }
}

function printValue(field: protobuf.Field, name: string, value: unknown, indent: string, style: PrinterStyle, out: string[], at: string): void {
  const messageType = messageTypeOf(field);
  if (!messageType) {
    out.push(`${indent}${name}: ${scalarText(field.type, enumTypeOf(field), value, style, at)}\n`);
    return;
  }
  out.push(`${indent}${name} {\n`);
  printMessage(messageType, value, indent + '  ', style, out, at);
  out.push(`${indent}}\n`);
}

// Each entry prints as a message with `key` and `value`, sorted by key. C++ always writes both;
// Python's text_format leaves out a key or scalar value that holds its default ("", 0, false).
function printMap(field: protobuf.Field, name: string, entries: PlainMessage, indent: string, style: PrinterStyle, out: string[], at: string): void {
  const keyType = mapKeyType(field);
  const inner = indent + '  ';
  for (const key of Object.keys(entries).sort((a, b) => compareMapKeys(keyType, a, b))) {
    const keyValue = keyType === 'bool' ? key === 'true' : key;
    const python = style !== 'cpp';
    out.push(`${indent}${name} {\n`);
    if (!(python && ['', '0', 'false'].includes(key))) out.push(`${inner}key: ${scalarText(keyType, null, keyValue, style, at)}\n`);
    const messageType = messageTypeOf(field);
    if (messageType) {
      out.push(`${inner}value {\n`);
      printMessage(messageType, entries[key], inner + '  ', style, out, `${at}[${JSON.stringify(key)}]`);
      out.push(`${inner}}\n`);
    } else if (!(python && isDefaultScalar(field, entries[key]))) {
      out.push(`${inner}value: ${scalarText(field.type, enumTypeOf(field), entries[key], style, at)}\n`);
    }
    out.push(`${indent}}\n`);
  }
}

function scalarText(type: string, enumType: protobuf.Enum | null, value: unknown, style: PrinterStyle, at: string): string {
  if (enumType) {
    if (typeof value === 'string' && enumType.values[value] !== undefined) return value;
    if (typeof value === 'number' && Number.isInteger(value)) return enumType.valuesById[value] ?? String(value);
    throw new ValueError(`${at}: ${JSON.stringify(value)} is not a value of enum ${fullName(enumType)}.`);
  }
  switch (type) {
    case 'string':
    case 'bytes':
      return `"${cEscape(asBytes(value, at))}"`;
    case 'bool':
      if (typeof value !== 'boolean') throw new ValueError(`${at}: bool field needs true or false, got ${String(value)}.`);
      return String(value);
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw new ValueError(`${at}: ${type} field needs a number, got ${String(value)}.`);
      return type === 'float' ? formatFloat(Math.fround(value), style) : formatDouble(value, style);
    default:
      if (!(typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
        throw new ValueError(`${at}: ${type} field needs an integer, got ${String(value)}.`);
      }
      return String(value);
  }
}

function asBytes(value: unknown, at: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8.encode(value);
  throw new ValueError(`${at}: string and bytes fields need a string or a Uint8Array.`);
}

/** protobuf's CEscape: \n \r \t \" \' \\ by name, other bytes outside printable ASCII as 3-digit octal. */
export function cEscape(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 10) s += '\\n';
    else if (b === 13) s += '\\r';
    else if (b === 9) s += '\\t';
    else if (b === 34) s += '\\"';
    else if (b === 39) s += "\\'";
    else if (b === 92) s += '\\\\';
    else if (b < 0x20 || b >= 0x7f) s += '\\' + b.toString(8).padStart(3, '0');
    else s += String.fromCharCode(b);
  }
  return s;
}
