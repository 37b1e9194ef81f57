// tf.summary.FileWriter (issue 15 item 2): the event file is re-read here by an independent TFRecord and
// Event reader (its own bitwise CRC-32C and wire-format walk) that checks every length and data CRC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { GraphDef } from '../src/io/graph-def.js';
import { caught, setMode } from './helpers.js';

afterEach(() => setMode('graph'));

function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
const masked = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;

/** Every record of a TFRecord file, each length and data CRC checked; throws on any mismatch or leftover. */
function records(file: string): Uint8Array[] {
  const b = fs.readFileSync(file);
  const out: Uint8Array[] = [];
  let off = 0;
  while (off < b.length) {
    const len = Number(b.readBigUInt64LE(off));
    if (b.readUInt32LE(off + 8) !== masked(crc32cBitwise(b.subarray(off, off + 8)))) throw new Error(`length crc at ${off}`);
    const data = b.subarray(off + 12, off + 12 + len);
    if (data.length !== len || b.readUInt32LE(off + 12 + len) !== masked(crc32cBitwise(data))) throw new Error(`data crc at ${off}`);
    out.push(new Uint8Array(data));
    off += 16 + len;
  }
  return out;
}

interface Ev { wallTime?: number; step?: number; fileVersion?: string; graphDef?: Uint8Array; summary?: Uint8Array }

