// The protobuf text-format parser, driven by protobufjs reflection: accepts what TensorFlow writes
// and what people write (comments, `f: v`, `f { }`, `f: { }`, `f < >`, `[a, b]` lists, adjacent
// string literals, enum names or numbers, hex/octal integers, inf/nan). Produces the same plain
// message shape as decode(); errors name line and column as TensorFlow's C++ parser does.
import type protobuf from 'protobufjs';
import {
  type PlainMessage, enumTypeOf, hasImplicitPresence, isDefaultScalar, mapKeyType, messageTypeOf,
} from './proto-fields.js';
import { fullName } from './proto-plain.js';
import { ParseError, type Token, tokenize } from './text-format-lexer.js';
import { parseScalar } from './text-format-scalars.js';

/** Parses the whole of `text` as one message of `type`. */
export function parseMessageText(type: protobuf.Type, text: string): PlainMessage {
  return new Parser(text, fullName(type)).message(type, null);
}

const CLOSE: Record<string, string> = { '{': '}', '<': '>' };

class Parser {
  private tokens: Token[];
  private pos = 0;

  constructor(text: string, private readonly rootName: string) {
    this.tokens = tokenize(text, rootName);
  }

  /** Fields up to `end` (a closing symbol, or null for the end of the text). */
  message(type: protobuf.Type, end: string | null): PlainMessage {
    const out: PlainMessage = {};
    const seen = new Map<string, string>(); // singular field or oneof name → field name given
    for (;;) {
      const t = this.peek();
      if (end === null ? t.kind === 'end' : this.isSymbol(t, end)) {
        this.pos++;
        break;
      }
      if (t.kind === 'end') this.fail(t, `Expected "${end}" to close a ${fullName(type)}, found the end of the text.`);
      this.field(type, out, seen);
    }
    return withEmptyCollections(type, out);
  }

  private field(type: protobuf.Type, out: PlainMessage, seen: Map<string, string>): void {
    const nameToken = this.next();
    if (nameToken.kind !== 'identifier') {
      this.fail(nameToken, nameToken.text === '['
        ? 'Extensions and Any expansions are not supported here.'
        : `Expected a field name, found ${quoted(nameToken)}.`);
    }
    const field = fieldByProtoName(type, nameToken.text);
    if (!field) this.fail(nameToken, `Message type "${fullName(type)}" has no field named "${nameToken.text}".`);
    this.checkSingular(field, nameToken, seen);
    const isMessage = field.map || messageTypeOf(field) !== null;
    const colon = this.isSymbol(this.peek(), ':');
    if (colon) this.pos++;
    else if (!isMessage) this.fail(this.peek(), `Expected ":", found ${quoted(this.peek())}.`);
    const read = () => (isMessage ? this.messageValue(field) : this.scalarValue(field));
    if (this.isSymbol(this.peek(), '[')) {
      if (!field.repeated && !field.map) this.fail(this.peek(), `Field "${nameToken.text}" is not repeated; it takes one value, not a list.`);
      this.pos++;
      if (!this.isSymbol(this.peek(), ']')) {
        for (;;) {
          this.store(field, out, read());
          if (!this.isSymbol(this.peek(), ',')) break;
          this.pos++;
        }
      }
      this.expect(']');
    } else {
      this.store(field, out, read());
    }
    if (this.isSymbol(this.peek(), ',') || this.isSymbol(this.peek(), ';')) this.pos++;
  }

  // A singular field given twice, or two members of one oneof, is an error (C++ and Python agree).
  private checkSingular(field: protobuf.Field, at: Token, seen: Map<string, string>): void {
    if (field.repeated || field.map) return;
    const name = at.text;
    if (seen.has(name)) this.fail(at, `Non-repeated field "${name}" is specified multiple times.`);
    const oneof = field.partOf;
    if (oneof && !oneof.name.startsWith('_')) {
      const other = seen.get(`oneof ${oneof.name}`);
      if (other) this.fail(at, `Field "${name}" is specified along with field "${other}", another member of oneof "${oneof.name}".`);
      seen.set(`oneof ${oneof.name}`, name);
    }
    seen.set(name, name);
  }

  private store(field: protobuf.Field, out: PlainMessage, value: unknown): void {
    if (field.map) {
      const [key, entry] = value as [string, unknown];
      ((out[field.name] ??= {}) as PlainMessage)[key] = entry;
    } else if (field.repeated) {
      ((out[field.name] ??= []) as unknown[]).push(value);
    } else if (!(hasImplicitPresence(field) && isDefaultScalar(field, value))) {
      out[field.name] = value;
    }
  }

