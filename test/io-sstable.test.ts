// LevelDB-format tables (src/io/sstable*.ts): byte-identical to the `.index` file TensorFlow 2.21
// wrote for a checkpoint, round trips, TF's key shortening, and corruption: every single-bit flip
// and every truncation of a multi-block table must throw DataLossError (TF itself misses some, e.g.
// flips in the footer padding or the metaindex handle), with TF's wording.
// The fixture came from (TF 2.21):
//   tf.raw_ops.SaveV2(prefix='model', tensor_names=['dense/bias', 'dense/kernel', 'dense_1/bias',
//     'dense_1/kernel', 'global_step'], shape_and_slices=[''] * 5, tensors=[tf.constant([0.5, -1.0]),
//     tf.reshape(tf.range(6, dtype=tf.float32), [3, 2]), tf.constant([0.0]), tf.constant([[1.0], [2.0]]),
//     tf.constant(42, tf.int64)])   # then model.index
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { DataLossError, ValueError } from '../src/errors.js';
import { crc32c, maskCrc } from '../src/io/crc32c.js';
import { parseBlock } from '../src/io/sstable-block.js';
import { getHandle } from '../src/io/sstable-format.js';
import { buildTable, findShortestSeparator, findShortSuccessor, readTable } from '../src/io/sstable.js';
import { readVarint32, readVarint64 } from '../src/io/varint.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const FIXTURE = new Uint8Array(readFileSync(new URL('./fixtures/io/tf-saved.index', import.meta.url)));
const OPEN = (detail: string) => `Unable to open table file f.index: DATA_LOSS: ${detail}: perhaps your file is in a ` +
  'different file format and you need to use a different restore operator?';
const READ = (where: string, detail: string) => 'Unable to read file (f.index). Perhaps the file is corrupt or was ' +
  `produced by a newer version of TensorFlow with format changes (${where}): ${detail}`;
const HEADER = 'failed to seek to header entry';

/** The DataLossError message readTable throws for buf, or null when it reads. */
function failure(buf: Uint8Array): string | null {
  try {
    readTable(buf, 'f.index');
    return null;
  } catch (e) {
    if (!(e instanceof DataLossError)) throw e;
    return e.message;
  }
}

/** The data blocks' handles, from the footer's index handle (the file is assumed well formed). */
function dataHandles(file: Uint8Array) {
  const footer = file.length - 48;
  const meta = getHandle(file, footer, footer + 40)!;
  const index = getHandle(file, meta.next, footer + 40)!.handle;
  const entries = parseBlock(file.subarray(index.offset, index.offset + index.size), 1);
  return entries.map((e) => ({ key: text(e.key), ...getHandle(e.value, 0, e.value.length)!.handle }));
}

/** Rewrites the trailer crc of the block at (offset, size) after its contents were edited. */
function fixCrc(file: Uint8Array, offset: number, size: number): void {
  new DataView(file.buffer, file.byteOffset).setUint32(offset + size + 1, maskCrc(crc32c(file.subarray(offset, offset + size + 1))), true);
}

const entriesOf = (n: number, valueLength: (i: number) => number = (i) => i % 5) =>
  Array.from({ length: n }, (_, i): [string, Uint8Array] => [
    i === 0 ? '' : `model/layer_${String(i).padStart(4, '0')}/kernel`, new Uint8Array(valueLength(i)).fill(i & 0xff)]);
const roundTrip = (entries: Array<[Uint8Array | string, Uint8Array]>, options = {}) => {
  const back = readTable(buildTable(entries, options), 'f.index');
  expect(back.map((e) => e.key)).toEqual(entries.map(([k]) => (typeof k === 'string' ? bytes(k) : k)));
  expect(back.map((e) => e.value)).toEqual(entries.map(([, v]) => v));
};

