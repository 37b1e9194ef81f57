// Conversions between protobufjs's objects and tensorshell's plain messages.
// Decoding: 64-bit integers become Int64 (number or exact decimal string), bytes become standalone
// Uint8Array copies, proto3 scalars holding their default are dropped. Encoding: enum names become
// numbers (an unknown name throws), Int64 values become Longs, a JS string in a bytes field becomes
// its UTF-8 (protobufjs would read it as base64), map entries are sorted by key so the bytes match
// protobuf's deterministic serializer, and an unknown field name throws.
import type protobuf from 'protobufjs';
import { ValueError } from '../errors.js';
import {
  type PlainMessage, compareMapKeys, enumTypeOf, fieldsInNumberOrder, hasImplicitPresence,
  intLimits, isDefaultScalar, isLongType, mapKeyType, messageTypeOf, toInt64,
} from './proto-fields.js';
import { protobuf as protobufjs } from './protobufjs.js';

type LongClass = { fromString(value: string, unsigned: boolean): protobuf.Long };

/** protobufjs's Long, there when its "long" dependency loaded. */
function longClass(): LongClass {
  const Long = protobufjs().util.Long as unknown as LongClass | null;
  if (!Long) throw new Error('protobufjs could not load its "long" dependency; 64-bit fields need it');
  return Long;
}

/** toObject's options: every int64 as a string first, so none is rounded before we look at it. */
export const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String, enums: String, defaults: false, arrays: true, objects: true,
};

/** Rewrites toObject's output in place into tensorshell's plain form (see the file comment). */
export function fromDecoded(type: protobuf.Type, obj: PlainMessage): PlainMessage {
  for (const field of fieldsInNumberOrder(type)) {
    const value = obj[field.name];
    if (value === undefined) continue;
    if (field.map) {
      const entries = value as PlainMessage;
      for (const key of Object.keys(entries)) entries[key] = decodedValue(field, entries[key]);
    } else if (field.repeated) {
      obj[field.name] = (value as unknown[]).map((v) => decodedValue(field, v));
    } else if (hasImplicitPresence(field) && isDefaultScalar(field, value)) {
      delete obj[field.name];
    } else {
      obj[field.name] = decodedValue(field, value);
    }
  }
  return obj;
}

function decodedValue(field: protobuf.Field, value: unknown): unknown {
  const messageType = messageTypeOf(field);
  if (messageType) return fromDecoded(messageType, value as PlainMessage);
  if (isLongType(field.type)) return toInt64(BigInt(value as string));
  // A copy: standalone (byteOffset 0, so typed-array views line up) and never a Buffer.
  if (field.type === 'bytes') return new Uint8Array(value as Uint8Array);
  return value;
}

/** Builds the object protobufjs's verify/fromObject expect from a plain message; `path` names the
 * place in error messages, e.g. `tensorflow.GraphDef.node[3].attr["T"]`. */
export function toWire(type: protobuf.Type, obj: unknown, path: string): PlainMessage {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj instanceof Uint8Array) {
    throw new ValueError(`${path}: expected an object for message ${fullName(type)}, got ${describe(obj)}.`);
  }
  const out: PlainMessage = {};
  for (const [key, value] of Object.entries(obj)) {
    const field = type.fields[key]?.resolve();
    if (!field) throw new ValueError(`${path}: message type "${fullName(type)}" has no field named "${key}".`);
    if (value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    if (field.map) out[key] = wireMap(field, value, at);
    else if (field.repeated) {
      if (!Array.isArray(value)) throw new ValueError(`${at}: repeated field needs an array, got ${describe(value)}.`);
      out[key] = value.map((v, i) => wireValue(field, v, `${at}[${i}]`));
    } else out[key] = wireValue(field, value, at);
  }
  return out;
}

function wireMap(field: protobuf.Field, value: unknown, at: string): PlainMessage {
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValueError(`${at}: map field needs an object keyed by ${mapKeyType(field)}, got ${describe(value)}.`);
  }
  const entries = value as PlainMessage;
  const keys = Object.keys(entries).sort((a, b) => compareMapKeys(mapKeyType(field), a, b));
  const out: PlainMessage = {};
  for (const key of keys) out[key] = wireValue(field, entries[key], `${at}[${JSON.stringify(key)}]`);
  return out;
}

function wireValue(field: protobuf.Field, value: unknown, at: string): unknown {
  const messageType = messageTypeOf(field);
  if (messageType) return toWire(messageType, value, at);
  const enumType = enumTypeOf(field);
  if (enumType && typeof value === 'string') {
    const number = enumType.values[value];
    if (number === undefined) throw new ValueError(`${at}: "${value}" is not a value of enum ${fullName(enumType)}.`);
    return number;
  }
  if (isLongType(field.type)) return toLong(value, field.type, at);
  if (field.type === 'bytes' && typeof value === 'string') return UTF8.encode(value);
  return value;
}

const UTF8 = new TextEncoder();

function toLong(value: unknown, type: string, at: string): protobuf.Long {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) {
      throw new ValueError(`${at}: ${value} is beyond 2^53 and may already have lost digits; pass 64-bit integers this large as decimal strings.`);
    }
    big = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d+$/.test(value)) big = BigInt(value);
  else throw new ValueError(`${at}: ${type} needs an integer (number, decimal string or bigint), got ${describe(value)}.`);
  const [min, max] = intLimits(type);
  if (big < min || big > max) throw new ValueError(`${at}: ${big} is out of range for ${type}.`);
  return longClass().fromString(big.toString(), type === 'uint64' || type === 'fixed64');
}

/** A type's name without protobufjs's leading dot, e.g. `tensorflow.GraphDef`. */
export function fullName(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
