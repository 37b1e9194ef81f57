// tf.summary (TF 1.15 summary/summary.py): scalar, histogram and image ops whose value is a serialized
// Summary protobuf, merge/mergeAll to join them, FileWriter (io/event-writer.ts) to write them for
// TensorBoard. Scalars also feed the REPL's chart as they run.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Tensor } from '../graph/tensor.js';
import { NDArray } from '../tensor/ndarray.js';
import { StringNDArray } from '../tensor/string-array.js';
import { applyOp1, type TensorLike } from './apply.js';
import { declare, declareClass, declareMethods } from './declare.js';
import { FileWriterImpl } from '../io/event-writer.js';

const SUMMARIES = 'summaries';

interface SummaryOptions {
  collections?: readonly string[];
  family?: string;
}

/** summary_op_util.clean_tag: characters TensorBoard cannot show become '_', a leading '/' goes. */
function cleanTag(name: string): string {
  return name.replace(/[^-/\w.]/g, '_').replace(/^\/+/, '');
}

/**
 * summary_op_util.summary_scope: the op's name scope is the (family-prefixed) name, uniquified; the tag
 * is that scope without its slash, with the family again in front so TensorBoard groups it in a tab.
 */
function summaryOp(type: string, name: string, o: SummaryOptions, build: (tag: string, scope: string) => Tensor): Tensor {
  if (typeof name !== 'string' || name === '') throw new ValueError(`tf.summary needs a name for the summary, got ${String(name)}`);
  const clean = cleanTag(name);
  const family = o.family === undefined ? undefined : cleanTag(o.family);
  const base = family === undefined ? clean : `${family}/${clean}`;
  if (executingEagerly()) return build(family === undefined ? clean : `${family}/${base}`, type);
  const graph = getDefaultGraph();
  return graph.atomically(() => graph.nameScope(base, (scope) => {
    const bare = scope.slice(0, -1);
    const t = build(family === undefined ? bare : `${family}/${bare}`, scope);
    for (const key of o.collections ?? [SUMMARIES]) graph.addToCollection(key, t);
    return t;
  }));
}

/** The tag input: a string Const named after the op's argument (`loss/tags`), or the bytes in eager mode. */
function tagInput(tag: string, argName: string): Tensor | NDArray {
  const value = StringNDArray.of(tag);
  if (executingEagerly()) return value;
  return applyOp1('Const', [], { dtype: attr.type('string'), value: attr.tensor(value) }, { name: argName });
}

function scalarImpl(name: string, value: TensorLike, o: SummaryOptions): Tensor {
  return summaryOp('ScalarSummary', name, o, (tag, scope) => applyOp1('ScalarSummary', [tagInput(tag, 'tags'), value], {}, { name: scope }));
}

function histogramImpl(name: string, values: TensorLike, o: SummaryOptions): Tensor {
  return summaryOp('HistogramSummary', name, o, (tag, scope) => applyOp1('HistogramSummary', [tagInput(tag, 'tag'), values], {}, { name: scope }));
}

const BAD_COLOR = new NDArray(Int32Array.of(255, 0, 0, 255), [4], 'int32');

function imageImpl(name: string, images: TensorLike, o: SummaryOptions & { maxOutputs?: number }): Tensor {
  const maxImages = o.maxOutputs ?? 3;
  if (!Number.isInteger(maxImages) || maxImages < 1) throw new ValueError(`maxOutputs must be a positive integer, got ${maxImages}`);
  return summaryOp('ImageSummary', name, o, (tag, scope) => applyOp1('ImageSummary', [tagInput(tag, 'tag'), images],
    { max_images: attr.i(maxImages), bad_color: attr.tensorAs(BAD_COLOR, 'DT_UINT8') }, { name: scope }));
}

function mergeImpl(inputs: readonly Tensor[], o: { collections?: readonly string[]; name?: string }): Tensor {
  if (executingEagerly()) {
    throw new RuntimeError('Merging tf.summary.* ops is not compatible with eager execution. Use tf.contrib.summary instead.');
  }
  if (!Array.isArray(inputs)) throw new TypeError('tf.summary.merge takes a list of summary tensors');
  const graph = getDefaultGraph();
  const name = o.name === undefined ? undefined : cleanTag(o.name);
  return graph.atomically(() => graph.nameScope(name ?? 'Merge', () => {
    const t = applyOp1('MergeSummary', inputs, { N: attr.i(inputs.length) }, { name: name ?? 'MergeSummary' });
    for (const key of o.collections ?? []) graph.addToCollection(key, t);
    return t;
  }));
}