describe('a TensorFlow checkpoint index', () => {
  it('reads the .index file TF wrote: the header under "" and one entry per tensor', () => {
    const entries = readTable(FIXTURE, 'tf-saved.index');
    expect(entries.map((e) => text(e.key))).toEqual(['', 'dense/bias', 'dense/kernel', 'dense_1/bias', 'dense_1/kernel', 'global_step']);
    // BundleHeaderProto { num_shards: 1, version { producer: 1 } }
    expect([...entries[0].value]).toEqual([0x08, 0x01, 0x1a, 0x02, 0x08, 0x01]);
    expect(dataHandles(FIXTURE).map((h) => h.key)).toEqual(['h']); // FindShortSuccessor('global_step')
  });

  it('builds the same bytes for the same entries', () => {
    const entries = readTable(FIXTURE, 'tf-saved.index');
    expect(buildTable(entries.map((e) => [e.key, e.value]))).toEqual(FIXTURE);
  });

  it('every single-bit flip of the TF-written file throws DataLossError', () => {
    const file = FIXTURE.slice();
    const missed: number[] = [];
    for (let bit = 0; bit < file.length * 8; bit++) {
      file[bit >> 3] ^= 1 << (bit & 7);
      if (failure(file) === null) missed.push(bit);
      file[bit >> 3] ^= 1 << (bit & 7);
    }
    expect(missed).toEqual([]);
  });

  it('rejects the corruptions TF 2.21 accepts: a flipped metaindex handle, non-zero footer padding', () => {
    const footer = FIXTURE.length - 48;
    const handle = FIXTURE.slice();
    handle[footer] ^= 1;
    expect(failure(handle)).toBe(OPEN('bad block handle: the metaindex block at offset 165, expected 164 (blocks must be back to back)'));
    const padding = FIXTURE.slice();
    padding[footer + 28] ^= 1;
    expect(failure(padding)).toBe(OPEN(`bad footer: non-zero padding byte at offset ${footer + 28}`));
  });
});

describe('round trips', () => {
  it.each([1, 17, 500])('%i entries, empty values among them, the empty key first', (n) => {
    roundTrip(entriesOf(n));
    roundTrip(entriesOf(n, (i) => 37 * (i % 11)), { blockSize: 4096 });
  });

  it('500 entries at block size 4096 span several blocks, each indexed as TableBuilder indexes it', () => {
    const file = buildTable(entriesOf(500, () => 50), { blockSize: 4096 });
    const blocks = dataHandles(file);
    expect(blocks.length).toBeGreaterThan(5);
    const keys = blocks.map((b) => parseBlock(file.subarray(b.offset, b.offset + b.size), 16).map((e) => text(e.key)));
    expect(keys.flat()).toEqual(entriesOf(500).map(([k]) => k));
    blocks.forEach((b, i) => {
      // Each flushed as soon as its estimate reached 4096: one 50-byte entry fewer would not have.
      if (i < blocks.length - 1) expect(b.size).toBeGreaterThanOrEqual(4096 - 4 * 2);
      const last = keys[i][keys[i].length - 1];
      if (i === blocks.length - 1) return expect(b.key).toBe('n'); // FindShortSuccessor('model/…')
      const next = keys[i + 1][0];
      expect(last <= b.key && b.key < next && b.key.length <= last.length, `${last} | ${b.key} | ${next}`).toBe(true);
    });
    // 'model/layer_0061/kernel' | 'model/layer_0062/kernel' cannot shorten (1 + 1 is not < 2), but
    // 'model/layer_0069/kernel' | 'model/layer_0070/kernel' could have; some boundary must have shortened.
    expect(blocks.some((b, i) => b.key.length < keys[i][keys[i].length - 1].length)).toBe(true);
  });

  it('keys sharing long prefixes, restart points every 16 entries, binary keys and values', () => {
    const prefix = 'p'.repeat(300);
    roundTrip(Array.from({ length: 40 }, (_, i): [string, Uint8Array] => [prefix + String.fromCharCode(65 + i), bytes(`v${i}`)]));
    roundTrip([[new Uint8Array([0]), new Uint8Array([0xff])], [new Uint8Array([0, 0]), new Uint8Array(0)],
      [new Uint8Array([0xff]), new Uint8Array(300)], [new Uint8Array([0xff, 0xff, 0xff]), new Uint8Array([1])]]);
  });

  it('an empty table, and an entry too large for any block (flushed on its own)', () => {
    expect(readTable(buildTable([]), 'f.index')).toEqual([]);
    const entries: Array<[string, Uint8Array]> = [['a', new Uint8Array(10)], ['b', new Uint8Array(9000)], ['c', new Uint8Array(1)]];
    roundTrip(entries, { blockSize: 4096 });
    expect(dataHandles(buildTable(entries, { blockSize: 4096 })).map((b) => b.key)).toEqual(['a', 'b', 'd']);
  });

  it('refuses keys that do not strictly increase', () => {
    expect(() => buildTable([['b', new Uint8Array(0)], ['a', new Uint8Array(0)]])).toThrow(ValueError);
    expect(() => buildTable([['', new Uint8Array(0)], ['x', new Uint8Array(0)], ['x', new Uint8Array(0)]]))
      .toThrow('buildTable: keys must be strictly increasing bytewise, but key 2 "x" does not come after key 1 "x"');
  });
});

