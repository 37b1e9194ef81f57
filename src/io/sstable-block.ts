// One block of a LevelDB-format table, as tensorflow/core/lib/io/block_builder.cc writes it and
// block.cc reads it (now third_party/xla/xla/tsl/lib/io/). Entries are prefix-compressed:
//   shared: varint32 | non_shared: varint32 | value_length: varint32 | key_delta | value
// with shared == 0 at every `restartInterval`-th entry (a restart point); the block ends with the
// restart offsets (uint32 LE each) and their count (uint32 LE).
// The parser checks more than block.cc: the restart array must be exactly the one BlockBuilder
// writes, every shared length the longest one possible, and the keys strictly increasing, so a block
// has one valid encoding.
import { ByteBuilder, fixed32, readVarint32 } from './varint.js';

/** block.cc's error texts; the parser throws BlockError and the table reader adds where. */
export class BlockError extends Error {}

/** Bytewise key comparison (leveldb's BytewiseComparator, Slice::compare). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function sharedPrefix(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** BlockBuilder: Add, CurrentSizeEstimate, Finish, Reset. Keys must arrive in increasing order. */
export class BlockBuilder {
  private readonly buffer = new ByteBuilder();
  private restarts: number[] = [0]; // the first restart point is at offset 0
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);

  constructor(private readonly restartInterval: number) {}

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.restartInterval) {
      shared = sharedPrefix(this.lastKey, key);
    } else {
      this.restarts.push(this.buffer.length); // restart compression
      this.counter = 0;
    }
    this.buffer.varint(shared);
    this.buffer.varint(key.length - shared);
    this.buffer.varint(value.length);
    this.buffer.append(key.subarray(shared));
    this.buffer.append(value);
    this.lastKey = key;
    this.counter++;
  }

  /** Raw data + restart array + its length, as the block would be if finished now. */
  sizeEstimate(): number {
    return this.buffer.length + this.restarts.length * 4 + 4;
  }

  empty(): boolean {
    return this.buffer.length === 0;
  }

  /** The finished block contents (a copy); the builder is then reset for the next block. */
  finish(): Uint8Array {
    for (const r of this.restarts) this.buffer.fixed32(r);
    this.buffer.fixed32(this.restarts.length);
    const contents = this.buffer.view().slice();
    this.buffer.clear();
    this.restarts = [0];
    this.counter = 0;
    this.lastKey = new Uint8Array(0);
    return contents;
  }
}

export interface BlockEntry {
  key: Uint8Array;
  value: Uint8Array;
}

// The restart array: Block::Block's checks (a count that fits; block.cc then treats 0 restarts as an
// empty block, BlockBuilder never writes one), and where the entries end.
function restartArray(data: Uint8Array): { restarts: number[]; limit: number } {
  if (data.length < 4) throw new BlockError('bad block contents');
  const count = fixed32(data, data.length - 4);
  if (count > (data.length - 4) / 4 || count === 0) throw new BlockError('bad block contents');
  const limit = data.length - (1 + count) * 4;
  const restarts: number[] = [];
  for (let i = 0; i < count; i++) restarts.push(fixed32(data, limit + 4 * i));
  return { restarts, limit };
}

/**
 * Every entry of a block (Block::Iter from SeekToFirst to the end), keys and values copied.
 * Throws BlockError: 'bad block contents' (restart array), 'bad entry in block' (an entry that does
 * not decode, or decodes in a way BlockBuilder would not have written it).
 */
export function parseBlock(data: Uint8Array, restartInterval: number): BlockEntry[] {
  const { restarts, limit } = restartArray(data);
  const entries: BlockEntry[] = [];
  const expectedRestarts: number[] = [];
  let key: Uint8Array = new Uint8Array(0);
  let p = 0;
  while (p < limit) {
    const start = p;
    const shared = readVarint32(data, p, limit);
    const nonShared = shared && readVarint32(data, shared.next, limit);
    const valueLength = nonShared && readVarint32(data, nonShared.next, limit);
    if (!shared || !nonShared || !valueLength) throw new BlockError('bad entry in block');
    p = valueLength.next;
    if (limit - p < nonShared.value + valueLength.value || key.length < shared.value) {
      throw new BlockError('bad entry in block');
    }
    const next = new Uint8Array(shared.value + nonShared.value);
    next.set(key.subarray(0, shared.value));
    next.set(data.subarray(p, p + nonShared.value), shared.value);
    const atRestart = entries.length % restartInterval === 0;
    if (atRestart) expectedRestarts.push(start);
    const canonicalShared = atRestart ? 0 : sharedPrefix(key, next);
    if (shared.value !== canonicalShared || (entries.length > 0 && compareBytes(key, next) >= 0)) {
      throw new BlockError('bad entry in block');
    }
    key = next;
    entries.push({ key, value: data.slice(p + nonShared.value, p + nonShared.value + valueLength.value) });
    p += nonShared.value + valueLength.value;
  }
  if (entries.length === 0) expectedRestarts.push(0);
  if (restarts.length !== expectedRestarts.length || restarts.some((r, i) => r !== expectedRestarts[i])) {
    throw new BlockError('bad block contents');
  }
  return entries;
}
