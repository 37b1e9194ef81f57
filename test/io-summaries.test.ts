// Summaries as TensorFlow serializes them (issue 15 item 1): each summary op's value is the Summary proto's
// bytes — compared with bytes TF 2.21's own kernels produced (fixtures/tf/summaries.json, generate.py) —
// with TF 1.15's op structure, tags and errors.
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { decode } from '../src/io/proto.js';
import { StringNDArray } from '../src/tensor/string-array.js';
import { caught, setMode } from './helpers.js';

// Python's json writes NaN as a bare word.
const tfOut = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/tf/summaries.json'), 'utf8').replace(/\bNaN\b/g, '"NaN"'), (_k, v) => (v === 'NaN' ? NaN : v));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

afterEach(() => setMode('graph'));

function run(t: tf.Tensor): Uint8Array {
  const v = tf.Session().run(t) as StringNDArray;
  expect(v).toBeInstanceOf(StringNDArray);
  return v.item();
}

/** The pixels of a PNG our encoder wrote (8-bit, filter 0 rows), decoded by hand: an independent check. */
function pngPixels(png: Uint8Array): { width: number; height: number; channels: number; pixels: number[] } {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const channels = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[b[25]];
  const idat: Buffer[] = [];
  for (let off = 8; off < b.length;) {
    const len = b.readUInt32BE(off);
    if (b.toString('latin1', off + 4, off + 8) === 'IDAT') idat.push(b.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (width * channels + 1), (y + 1) * (width * channels + 1));
    expect(row[0]).toBe(0);
    pixels.push(...row.subarray(1));
  }
  return { width, height, channels, pixels };
}

