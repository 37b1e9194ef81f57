// Small facts about reflected protobuf fields, shared by the binary codec and the text format.
import type protobuf from 'protobufjs';
import { protobuf as protobufjs } from './protobufjs.js';

/** A protobuf 64-bit integer as tensorshell holds it: a number while it is a safe integer
 * (|v| <= 2^53 - 1), else its exact decimal string, e.g. `9007199254740993` → `'9007199254740993'`. */
export type Int64 = number | string;

/** A message as a plain object: field names as in the .proto file, e.g. `{ name: 'x', op: 'Const' }`. */
export type PlainMessage = { [field: string]: unknown };

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const UNSIGNED_TYPES = new Set(['uint32', 'fixed32', 'uint64', 'fixed64']);
const INT_LIMITS: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Whether `type` (a protobufjs scalar type name) is one of the 64-bit integer types. */
export function isLongType(type: string): boolean {
  return LONG_TYPES.has(type);
}

/** The [min, max] a scalar integer type can hold, by protobuf wire type family. */
export function intLimits(type: string): [bigint, bigint] {
  const unsigned = UNSIGNED_TYPES.has(type);
  const wide = isLongType(type);
  return INT_LIMITS[(unsigned ? 'u' : '') + (wide ? 'int64' : 'int32')]!;
}

/** An exact integer as tensorshell's Int64 form: a number when safe, else the decimal string. */
export function toInt64(value: bigint): Int64 {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

/** A message's fields in field-number order: the order of both the wire and the text format. */
export function fieldsInNumberOrder(type: protobuf.Type): protobuf.Field[] {
  const cached = ORDER.get(type);
  if (cached) return cached;
  const fields = type.fieldsArray.map((f) => f.resolve()).sort((a, b) => a.id - b.id);
  ORDER.set(type, fields);
  return fields;
}
const ORDER = new WeakMap<protobuf.Type, protobuf.Field[]>();

/** The message type of a field, or null for scalars and enums. */
export function messageTypeOf(field: protobuf.Field): protobuf.Type | null {
  const t = field.resolve().resolvedType;
  return t instanceof protobufjs().Type ? t : null;
}

/** The enum type of a field, or null. */
export function enumTypeOf(field: protobuf.Field): protobuf.Enum | null {
  const t = field.resolve().resolvedType;
  return t instanceof protobufjs().Enum ? t : null;
}

/** The key type of a map field (a scalar type name). */
export function mapKeyType(field: protobuf.Field): string {
  return (field as unknown as protobuf.MapField).keyType;
}

/** True for a singular proto3 scalar without presence: C++ neither writes nor prints it when it
 * holds its default (0, false, "", empty bytes, the enum's 0 value). */
export function hasImplicitPresence(field: protobuf.Field): boolean {
  return !field.repeated && !field.map && !field.hasPresence && messageTypeOf(field) === null;
}

/** Whether a plain scalar value is its type's default (what implicit presence drops). */
export function isDefaultScalar(field: protobuf.Field, value: unknown): boolean {
  const enumType = enumTypeOf(field);
  if (enumType) return value === 0 || (typeof value === 'string' && enumType.values[value] === 0);
  switch (field.type) {
    case 'string': return value === '';
    case 'bytes': return value instanceof Uint8Array && value.length === 0;
    case 'bool': return value === false;
    // -0.0 is not the default: C++ and protobufjs both compare the bit pattern and write it.
    default: return Object.is(value, 0) || value === 0n || value === '0';
  }
}

/** Orders map keys as protobuf's deterministic serializer and text printer do: numbers by value,
 * strings by their UTF-8 bytes, false before true. */
export function compareMapKeys(keyType: string, a: string, b: string): number {
  if (keyType === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  if (keyType === 'bool') return (a === 'true' ? 1 : 0) - (b === 'true' ? 1 : 0);
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** A field's value read as a list: repeated fields as they are, a singular one as one element. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
