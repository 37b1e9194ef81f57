// tf.summary.FileWriter (TF 1.15 summary/writer/writer.py over core/util/events_writer.cc): an event file
// `events.out.tfevents.<seconds>.<hostname><suffix>` in logdir — TFRecord framing, a first Event with
// file_version "brain.Event:2", then the graph and the summaries with wall_time and step. Events are queued
// and written on flush()/close(), when maxQueue are waiting, every flushSecs, and at process exit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { warn } from '../engine/log.js';
import { RuntimeError } from '../errors.js';
import { Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { NDArray } from '../tensor/ndarray.js';
import { StringNDArray } from '../tensor/string-array.js';
import { ioError, makeDirs } from './files.js';
import { GraphDef, graphDefOf } from './graph-def.js';
import { encode, type Event } from './proto.js';
import { decodeSummary } from './summary-proto.js';
import { encodeRecord } from './tfrecord.js';
import { ByteBuilder } from './varint.js';

export interface FileWriterOptions {
  graph?: Graph | GraphDef | null;
  maxQueue?: number;
  flushSecs?: number;
  graphDef?: GraphDef;
  filenameSuffix?: string;
}

const open = new Set<FileWriterImpl>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const w of [...open]) {
      try {
        w.close();
      } catch {
        // nothing more can be done at exit; the records written so far stay valid
      }
    }
  });
}

/** The bytes of a summary as the caller holds it: sess.run's value of a summary op, or the bytes. */
function summaryBytes(summary: unknown): Uint8Array {
  if (summary instanceof Tensor) {
    if (!summary.isEager) throw new TypeError('addSummary takes the value of a summary op, not the op: writer.addSummary(sess.run(merged), step)');
    return summaryBytes(summary.numpy());
  }
  if (summary instanceof StringNDArray) {
    if (summary.size !== 1) throw new TypeError(`addSummary takes one serialized Summary, got a string array of shape [${summary.shape.join(',')}]`);
    return summary.strings[0];
  }
  if (summary instanceof NDArray) throw new TypeError(`addSummary takes a serialized Summary (a string tensor's value), got a ${summary.dtype} array`);
  if (summary instanceof Uint8Array) return summary;
  throw new TypeError(`addSummary takes a serialized Summary (the value of sess.run(summaryOp)), got ${summary === null ? 'null' : typeof summary}`);
}

function stepNumber(step: unknown): number {
  const n = step instanceof NDArray ? Number(step.data[0]) : step;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`globalStep must be an integer, got ${String(step)}`);
  return n;
}

export class FileWriterImpl {
  private readonly file: string;
  private fd: number | null;
  private queue: Uint8Array[] = [];
  private readonly maxQueue: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushSecs: number;

  constructor(readonly logdir: string, graphOrOptions: Graph | GraphDef | FileWriterOptions | null = {}) {
    // Declared (ops/summary.ts): a positional graph arrives as { graph }; TS callers may pass either.
    const o: FileWriterOptions = graphOrOptions instanceof Graph || graphOrOptions instanceof GraphDef ? { graph: graphOrOptions } : graphOrOptions ?? {};
    if (typeof logdir !== 'string' || logdir === '') throw new TypeError('FileWriter needs a logdir (a directory name)');
    makeDirs(logdir);
    const now = Date.now() / 1000;
    this.file = path.join(logdir, `events.out.tfevents.${String(Math.floor(now)).padStart(10, '0')}.${os.hostname()}${o.filenameSuffix ?? ''}`);
    try {
      this.fd = fs.openSync(this.file, 'a');
      this.write([encodeRecord(encode('tensorflow.Event', { wall_time: now, file_version: 'brain.Event:2' }))]);
    } catch (e) {
      throw ioError(e, this.file, 'could not create the event file ');
    }
    this.maxQueue = o.maxQueue ?? 10;
    this.flushSecs = o.flushSecs ?? 120;
    this.startTimer();
    open.add(this);
    hookExit();
    const g = o.graphDef ?? o.graph;
    if (g) this.addGraph(g);
  }