describe('summary ops', () => {
  it('scalar: op `loss` after its tag Const `loss/tags`; its value is the Summary bytes TF gives, byte for byte', () => {
    setMode('graph');
    const s = tf.summary.scalar('loss', tf.constant(1.5));
    expect(tf.getDefaultGraph().getOperations().map((o) => `${o.name}:${o.type}`)).toEqual(['Const:Const', 'loss/tags:Const', 'loss:ScalarSummary']);
    expect([s.repr(), String(s)]).toEqual(["<tf.Tensor 'loss:0' shape=() dtype=string>", 'Tensor("loss:0", shape=(), dtype=string)']);
    // 0a 0b | 0a 04 "loss" | 15 <1.5f>: one Value, tag then simple_value (hand-derived, and TF's bytes)
    expect(hex(run(s))).toBe('0a0b0a046c6f7373150000c03f');
    expect(hex(run(s))).toBe(tfOut.bytes.scalar);
  });

  it("histogram: TF's exponential buckets, empty runs merged, min/max/sum exact (TF's bytes); NaN/Inf name the tag", () => {
    setMode('graph');
    const h = tf.summary.histogram('weights', tf.constant(tfOut.histValues));
    const e = tf.summary.histogram('empty', tf.zeros([0]));
    expect(hex(run(h))).toBe(tfOut.bytes.histogram);
    expect(hex(run(e))).toBe(tfOut.bytes.empty);
    const histo = (decode('tensorflow.Summary', run(h)) as any).value[0].histo;
    expect([histo.min, histo.max, histo.num, histo.sum]).toEqual([-3, 5.5, 8, 10.7500000000001]);
    const bad = tf.summary.histogram('w2', tf.constant([1, NaN]));
    expect(caught(() => run(bad)).message).toBe('Nan in summary histogram for: w2\n\t [[{{node w2}}]]');
    const inf = tf.summary.histogram('w3', tf.constant([Infinity]));
    expect(caught(() => run(inf))).toBeInstanceOf(tf.InvalidArgumentError);
    expect(caught(() => run(inf)).message).toBe('Infinity in summary histogram for: w3\n\t [[{{node w3}}]]');
  });

  it('image: PNGs with the pixels TF encodes (scaled by 255/max, or 127/max|x| around 128, NaN in bad_color); tags by maxOutputs', () => {
    setMode('graph');
    const i = tf.summary.image('img', tf.constant(tfOut.image), { maxOutputs: 2 });
    const c = tf.summary.image('rgb', tf.constant(tfOut.rgb), 1);
    expect(i.op.getAttr('max_images')).toBe(2);
    const ours = (t: tf.Tensor) => (decode('tensorflow.Summary', run(t)) as any).value.map((v: any) => {
      const p = pngPixels(v.image.encoded_image_string);
      expect([p.width, p.height, p.channels]).toEqual([v.image.width, v.image.height, v.image.colorspace]);
      return { tag: v.tag, height: v.image.height, width: v.image.width, colorspace: v.image.colorspace, pixels: p.pixels };
    });
    expect(ours(i)).toEqual(tfOut.imagePixels);
    expect(ours(c)).toEqual(tfOut.rgbPixels);
    expect(String(i.op.nodeDef)).toContain('dtype: DT_UINT8');
    expect(caught(() => tf.summary.image('bad', tf.zeros([2, 3, 3, 2]))).message).toBe("Tensor must be 4-D with last dim 1, 3, or 4, not [2,3,3,2] for 'bad' (op: 'ImageSummary') with input shapes: [], [2,3,3,2].");
    expect(caught(() => tf.summary.image('bad', tf.zeros([1, 2, 2, 1]), 0)).message).toBe('maxOutputs must be a positive integer, got 0');
  });

  it('merge / mergeAll: one Merge/MergeSummary of the collection; its bytes are the union (TF\'s); a repeated tag is an error', () => {
    setMode('graph');
    const s = tf.summary.scalar('loss', tf.constant(1.5));
    const h = tf.summary.histogram('weights', tf.constant(tfOut.histValues));
    const m = tf.summary.merge([s, h]);
    expect(m.op.name).toBe('Merge/MergeSummary');
    expect(hex(run(m))).toBe(tfOut.bytes.merged);
    const all = tf.summary.mergeAll()!;
    expect([all.op.name, all.op.inputs.map((t) => t.op.name)]).toEqual(['Merge_1/MergeSummary', ['loss', 'weights']]);
    const dup = tf.summary.merge([s, s]);
    expect(caught(() => run(dup)).message).toBe('Duplicate tag loss found in summary inputs\n\t [[{{node Merge_2/MergeSummary}}]]');
    expect(caught(() => tf.summary.merge([tf.constant(1)])).message).toMatch(/MergeSummary/);
  });

  it('family and collections as TF: tag `fam/name`, op in scope `fam/name`; mergeAll(key) finds its own collection', () => {
    setMode('graph');
    const a = tf.summary.scalar('acc', tf.constant(0.5), { family: 'train' });
    const b = tf.summary.scalar('acc', tf.constant(0.25), ['mine']);
    const bad = tf.summary.scalar('a b:c', tf.constant(1));
    expect(a.op.name).toBe('train/acc');
    expect((decode('tensorflow.Summary', run(a)) as any).value[0].tag).toBe('train/train/acc');
    expect(bad.op.name).toBe('a_b_c');
    expect(tf.summary.mergeAll('mine')!.op.inputs.map((t) => t.op.name)).toEqual(['acc']);
    expect(tf.summary.mergeAll()!.op.inputs.map((t) => t.op.name)).toEqual(['train/acc', 'a_b_c']);
    expect(tf.summary.mergeAll('nothing')).toBeNull();
    void b;
  });

  it('eager mode: a summary is an eager string tensor of the same bytes; merging is refused as TF does', () => {
    setMode('eager');
    const s = tf.summary.scalar('loss', tf.constant(1.5));
    expect(hex((s.numpy() as StringNDArray).item())).toBe(tfOut.bytes.scalar);
    expect(String(s)).toMatch(/^tf\.Tensor\(b'\\n\\x0b\\n\\x04loss\\x15\\x00\\x00\\xc0\?', shape=\(\), dtype=string\)$/);
    expect(caught(() => tf.summary.mergeAll()).message).toBe('Merging tf.summary.* ops is not compatible with eager execution. Use tf.contrib.summary instead.');
  });

  it('a summary tensor cannot feed arithmetic: TF\'s dtype error', () => {
    setMode('graph');
    const s = tf.summary.scalar('loss', tf.constant(1.5));
    expect(caught(() => tf.add(s, 1)).message).toMatch(/DataType string not in list of allowed values/);
  });
});
