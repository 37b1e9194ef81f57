// TensorFlow interop in the public API: tf.importGraphDef, graph.asGraphDef, tf.train.writeGraph, and the
// checkpoint reader (tf.train.loadCheckpoint / listVariables). The formats live in src/io/.
import path from 'node:path';
import { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { BundleReader, bundleExists, protoTypeString } from '../io/bundle.js';
import { makeDirs, readFile, writeAtomic } from '../io/files.js';
import { decode } from '../io/proto.js';
import { readRecords } from '../io/tfrecord.js';
import { GraphDef, graphDefOf } from '../io/graph-def.js';
import { importImpl, type ImportOptions } from '../io/import-graph-def.js';
import { NotFoundError } from '../errors.js';
import type { NDArray } from '../tensor/ndarray.js';
import { declare, declareMethods } from './declare.js';

export { GraphDef } from '../io/graph-def.js';

declareMethods(Graph, {
  asGraphDef: ['Graph.asGraphDef({ addShapes?: boolean }): GraphDef',
    "The graph as TensorFlow's GraphDef: `String(g.asGraphDef())` is the text `print(graph.as_graph_def())` shows, `.serialize()` the bytes of a .pb file; addShapes adds each op's `_output_shapes`."],
});

export const importGraphDef: (graphDef: GraphDef | string | Uint8Array, inputMap?: Record<string, Tensor>, returnElements?: readonly string[], name?: string) => Array<Tensor | Operation> | null = declare(
  'importGraphDef(graphDef: unknown, inputMap?: unknown, returnElements?: string[], name?: string): unknown',
  "Adds a GraphDef's ops (a GraphDef, its text, or a .pb file's bytes) to the default graph under `import/`: `sess.run('import/y:0', { 'import/x:0': 1 })`; inputMap replaces its inputs with your tensors; an op tensorshell lacks is an error and nothing is added.",
  (graphDef: GraphDef | string | Uint8Array, o: ImportOptions) => importImpl(graphDef, o));

export const writeGraph: (graphOrGraphDef: Graph | GraphDef, logdir: string, name: string, asText?: boolean) => string = declare(
  'train.writeGraph(graphOrGraphDef: unknown, logdir: string, name: string, asText?: boolean): string',
  "Writes the graph to logdir/name as text (asText, the default: a .pbtxt) or binary (a .pb), atomically, and returns the path — TF's tf.io.write_graph.",
  (g: Graph | GraphDef, logdir: string, name: string, o: { asText?: boolean }) => {
    const def = g instanceof Graph ? graphDefOf(g) : g;
    if (!(def instanceof GraphDef)) throw new TypeError('writeGraph takes a tf.Graph or a GraphDef');
    makeDirs(logdir);
    const file = path.join(logdir, name);
    writeAtomic(file, (o.asText ?? true) ? def.toString() : def.serialize());
    return file;
  });

/** A checkpoint opened for reading (TF's CheckpointReader). */
export class CheckpointReader {
  private readonly reader: BundleReader;

  constructor(prefix: string) {
    if (!bundleExists(prefix)) throw new NotFoundError(`Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix}`);
    this.reader = new BundleReader(prefix);
  }

  hasTensor(name: string): boolean {
    return this.reader.entries.has(name);
  }

  /** The value saved under `name`, checked against its CRC32C. */
  getTensor(name: string): NDArray {
    const e = this.reader.entries.get(name);
    if (!e) throw new NotFoundError(`Key ${name} not found in checkpoint`);
    return this.reader.read(e);
  }

  getVariableToShapeMap(): Record<string, number[]> {
    return Object.fromEntries([...this.reader.entries.values()].map((e) => [e.name, e.shape]));
  }

  getVariableToDtypeMap(): Record<string, string> {
    return Object.fromEntries([...this.reader.entries.values()].map((e) => [e.name, e.dtype ?? protoTypeString(e.protoDtype)]));
  }

  toString(): string {
    return `<CheckpointReader '${this.reader.prefix}': ${this.reader.entries.size} tensors>`;
  }
}

declareMethods(CheckpointReader, {
  hasTensor: ['CheckpointReader.hasTensor(name: string): boolean', 'Whether the checkpoint holds `name`.'],
  getTensor: ['CheckpointReader.getTensor(name: string): NDArray', 'The value saved under `name` (its CRC32C checked).'],
  getVariableToShapeMap: ['CheckpointReader.getVariableToShapeMap(): unknown', 'Each saved name and its shape.'],
  getVariableToDtypeMap: ['CheckpointReader.getVariableToDtypeMap(): unknown', 'Each saved name and its dtype.'],
});

export const loadCheckpoint: (prefix: string) => CheckpointReader = declare(
  'train.loadCheckpoint(prefix: string): CheckpointReader',
  "Opens a checkpoint (ours or TensorFlow's) to read tensors by name: `tf.train.loadCheckpoint('ckpt/model-100').getTensor('W')`.",
  (prefix: string) => new CheckpointReader(prefix));

export const listVariables: (prefix: string) => Array<[string, number[]]> = declare(
  'train.listVariables(prefix: string): Array',
  'The [name, shape] of every tensor in a checkpoint, sorted by name.',
  (prefix: string) => Object.entries(new CheckpointReader(prefix).getVariableToShapeMap()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));


export const summaryIterator: (path: string) => Array<Record<string, unknown>> = declare(
  'train.summaryIterator(path: string): Array',
  "Every Event of an event file, in order, as TensorFlow's tf.compat.v1.train.summary_iterator reads it (each record's CRCs checked): `{ wall_time, file_version }`, `{ graph_def }`, `{ step, summary: { value: [{ tag, simple_value }] } }`.",
  (file: string) => readRecords(readFile(file)).map((r) => decode('tensorflow.Event', r) as unknown as Record<string, unknown>));