  /** Writes queued events every flushSecs, without keeping the process alive. */
  private startTimer(): void {
    if (this.flushSecs > 0) this.timer = setInterval(() => this.flush(), this.flushSecs * 1000);
    this.timer?.unref();
  }

  /** The event file's path. */
  get path(): string {
    return this.file;
  }

  getLogdir(): string {
    return this.logdir;
  }

  private write(records: Uint8Array[]): void {
    if (this.fd === null) return;
    const data = Buffer.concat(records);
    let off = 0;
    while (off < data.length) off += fs.writeSync(this.fd, data, off, data.length - off);
  }

  /** Queues an Event; `summary` (serialized) becomes its field 5, after wall_time and step as TF orders them. */
  private addEvent(event: Event, summary?: Uint8Array): void {
    if (this.fd === null) throw new RuntimeError(`FileWriter for ${this.logdir} is closed: reopen() it or make a new one`);
    const head = encode('tensorflow.Event', { wall_time: Date.now() / 1000, ...event });
    let bytes = head;
    if (summary !== undefined) {
      const b = new ByteBuilder();
      b.append(head);
      b.byte(0x2a); // field 5 (summary), length-delimited
      b.varint(summary.length);
      b.append(summary);
      bytes = b.view().slice();
    }
    this.queue.push(encodeRecord(bytes));
    if (this.queue.length >= this.maxQueue) this.flush();
  }

  /** Queues the serialized Summary `summary` (what sess.run gives for a summary op) at `globalStep`. */
  addSummary(summary: unknown, step: number | { globalStep?: number } = {}): void {
    // Declared (ops/summary.ts): a positional step arrives as { globalStep }; the type admits both for TS callers.
    const globalStep = typeof step === 'number' ? step : step.globalStep;
    const bytes = summaryBytes(summary);
    decodeSummary(bytes);
    this.addEvent(globalStep === undefined ? {} : { step: stepNumber(globalStep) }, bytes);
  }

  /** Queues the graph (with each op's output shapes, as TF's add_graph) for TensorBoard's graph tab. */
  addGraph(graph: Graph | GraphDef, step: number | { globalStep?: number } = {}): void {
    const globalStep = typeof step === 'number' ? step : step.globalStep;
    const def = graph instanceof Graph ? graphDefOf(graph, true) : graph;
    if (!(def instanceof GraphDef)) throw new TypeError('addGraph takes a tf.Graph or a GraphDef');
    this.addEvent({ ...(globalStep === undefined ? {} : { step: stepNumber(globalStep) }), graph_def: def.serialize() });
  }

  /** Writes every queued event to disk. */
  flush(): void {
    if (this.fd === null || this.queue.length === 0) return;
    const records = this.queue;
    this.queue = [];
    try {
      this.write(records);
      fs.fsyncSync(this.fd);
    } catch (e) {
      throw ioError(e, this.file, 'could not write the event file ');
    }
  }

  /** Flushes and closes the file; later events need reopen(). */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    open.delete(this);
  }

  /** Opens the same event file again after close(), appending. */
  reopen(): void {
    if (this.fd !== null) return;
    this.fd = fs.openSync(this.file, 'a');
    this.startTimer();
    open.add(this);
  }

  toString(): string {
    return `<tf.summary.FileWriter '${this.file}'${this.fd === null ? ' closed' : ''}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** tf.train.SummaryWriter, the seeds' name: a FileWriter, with TF's rename told once (engine warnings are once each). */
export class SummaryWriterImpl extends FileWriterImpl {
  constructor(logdir: string, o: Graph | GraphDef | FileWriterOptions | null = {}) {
    warn('tf.train.SummaryWriter is deprecated: TensorFlow renamed it tf.summary.FileWriter (TF 0.12); it works the same here.');
    super(logdir, o);
  }
}
