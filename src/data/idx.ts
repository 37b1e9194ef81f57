// IDX files, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian header
// (two zero bytes, a type byte, the number of dimensions, then each dimension as a uint32) and the data.
// Each file is checked as TF's input_data checks it (the magic number) and more: a gzip that is not one, a
// file shorter or longer than its header says, labels outside 0..9. Every message names the file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NotFoundError, ValueError } from '../errors.js';

/** The magic numbers: unsigned bytes (type 0x08) in 3 dimensions (images) or 1 (labels). */
export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

/** The four files of a set, as their publishers name them (gzipped; the names without `.gz` work too). */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;
export type IdxRole = keyof typeof IDX_FILES;

export interface IdxImages {
  path: string;
  count: number;
  rows: number;
  cols: number;
  /** One byte per pixel, row-major, `count * rows * cols` of them (a view of the file's bytes). */
  pixels: Uint8Array;
}

export interface IdxLabels {
  path: string;
  count: number;
  /** One label per example, each in 0..9. */
  labels: Uint8Array;
}

/** The path of `name` in `dir`, gzipped (`name`) or not (without `.gz`); the gzipped one first. */
export function findIdxFile(dir: string, name: string): string | null {
  for (const candidate of [name, name.replace(/\.gz$/, '')]) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The four files of a set in `dir`: all of them, or null with the names that are missing. */
export function findIdxSet(dir: string): { paths: Record<IdxRole, string> | null; missing: string[] } {
  const paths = {} as Record<IdxRole, string>;
  const missing: string[] = [];
  for (const [role, name] of Object.entries(IDX_FILES) as Array<[IdxRole, string]>) {
    const path = findIdxFile(dir, name);
    if (path === null) missing.push(name);
    else paths[role] = path;
  }
  return { paths: missing.length === 0 ? paths : null, missing };
}

/** A file's bytes, gunzipped when it is gzip data; a `.gz` name on anything else is refused. */
function readBytes(path: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new NotFoundError(`${path}: cannot read the file (${(e as Error).message})`);
  }
  const isGzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (!isGzip) {
    if (path.endsWith('.gz')) throw new ValueError(`${path} is not a gzip file (it does not start with the gzip bytes 1f 8b): download it again, or drop the .gz from its name if it is already uncompressed.`);
    return raw;
  }
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw new ValueError(`${path}: the gzip data is corrupt or truncated (${(e as Error).message}); download the file again.`);
  }
}

/** The dimensions of an IDX file after checking its magic number, type and size. */
function parseHeader(bytes: Uint8Array, path: string, magic: number, what: string): { dims: number[]; offset: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) throw new ValueError(`${path}: truncated IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number.`);
  const found = view.getUint32(0, false);
  if (found !== magic) throw new ValueError(`Invalid magic number ${found} in MNIST ${what} file: ${path} (expected ${magic}).`);
  const ndims = magic & 0xff;
  const offset = 4 + 4 * ndims;
  if (bytes.length < offset) throw new ValueError(`${path}: truncated IDX file: ${bytes.length} bytes, shorter than its ${offset}-byte header.`);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - offset;
  if (actual !== expected) {
    const kind = actual < expected ? 'truncated IDX file' : 'IDX file longer than its header says';
    throw new ValueError(`${path}: ${kind}: the header says ${dims.join('×')} = ${expected} bytes of data, the file has ${actual}.`);
  }
  return { dims, offset };
}

/** An images file (magic 2051): count × rows × cols unsigned bytes. */
export function readIdxImages(path: string): IdxImages {
  const bytes = readBytes(path);
  const { dims: [count, rows, cols], offset } = parseHeader(bytes, path, IMAGES_MAGIC, 'image');
  return { path, count, rows, cols, pixels: bytes.subarray(offset) };
}

/** A labels file (magic 2049): one unsigned byte per example, each a class in 0..9. */
export function readIdxLabels(path: string): IdxLabels {
  const bytes = readBytes(path);
  const { dims: [count], offset } = parseHeader(bytes, path, LABELS_MAGIC, 'label');
  const labels = bytes.subarray(offset);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new ValueError(`${path}: label ${labels[bad]} at index ${bad} is not a class in 0..9.`);
  return { path, count, labels };
}

/** The images and labels of one split, checked to have as many of each. */
export function readIdxPair(imagesPath: string, labelsPath: string): { images: IdxImages; labels: IdxLabels } {
  const images = readIdxImages(imagesPath);
  const labels = readIdxLabels(labelsPath);
  if (images.count !== labels.count) {
    throw new ValueError(`${imagesPath} has ${images.count} images but ${labelsPath} has ${labels.count} labels: the two files are not of the same set.`);
  }
  return { images, labels };
}

/** A folder to look in, and how to name it in a message (`$TENSORSHELL_DATA/fashion-mnist`). */
export interface Candidate {
  dir: string;
  label: string;
}

/**
 * The four files of a set: in `explicitDir` when given (all four must be there), else in the first candidate
 * that has any of them (a folder with only some is an error: it names what is missing), else null.
 */
export function locateSet(title: string, explicitDir: string | undefined, candidates: readonly Candidate[]): { dir: string; paths: Record<IdxRole, string> } | null {
  if (explicitDir !== undefined && !existsSync(explicitDir)) throw new NotFoundError(`${title}: the folder ${explicitDir} does not exist.`);
  const list = explicitDir !== undefined ? [{ dir: explicitDir, label: explicitDir }] : candidates;
  for (const { dir, label } of list) {
    const { paths, missing } = findIdxSet(dir);
    if (paths !== null) return { dir, paths };
    if (explicitDir !== undefined || missing.length < Object.keys(IDX_FILES).length) {
      throw new NotFoundError(`${title}: ${label === dir ? dir : `${label} (${dir})`} lacks ${missing.join(', ')} (gzipped, or the same names without .gz).`);
    }
  }
  return null;
}
