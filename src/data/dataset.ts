// A DataSet as TF's tutorial `input_data` made one: images and labels, and `nextBatch` that walks them in a
// shuffled order, an epoch at a time. The order lives in a permutation of row indices (TF reorders the
// arrays themselves each epoch), so `images` and `labels` stay in file order and a batch is one gather.
import { inspect } from 'node:util';
import { ValueError } from '../errors.js';
import { declareClass, declareMethods } from '../ops/declare.js';
import { currentGlobalSeed } from '../ops/random.js';
import type { TypedArray } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';

/** Images still as the file's bytes (a loader's view, not copied): converted to float32 only when read. */
export class ImageBytes {
  constructor(readonly pixels: Uint8Array, readonly count: number, readonly width: number) {}
}

// TF's `images * (1.0 / 255.0)` on float32 images: the float32 product, bit for bit (255 gives exactly 1).
const SCALE = Math.fround(1 / 255);
const PIXEL = Float32Array.from({ length: 256 }, (_, i) => i * SCALE);

/** A seed for one split from a base seed (tf.setRandomSeed's, or the loader's `seed`): splitmix32's mix. */
export function mixSeed(base: number, salt: number): number {
  let h = (base ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a small, fast 32-bit generator, plenty for shuffling; values in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shape as Python prints it: `(4, 1)`, `(3,)`. */
const tuple = (shape: readonly number[]) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;

const rowSize = (shape: readonly number[]) => shape.slice(1).reduce((a, b) => a * b, 1);

/** Rows `indices` of `data` (rows of `size` elements), as a fresh array of the same kind. */
function gather(data: TypedArray, size: number, indices: Int32Array): TypedArray {
  const out = new (data.constructor as new (n: number) => TypedArray)(indices.length * size);
  for (let k = 0; k < indices.length; k++) out.set(data.subarray(indices[k] * size, (indices[k] + 1) * size), k * size);
  return out;
}

/** Rows `indices` of image bytes, scaled to [0, 1] float32 as they are copied. */
function gatherBytes(src: ImageBytes, indices: Int32Array): Float32Array {
  const w = src.width;
  const out = new Float32Array(indices.length * w);
  for (let k = 0; k < indices.length; k++) {
    const from = indices[k] * w;
    const to = k * w;
    for (let j = 0; j < w; j++) out[to + j] = PIXEL[src.pixels[from + j]];
  }
  return out;
}

export interface DataSetOptions {
  /** The shuffling seed; default: from tf.setRandomSeed's seed when one is set, else a fresh random one. */
  seed?: number;
}

class DataSetImpl {
  #images: NDArray | null;
  readonly #bytes: ImageBytes | null;
  readonly #labels: NDArray;
  readonly #count: number;
  readonly #random: () => number;
  #order: Int32Array;
  #index = 0;
  #epochs = 0;

  constructor(images: NDArray | ImageBytes, labels: NDArray, o: DataSetOptions = {}) {
    const count = images instanceof ImageBytes ? images.count : images instanceof NDArray ? images.shape[0] : undefined;
    if (count === undefined) throw new TypeError(`tf.datasets.DataSet() argument 'images' must be an NDArray of rank 1 or more, got ${inspect(images, { depth: 0 })}.`);
    if (!(labels instanceof NDArray) || labels.rank < 1) throw new TypeError(`tf.datasets.DataSet() argument 'labels' must be an NDArray of rank 1 or more, got ${inspect(labels, { depth: 0 })}.`);
    if (labels.shape[0] !== count) {
      const shape = images instanceof NDArray ? images.shape : [count, images.width];
      throw new ValueError(`images.shape: ${tuple(shape)} labels.shape: ${tuple(labels.shape)}: as many labels as images are needed.`);
    }
    this.#images = images instanceof NDArray ? images : null;
    this.#bytes = images instanceof ImageBytes ? images : null;
    this.#labels = labels;
    this.#count = count;
    const seed = o.seed ?? currentGlobalSeed() ?? Math.floor(Math.random() * 2 ** 32);
    this.#random = generator(seed);
    this.#order = Int32Array.from({ length: count }, (_, i) => i);
  }

  /** The images, one row per example (float32 pixel/255 for a loaded set: `[n, 784]`), in file order. */
  get images(): NDArray {
    if (this.#images === null) {
      const b = this.#bytes!;
      const data = new Float32Array(b.count * b.width);
      for (let i = 0; i < data.length; i++) data[i] = PIXEL[b.pixels[i]];
      this.#images = new NDArray(data, [b.count, b.width], 'float32');
    }
    return this.#images;
  }

  /** The labels: `[n]` int32 classes, or `[n, 10]` float32 one-hot rows. */
  get labels(): NDArray {
    return this.#labels;
  }

  get numExamples(): number {
    return this.#count;
  }

  /** How many times nextBatch has run out of examples and started a new epoch. */
  get epochsCompleted(): number {
    return this.#epochs;
  }

  #shuffle(): void {
    const order = this.#order;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  #rows(indices: Int32Array): [NDArray, NDArray] {
    const images = this.#bytes !== null
      ? new NDArray(gatherBytes(this.#bytes, indices), [indices.length, this.#bytes.width], 'float32')
      : new NDArray(gather(this.#images!.data, rowSize(this.#images!.shape), indices), [indices.length, ...this.#images!.shape.slice(1)], this.#images!.dtype);
    const l = this.#labels;
    return [images, new NDArray(gather(l.data, rowSize(l.shape), indices), [indices.length, ...l.shape.slice(1)], l.dtype)];
  }

  /** TF's DataSet.next_batch: shuffles before the first epoch; at an epoch's end, its rest and the next one's start. */
  nextBatch(batchSize: number, o: { shuffle?: boolean }): [NDArray, NDArray] {
    const n = this.#count;
    if (n === 0) throw new ValueError('DataSet.nextBatch(): this DataSet has no examples (a validationSize of 0 leaves validation empty).');
    if (batchSize < 1 || batchSize > n) throw new ValueError(`DataSet.nextBatch(): batchSize must be between 1 and ${n} (the number of examples), got ${batchSize}.`);
    const shuffle = o.shuffle ?? true;
    const start = this.#index;
    if (this.#epochs === 0 && start === 0 && shuffle) this.#shuffle();
    if (start + batchSize <= n) {
      this.#index += batchSize;
      return this.#rows(this.#order.subarray(start, this.#index));
    }
    this.#epochs++;
    const rest = this.#order.slice(start, n);
    if (shuffle) this.#shuffle();
    this.#index = batchSize - rest.length;
    const indices = new Int32Array(batchSize);
    indices.set(rest);
    indices.set(this.#order.subarray(0, this.#index), rest.length);
    return this.#rows(indices);
  }

  toString(): string {
    const images = this.#bytes !== null ? `float32 [${this.#count}, ${this.#bytes.width}]` : `${this.#images!.dtype} [${this.#images!.shape.join(', ')}]`;
    return `DataSet(numExamples=${this.#count}, images=${images}, labels=${this.#labels.dtype} [${this.#labels.shape.join(', ')}], epochsCompleted=${this.#epochs})`;
  }

  /** The REPL echoes a summary, not 43 million pixels. */
  [inspect.custom](): string {
    return this.toString();
  }
}

declareMethods(DataSetImpl, {
  nextBatch: ['DataSet.nextBatch(batchSize: int, { shuffle?: boolean }): [NDArray, NDArray]',
    "The next `batchSize` examples as [images, labels], TF's next_batch: shuffled each epoch (unless shuffle: false); an epoch's last batch is completed from the next epoch."],
});

/** Images and labels with TF's next_batch: `tf.datasets.DataSet(images, labels, { seed })`; callable with or without new. */
export const DataSet = declareClass('datasets.DataSet(images: NDArray, labels: NDArray, { seed?: int }): DataSet',
  "Images and labels (one row per example) with nextBatch(batchSize), as TF's input_data DataSet; `seed` fixes the shuffling (default: from tf.setRandomSeed).",
  DataSetImpl);
export type DataSet = DataSetImpl;
