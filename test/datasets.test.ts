// tf.datasets: IDX parsing and its errors on small files written here, TF input_data's next_batch semantics,
// the validation split, the shipped Fashion-MNIST subset, and the full set where Debian's package is installed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { locateSet } from '../src/data/idx.js';
import { guardedTf } from '../src/kernel/tf-proxy.js';
import { caught } from './helpers.js';

const FULL = '/usr/share/datasets/fashion-mnist';
const temp = mkdtempSync(join(tmpdir(), 'tensorshell-datasets-'));
// The folder a developer may have set is not one these tests expect.
const savedData = process.env.TENSORSHELL_DATA;
delete process.env.TENSORSHELL_DATA;
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
  if (savedData !== undefined) process.env.TENSORSHELL_DATA = savedData;
});
afterEach(() => {
  delete process.env.TENSORSHELL_DATA;
  tf.resetRandomState();
});

/** An IDX file: magic, big-endian dims, bytes. */
function idx(magic: number, dims: number[], data: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(4 + 4 * dims.length + data.length);
  out.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => out.writeUInt32BE(d, 4 + 4 * i));
  out.set(Uint8Array.from(data), 4 + 4 * dims.length);
  return out;
}

// Example i of a split has pixels [i, 255 - i, 0, 255] (2×2) and label i % 10: a batch says which rows it holds.
const pixels = (n: number) => Array.from({ length: n }, (_, i) => [i, 255 - i, 0, 255]).flat();
const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 10);

let dirs = 0;
/** A folder with a 2×2-pixel set of `train` and `test` examples, gzipped or not. */
function writeSet({ train = 30, test = 12, gz = true, at }: { train?: number; test?: number; gz?: boolean; at?: string } = {}): string {
  const dir = at ?? join(temp, `set${dirs++}`);
  mkdirSync(dir, { recursive: true });
  const put = (name: string, bytes: Buffer) => writeFileSync(join(dir, gz ? name : name.replace(/\.gz$/, '')), gz ? gzipSync(bytes) : bytes);
  put('train-images-idx3-ubyte.gz', idx(2051, [train, 2, 2], pixels(train)));
  put('train-labels-idx1-ubyte.gz', idx(2049, [train], labels(train)));
  put('t10k-images-idx3-ubyte.gz', idx(2051, [test, 2, 2], pixels(test)));
  put('t10k-labels-idx1-ubyte.gz', idx(2049, [test], labels(test)));
  return dir;
}

