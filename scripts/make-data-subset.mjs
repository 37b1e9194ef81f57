#!/usr/bin/env node
// Builds data/fashion-mnist-subset/ (shipped with the package, the fallback of tf.datasets.fashionMnist())
// from Debian's dataset-fashion-mnist files: the first 2000 training and the first 1000 test examples, as
// gzipped IDX files with their headers' counts rewritten, plus the data set's licence and a README.
// Usage: node scripts/make-data-subset.mjs [sourceDir]   (default /usr/share/datasets/fashion-mnist)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const source = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'fashion-mnist-subset');
const COPYRIGHT = '/usr/share/doc/dataset-fashion-mnist/copyright';
const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const SPLITS = [
  { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz', count: 2000 },
  { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', count: 1000 },
];

/** The first `count` items of an IDX file, with the header's first dimension set to `count`. */
function head(name, magic, count) {
  const bytes = gunzipSync(readFileSync(join(source, name)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${name}: magic ${view.getUint32(0)}, expected ${magic}`);
  const ndims = magic & 0xff;
  const header = 4 + 4 * ndims;
  let item = 1;
  for (let i = 1; i < ndims; i++) item *= view.getUint32(4 + 4 * i);
  if (view.getUint32(4) < count) throw new Error(`${name} has only ${view.getUint32(4)} items`);
  const result = Buffer.from(bytes.subarray(0, header + count * item));
  new DataView(result.buffer, result.byteOffset).setUint32(4, count);
  return result;
}

mkdirSync(out, { recursive: true });
const balance = [];
for (const split of SPLITS) {
  const images = head(split.images, 2051, split.count);
  const labels = head(split.labels, 2049, split.count);
  // gzip's header holds no name or time here, so the same input gives the same bytes.
  writeFileSync(join(out, split.images), gzipSync(images, { level: 9 }));
  writeFileSync(join(out, split.labels), gzipSync(labels, { level: 9 }));
  const counts = new Array(10).fill(0);
  for (const l of labels.subarray(8)) counts[l]++;
  balance.push(`${split.images.startsWith('train') ? 'train' : 'test'} (${split.count}): ${counts.map((c, i) => `${i} ${CLASSES[i]} ${c}`).join(', ')}`);
}

const licence = readFileSync(COPYRIGHT, 'utf8');
writeFileSync(join(out, 'LICENSE'), `The Fashion-MNIST data set (these files are a subset of it), copyright 2017 Zalando SE,
is distributed under the MIT (Expat) licence below. This is Debian's copyright file for the
dataset-fashion-mnist package, copied as it is from ${COPYRIGHT}.

${licence}`);

writeFileSync(join(out, 'README.md'), `# Fashion-MNIST subset

A small real subset of Fashion-MNIST (https://github.com/zalandoresearch/fashion-mnist), shipped so that
\`tf.datasets.fashionMnist()\` works on a machine without the full set: the **first 2000 training** and the
**first 1000 test** images and labels, in the original IDX format (gzipped), cut from Debian's
\`dataset-fashion-mnist\` package (\`/usr/share/datasets/fashion-mnist\`) by \`scripts/make-data-subset.mjs\`.
Copyright 2017 Zalando SE, MIT licence: see LICENSE.

Labels per class (the slice is not stratified; this is what the first examples hold):

${balance.map((b) => `- ${b}`).join('\n')}

For the full 60000/10000 set: \`apt-get install dataset-fashion-mnist\`, or set \`TENSORSHELL_DATA\` (or the
\`dir\` option) to a folder with the four files.
`);

for (const b of balance) console.log(b);
console.log(`wrote ${out}`);
