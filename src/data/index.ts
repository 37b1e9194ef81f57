// tf.datasets: Fashion-MNIST and MNIST as TF's tutorial `input_data.read_data_sets` gave them — train,
// validation (the first `validationSize` training examples) and test DataSets. Nothing is ever downloaded:
// the files come from the `dir` option, $TENSORSHELL_DATA, Debian's dataset-fashion-mnist package, or (for
// Fashion-MNIST) the small real subset shipped in data/fashion-mnist-subset.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { warn } from '../engine/log.js';
import { NotFoundError, ValueError } from '../errors.js';
import { declare } from '../ops/declare.js';
import { currentGlobalSeed } from '../ops/random.js';
import { NDArray } from '../tensor/ndarray.js';
import { DataSet, ImageBytes, mixSeed } from './dataset.js';
import { IDX_FILES, locateSet, readIdxPair, type Candidate, type IdxImages } from './idx.js';

export { DataSet } from './dataset.js';

/** Fashion-MNIST's classes by label: `fashionMnistClasses[9]` is 'Ankle boot'. */
export const fashionMnistClasses: readonly string[] = Object.freeze([
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
]);

/** MNIST's classes by label: the digits '0' to '9'. */
export const mnistClasses: readonly string[] = Object.freeze(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export interface DatasetsOptions {
  /** A folder with the four IDX files; only it is searched. */
  dir?: string;
  /** Labels as `[n, 10]` float32 one-hot rows instead of `[n]` int32 classes. */
  oneHot?: boolean;
  /** How many training examples (the first ones) make the validation set: 5000 (10% of a smaller set). */
  validationSize?: number;
  /** Seeds the shuffling of nextBatch; default: tf.setRandomSeed's seed when set, else random. */
  seed?: number;
}

/** What the loaders return, as TF's `Datasets(train, validation, test)`, with the class names and the folder read. */
export interface Datasets {
  readonly train: DataSet;
  readonly validation: DataSet;
  readonly test: DataSet;
  readonly classNames: readonly string[];
  readonly source: string;
}

/** The shipped subset: 2000 training and 1000 test images of Fashion-MNIST (see its README). */
export const fashionMnistSubsetDir: string = fileURLToPath(new URL('../../data/fashion-mnist-subset/', import.meta.url)).replace(/\/$/, '');
const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';
const DEBIAN_PACKAGE = 'dataset-fashion-mnist';

// Where dpkg says the package put its files, asked once and only when the usual folder has none.
let dpkgDir: string | null | undefined;
function debianDir(): string | null {
  if (existsSync(join(DEBIAN_DIR, IDX_FILES.trainImages))) return DEBIAN_DIR;
  if (dpkgDir === undefined) {
    try {
      const out = execFileSync('dpkg', ['-L', DEBIAN_PACKAGE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 });
      const file = out.split('\n').find((line) => line.endsWith(`/${IDX_FILES.trainImages}`));
      dpkgDir = file !== undefined ? dirname(file) : null;
    } catch {
      dpkgDir = null;
    }
  }
  return dpkgDir;
}

interface SetInfo {
  title: string;
  what: string;
  subdir: string;
  classes: readonly string[];
}

const FASHION: SetInfo = { title: 'tf.datasets.fashionMnist()', what: 'Fashion-MNIST', subdir: 'fashion-mnist', classes: fashionMnistClasses };
const MNIST: SetInfo = { title: 'tf.datasets.mnist()', what: 'MNIST', subdir: 'mnist', classes: mnistClasses };

/** $TENSORSHELL_DATA/<subdir> before $TENSORSHELL_DATA, so one folder can hold both sets under their names. */
function envCandidates(set: SetInfo): Candidate[] {
  const env = process.env.TENSORSHELL_DATA;
  if (env === undefined || env === '') return [];
  return [{ dir: join(env, set.subdir), label: `$TENSORSHELL_DATA/${set.subdir}` }, { dir: env, label: '$TENSORSHELL_DATA' }];
}

const FILE_LIST = Object.values(IDX_FILES).join(', ');

function notFound(set: SetInfo, looked: readonly Candidate[]): NotFoundError {
  const where = looked.length > 0 ? `looked in ${looked.map((c) => c.label === c.dir ? c.dir : `${c.label} (${c.dir})`).join(', ')}`
    : 'no dir option was given and $TENSORSHELL_DATA is not set';
  return new NotFoundError(`${set.title}: no ${set.what} files found: ${where}. Nothing is downloaded: put ${FILE_LIST} ` +
    `(gzipped or not) in a folder and pass { dir: '/path/to/folder' }, or set TENSORSHELL_DATA to it (or to a folder holding it as ${set.subdir}/).`);
}

const SUBSET_NOTE = `${FASHION.title}: using the Fashion-MNIST subset shipped with tensorshell (2000 training, 1000 test images; ` +
  `validationSize defaults to 200, 10% of them). For the full 60000/10000 set: apt-get install ${DEBIAN_PACKAGE}, ` +
  'or set TENSORSHELL_DATA or the dir option to a folder with the four IDX files.';

/** The labels of one split: `[n]` int32, or `[n, 10]` float32 one-hot. */
function labelArray(labels: Uint8Array, oneHot: boolean): NDArray {
  if (!oneHot) return new NDArray(Int32Array.from(labels), [labels.length], 'int32');
  const rows = new Float32Array(labels.length * 10);
  for (let i = 0; i < labels.length; i++) rows[i * 10 + labels[i]] = 1;
  return new NDArray(rows, [labels.length, 10], 'float32');
}

function split(images: IdxImages, labels: Uint8Array, from: number, to: number, oneHot: boolean, seed: number | undefined): DataSet {
  const width = images.rows * images.cols;
  const bytes = new ImageBytes(images.pixels.subarray(from * width, to * width), to - from, width);
  return new DataSet(bytes, labelArray(labels.subarray(from, to), oneHot), { seed });
}

function load(set: SetInfo, candidates: () => Candidate[], o: DatasetsOptions): Datasets {
  const looked = o.dir === undefined ? candidates() : [];
  const found = locateSet(set.title, o.dir, looked);
  if (found === null) throw notFound(set, looked);
  const { dir, paths } = found;
  if (resolve(dir) === fashionMnistSubsetDir) warn(SUBSET_NOTE);
  const train = readIdxPair(paths.trainImages, paths.trainLabels);
  const n = train.images.count;
  const validationSize = o.validationSize ?? Math.min(5000, Math.floor(n / 10));
  if (validationSize < 0 || validationSize > n) throw new ValueError(`Validation size should be between 0 and ${n}. Received: ${validationSize}.`);
  const test = readIdxPair(paths.testImages, paths.testLabels);
  const [a, b] = [train.images, test.images];
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ValueError(`${a.path} has ${a.rows}×${a.cols} images but ${b.path} has ${b.rows}×${b.cols}: the files are not of the same set.`);
  }
  const base = o.seed ?? currentGlobalSeed();
  const seed = (salt: number) => (base === null ? undefined : mixSeed(base, salt));
  const oneHot = o.oneHot ?? false;
  return Object.freeze({
    train: split(train.images, train.labels.labels, validationSize, n, oneHot, seed(1)),
    validation: split(train.images, train.labels.labels, 0, validationSize, oneHot, seed(2)),
    test: split(test.images, test.labels.labels, 0, test.images.count, oneHot, seed(3)),
    classNames: set.classes,
    source: dir,
  });
}