/** The example index of each row of a batch (pixel 0 holds it). */
const rowsOf = (images: tf.NDArray) => Array.from({ length: images.shape[0] }, (_, r) => Math.round(images.data[r * images.shape[1]] * 255));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('IDX files', () => {
  it.each([true, false])('load gzipped and raw (gz=%s): pixel * float32(1/255), int32 labels, the validation split first', (gz) => {
    const sets = tf.datasets.mnist({ dir: writeSet({ gz }) });
    expect([sets.train.numExamples, sets.validation.numExamples, sets.test.numExamples]).toEqual([27, 3, 12]);
    expect(sets.train.images.shape).toEqual([27, 4]);
    expect(sets.train.images.dtype).toBe('float32');
    // Validation is the first 3 training examples, train the rest, both in file order.
    expect(rowsOf(sets.validation.images)).toEqual([0, 1, 2]);
    expect(rowsOf(sets.train.images)).toEqual(range(27).map((i) => i + 3));
    expect(Array.from(sets.train.images.data.slice(0, 4))).toEqual([3, 252, 0, 255].map((p) => Math.fround(p * Math.fround(1 / 255))));
    expect(sets.train.images.data[3]).toBe(1);
    expect(sets.train.labels.dtype).toBe('int32');
    expect(Array.from(sets.train.labels.data)).toEqual(range(27).map((i) => (i + 3) % 10));
    expect(sets.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('oneHot gives [n, 10] float32 rows with a single 1 at the label', () => {
    const { test } = tf.datasets.mnist({ dir: writeSet(), oneHot: true });
    expect(test.labels.shape).toEqual([12, 10]);
    expect(test.labels.dtype).toBe('float32');
    const rows = test.labels.toArray() as number[][];
    rows.forEach((row, i) => expect(row).toEqual(range(10).map((c) => (c === i % 10 ? 1 : 0))));
    const [, batch] = test.nextBatch(5);
    expect(batch.shape).toEqual([5, 10]);
  });

  it("refuse a validationSize outside [0, n] with TF's ValueError; 0 and n leave one split empty", () => {
    const dir = writeSet();
    for (const v of [-1, 31]) {
      const e = caught(() => tf.datasets.mnist({ dir, validationSize: v }));
      expect(e).toBeInstanceOf(tf.ValueError);
      expect(e.message).toBe(`Validation size should be between 0 and 30. Received: ${v}.`);
    }
    const none = tf.datasets.mnist({ dir, validationSize: 0 });
    expect([none.train.numExamples, none.validation.numExamples]).toEqual([30, 0]);
    expect(caught(() => none.validation.nextBatch(1)).message).toContain('has no examples');
    expect(tf.datasets.mnist({ dir, validationSize: 30 }).train.numExamples).toBe(0);
  });

  it('name the file in each error', () => {
    const dir = writeSet();
    const file = (name: string) => join(dir, name);
    const images = readFileSync(file('train-images-idx3-ubyte.gz'));
    const fails = (expected: new (...a: never[]) => Error, text: string) => {
      const e = caught(() => tf.datasets.mnist({ dir }));
      expect(e).toBeInstanceOf(expected);
      expect(e.message).toContain(text);
      return e;
    };
    expect(caught(() => tf.datasets.mnist({ dir: join(dir, 'nope') })).message).toBe(`tf.datasets.mnist(): the folder ${join(dir, 'nope')} does not exist.`);
    rmSync(file('t10k-labels-idx1-ubyte.gz'));
    fails(tf.NotFoundError, `tf.datasets.mnist(): ${dir} lacks t10k-labels-idx1-ubyte.gz`);
    writeFileSync(file('t10k-labels-idx1-ubyte.gz'), gzipSync(idx(2049, [12], labels(11).concat([10]))));
    fails(tf.ValueError, `${file('t10k-labels-idx1-ubyte.gz')}: label 10 at index 11 is not a class in 0..9.`);
    writeFileSync(file('t10k-labels-idx1-ubyte.gz'), gzipSync(idx(2049, [11], labels(11))));
    fails(tf.ValueError, `${file('t10k-images-idx3-ubyte.gz')} has 12 images but ${file('t10k-labels-idx1-ubyte.gz')} has 11 labels`);
    writeFileSync(file('train-images-idx3-ubyte.gz'), gzipSync(idx(2049, [30], labels(30))));
    fails(tf.ValueError, `Invalid magic number 2049 in MNIST image file: ${file('train-images-idx3-ubyte.gz')} (expected 2051).`);
    writeFileSync(file('train-images-idx3-ubyte.gz'), gzipSync(idx(2051, [30, 2, 2], pixels(30)).subarray(0, 100)));
    fails(tf.ValueError, `${file('train-images-idx3-ubyte.gz')}: truncated IDX file: the header says 30×2×2 = 120 bytes of data, the file has 84.`);
    writeFileSync(file('train-images-idx3-ubyte.gz'), idx(2051, [30, 2, 2], pixels(30)));
    fails(tf.ValueError, `${file('train-images-idx3-ubyte.gz')} is not a gzip file`);
    writeFileSync(file('train-images-idx3-ubyte.gz'), images.subarray(0, images.length - 10));
    fails(tf.ValueError, `${file('train-images-idx3-ubyte.gz')}: the gzip data is corrupt or truncated`);
  });

  it('MNIST: no files is a NotFoundError that says where it looked and how to get them', () => {
    const e = caught(() => tf.datasets.mnist());
    expect(e).toBeInstanceOf(tf.NotFoundError);
    expect(e.message).toContain('tf.datasets.mnist(): no MNIST files found: no dir option was given and $TENSORSHELL_DATA is not set. Nothing is downloaded');
    expect(e.message).toContain("pass { dir: '/path/to/folder' }, or set TENSORSHELL_DATA");
    process.env.TENSORSHELL_DATA = temp;
    expect(caught(() => tf.datasets.mnist()).message).toContain(`looked in $TENSORSHELL_DATA/mnist (${join(temp, 'mnist')}), $TENSORSHELL_DATA (${temp}).`);
  });

  it('$TENSORSHELL_DATA/<set>/ before $TENSORSHELL_DATA itself; a folder with some of the files names the rest', () => {
    const root = join(temp, 'env');
    writeSet({ at: join(root, 'mnist'), train: 20 });
    writeSet({ at: join(root, 'fashion-mnist'), train: 40 });
    writeSet({ at: root, train: 10 });
    process.env.TENSORSHELL_DATA = root;
    expect(tf.datasets.mnist().source).toBe(join(root, 'mnist'));
    expect(tf.datasets.fashionMnist().train.numExamples).toBe(36);
    rmSync(join(root, 'mnist'), { recursive: true });
    expect(tf.datasets.mnist({ validationSize: 0 }).train.numExamples).toBe(10);
    rmSync(join(root, 'train-labels-idx1-ubyte.gz'));
    const e = caught(() => tf.datasets.mnist());
    expect(e).toBeInstanceOf(tf.NotFoundError);
    expect(e.message).toBe(`tf.datasets.mnist(): $TENSORSHELL_DATA (${root}) lacks train-labels-idx1-ubyte.gz (gzipped, or the same names without .gz).`);
  });

  it('Fashion-MNIST falls back to the shipped subset when no other folder has the files', () => {
    const found = locateSet('t', undefined, [{ dir: join(temp, 'absent'), label: 'absent' }, { dir: tf.datasets.fashionMnistSubsetDir, label: 'subset' }]);
    expect(found?.dir).toBe(tf.datasets.fashionMnistSubsetDir);
    expect(locateSet('t', undefined, [{ dir: join(temp, 'absent'), label: 'absent' }])).toBeNull();
  });
});

describe('DataSet.nextBatch (TF input_data next_batch)', () => {
  // Row i holds i; its label is 100 + i, so each batch can be checked for rows and labels together.
  const make = (n: number, seed?: number) => tf.datasets.DataSet(
    tf.NDArray(Float32Array.from(range(n)), [n, 1], 'float32'), tf.NDArray(Int32Array.from(range(n).map((i) => 100 + i)), [n], 'int32'), { seed });
  const take = (ds: tf.datasets.DataSet, b: number) => {
    const [x, y] = ds.nextBatch(b);
    const rows = Array.from(x.data);
    expect(Array.from(y.data)).toEqual(rows.map((i) => 100 + i));
    return rows;
  };

  it('shuffles before the first epoch and gives every example once per epoch', () => {
    const ds = make(10, 1);
    const epoch = [...take(ds, 5), ...take(ds, 5)];
    expect(sorted(epoch)).toEqual(range(10));
    expect(epoch).not.toEqual(range(10));
    // As in TF, the epoch counts as completed when the next batch finds it used up.
    expect(ds.epochsCompleted).toBe(0);
    const next = [...take(ds, 5), ...take(ds, 5)];
    expect(ds.epochsCompleted).toBe(1);
    expect(sorted(next)).toEqual(range(10));
    expect(next).not.toEqual(epoch);
  });

  it("at an epoch's end: the rest of it, then the start of a freshly shuffled next one", () => {
    const ds = make(10, 2);
    const first = [...take(ds, 4), ...take(ds, 4)];
    const boundary = take(ds, 4);
    expect(ds.epochsCompleted).toBe(1);
    expect(sorted([...first, ...boundary.slice(0, 2)])).toEqual(range(10));
    const second = [...boundary.slice(2), ...take(ds, 4), ...take(ds, 4)];
    expect(sorted(second)).toEqual(range(10));
    expect(ds.epochsCompleted).toBe(1);
    const plain = make(10);
    expect([0, 1, 2].map(() => Array.from(plain.nextBatch(4, { shuffle: false })[0].data))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, 1]]);
  });

  it('is reproducible under tf.setRandomSeed (and the seed option), different without', () => {
    const dir = writeSet({ train: 60 });
    const order = (o: { seed?: number } = {}) => rowsOf(tf.datasets.mnist({ dir, ...o }).train.nextBatch(20)[0]);
    tf.setRandomSeed(7);
    const a = order();
    expect(order()).toEqual(a);
    tf.setRandomSeed(8);
    expect(order()).not.toEqual(a);
    tf.resetRandomState();
    expect(order()).not.toEqual(order());
    expect(order({ seed: 3 })).toEqual(order({ seed: 3 }));
    tf.setRandomSeed(7);
    expect(take(make(10), 10)).toEqual(take(make(10), 10));
  });

  it('refuses a batch size it cannot give, an unknown option, and a labels array of another length', () => {
    const ds = make(10, 1);
    expect(caught(() => ds.nextBatch(11)).message).toBe('DataSet.nextBatch(): batchSize must be between 1 and 10 (the number of examples), got 11.');
    expect(caught(() => ds.nextBatch(0))).toBeInstanceOf(tf.ValueError);
    expect(caught(() => ds.nextBatch(2.5)).message).toBe("Expected int32, got 2.5 of type 'float' instead.");
    expect(caught(() => ds.nextBatch(2, { shufle: false } as never)).message).toContain("DataSet.nextBatch() got an unexpected keyword argument 'shufle'");
    const e = caught(() => tf.datasets.fashionMnist({ one_hot: true } as never));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toContain("tf.datasets.fashionMnist() got an unexpected keyword argument 'one_hot'. Did you mean 'oneHot'?");
    expect(caught(() => tf.datasets.DataSet(tf.NDArray(new Float32Array(4), [4, 1], 'float32'), tf.NDArray(new Int32Array(3), [3], 'int32'))).message)
      .toBe('images.shape: (4, 1) labels.shape: (3,): as many labels as images are needed.');
  });

  it('echoes a summary, keeps its properties read-only, and has help', () => {
    const ds = make(10, 1);
    expect(inspect(ds)).toBe('DataSet(numExamples=10, images=float32 [10, 1], labels=int32 [10], epochsCompleted=0)');
    expect(() => { (ds as unknown as { numExamples: number }).numExamples = 3; }).toThrow(TypeError);
    expect(tf.datasets.DataSet.prototype.nextBatch).toBe(ds.nextBatch);
    expect(() => (guardedTf.datasets as unknown as Record<string, unknown>).fashion_mnist).toThrow('tensorshell spells it tf.datasets.fashionMnist');
  });
});

describe('Fashion-MNIST', () => {
  it('the shipped subset: 2000 training (200 validation by default) and 1000 test images, with a note', () => {
    const notes: string[] = [];
    const off = tf.onWarning((m) => notes.push(m));
    const sets = tf.datasets.fashionMnist({ dir: tf.datasets.fashionMnistSubsetDir });
    expect([sets.train.numExamples, sets.validation.numExamples, sets.test.numExamples]).toEqual([1800, 200, 1000]);
    expect(notes).toEqual([expect.stringContaining('apt-get install dataset-fashion-mnist')]);
    expect(notes[0]).toContain('validationSize defaults to 200');
    expect(sets.train.images.shape).toEqual([1800, 784]);
    for (const s of [sets.train, sets.validation, sets.test]) expect(new Set(s.labels.data)).toEqual(new Set(range(10)));
    expect(sets.classNames).toBe(tf.datasets.fashionMnistClasses);
    expect(sets.classNames[9]).toBe('Ankle boot');
    expect(tf.datasets.fashionMnist({ dir: tf.datasets.fashionMnistSubsetDir, validationSize: 2000 }).train.numExamples).toBe(0);
    off();
    expect(existsSync(join(tf.datasets.fashionMnistSubsetDir, 'LICENSE'))).toBe(true);
  });

  it('a copy of the subset elsewhere loads the same, without the note', () => {
    const dir = join(temp, 'copy');
    cpSync(tf.datasets.fashionMnistSubsetDir, dir, { recursive: true });
    const notes: string[] = [];
    const off = tf.onWarning((m) => notes.push(m));
    expect(tf.datasets.fashionMnist({ dir }).test.numExamples).toBe(1000);
    off();
    expect(notes).toEqual([]);
  });

  // Only where Debian's dataset-fashion-mnist is installed (`apt-get install dataset-fashion-mnist`).
  it.skipIf(!existsSync(FULL))('the full set from /usr/share/datasets/fashion-mnist: 55000 / 5000 / 10000', () => {
    const sets = tf.datasets.fashionMnist();
    expect(sets.source).toBe(FULL);
    expect([sets.train.numExamples, sets.validation.numExamples, sets.test.numExamples]).toEqual([55000, 5000, 10000]);
    const [x, y] = sets.train.nextBatch(100);
    expect(x.shape).toEqual([100, 784]);
    expect(y.shape).toEqual([100]);
    expect(Math.max(...x.data)).toBeLessThanOrEqual(1);
  });
});