describe('key shortening (table_builder.cc, bytewise)', () => {
  const sep = (a: string, b: string) => text(findShortestSeparator(bytes(a), bytes(b)));
  it('FindShortestSeparator', () => {
    expect(sep('the quick brown fox', 'the who')).toBe('the r');
    expect(sep('abc', 'abd')).toBe('abc'); // c + 1 is not < d
    expect(sep('abc', 'abe')).toBe('abd');
    expect(sep('ab', 'abcd')).toBe('ab'); // a prefix: unchanged
    expect(sep('', 'a')).toBe('');
    expect(text(findShortestSeparator(new Uint8Array([1, 0xff, 5]), new Uint8Array([1, 0xff, 9])))).toBe('\x01\xff\x06');
    expect(text(findShortestSeparator(new Uint8Array([0xff, 1]), new Uint8Array([0xff, 0xff])))).toBe('\xff\x02');
  });
  it('FindShortSuccessor', () => {
    expect(text(findShortSuccessor(bytes('global_step')))).toBe('h');
    expect(text(findShortSuccessor(new Uint8Array([0xff, 0xff, 3, 7])))).toBe('\xff\xff\x04');
    expect(text(findShortSuccessor(new Uint8Array([0xff, 0xff])))).toBe('\xff\xff');
    expect(text(findShortSuccessor(new Uint8Array(0)))).toBe('');
  });
});

