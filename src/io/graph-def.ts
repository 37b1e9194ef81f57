// graph.asGraphDef(): the GraphDef TensorFlow 1.15 writes for the same graph — each op's NodeDef with TF's
// op type, inputs (`x`, `x:1`, `^init`), device and attrs, then `versions { producer: 134 }` — as text
// (TF's text format, what `print(graph.as_graph_def())` shows) or bytes (what `tf.io.write_graph(…,
// as_text=False)` writes and TensorBoard reads from an event file).
import { inspect } from 'node:util';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { attrToProto, shapeToProto, type Proto } from './attr-proto.js';
import { decode, encode } from './proto.js';
import { parseText, printText } from './text-format.js';

/** TF 1.15's TF_GRAPH_DEF_VERSION, the producer its graphs carry. */
export const GRAPH_DEF_VERSION = 134;

export function nodeDefProto(op: Operation, addShapes = false): Proto {
  const attr: Proto = {};
  for (const key of Object.keys(op.attrs).sort()) attr[key] = attrToProto(op.attrs[key]);
  if (addShapes) attr._output_shapes = { list: { shape: op.outputs.map((t) => shapeToProto(t.shape)) } };
  const input = [
    ...op.inputs.map((t) => (t.valueIndex === 0 ? t.op.name : t.name)),
    ...op.controlInputs.map((c) => `^${c.name}`),
  ];
  const node: Proto = { name: op.name, op: op.type };
  if (input.length) node.input = input;
  if (op.device) node.device = op.device;
  if (Object.keys(attr).length) node.attr = attr;
  return node;
}

/** A GraphDef message: `node` and `versions` as TF names them; `toString()` is the text, `serialize()` the bytes. */
export class GraphDef {
  readonly node: readonly Proto[];
  readonly versions: Proto;
  readonly library?: Proto;

  constructor(proto: Proto) {
    this.node = proto.node ?? [];
    this.versions = proto.versions ?? {};
    if (proto.library && Object.keys(proto.library).length) this.library = proto.library;
  }

  /** The plain message (for encode/print). */
  toProto(): Proto {
    return { node: this.node, versions: this.versions, ...(this.library ? { library: this.library } : {}) };
  }

  /** TF's text format, as `print(graph_def)` and `tf.io.write_graph(…, as_text=True)` give it. */
  toString(): string {
    return printText('tensorflow.GraphDef', this.toProto(), { style: 'python' });
  }

  /** The binary protobuf (a `.pb` file, or the graph_def of an event). */
  serialize(): Uint8Array {
    return encode('tensorflow.GraphDef', this.toProto());
  }

  [inspect.custom](): string {
    return `<GraphDef: ${this.node.length} node${this.node.length === 1 ? '' : 's'}, producer ${this.versions.producer ?? 0}>`;
  }

  /** A GraphDef from its text or binary form (bytes that read as text-format fields are taken as text). */
  static parse(data: string | Uint8Array): GraphDef {
    if (typeof data === 'string') return new GraphDef(parseText('tensorflow.GraphDef', data));
    if (looksLikeText(data)) return new GraphDef(parseText('tensorflow.GraphDef', new TextDecoder().decode(data)));
    return new GraphDef(decode('tensorflow.GraphDef', data));
  }
}

/** Text format starts (after blanks and # comments) with a field name; a binary GraphDef never does. */
function looksLikeText(data: Uint8Array): boolean {
  const head = new TextDecoder().decode(data.subarray(0, 4096));
  return /^(?:\s|#[^\n]*\n)*(node|versions|version|library)\s*[{:<]/.test(head);
}

/** `graph.asGraphDef({ addShapes })`: every op in creation order (TF's order too). */
export function graphDefOf(graph: Graph, addShapes = false): GraphDef {
  return new GraphDef({
    node: graph.getOperations().map((op) => nodeDefProto(op, addShapes)),
    versions: { producer: GRAPH_DEF_VERSION },
  });
}
