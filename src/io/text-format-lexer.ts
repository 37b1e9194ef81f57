// Tokens of the protobuf text format, as protobuf's C++ io::Tokenizer reads them: identifiers,
// numbers (decimal, hex, octal, floats with an optional f suffix), quoted strings with C escapes,
// single-character symbols; whitespace and # comments skipped.
import { ValueError } from '../errors.js';

/** A text-format syntax or schema error, with TensorFlow's message form:
 * `Error parsing text-format tensorflow.GraphDef: 3:5: Message type "tensorflow.NodeDef" has no field named "nmae".` */
export class ParseError extends ValueError {
  override name = 'ParseError';
  constructor(
    readonly typeName: string,
    /** 1-based line of the offending token. */
    readonly line: number,
    /** 1-based column of the offending token. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`Error parsing text-format ${typeName}: ${line}:${column}: ${reason}`);
  }
}

export type TokenKind = 'identifier' | 'number' | 'string' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text (for strings, with quotes and escapes). */
  text: string;
  line: number;
  column: number;
  /** A string literal's bytes, escapes resolved. */
  bytes?: Uint8Array;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:0[xX][0-9A-Fa-f]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fF]?)/y;
const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63,
};

/** Splits text-format source into tokens; errors carry the message type for their message. */
export function tokenize(text: string, typeName: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (at: number, reason: string): never => {
    throw new ParseError(typeName, line, at - lineStart + 1, reason);
  };
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === '\n') {
      line++;
      lineStart = ++pos;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      pos++;
    } else if (ch === '#') {
      while (pos < text.length && text[pos] !== '\n') pos++;
    } else {
      const { kind, end, bytes } = scanToken(text, pos, fail);
      tokens.push({ kind, text: text.slice(pos, end), line, column: pos - lineStart + 1, bytes });
      pos = end;
    }
  }
  tokens.push({ kind: 'end', text: '', line, column: pos - lineStart + 1 });
  return tokens;
}

type Fail = (at: number, reason: string) => never;

// The one token that starts at `pos` (not whitespace or a comment).
function scanToken(text: string, pos: number, fail: Fail): { kind: TokenKind; end: number; bytes?: Uint8Array } {
  const ch = text[pos]!;
  if (ch === '"' || ch === "'") {
    const { bytes, end } = readString(text, pos, fail);
    return { kind: 'string', end, bytes };
  }
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[pos + 1] ?? ''))) {
    NUMBER.lastIndex = pos;
    NUMBER.exec(text);
    const end = NUMBER.lastIndex;
    if (/[A-Za-z0-9_.]/.test(text[end] ?? '')) fail(end, 'Need space between number and identifier.');
    return { kind: 'number', end };
  }
  if (/[A-Za-z_]/.test(ch)) {
    IDENTIFIER.lastIndex = pos;
    IDENTIFIER.exec(text);
    return { kind: 'identifier', end: IDENTIFIER.lastIndex };
  }
  if ('{}[]<>:;,-./'.includes(ch)) return { kind: 'symbol', end: pos + 1 };
  return fail(pos, `Unexpected character ${JSON.stringify(ch)}.`);
}

/** One quoted literal starting at `start`: its bytes (UTF-8 for plain characters) and end offset. */
function readString(text: string, start: number, fail: Fail): { bytes: Uint8Array; end: number } {
  const quote = text[start]!;
  const out: number[] = [];
  const utf8 = new TextEncoder();
  let pos = start + 1;
  for (;;) {
    const ch = text[pos];
    if (ch === undefined || ch === '\n') return fail(start, 'String literals cannot cross line boundaries.');
    if (ch === quote) return { bytes: Uint8Array.from(out), end: pos + 1 };
    if (ch !== '\\') {
      const cp = text.codePointAt(pos)!;
      const char = String.fromCodePoint(cp);
      out.push(...utf8.encode(char));
      pos += char.length;
      continue;
    }
    const esc = text[pos + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(text.slice(pos + 1, pos + 4));
    if (octal) {
      out.push(parseInt(octal[0], 8) & 0xff);
      pos += 1 + octal[0].length;
    } else if (esc === 'x' || esc === 'X') {
      const hex = /^[0-9A-Fa-f]{1,2}/.exec(text.slice(pos + 2, pos + 4));
      if (!hex) return fail(pos, 'Expected hex digits for escape sequence.');
      out.push(parseInt(hex[0], 16));
      pos += 2 + hex[0].length;
    } else if (esc === 'u' || esc === 'U') {
      const width = esc === 'u' ? 4 : 8;
      const hex = text.slice(pos + 2, pos + 2 + width);
      const cp = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
      if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return fail(pos, `Invalid \\${esc} escape sequence in string literal.`);
      out.push(...utf8.encode(String.fromCodePoint(cp)));
      pos += 2 + width;
    } else if (esc in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[esc]!);
      pos += 2;
    } else {
      return fail(pos, 'Invalid escape sequence in string literal.');
    }
  }
}