describe('corruption', () => {
  // ~40 entries with long values: two data blocks at block size 4096, then metaindex, index, footer.
  const ENTRIES = entriesOf(40, (i) => 150 + i);
  const FILE = buildTable(ENTRIES, { blockSize: 4096 });

  it('the table under test has two data blocks', () => {
    expect(dataHandles(FILE).length).toBe(2);
    expect(readTable(FILE, 'f.index').length).toBe(40);
  });

  // A flip in the footer breaks a handle, the padding or the magic number; a broken index handle
  // can also point at bytes whose crc does not match, or past the footer.
  const FOOTER_ERROR = new RegExp('^Unable to open table file f\\.index: DATA_LOSS: (bad block handle|bad footer|' +
    'not an sstable \\(bad magic number\\)|block checksum mismatch|truncated block read)');

  it('every single-bit flip anywhere throws DataLossError', () => {
    const blocks = dataHandles(FILE);
    const dataEnd = blocks[1].offset + blocks[1].size + 5;
    // One expect at the end: tens of thousands of expect calls would dominate the run time.
    const wrong: string[] = [];
    for (let bit = 0; bit < FILE.length * 8; bit++) {
      const at = bit >> 3;
      FILE[at] ^= 1 << (bit & 7);
      const message = failure(FILE) ?? 'no error';
      FILE[at] ^= 1 << (bit & 7);
      const ok = at < blocks[1].offset ? message === READ(HEADER, 'block checksum mismatch')
        : at < dataEnd ? message === READ('failed to read data block 1', 'block checksum mismatch')
        : at < FILE.length - 48 ? message === OPEN('block checksum mismatch')
        : FOOTER_ERROR.test(message);
      if (!ok) wrong.push(`bit ${bit}: ${message}`);
    }
    expect(wrong).toEqual([]);
    expect(failure(FILE)).toBeNull();
  }, 60_000);

  it('every truncation throws DataLossError', () => {
    for (let n = 0; n < FILE.length; n++) {
      expect(failure(FILE.subarray(0, n)), `length ${n}`).toBe(OPEN(n < 48 ? 'file is too short to be an sstable' : 'not an sstable (bad magic number)'));
    }
  });

  it('says what is wrong when the checksums agree', () => {
    const [block] = dataHandles(FIXTURE);
    const footer = FIXTURE.length - 48;
    const edit = (f: (b: Uint8Array) => void) => {
      const b = FIXTURE.slice();
      f(b);
      return failure(b);
    };
    const setType = (type: number) => (b: Uint8Array) => ((b[block.offset + block.size] = type), fixCrc(b, block.offset, block.size));
    expect(edit(setType(1))).toBe(READ(HEADER, 'bad block type 1 (snappy-compressed blocks are not supported; TF checkpoints do not use them)'));
    expect(edit(setType(2))).toBe(READ(HEADER, 'bad block type'));
    // 'dense/kernel' stored as shared 6 + 'kernel': make it 'dense/bernel', before 'dense/bias'.
    const k = text(FIXTURE).indexOf('kernel');
    expect(edit((b) => ((b[k] = 0x62), fixCrc(b, block.offset, block.size)))).toBe(READ(HEADER, 'bad entry in block'));
    // A restart count larger than the block can hold.
    expect(edit((b) => (b.set([0xff, 0, 0, 0], block.offset + block.size - 4), fixCrc(b, block.offset, block.size))))
      .toBe(READ(HEADER, 'bad block contents'));
    // A trailing byte before the footer: the blocks no longer reach it.
    const longer = new Uint8Array(FIXTURE.length + 1);
    longer.set(FIXTURE.subarray(0, footer));
    longer.set(FIXTURE.subarray(footer), footer + 1);
    expect(failure(longer)).toBe(OPEN('bad block handle: 1 stray bytes before the footer'));
    expect(failure(FIXTURE.subarray(0, 47))).toBe(OPEN('file is too short to be an sstable'));
    expect(failure(new Uint8Array(100))).toBe(OPEN('not an sstable (bad magic number)'));
  });
});

describe('varints (coding.cc), read strictly', () => {
  const v32 = (b: number[]) => readVarint32(new Uint8Array(b), 0, b.length)?.value ?? null;
  it('decodes what PutVarint writes and refuses overruns, overlong and non-canonical forms', () => {
    expect(v32([0])).toBe(0);
    expect(v32([0x7f])).toBe(127);
    expect(v32([0x80, 0x01])).toBe(128);
    expect(v32([0xff, 0xff, 0xff, 0xff, 0x0f])).toBe(0xffffffff);
    expect(v32([0xff, 0xff, 0xff, 0xff, 0x1f])).toBeNull(); // > uint32
    expect(v32([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).toBeNull(); // more than 5 bytes
    expect(v32([0x80])).toBeNull(); // runs past the limit
    expect(v32([0x85, 0x00])).toBeNull(); // 5, not canonical
    const big = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]; // 2^53 - 1
    expect(readVarint64(new Uint8Array(big), 0, big.length)?.value).toBe(Number.MAX_SAFE_INTEGER);
    big[7] = 0x10;
    expect(readVarint64(new Uint8Array(big), 0, big.length)).toBeNull();
  });
});
