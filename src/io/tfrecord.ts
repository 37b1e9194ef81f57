// TFRecord framing, as tensorflow/core/lib/io/record_writer.cc writes it and record_reader.cc reads it
// (now under third_party/xla/xla/tsl/lib/io/). Each record is
//   uint64 length (LE) | uint32 masked crc32c of those 8 bytes (LE) | data | uint32 masked crc32c of data (LE)
// Event files (tf.summary) and TFRecordDataset files are sequences of these.
import { DataLossError } from '../errors.js';
import { crc32c, maskCrc, unmaskCrc } from './crc32c.js';

/** record_reader.h's kHeaderSize (length + its crc) and kFooterSize (data crc). */
const HEADER_SIZE = 12;
const FOOTER_SIZE = 4;

/**
 * One record, framed (RecordWriter::WriteRecord).
 * e.g. `encodeRecord(new Uint8Array(0)).length === 16`
 */
export function encodeRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + data.length + FOOTER_SIZE);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskCrc(crc32c(out.subarray(0, 8))), true);
  out.set(data, HEADER_SIZE);
  view.setUint32(HEADER_SIZE + data.length, maskCrc(crc32c(data)), true);
  return out;
}

// RecordReader::ReadChecksummed adds this to errors at offset 0: a TFRecord file has no magic number.
function suffix(offset: number): string {
  return offset === 0 ? ' (Is this even a TFRecord file?)' : '';
}

function checksumOk(buf: Uint8Array, view: DataView, start: number, n: number): boolean {
  return unmaskCrc(view.getUint32(start + n, true)) === crc32c(buf.subarray(start, start + n));
}

/**
 * Every record of a TFRecord file, each checked as RecordReader::ReadRecord checks it; the data are
 * copies. Throws DataLossError with TF's messages:
 * - `corrupted record at N` (length crc, N the record's offset; data crc, N = offset + 12), with
 *   ` (Is this even a TFRecord file?)` added at offset 0;
 * - `truncated record at N' failed with Read less bytes than requested` (TF 2.21's text, stray quote
 *   included) when the data or its crc is cut short;
 * - `truncated record at N` when the 12-byte header is cut short, which TF itself reads as a clean
 *   end of file (it silently drops such a tail; we do not).
 * An empty buffer, or one that ends exactly after a record, is fine.
 * e.g. `readRecords(encodeRecord(bytes))` → `[bytes]`
 */
export function readRecords(buf: Uint8Array): Uint8Array[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (buf.length - offset < HEADER_SIZE) {
      throw new DataLossError(`truncated record at ${offset}${suffix(offset)}`);
    }
    if (!checksumOk(buf, view, offset, 8)) {
      throw new DataLossError(`corrupted record at ${offset}${suffix(offset)}`);
    }
    const length = view.getBigUint64(offset, true);
    const start = offset + HEADER_SIZE;
    if (length + BigInt(FOOTER_SIZE) > BigInt(buf.length - start)) {
      throw new DataLossError(`truncated record at ${offset}' failed with Read less bytes than requested`);
    }
    const n = Number(length);
    if (!checksumOk(buf, view, start, n)) throw new DataLossError(`corrupted record at ${start}`);
    records.push(buf.slice(start, start + n));
    offset = start + n + FOOTER_SIZE;
  }
  return records;
}