  private messageValue(field: protobuf.Field): unknown {
    if (field.map) return this.mapEntry(field, this.openBrace());
    return this.messageValueOf(messageTypeOf(field)!);
  }

  // A map entry is a message with fields key = 1 and value = 2; missing ones take their defaults.
  private mapEntry(field: protobuf.Field, close: string): [string, unknown] {
    const valueType = messageTypeOf(field);
    let key: unknown;
    let value: unknown;
    while (!this.isSymbol(this.peek(), close)) {
      const name = this.next();
      if (name.text !== 'key' && name.text !== 'value') {
        const entry = `${fullName(field.parent!)}.${entryTypeName(field.name)}`;
        this.fail(name, name.kind === 'end' ? `Expected "${close}", found the end of the text.` : `Message type "${entry}" has no field named "${name.text}".`);
      }
      if ((name.text === 'key' ? key : value) !== undefined) this.fail(name, `Non-repeated field "${name.text}" is specified multiple times.`);
      const colon = this.isSymbol(this.peek(), ':');
      if (colon) this.pos++;
      else if (name.text === 'key' || !valueType) this.fail(this.peek(), `Expected ":", found ${quoted(this.peek())}.`);
      if (name.text === 'key') key = parseScalar(this.next(), mapKeyType(field), null, 'key', this.tokensAfter(), this.failer());
      else if (valueType) value = this.messageValueOf(valueType);
      else value = this.scalarValue(field);
      if (this.isSymbol(this.peek(), ',') || this.isSymbol(this.peek(), ';')) this.pos++;
    }
    this.pos++;
    value ??= valueType ? withEmptyCollections(valueType, {}) : defaultScalar(field);
    return [String(key ?? defaultKey(mapKeyType(field))), value];
  }

  private messageValueOf(type: protobuf.Type): PlainMessage {
    return this.message(type, this.openBrace());
  }

  // `{` or `<`; returns the symbol that closes it.
  private openBrace(): string {
    const open = this.next();
    const close = CLOSE[open.text];
    if (open.kind !== 'symbol' || !close) this.fail(open, `Expected "{" or "<", found ${quoted(open)}.`);
    return close;
  }

  private scalarValue(field: protobuf.Field): unknown {
    return parseScalar(this.next(), field.type, enumTypeOf(field), field.name, this.tokensAfter(), this.failer());
  }

  // parseScalar takes following tokens for `-` signs and adjacent string literals.
  private tokensAfter(): { peek(): Token; next(): Token } {
    return { peek: () => this.peek(), next: () => this.next() };
  }

  private failer(): (at: Token, reason: string) => never {
    return (at, reason) => this.fail(at, reason);
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  private isSymbol(t: Token, text: string): boolean {
    return t.kind === 'symbol' && t.text === text;
  }

  private expect(text: string): void {
    const t = this.next();
    if (!this.isSymbol(t, text)) this.fail(t, `Expected "${text}", found ${quoted(t)}.`);
  }

  private fail(at: Token, reason: string): never {
    throw new ParseError(this.rootName, at.line, at.column, reason);
  }
}

function fieldByProtoName(type: protobuf.Type, name: string): protobuf.Field | undefined {
  let byName = BY_PROTO_NAME.get(type);
  if (!byName) {
    byName = new Map(type.fieldsArray.map((f) => [f.resolve().protoName ?? f.name, f]));
    BY_PROTO_NAME.set(type, byName);
  }
  return byName.get(name);
}
const BY_PROTO_NAME = new WeakMap<protobuf.Type, Map<string, protobuf.Field>>();

// decode() gives every repeated field an array and every map an object, so the parser does too.
function withEmptyCollections(type: protobuf.Type, out: PlainMessage): PlainMessage {
  for (const field of type.fieldsArray) {
    if (out[field.name] !== undefined) continue;
    if (field.map) out[field.name] = {};
    else if (field.repeated) out[field.name] = [];
  }
  return out;
}

function quoted(t: Token): string {
  return t.kind === 'end' ? 'the end of the text' : `"${t.text}"`;
}

// protoc names a map's entry message after the field: frames_by_id → FramesByIdEntry.
function entryTypeName(field: string): string {
  return field.split('_').map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('') + 'Entry';
}

function defaultKey(keyType: string): string {
  return keyType === 'string' ? '' : keyType === 'bool' ? 'false' : '0';
}

function defaultScalar(field: protobuf.Field): unknown {
  const enumType = enumTypeOf(field);
  if (enumType) return enumType.valuesById[0] ?? 0;
  if (field.type === 'string') return '';
  if (field.type === 'bytes') return new Uint8Array(0);
  return field.type === 'bool' ? false : 0;
}
