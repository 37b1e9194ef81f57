// What the graph view draws: which ops become boxes, which data edges join them, and the value and gradient
// each edge carries after the last run. Pure data in (the kernel's OpInfo list, a run's values as text, the
// forward → gradient tensor map), so the kernel process and the UI process build the same picture.
//
// The default view is the forward graph a learner would draw by hand:
// - Hidden: ops in a gradients scope (`gradients/…`, `gradients_1/…`); bookkeeping ops by type — Assign*,
//   *Apply* (optimizer updates), NoOp (`init`, a train op, `tuple/group_deps`), *Summary; and every op whose
//   data all flows into Assign/Apply ops or into ops hidden this way: a Variable's `initial_value` and its
//   random initializer, an optimizer's learning rate, its slot and beta-power variables. An op read only by
//   gradient ops stays (a loss is), and so does one read only by a summary.
// - Folded: a Variable's `V/read` is drawn as the Variable's box `V`; its edges start there.
// - Control edges (`^init`) are never drawn.
// `all` draws every op, folds nothing, and still leaves control edges out.
//
// A box reads `name: Type`, or just `name` when the type only repeats it (`add` is an AddV2, `Const_1` a
// Const). After a run, an op the run did not evaluate is `dim`, a fetched one `fetched`. An op whose output
// has a value or gradient but no drawn consumer gets a dangling edge to a sink, so `f` shows its value too.
import type { OpInfo } from '../kernel/events.js';
import { valueText, type EdgeText } from './values.js';

/** The last Session.run as the kernel reports it (the run-finished event, or RunInfo in the kernel). */
export interface RunView {
  /** Names of the ops it evaluated. */
  ops: readonly string[];
  /** Values by tensor name, numpy-style text: `{ 'mul:0': '-12.0' }`. */
  values: Readonly<Record<string, string>>;
  /** Fetched tensors ('mul:0') and ops ('init'); without it nothing is drawn as fetched. */
  fetched?: readonly string[];
}

export interface GraphViewInput {
  ops: readonly OpInfo[];
  run?: RunView | null;
  /** Forward tensor name → gradient tensor name (gradients-added); pairs naming missing ops are ignored. */
  gradients?: Readonly<Record<string, string>>;
  /** Every op, nothing folded (`:graph all`). */
  all?: boolean;
}

export type NodeState = 'plain' | 'fetched' | 'dim';

export interface ViewNode {
  /** The op's name, or `out <tensor>` for a sink. */
  id: string;
  /** The box's text ('' for a sink). */
  label: string;
  state: NodeState;
  /** The end of a dangling edge: drawn as an arrowhead only. */
  sink: boolean;
}

export interface ViewEdge {
  from: string;
  to: string;
  /** The tensor it carries. */
  tensor: string;
  value: EdgeText | null;
  grad: EdgeText | null;
  /** The last run did not evaluate its consumer. */
  dim: boolean;
}

export interface ViewModel {
  nodes: ViewNode[];
  edges: ViewEdge[];
  hasRun: boolean;
  /** tf.gradients reached some drawn edge (its gradient has a value only if the last run computed it). */
  hasGradients: boolean;
}

const GRADIENT_SCOPE = /^gradients(_\d+)?\//;
const BOOKKEEPING = /^(Assign\w*|\w*Apply\w*|NoOp|\w*Summary\w*)$/;
/** Consumers that make what feeds only them bookkeeping too. */
const UPDATES = /^(Assign\w*|\w*Apply\w*)$/;
const VARIABLE = /^(Variable|VariableV2|VarHandleOp)$/;
/** Longer op names keep their end: `…mul_grad/Mul_1`. */
const MAX_BOX_TEXT = 28;

export const opOf = (tensor: string): string => tensor.replace(/^\^/, '').replace(/:\d+$/, '');

