// TensorFlow's V2 checkpoint format, the tensor bundle (tensorflow/core/util/tensor_bundle): `prefix.index`,
// an sstable whose key "" holds the BundleHeaderProto and each tensor's name its BundleEntryProto (dtype,
// shape, shard, offset, size, masked CRC32C of the bytes), and `prefix.data-00000-of-00001`, the tensors'
// little-endian bytes one after another. Writing goes through temporary files that are fsynced and then
// renamed, data before index, so a failed save leaves the old checkpoint as it was. A process killed between
// the two renames over an existing prefix leaves its old index over the new bytes: the CRC32Cs tell
// (DataLossError on restore), but that checkpoint is gone, as in TF; a save per step (globalStep) never risks it.
import fs from 'node:fs';
import path from 'node:path';
import { DataLossError, InvalidArgumentError, UnimplementedError } from '../errors.js';
import { type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { dtypeFromProto, shapeFromProto, shapeToProto, type Proto } from './attr-proto.js';
import { crc32c, maskCrc, unmaskCrc } from './crc32c.js';
import { ioError, readFile, syncDir, tempName, writeDurable } from './files.js';
import { decode, encode } from './proto.js';
import { buildTable, readTable } from './sstable.js';

const PROTO_DTYPE: Record<DType, string> = { float32: 'DT_FLOAT', int32: 'DT_INT32', bool: 'DT_BOOL', string: 'DT_STRING' };
/** TF's kTensorBundleVersion / kTensorBundleMinConsumer / kTensorBundleMinProducer. */
const BUNDLE_VERSION = 1;

export const indexFile = (prefix: string): string => `${prefix}.index`;
export const dataFile = (prefix: string, shard = 0, shards = 1): string =>
  `${prefix}.data-${String(shard).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}`;

/** DataTypeString of an enum name: DT_FLOAT → float, DT_INT64 → int64. */
export function protoTypeString(name: string): string {
  return name === 'DT_FLOAT' ? 'float' : name.replace(/^DT_/, '').toLowerCase();
}

/** Writes the bundle of `tensors` (name → value; strings are not saved) at `prefix`, durably. */
export function writeBundle(prefix: string, tensors: ReadonlyMap<string, NDArray>): void {
  const names = [...tensors.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const chunks: Uint8Array[] = [];
  const entries: Array<[string, Uint8Array]> = [];
  entries.push(['', encode('tensorflow.BundleHeaderProto', { num_shards: 1, version: { producer: BUNDLE_VERSION } })]);
  let offset = 0;
  for (const name of names) {
    const v = tensors.get(name)!;
    if (v.dtype === 'string') throw new UnimplementedError(`Saver: string tensors cannot be saved (tensor '${name}')`);
    const bytes = new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength);
    chunks.push(bytes);
    const entry: Proto = { dtype: PROTO_DTYPE[v.dtype], shape: shapeToProto(v.shape), offset, size: bytes.length, crc32c: maskCrc(crc32c(bytes)) };
    if (offset === 0) delete entry.offset;
    entries.push([name, encode('tensorflow.BundleEntryProto', entry)]);
    offset += bytes.length;
  }
  const data = Buffer.concat(chunks);
  const index = buildTable(entries);
  const target = dataFile(prefix);
  const tmpData = writeDurable(target, data);
  let tmpIndex: string | null = null;
  // Between the two renames the old index (if any) describes bytes that are gone: the old data stays linked
  // under a temporary name until the new index is in place, so a failing index rename can put it back.
  const hadIndex = fs.existsSync(indexFile(prefix));
  let backup: string | null = null;
  let dataRenamed = false;
  try {
    tmpIndex = writeDurable(indexFile(prefix), index);
    if (hadIndex && fs.existsSync(target)) {
      try {
        backup = tempName(target);
        fs.linkSync(target, backup);
      } catch {
        backup = null; // no hard links here: no way back, as in TF
      }
    }
    fs.renameSync(tmpData, target);
    dataRenamed = true;
    fs.renameSync(tmpIndex, indexFile(prefix));
  } catch (e) {
    try {
      if (dataRenamed && backup) {
        fs.renameSync(backup, target); // the old checkpoint, whole again
        backup = null;
      } else if (dataRenamed && !hadIndex) fs.rmSync(target, { force: true }); // no data file without its index
    } catch {
      // the original error is the one to report
    }
    fs.rmSync(tmpData, { force: true });
    if (tmpIndex) fs.rmSync(tmpIndex, { force: true });
    throw ioError(e, prefix, 'could not write checkpoint ');
  } finally {
    if (backup) fs.rmSync(backup, { force: true });
  }
  syncDir(path.dirname(path.resolve(prefix)));
}

export interface BundleEntry {
  name: string;
  /** The DataType enum name (DT_FLOAT…); `dtype` is tensorshell's, null where it has none. */
  protoDtype: string;
  dtype: DType | null;
  shape: number[];
  shard: number;
  offset: number;
  size: number;
  crc: number;
  sliced: boolean;
}

/** An open checkpoint: its entries, checked table and header; tensors are read and checked on demand. */
export class BundleReader {
  readonly entries = new Map<string, BundleEntry>();
  private readonly shards: number;
  private readonly data = new Map<number, Uint8Array>();

  constructor(readonly prefix: string) {
    const table = readTable(readFile(indexFile(prefix)), indexFile(prefix));
    const utf8 = new TextDecoder();
    if (table.length === 0 || table[0].key.length !== 0) throw new DataLossError(`Unable to read file (${indexFile(prefix)}). Perhaps the file is corrupt or was produced by a newer version of TensorFlow with format changes (failed to seek to header entry): no header entry`);
    const header = decode('tensorflow.BundleHeaderProto', table[0].value) as Proto;
    if ((header.endianness ?? 'LITTLE') !== 'LITTLE') throw new UnimplementedError(`Reading a big-endian tensor bundle (${prefix}) is not implemented`);
    const min_consumer = header.version?.min_consumer ?? 0;
    if (min_consumer > BUNDLE_VERSION) throw new InvalidArgumentError(`Checkpoint min consumer version ${min_consumer} above current version ${BUNDLE_VERSION} for TensorFlow`);
    this.shards = header.num_shards ?? 1;
    for (const { key, value } of table.slice(1)) {
      const name = utf8.decode(key);
      const e = decode('tensorflow.BundleEntryProto', value) as Proto;
      const protoDtype: string = e.dtype ?? 'DT_INVALID';
      this.entries.set(name, {
        name, protoDtype, dtype: dtypeFromProto(protoDtype), shape: (shapeFromProto(e.shape).dims ?? []) as number[],
        shard: e.shard_id ?? 0, offset: e.offset ?? 0, size: e.size ?? 0, crc: e.crc32c ?? 0, sliced: (e.slices ?? []).length > 0,
      });
    }
  }

  /** The values of `entry`, after checking its size and CRC32C (TF's messages). */
  read(entry: BundleEntry): NDArray {
    if (entry.sliced) throw new UnimplementedError(`Tensor ${entry.name} is saved in slices (a partitioned variable), which tensorshell cannot restore`);
    if (entry.dtype === null || entry.dtype === 'string') throw new UnimplementedError(`Tensor ${entry.name} has dtype ${protoTypeString(entry.protoDtype)}, which tensorshell cannot restore`);
    if (entry.shard >= this.shards) throw new DataLossError(`TensorBundle at ${this.prefix}: tensor ${entry.name} is in shard ${entry.shard} of ${this.shards}`);
    let data = this.data.get(entry.shard);
    if (!data) {
      data = readFile(dataFile(this.prefix, entry.shard, this.shards));
      this.data.set(entry.shard, data);
    }
    const Ctor = entry.dtype === 'float32' ? Float32Array : entry.dtype === 'int32' ? Int32Array : Uint8Array;
    const n = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.size !== n * Ctor.BYTES_PER_ELEMENT) {
      throw new DataLossError(`TensorBundle at ${this.prefix} shard ${entry.shard}: entry ${entry.name} holds ${entry.size} bytes, not the ${n * Ctor.BYTES_PER_ELEMENT} of shape [${entry.shape.join(',')}]`);
    }
    if (entry.offset + entry.size > data.length) {
      throw new DataLossError(`TensorBundle at ${this.prefix} shard ${entry.shard}: Read less bytes than requested (tensor ${entry.name} needs bytes ${entry.offset}..${entry.offset + entry.size}, the data file has ${data.length})`);
    }
    const bytes = data.subarray(entry.offset, entry.offset + entry.size);
    const actual = crc32c(bytes);
    if (actual !== unmaskCrc(entry.crc)) {
      throw new DataLossError(`TensorBundle at ${this.prefix} shard ${entry.shard} (${entry.size} bytes): Checksum does not match: stored ${unmaskCrc(entry.crc)} vs. calculated on the restored bytes ${actual}`);
    }
    const values = new Ctor(n);
    new Uint8Array(values.buffer).set(bytes);
    return new NDArray(values, entry.shape, entry.dtype);
  }
}

/** checkpoint_exists for a V2 prefix: its index file is there. */
export function bundleExists(prefix: string): boolean {
  return fs.existsSync(indexFile(prefix));
}