type Loader = (options?: DatasetsOptions) => Datasets;

export const fashionMnist: Loader = declare(
  'datasets.fashionMnist({ dir?: string, oneHot?: boolean, validationSize?: int, seed?: int }): Datasets',
  "Fashion-MNIST as TF's input_data.read_data_sets: { train, validation, test } DataSets of [n, 784] float32 images and [n] int32 labels (oneHot: [n, 10]). " +
  'Files from `dir`, $TENSORSHELL_DATA, the dataset-fashion-mnist package, else the shipped 2000/1000 subset; never downloaded.',
  (o: DatasetsOptions) => load(FASHION, () => {
    const debian = debianDir();
    const system = debian !== null ? [{ dir: debian, label: debian }] : [];
    return [...envCandidates(FASHION), ...system, { dir: fashionMnistSubsetDir, label: fashionMnistSubsetDir }];
  }, o));

export const mnist: Loader = declare(
  'datasets.mnist({ dir?: string, oneHot?: boolean, validationSize?: int, seed?: int }): Datasets',
  "MNIST from the original IDX files, as TF's input_data.read_data_sets: from `dir` or $TENSORSHELL_DATA (or its mnist/); never downloaded, none shipped.",
  (o: DatasetsOptions) => load(MNIST, () => envCandidates(MNIST), o));