export function buildModel(input: GraphViewInput): ViewModel {
  const { ops, run = null, gradients = {}, all = false } = input;
  const hidden = all ? new Set<string>() : hiddenOps(ops);
  const owner = all ? new Map<string, string>() : foldedReads(ops);
  const nodeOf = (opName: string) => owner.get(opName) ?? opName;
  const members = new Map<string, string[]>();
  for (const op of ops) {
    if (hidden.has(op.name)) continue;
    const id = nodeOf(op.name);
    members.set(id, [...(members.get(id) ?? []), op.name]);
  }
  const known = new Set(ops.map((o) => o.name));
  // A fed placeholder did not run, but it had a value all the same.
  const ran = new Set([...run?.ops ?? [], ...Object.keys(run?.values ?? {}).map(opOf)]);
  const fetched = new Set((run?.fetched ?? []).map(opOf));
  const label = (tensor: string): Pick<ViewEdge, 'value' | 'grad'> => {
    const v = run?.values[tensor];
    const g = gradients[tensor];
    const gv = g !== undefined && known.has(opOf(g)) ? run?.values[g] : undefined;
    return { value: v === undefined ? null : valueText(v, false), grad: gv === undefined ? null : valueText(gv, true) };
  };
  const nodes: ViewNode[] = [];
  for (const op of ops) {
    const names = op.name === nodeOf(op.name) ? members.get(op.name) : undefined;
    if (names === undefined) continue;
    const state = run === null ? 'plain' : names.some((n) => fetched.has(n)) ? 'fetched' : names.some((n) => ran.has(n)) ? 'plain' : 'dim';
    nodes.push({ id: op.name, label: boxText(op), state, sink: false });
  }
  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (!members.has(op.name)) continue;
    for (const tensor of op.inputs) {
      const from = nodeOf(opOf(tensor));
      const key = `${tensor} ${op.name}`;
      if (tensor.startsWith('^') || !members.has(from) || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to: op.name, tensor, ...label(tensor), dim: run !== null && !ran.has(op.name) });
    }
  }
  addSinks(nodes, edges, members, label);
  const hasGradients = edges.some((e) => gradients[e.tensor] !== undefined && known.has(opOf(gradients[e.tensor])));
  return { nodes, edges, hasRun: run !== null, hasGradients };
}

/** Dangling edges out of ops nothing drawn consumes, for the outputs that have a value or a gradient. */
function addSinks(nodes: ViewNode[], edges: ViewEdge[], members: ReadonlyMap<string, string[]>,
  label: (tensor: string) => Pick<ViewEdge, 'value' | 'grad'>): void {
  const consumed = new Set(edges.map((e) => e.from));
  for (const node of [...nodes]) {
    if (consumed.has(node.id)) continue;
    // A folded Variable's value is its read's; a multi-output op gets one sink per output with a value.
    const names = members.get(node.id)!;
    const tensors = names.length > 1 ? [`${names[names.length - 1]}:0`] : [0, 1, 2, 3].map((i) => `${node.id}:${i}`);
    for (const tensor of tensors) {
      const texts = label(tensor);
      if (texts.value === null && texts.grad === null) continue;
      const id = `out ${tensor}`;
      nodes.push({ id, label: '', state: 'plain', sink: true });
      edges.push({ from: node.id, to: id, tensor, ...texts, dim: node.state === 'dim' });
    }
  }
}

/** The bookkeeping ops of the default view (see the header), found in one backward pass over creation order. */
export function hiddenOps(ops: readonly OpInfo[]): Set<string> {
  const consumers = new Map<string, string[]>();
  for (const op of ops) {
    for (const t of op.inputs) {
      if (!t.startsWith('^')) consumers.set(opOf(t), [...(consumers.get(opOf(t)) ?? []), op.name]);
    }
  }
  const hidden = new Set<string>();
  const hiding = new Set<string>();
  // Creation order is topological: every consumer comes after what it reads.
  for (let i = ops.length - 1; i >= 0; i--) {
    const { name, type } = ops[i];
    const readers = consumers.get(name) ?? [];
    const feedsUpdatesOnly = readers.length > 0 && readers.every((c) => hiding.has(c));
    if (GRADIENT_SCOPE.test(name)) hidden.add(name);
    else if (UPDATES.test(type) || feedsUpdatesOnly) {
      hidden.add(name);
      hiding.add(name);
    } else if (BOOKKEEPING.test(type)) hidden.add(name);
  }
  return hidden;
}

/** `V/read` → `V` for every Variable read the way tf.Variable makes it. */
function foldedReads(ops: readonly OpInfo[]): Map<string, string> {
  const types = new Map(ops.map((o) => [o.name, o.type]));
  const owner = new Map<string, string>();
  for (const op of ops) {
    if (op.type !== 'Identity' || !op.name.endsWith('/read')) continue;
    const v = op.name.slice(0, -'/read'.length);
    if (op.inputs[0] === `${v}:0` && VARIABLE.test(types.get(v) ?? '')) owner.set(op.name, v);
  }
  return owner;
}

function boxText(op: OpInfo): string {
  const base = op.name.slice(op.name.lastIndexOf('/') + 1).replace(/_\d+$/, '').toLowerCase();
  const text = base === op.type.replace(/V\d+$/, '').toLowerCase() ? op.name : `${op.name}: ${op.type}`;
  return text.length <= MAX_BOX_TEXT ? text : `…${text.slice(-(MAX_BOX_TEXT - 1))}`;
}
