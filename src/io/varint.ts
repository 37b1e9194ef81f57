// The integer codings of LevelDB-format tables (tensorflow/core/platform/coding.cc, now tsl/platform):
// fixed32 little-endian, and varints of 7 bits a byte, low bits first, high bit set on all but the
// last byte. Writing matches PutVarint32/PutVarint64 byte for byte. Reading is stricter than
// GetVarint32Ptr/GetVarint64Ptr: it also refuses non-canonical encodings (a last byte of 0 after
// others), so that a varint can be read in exactly one way and a flipped bit cannot go unnoticed.

/** A growing byte buffer, like the std::string the C++ builders append to. */
export class ByteBuilder {
  private bytes = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  append(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** PutFixed32. */
  fixed32(v: number): void {
    for (let i = 0; i < 4; i++) this.byte((v >>> (8 * i)) & 0xff);
  }

  /** PutVarint32/PutVarint64 for any non-negative safe integer. */
  varint(v: number): void {
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  /** The bytes so far (a view: copy it before appending more). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

/** DecodeFixed32 at `pos` (the caller checks that 4 bytes are there). */
export function fixed32(buf: Uint8Array, pos: number): number {
  return (buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (buf[pos + 3] << 24)) >>> 0;
}

/** Where a varint ended, and its value. */
export interface Varint {
  value: number;
  next: number;
}

/**
 * The varint at buf[pos..limit) holding at most `maxBytes` bytes (5 for a varint32, 10 for a
 * varint64) and a value no larger than `max`; null when it runs past `limit`, is too long or too
 * large, or is not canonical.
 */
export function readVarint(buf: Uint8Array, pos: number, limit: number, maxBytes: number, max: number): Varint | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes && pos + i < limit; i++) {
    const b = buf[pos + i];
    value += (b & 0x7f) * scale;
    if (value > max) return null;
    if ((b & 0x80) === 0) return b === 0 && i > 0 ? null : { value, next: pos + i + 1 };
    scale *= 0x80;
  }
  return null;
}

/** A varint32 (block entry lengths). */
export function readVarint32(buf: Uint8Array, pos: number, limit: number): Varint | null {
  return readVarint(buf, pos, limit, 5, 0xffffffff);
}

/** A varint64 no larger than Number.MAX_SAFE_INTEGER (block handles: offsets and sizes in a file). */
export function readVarint64(buf: Uint8Array, pos: number, limit: number): Varint | null {
  return readVarint(buf, pos, limit, 10, Number.MAX_SAFE_INTEGER);
}
