// LevelDB-format tables ("sstables") as TensorFlow writes them: the `.index` file of a V2 checkpoint
// (tensorflow/core/util/tensor_bundle). The builder follows tensorflow/core/lib/io/table_builder.cc
// (now third_party/xla/xla/tsl/lib/io/), uncompressed as the bundle writer uses it:
//   data blocks | metaindex block (empty) | index block | footer (48 bytes)
// each block followed by a 5-byte trailer (type 0 = none, masked crc32c of contents + type). The
// index block has one entry per data block: a key between that block's last key and the next
// block's first, and the block's handle. The reader is sstable-reader.ts.
import { ValueError } from '../errors.js';
import { BlockBuilder, compareBytes } from './sstable-block.js';
import {
  blockCrc, DEFAULT_BLOCK_SIZE, DEFAULT_RESTART_INTERVAL, findShortSuccessor, findShortestSeparator, HANDLES_SIZE, MAGIC,
  NO_COMPRESSION, putHandle, type Handle,
} from './sstable-format.js';
import { ByteBuilder } from './varint.js';

export { readTable, type TableEntry } from './sstable-reader.js';
export {
  DEFAULT_BLOCK_SIZE, DEFAULT_RESTART_INTERVAL, findShortestSeparator, findShortSuccessor,
} from './sstable-format.js';

/** table::Options that shape the file. TF's defaults (table_options.h): 262144 and 16. */
export interface TableOptions {
  /** Flush a data block once its estimated size reaches this (LevelDB's default is 4096; TF's is 262144). */
  blockSize?: number;
  /** Entries between restart points in data blocks. */
  restartInterval?: number;
}

const utf8 = new TextEncoder();
const toBytes = (k: Uint8Array | string): Uint8Array => (typeof k === 'string' ? utf8.encode(k) : k);
const show = (k: Uint8Array): string => JSON.stringify(String.fromCharCode(...k.subarray(0, 64)));

function encodeHandle(h: Handle): Uint8Array {
  const b = new ByteBuilder();
  putHandle(b, h);
  return b.view().slice();
}

/**
 * The table TF's TableBuilder (kNoCompression, the options given) writes for these entries, byte for
 * byte. Keys (strings are UTF-8) must be strictly increasing bytewise, else ValueError.
 * e.g. `buildTable([['', headerProto], ['dense/bias', entryProto]])` → the bytes of a `.index` file
 */
export function buildTable(entries: Array<[Uint8Array | string, Uint8Array]>, options: TableOptions = {}): Uint8Array {
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const restartInterval = options.restartInterval ?? DEFAULT_RESTART_INTERVAL;
  const file = new ByteBuilder();
  const data = new BlockBuilder(restartInterval);
  const index = new BlockBuilder(1); // TableBuilder::Rep: index_block_options.block_restart_interval = 1
  let lastKey: Uint8Array | null = null;
  let pending: Handle | null = null; // a flushed block whose index entry waits for the next key

  // WriteBlock + WriteRawBlock: the contents, then the trailer.
  const writeBlock = (block: BlockBuilder): Handle => {
    const contents = block.finish();
    const handle = { offset: file.length, size: contents.length };
    file.append(contents);
    file.byte(NO_COMPRESSION);
    file.fixed32(blockCrc(contents, NO_COMPRESSION));
    return handle;
  };
  const flush = () => {
    if (!data.empty()) pending = writeBlock(data);
  };

  entries.forEach(([k, value], i) => {
    const key = toBytes(k);
    if (lastKey) {
      if (compareBytes(key, lastKey) <= 0) {
        throw new ValueError(`buildTable: keys must be strictly increasing bytewise, but key ${i} ${show(key)} ` +
          `does not come after key ${i - 1} ${show(lastKey)}`);
      }
      if (key.length + value.length >= 2 * blockSize) flush(); // kOverlyLargeBlockRatio
    }
    if (pending) {
      index.add(findShortestSeparator(lastKey!, key), encodeHandle(pending));
      pending = null;
    }
    lastKey = key;
    data.add(key, value);
    if (data.sizeEstimate() >= blockSize) flush();
  });

  // Finish: the last data block, an empty metaindex block, the index block, the footer.
  flush();
  const metaindex = writeBlock(new BlockBuilder(restartInterval));
  if (pending) index.add(findShortSuccessor(lastKey!), encodeHandle(pending));
  const indexHandle = writeBlock(index);
  const footer = new ByteBuilder();
  putHandle(footer, metaindex);
  putHandle(footer, indexHandle);
  file.append(footer.view());
  file.append(new Uint8Array(HANDLES_SIZE - footer.length)); // Footer::EncodeTo's padding
  file.append(MAGIC);
  return file.view().slice();
}
