// Operation: a node of the graph. Immutable once created, which is what lets a Session cache a compiled
// plan for a feed/fetch key safely while the graph keeps growing.
import { inspect } from 'node:util';
import type { Attrs, OpDef } from '../engine/registry.js';
import type { TensorSpec } from '../engine/registry.js';
import { evalInDefaultSession, type FeedDict, type Runner } from './default-session.js';
import type { Graph } from './graph.js';
import { nodeDefText } from './node-def.js';
import { Tensor } from './tensor.js';

/** A NodeDef as TF's `op.node_def` shows it: the proto text, echoed as text (not a quoted string). */
export class NodeDef {
  constructor(private readonly text: string) {}

  toString(): string {
    return this.text;
  }

  [inspect.custom](): string {
    return this.text;
  }
}

let nextUid = 1;

export class Operation {
  readonly graph: Graph;
  /** Creation order within the graph: also a valid topological order. */
  readonly id: number;
  /** Unique for the process: ids are positions in the graph and come back after a rolled-back input. */
  readonly uid = nextUid++;
  readonly name: string;
  /** The op type, e.g. 'MatMul', 'VariableV2'. */
  readonly type: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  /** Ops that must run before this one (`^name` in NodeDef), e.g. init's Assigns. */
  readonly controlInputs: readonly Operation[];
  /** Requested device in canonical form ('/device:GPU:0'), or '' for no preference. */
  readonly device: string;
  readonly attrs: Readonly<Attrs>;
  /** @internal */
  readonly def: OpDef;

  /** @internal Use Graph.createOp. */
  constructor(init: {
    graph: Graph; id: number; name: string; def: OpDef; inputs: readonly Tensor[];
    outputs: readonly TensorSpec[]; controlInputs: readonly Operation[]; device: string; attrs: Attrs;
  }) {
    this.graph = init.graph;
    this.id = init.id;
    this.name = init.name;
    this.def = init.def;
    this.type = init.def.type;
    this.inputs = Object.freeze([...init.inputs]);
    this.controlInputs = Object.freeze([...init.controlInputs]);
    this.device = init.device;
    this.attrs = Object.freeze({ ...init.attrs });
    this.outputs = Object.freeze(init.outputs.map((s, i) => Tensor.symbolic(this, i, s.dtype, s.shape)));
  }

  /** The NodeDef, shown (and turned into a string) in TensorFlow's text format (`name: "Const" op: "Const" attr {...}`). */
  get nodeDef(): NodeDef {
    return new NodeDef(nodeDefText(this));
  }

  /** The JS value of attribute `name` (e.g. `getAttr('transpose_a')`). */
  getAttr(name: string): unknown {
    const a = this.attrs[name];
    if (a === undefined) throw new Error(`Operation '${this.name}' has no attr named '${name}'.`);
    return a.value;
  }

  /** Runs this op in the default session (InteractiveSession), like TF's `op.run()`. */
  run(options: { feedDict?: FeedDict; session?: Runner } = {}): null {
    evalInDefaultSession(this, options);
    return null;
  }

  /** TF's str(op) is the NodeDef text. */
  toString(): string {
    return nodeDefText(this);
  }

  /** TF's repr: `<tf.Operation 'init' type=NoOp>`. */
  repr(): string {
    return `<tf.Operation '${this.name}' type=${this.type}>`;
  }

  [inspect.custom](): string {
    return this.repr();
  }
}