/** Event's fields 1–5 by hand: wall_time (double), step (varint), file_version, graph_def, summary. */
function event(bytes: Uint8Array): Ev {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ev: Ev = {};
  let i = 0;
  const varint = () => {
    let x = 0;
    let shift = 1;
    for (;;) {
      const c = bytes[i++];
      x += (c & 0x7f) * shift;
      shift *= 128;
      if (c < 0x80) return x;
    }
  };
  while (i < bytes.length) {
    const key = varint();
    const field = key >>> 3;
    if (field === 1) { ev.wallTime = v.getFloat64(i, true); i += 8; } else if (field === 2) ev.step = varint();
    else {
      const len = varint();
      const body = bytes.subarray(i, i + len);
      i += len;
      if (field === 3) ev.fileVersion = new TextDecoder().decode(body);
      else if (field === 4) ev.graphDef = body;
      else if (field === 5) ev.summary = body;
      else throw new Error(`unexpected field ${field}`);
    }
  }
  return ev;
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ts-events-'));

describe('tf.summary.FileWriter', () => {
  it('writes events.out.tfevents.<seconds>.<host>: version first, then the graph, then summaries with steps', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [], { name: 'x' });
    const loss = tf.square(x, { name: 'sq' });
    tf.summary.scalar('loss', loss);
    const merged = tf.summary.mergeAll()!;
    const sess = tf.Session();
    const logdir = path.join(tmp(), 'run1');
    const before = Date.now() / 1000;
    const writer = tf.summary.FileWriter(logdir, sess.graph);
    for (let step = 0; step < 3; step++) writer.addSummary(sess.run(merged, { [x.name]: step }), step);
    writer.close();
    const files = fs.readdirSync(logdir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^events\\.out\\.tfevents\\.\\d{10}\\.${os.hostname().replace(/[.]/g, '\\.')}$`));
    const evs = records(path.join(logdir, files[0])).map(event);
    // step 0 is proto3's default, so it is not on the wire (TF writes it the same way)
    expect(evs.map((e) => Object.keys(e).sort().join())).toEqual(['fileVersion,wallTime', 'graphDef,wallTime', 'summary,wallTime', 'step,summary,wallTime', 'step,summary,wallTime']);
    expect(evs[0].fileVersion).toBe('brain.Event:2');
    for (const e of evs) expect(e.wallTime!).toBeGreaterThanOrEqual(Math.floor(before));
    expect(evs.slice(2).map((e) => e.step)).toEqual([undefined, 1, 2]);
    const graph = GraphDef.parse(evs[1].graphDef!);
    expect(graph.node.map((n) => n.name)).toEqual(sess.graph.getOperations().map((o) => o.name));
    expect(String(graph)).toContain('key: "_output_shapes"');
    // each summary event carries exactly the bytes the op gave (0a 0b 0a 04 loss 15 <float>)
    expect(Buffer.from(evs[4].summary!).toString('hex')).toBe('0a0b0a046c6f737315' + Buffer.from(new Float32Array([4]).buffer).toString('hex'));
  });

  it('queues events until flush/close or maxQueue; a closed writer refuses, reopen appends', () => {
    setMode('graph');
    const s = tf.summary.scalar('v', tf.constant(1.0));
    const bytes = tf.Session().run(s);
    const logdir = tmp();
    const writer = tf.summary.FileWriter(logdir, { maxQueue: 3 });
    const file = path.join(logdir, fs.readdirSync(logdir)[0]);
    expect(records(file)).toHaveLength(1);
    writer.addSummary(bytes, 1);
    writer.addSummary(bytes, 2);
    expect(records(file)).toHaveLength(1);
    writer.addSummary(bytes, 3);
    expect(records(file)).toHaveLength(4);
    writer.addSummary(bytes, 4);
    writer.flush();
    expect(records(file)).toHaveLength(5);
    writer.close();
    expect(caught(() => writer.addSummary(bytes, 5))).toBeInstanceOf(tf.RuntimeError);
    writer.reopen();
    writer.addSummary(bytes, 6);
    writer.close();
    expect(records(file).map(event).map((e) => e.step)).toEqual([undefined, 1, 2, 3, 4, 6]);
  });

  it('refuses what is not a summary value, and a logdir that cannot be one', () => {
    setMode('graph');
    const logdir = tmp();
    const s = tf.summary.scalar('v', tf.constant(1.0));
    const writer = tf.summary.FileWriter(logdir);
    expect(caught(() => writer.addSummary(s, 1)).message).toBe('addSummary takes the value of a summary op, not the op: writer.addSummary(sess.run(merged), step)');
    expect(caught(() => writer.addSummary(tf.Session().run(tf.constant(1.0)), 1)).message).toBe('addSummary takes a serialized Summary (a string tensor\'s value), got a float32 array');
    expect(caught(() => writer.addSummary(Uint8Array.of(0xff, 0xff), 1))).toBeInstanceOf(tf.InvalidArgumentError);
    expect(caught(() => writer.addSummary(tf.Session().run(s), 1.5)).message).toMatch(/1\.5/);
    expect(caught(() => tf.summary.FileWriter(logdir, { maxQueu: 3 } as never)).message).toMatch(/maxQueu/);
    writer.close();
    const file = path.join(logdir, 'plain-file');
    fs.writeFileSync(file, 'x');
    const e = caught(() => tf.summary.FileWriter(file));
    expect(e).toBeInstanceOf(tf.errors.FailedPreconditionError);
    expect(e.message).toContain(file);
  });

  it("tf.train.SummaryWriter, the seeds' name, writes the same file and warns that TF renamed it", () => {
    setMode('graph');
    const warnings: string[] = [];
    const stop = tf.onWarning((m) => warnings.push(m));
    const logdir = tmp();
    const w = tf.train.SummaryWriter(logdir, tf.getDefaultGraph());
    w.close();
    stop();
    expect(warnings).toEqual(['tf.train.SummaryWriter is deprecated: TensorFlow renamed it tf.summary.FileWriter (TF 0.12); it works the same here.']);
    expect(records(path.join(logdir, fs.readdirSync(logdir)[0])).map(event).map((e) => Object.keys(e).sort().join())).toEqual(['fileVersion,wallTime', 'graphDef,wallTime']);
  });

  it('flushes queued events when the process exits', async () => {
    const logdir = tmp();
    const { execFileSync } = await import('node:child_process');
    const dist = path.join(import.meta.dirname, '../dist/index.js');
    execFileSync(process.execPath, ['--input-type=module', '-e', `
      import * as tf from ${JSON.stringify(dist)};
      const s = tf.summary.scalar('v', tf.constant(2.0));
      const w = tf.summary.FileWriter(${JSON.stringify(logdir)});
      w.addSummary(tf.Session().run(s), 7);`]);
    const evs = records(path.join(logdir, fs.readdirSync(logdir)[0])).map(event);
    expect(evs.map((e) => e.step)).toEqual([undefined, 7]);
  });
});
