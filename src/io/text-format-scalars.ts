// Text-format scalar values: one field value from its tokens, in the plain form decode() gives
// (strings as JS strings, bytes as Uint8Array, enums by name, int64 as Int64, floats as float32).
import type protobuf from 'protobufjs';
import { intLimits, isLongType, toInt64 } from './proto-fields.js';
import type { Token } from './text-format-lexer.js';

/** The tokens after the current one: a leading `-` and adjacent string literals need them. */
export interface TokenStream {
  peek(): Token;
  next(): Token;
}

type Fail = (at: Token, reason: string) => never;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one value of a scalar `type` (a protobufjs type name) starting at `first`. */
export function parseScalar(first: Token, type: string, enumType: protobuf.Enum | null, name: string, rest: TokenStream, fail: Fail): unknown {
  if (type === 'string' || type === 'bytes') {
    const bytes = concatenated(first, rest, fail);
    if (type === 'bytes') return bytes;
    try {
      return utf8.decode(bytes);
    } catch {
      return fail(first, `String field "${name}" contains invalid UTF-8 data; use a bytes field or escape valid UTF-8.`);
    }
  }
  if (type === 'bool') return parseBool(first, name, fail);
  const negative = first.kind === 'symbol' && first.text === '-';
  const token = negative ? rest.next() : first;
  if (enumType) return parseEnum(token, negative, enumType, name, fail);
  if (type === 'float' || type === 'double') {
    const value = parseFloating(token, fail);
    const signed = negative ? -value : value;
    return type === 'float' ? Math.fround(signed) : signed;
  }
  const big = parseInteger(token, fail);
  const value = negative ? -big : big;
  const [min, max] = intLimits(type);
  if (value < min || value > max) fail(first, `Integer out of range (${negative ? '-' : ''}${token.text}).`);
  return isLongType(type) ? toInt64(value) : Number(value);
}

// "a" 'b' "c" is one value, as in C.
function concatenated(first: Token, rest: TokenStream, fail: Fail): Uint8Array {
  if (first.kind !== 'string') fail(first, `Expected string, got: ${first.text || 'the end of the text'}`);
  const parts = [first.bytes!];
  while (rest.peek().kind === 'string') parts.push(rest.next().bytes!);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function parseBool(t: Token, name: string, fail: Fail): boolean {
  if (['true', 'True', 't', '1'].includes(t.text)) return true;
  if (['false', 'False', 'f', '0'].includes(t.text)) return false;
  return fail(t, `Invalid value for boolean field "${name}". Value: "${t.text}".`);
}

function parseEnum(t: Token, negative: boolean, enumType: protobuf.Enum, name: string, fail: Fail): string | number {
  if (t.kind === 'identifier' && !negative) {
    if (enumType.values[t.text] === undefined) fail(t, `Unknown enumeration value of "${t.text}" for field "${name}".`);
    return t.text;
  }
  const big = parseInteger(t, fail);
  const number = Number(negative ? -big : big);
  if (number < -(2 ** 31) || number >= 2 ** 31) fail(t, `Integer out of range (${t.text}).`);
  // An open (proto3) enum keeps numbers it has no name for, as decode() does.
  return enumType.valuesById[number] ?? number;
}

/** An integer literal: decimal, 0x hex or 0-prefixed octal, as the C++ tokenizer reads them. */
function parseInteger(t: Token, fail: Fail): bigint {
  const text = t.text;
  if (t.kind === 'number') {
    if (/^0[xX][0-9A-Fa-f]+$/.test(text) || /^(0|[1-9]\d*)$/.test(text)) return BigInt(text);
    if (/^0[0-7]+$/.test(text)) return BigInt('0o' + text.slice(1));
  }
  return fail(t, `Expected integer, got: ${text || 'the end of the text'}`);
}

function parseFloating(t: Token, fail: Fail): number {
  const text = t.text;
  if (t.kind === 'identifier') {
    if (/^inf(inity)?f?$/i.test(text)) return Infinity;
    if (/^nanf?$/i.test(text)) return NaN;
  } else if (t.kind === 'number') {
    if (/^0[xX]/.test(text) || /^0[0-7]+$/.test(text)) return Number(parseInteger(t, fail));
    return Number(text.replace(/[fF]$/, ''));
  }
  return fail(t, `Expected double, got: ${text || 'the end of the text'}`);
}
