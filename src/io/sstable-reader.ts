// Reads a table written by sstable.ts or TF's TableBuilder, checking it as tensorflow/core/lib/io/
// table.cc (Table::Open), format.cc (Footer::DecodeFrom, ReadBlock) and block.cc do, with their
// error texts, and more strictly: TF skips the metaindex block and the footer padding, accepts
// extra bytes after a block handle, and never checks that the blocks tile the file, so a flipped bit
// there goes unnoticed. Here the file must be laid out exactly as TableBuilder lays it out.
import { DataLossError } from '../errors.js';
import { crc32c, unmaskCrc } from './crc32c.js';
import { BlockError, compareBytes, parseBlock, type BlockEntry } from './sstable-block.js';
import {
  DEFAULT_RESTART_INTERVAL, FOOTER_SIZE, findShortSuccessor, findShortestSeparator, getHandle, HANDLES_SIZE, MAGIC, NO_COMPRESSION,
  SNAPPY_COMPRESSION, TRAILER_SIZE, type Handle,
} from './sstable-format.js';
import { fixed32 } from './varint.js';

/** One key/value pair of a table (both copies, not views of the file). */
export type TableEntry = BlockEntry;

// ReadBlock: the contents of the block at `h`, checked against its trailer. `end` is where the
// footer starts: a block reaching into it is as truncated as one reaching past the end of the file.
function readBlock(buf: Uint8Array, h: Handle, end: number): Uint8Array {
  if (h.offset + h.size + TRAILER_SIZE > end) throw new BlockError('truncated block read');
  const typeAt = h.offset + h.size;
  const crc = unmaskCrc(fixed32(buf, typeAt + 1));
  if (crc !== crc32c(buf.subarray(h.offset, typeAt + 1))) throw new BlockError('block checksum mismatch');
  if (buf[typeAt] === SNAPPY_COMPRESSION) {
    throw new BlockError('bad block type 1 (snappy-compressed blocks are not supported; TF checkpoints do not use them)');
  }
  if (buf[typeAt] !== NO_COMPRESSION) throw new BlockError('bad block type');
  return buf.subarray(h.offset, typeAt);
}

interface Layout {
  dataBlocks: Handle[];
  indexKeys: Uint8Array[];
}

// Table::Open and Footer::DecodeFrom, plus the checks TF leaves out: zero padding, an empty
// metaindex block, handles that consume their index values, blocks back to back.
function openTable(buf: Uint8Array): Layout {
  if (buf.length < FOOTER_SIZE) throw new BlockError('file is too short to be an sstable');
  const footer = buf.length - FOOTER_SIZE;
  if (MAGIC.some((b, i) => buf[footer + HANDLES_SIZE + i] !== b)) {
    throw new BlockError('not an sstable (bad magic number)');
  }
  const meta = getHandle(buf, footer, footer + HANDLES_SIZE);
  const index = meta && getHandle(buf, meta.next, footer + HANDLES_SIZE);
  if (!meta || !index) throw new BlockError('bad block handle');
  for (let p = index.next; p < footer + HANDLES_SIZE; p++) {
    if (buf[p] !== 0) throw new BlockError(`bad footer: non-zero padding byte at offset ${p}`);
  }
  const indexEntries = parseBlock(readBlock(buf, index.handle, footer), 1);
  const dataBlocks = indexEntries.map(({ value }) => {
    const h = getHandle(value, 0, value.length);
    if (!h || h.next !== value.length) throw new BlockError('bad block handle');
    return h.handle;
  });
  let expected = 0;
  const place = (h: Handle, what: string) => {
    if (h.offset !== expected) {
      throw new BlockError(`bad block handle: ${what} at offset ${h.offset}, expected ${expected} (blocks must be back to back)`);
    }
    expected = h.offset + h.size + TRAILER_SIZE;
  };
  dataBlocks.forEach((h, i) => place(h, `data block ${i}`));
  place(meta.handle, 'the metaindex block');
  place(index.handle, 'the index block');
  if (expected !== footer) throw new BlockError(`bad block handle: ${footer - expected} stray bytes before the footer`);
  if (parseBlock(readBlock(buf, meta.handle, footer), 1).length !== 0) {
    throw new BlockError('bad metaindex block: TF writes it empty');
  }
  return { dataBlocks, indexKeys: indexEntries.map((e) => e.key) };
}

/**
 * Every entry of the table `buf` (read from `fileName`, used only in messages), in key order.
 * Any corruption throws DataLossError, worded as TF 2.21 words it:
 * - in the footer, index or metaindex block: `Unable to open table file <fileName>: DATA_LOSS:
 *   <detail>: perhaps your file is in a different file format and you need to use a different restore
 *   operator?` (TensorSliceReader's text for a file that is not a table);
 * - in a data block: `Unable to read file (<fileName>). Perhaps the file is corrupt or was produced by
 *   a newer version of TensorFlow with format changes (failed to seek to header entry): <detail>`
 *   (BundleReader's; `failed to read data block <i>` for blocks after the first).
 * <detail> is TF's text where TF has one ('file is too short to be an sstable', 'not an sstable (bad
 * magic number)', 'bad block handle', 'truncated block read', 'block checksum mismatch', 'bad block
 * type', 'bad block contents', 'bad entry in block'), else says what is wrong.
 * e.g. `readTable(buildTable([['a', v]]), 'x.index')` → `[{ key: bytes('a'), value: v }]`
 */
export function readTable(buf: Uint8Array, fileName: string, options: { restartInterval?: number } = {}): TableEntry[] {
  let layout: Layout;
  try {
    layout = openTable(buf);
  } catch (e) {
    if (!(e instanceof BlockError)) throw e;
    throw new DataLossError(`Unable to open table file ${fileName}: DATA_LOSS: ${e.message}: perhaps your file ` +
      'is in a different file format and you need to use a different restore operator?');
  }
  const { dataBlocks, indexKeys } = layout;
  const footer = buf.length - FOOTER_SIZE;
  const entries: TableEntry[] = [];
  dataBlocks.forEach((h, i) => {
    try {
      const block = parseBlock(readBlock(buf, h, footer), options.restartInterval ?? DEFAULT_RESTART_INTERVAL);
      if (block.length === 0) throw new BlockError('bad block contents: an empty data block');
      const previous = entries[entries.length - 1];
      if (previous) {
        if (compareBytes(previous.key, block[0].key) >= 0) throw new BlockError('bad entry in block: keys out of order across blocks');
        checkIndexKey(indexKeys[i - 1], findShortestSeparator(previous.key, block[0].key), i - 1);
      }
      entries.push(...block);
      if (i === dataBlocks.length - 1) checkIndexKey(indexKeys[i], findShortSuccessor(block[block.length - 1].key), i);
    } catch (e) {
      if (!(e instanceof BlockError)) throw e;
      const where = i === 0 ? 'failed to seek to header entry' : `failed to read data block ${i}`;
      throw new DataLossError(`Unable to read file (${fileName}). Perhaps the file is corrupt or was produced by a ` +
        `newer version of TensorFlow with format changes (${where}): ${e.message}`);
    }
  });
  return entries;
}

// The index key TableBuilder would have written for block i (a separator, or the last key's successor).
function checkIndexKey(actual: Uint8Array, expected: Uint8Array, i: number): void {
  if (compareBytes(actual, expected) !== 0) throw new BlockError(`bad index entry for data block ${i}`);
}
