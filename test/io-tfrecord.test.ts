// TFRecord framing (src/io/tfrecord.ts) against a file TensorFlow 2.21 wrote, and against every
// single-bit flip and every truncation of a small file, with TF's messages (checked with TF 2.21's
// tf.data.TFRecordDataset and tf_record_iterator on the same corruptions).
// The fixture came from:
//   with tf.io.TFRecordWriter('tf-records.tfrecord') as w:
//     for r in [b'', b'hello', bytes(range(256)) + b'tail']: w.write(r)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { DataLossError } from '../src/errors.js';
import { crc32c, maskCrc } from '../src/io/crc32c.js';
import { encodeRecord, readRecords } from '../src/io/tfrecord.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const FIXTURE = new Uint8Array(readFileSync(new URL('./fixtures/io/tf-records.tfrecord', import.meta.url)));
const FIXTURE_RECORDS = [new Uint8Array(0), ascii('hello'), concat([Uint8Array.from({ length: 256 }, (_, i) => i), ascii('tail')])];

/** The DataLossError message readRecords throws for buf, or null when it reads. */
function failure(buf: Uint8Array): string | null {
  try {
    readRecords(buf);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DataLossError);
    expect((e as DataLossError).name).toBe('DataLossError');
    return (e as Error).message;
  }
}

describe('encodeRecord', () => {
  it('writes the bytes TensorFlow writes', () => {
    expect(concat(FIXTURE_RECORDS.map(encodeRecord))).toEqual(FIXTURE);
  });

  it('frames as uint64 length, masked crc of it, data, masked crc of data (all little-endian)', () => {
    const data = ascii('abc');
    const rec = encodeRecord(data);
    const view = new DataView(rec.buffer);
    expect(rec.length).toBe(12 + 3 + 4);
    expect(view.getBigUint64(0, true)).toBe(3n);
    expect(view.getUint32(8, true)).toBe(maskCrc(crc32c(rec.subarray(0, 8))));
    expect(rec.subarray(12, 15)).toEqual(data);
    expect(view.getUint32(15, true)).toBe(maskCrc(crc32c(data)));
    expect(encodeRecord(new Uint8Array(0)).length).toBe(16);
  });

  it('encodes a subarray view by its own bytes', () => {
    const whole = ascii('xxhelloyy');
    expect(encodeRecord(whole.subarray(2, 7))).toEqual(encodeRecord(ascii('hello')));
  });
});

describe('readRecords', () => {
  it('reads the file TensorFlow wrote', () => {
    expect(readRecords(FIXTURE)).toEqual(FIXTURE_RECORDS);
  });

  it('round-trips several records, empty ones included, from any byteOffset', () => {
    const records = [ascii(''), ascii('a'), new Uint8Array(1000).fill(7), ascii(''), ascii('last one')];
    const file = concat(records.map(encodeRecord));
    expect(readRecords(file)).toEqual(records);
    const padded = concat([ascii('junk'), file]);
    expect(readRecords(padded.subarray(4))).toEqual(records);
    expect(readRecords(new Uint8Array(0))).toEqual([]);
  });

  it('returns copies, not views of the file', () => {
    const file = encodeRecord(ascii('abc'));
    const [rec] = readRecords(file);
    file[12] = 0;
    expect(rec).toEqual(ascii('abc'));
  });

  it('detects every single-bit flip of a two-record file, naming the record TF names', () => {
    const file = concat([encodeRecord(ascii('hello')), encodeRecord(ascii('tensorflow'))]);
    const second = 12 + 5 + 4; // where the second record starts
    for (let bit = 0; bit < file.length * 8; bit++) {
      const bad = file.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      const at = bit >> 3;
      // A flip in the length or its crc is "corrupted record at <record start>"; in the data or
      // its crc, at <record start + 12>. Offset 0 adds TF's hint.
      const start = at < second ? 0 : second;
      const expected = at - start < 12
        ? `corrupted record at ${start}${start === 0 ? ' (Is this even a TFRecord file?)' : ''}`
        : `corrupted record at ${start + 12}`;
      expect(failure(bad), `bit ${bit}`).toBe(expected);
    }
  });

  it('detects truncation at every byte, except exactly between records', () => {
    const records = [ascii('hello'), ascii(''), ascii('tensorflow')];
    const ends = [0];
    for (const r of records) ends.push(ends[ends.length - 1] + 16 + r.length);
    const file = concat(records.map(encodeRecord));
    for (let n = 0; n <= file.length; n++) {
      const k = ends.findIndex((e) => e === n);
      if (k >= 0) {
        expect(readRecords(file.subarray(0, n)), `length ${n}`).toEqual(records.slice(0, k));
        continue;
      }
      const start = Math.max(...ends.filter((e) => e < n));
      // TF: a cut header is "truncated record at N" (TF itself reads it as a clean end of file);
      // a cut data or data crc is TF 2.21's "truncated record at N' failed with ...".
      const expected = n - start < 12
        ? `truncated record at ${start}${start === 0 ? ' (Is this even a TFRecord file?)' : ''}`
        : `truncated record at ${start}' failed with Read less bytes than requested`;
      expect(failure(file.subarray(0, n)), `length ${n}`).toBe(expected);
    }
  });

  it('reports a length larger than the file as truncation, not as a huge allocation', () => {
    const rec = encodeRecord(ascii('x'));
    const view = new DataView(rec.buffer);
    view.setBigUint64(0, 0xffffffffffffffffn, true);
    view.setUint32(8, maskCrc(crc32c(rec.subarray(0, 8))), true);
    expect(failure(rec)).toBe("truncated record at 0' failed with Read less bytes than requested");
  });
});