/** merge_all: every summary in collection `key` (under `scope`, a regex on names), or null when none. */
function mergeAllImpl(o: { key?: string; scope?: string; name?: string }): Tensor | null {
  if (executingEagerly()) {
    throw new RuntimeError('Merging tf.summary.* ops is not compatible with eager execution. Use tf.contrib.summary instead.');
  }
  let ops = getDefaultGraph().getCollection<Tensor>(o.key ?? SUMMARIES);
  if (o.scope !== undefined) {
    const re = new RegExp(`^(?:${o.scope})`);
    ops = ops.filter((t) => re.test(t.name));
  }
  return ops.length === 0 ? null : mergeImpl(ops, { name: o.name });
}

const FAMILY_DOC = '`family` prefixes the tag so TensorBoard shows it in that tab; `collections` (default [\'summaries\']) are where mergeAll finds it.';

export const scalar: (name: string, tensor: TensorLike, collections?: readonly string[], family?: string) => Tensor = declare(
  'summary.scalar(name: string, tensor: Tensor, collections?: string[], family?: string): Tensor',
  `A ScalarSummary op (scope \`name\`, tag Const \`name/tags\`): its value is a serialized Summary proto for a FileWriter, and each run of it logs a point on the REPL's chart (\`:chart\`). ${FAMILY_DOC}`,
  scalarImpl);

export const histogram: (name: string, values: TensorLike, collections?: readonly string[], family?: string) => Tensor = declare(
  'summary.histogram(name: string, values: Tensor, collections?: string[], family?: string): Tensor',
  `A HistogramSummary op: TensorBoard's distribution of \`values\` (TF's exponential buckets); NaN or Inf is an error naming the tag. ${FAMILY_DOC}`,
  histogramImpl);

export const image: (name: string, tensor: TensorLike, maxOutputs?: number, collections?: readonly string[], family?: string) => Tensor = declare(
  'summary.image(name: string, tensor: Tensor, maxOutputs?: int, collections?: string[], family?: string): Tensor',
  `An ImageSummary op: the first maxOutputs (3) images of an NHWC float batch with 1, 3 or 4 channels as PNGs, tagged \`name/image/0\`… (\`name/image\` when maxOutputs is 1), scaled into 0–255 as TF does. ${FAMILY_DOC}`,
  imageImpl);

export const merge: (inputs: readonly Tensor[], collections?: readonly string[], name?: string) => Tensor = declare(
  'summary.merge(inputs: Tensor[], collections?: string[], name?: string): Tensor',
  'One MergeSummary op (`Merge/MergeSummary`) whose value is the union of the summaries given; a tag seen twice is an error.',
  mergeImpl);

export const mergeAll: (key?: string, scope?: string, name?: string) => Tensor | null = declare(
  'summary.mergeAll(key?: string, scope?: string, name?: string): Tensor',
  "One MergeSummary of every summary made so far (collection 'summaries'), for `writer.addSummary(sess.run(merged), step)`; null if there are none.",
  mergeAllImpl);

/** Writes summaries and the graph to an event file TensorBoard reads (io/event-writer.ts). */
export const FileWriter = declareClass(
  'summary.FileWriter(logdir: string, graph?: unknown, maxQueue?: int, flushSecs?: number, graphDef?: unknown, filenameSuffix?: string): FileWriter',
  "Writes an event file for TensorBoard in `logdir` (made if missing): `const writer = tf.summary.FileWriter('logs', sess.graph)`, then `writer.addSummary(sess.run(merged), step)` and `writer.close()`; `tensorboard --logdir logs` shows it.",
  FileWriterImpl);
export type FileWriter = FileWriterImpl;

declareMethods(FileWriterImpl, {
  addSummary: ['FileWriter.addSummary(summary: unknown, globalStep?: int): void', 'Queues a serialized Summary (the value of `sess.run(summaryOp)`) as an event at `globalStep`.'],
  addGraph: ['FileWriter.addGraph(graph: unknown, globalStep?: int): void', "Queues the graph (TensorBoard's graph tab), with each op's output shapes."],
  flush: ['FileWriter.flush(): void', 'Writes every queued event to disk (fsync).'],
  close: ['FileWriter.close(): void', 'Flushes and closes the event file.'],
  reopen: ['FileWriter.reopen(): void', 'Opens the event file again after close().'],
  getLogdir: ['FileWriter.getLogdir(): string', 'The directory the event file is in.'],
});
