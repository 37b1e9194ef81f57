// The fixed parts of a LevelDB-format table shared by the builder (sstable.ts) and the reader
// (sstable-reader.ts): tensorflow/core/lib/io/format.h/.cc (BlockHandle, Footer, the block trailer)
// and the bytewise comparator's key shortening from table_builder.cc.
import { crc32c, maskCrc } from './crc32c.js';
import { ByteBuilder, readVarint64 } from './varint.js';

/** Footer::kEncodedLength: 2 * BlockHandle::kMaxEncodedLength (two handles and padding) + 8 (magic). */
export const FOOTER_SIZE = 48;
export const HANDLES_SIZE = 40;
/** kBlockTrailerSize: 1-byte type + 32-bit crc. */
export const TRAILER_SIZE = 5;
/** kTableMagicNumber 0xdb4775248b80fb57, little-endian. */
export const MAGIC = new Uint8Array([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
/** table_options.h's defaults: TF's block_size is 262144 (LevelDB's is 4096), restart interval 16. */
export const DEFAULT_BLOCK_SIZE = 262144;
export const DEFAULT_RESTART_INTERVAL = 16;
/** CompressionType: kNoCompression, kSnappyCompression. */
export const NO_COMPRESSION = 0;
export const SNAPPY_COMPRESSION = 1;

/** A BlockHandle: where a block's contents are (its trailer follows them). */
export interface Handle {
  offset: number;
  size: number;
}

/** BlockHandle::EncodeTo: varint64 offset, varint64 size. */
export function putHandle(out: ByteBuilder, h: Handle): void {
  out.varint(h.offset);
  out.varint(h.size);
}

/** BlockHandle::DecodeFrom from buf[pos..limit); null for a varint that does not decode (TF: 'bad block handle'). */
export function getHandle(buf: Uint8Array, pos: number, limit: number): { handle: Handle; next: number } | null {
  const offset = readVarint64(buf, pos, limit);
  const size = offset && readVarint64(buf, offset.next, limit);
  if (!offset || !size) return null;
  return { handle: { offset: offset.value, size: size.value }, next: size.next };
}

/** TableBuilder::WriteRawBlock's trailer crc: over the contents and then the type byte, masked. */
export function blockCrc(contents: Uint8Array, type: number): number {
  return maskCrc(crc32c(new Uint8Array([type]), crc32c(contents)));
}

/**
 * table_builder.cc's FindShortestSeparator (bytewise comparator): a short key in [start, limit),
 * made by incrementing the first differing byte of `start` when that keeps it below `limit`.
 * e.g. `findShortestSeparator(bytes('the quick brown fox'), bytes('the who'))` → `bytes('the r')`
 */
export function findShortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const min = Math.min(start.length, limit.length);
  let diff = 0;
  while (diff < min && start[diff] === limit[diff]) diff++;
  if (diff >= min) return start; // one is a prefix of the other: do not shorten
  const byte = start[diff];
  if (byte < 0xff && byte + 1 < limit[diff]) {
    const out = start.slice(0, diff + 1);
    out[diff]++;
    return out;
  }
  return start;
}

/**
 * table_builder.cc's FindShortSuccessor: a short key >= `key`, its first byte that is not 0xff
 * incremented; a run of 0xff stays as it is. e.g. `findShortSuccessor(bytes('global_step'))` → `bytes('h')`
 */
export function findShortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}
