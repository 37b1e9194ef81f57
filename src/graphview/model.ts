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
// - Big name scopes are one box (scopes.ts); with `recent`, dead ops of earlier inputs are left out (select.ts).
// `all` draws every op, folds no Variable read, leaves nothing out but control edges, and still folds big
// scopes (`gradients/… 43 ops`). `scope` draws one name scope, every op in it, and the ops it reads and feeds.
//
// A box reads `name: Type`, or just `name` when the type only repeats it (`add` is an AddV2, `Const_1` a
// Const). After a run, an op the run did not evaluate is `dim`, a fetched one `fetched`. An op whose output
// has a value or gradient but no drawn consumer gets a dangling edge to a sink, so `f` shows its value too.
import type { OpInfo } from '../kernel/events.js';
import { breakFoldCycles, foldLabel, foldScopes } from './scopes.js';
import { deadOps, foldedReads, hiddenOps, opOf, scopeOps, VARIABLE } from './select.js';
import { valueText, type EdgeText } from './values.js';

export { hiddenOps, opOf } from './select.js';

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
  /** Every op, nothing hidden (`:graph all`). */
  all?: boolean;
  /** Only this name scope and its neighbours (`:graph scope gradients`). */
  scope?: string;
  /** Scopes drawn op by op however big (`:expand random_uniform`); `'*'` for every one. */
  expanded?: readonly string[];
  /**
   * The ops made since the last run (newest last). With it, the default view leaves out the ops that share
   * no edge with them or with that run (select.ts's deadOps); without it (the kernel's `:graph`), none.
   */
  recent?: readonly string[];
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
  /** The box each drawn op is in: its own, its Variable's, its scope's fold. */
  opNode: ReadonlyMap<string, string>;
  /** Scopes drawn folded, e.g. `random_uniform`. */
  folded: string[];
  /** Dead ops of earlier inputs left out. */
  leftOut: number;
}

/** Longer op names keep their end: `…mul_grad/Mul_1`. */
const MAX_BOX_TEXT = 28;

export function buildModel(input: GraphViewInput): ViewModel {
  const { ops, run = null, gradients = {} } = input;
  const { drawn, owner, leftOut } = selectOps(input);
  const members = new Map<string, string[]>();
  for (const op of ops) {
    if (!drawn.has(op.name)) continue;
    const id = owner.get(op.name) ?? op.name;
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
  const byName = new Map(ops.map((o) => [o.name, o]));
  const nodes: ViewNode[] = [...members].map(([id, names]) => {
    const state = run === null ? 'plain' : names.some((n) => fetched.has(n)) ? 'fetched' : names.some((n) => ran.has(n)) ? 'plain' : 'dim';
    // Inside `:graph scope gradients` its ops go by their names in it: `mul_grad/Mul`, not `gradients/mul_grad/Mul`.
    const inScope = (name: string) => (input.scope !== undefined && name.startsWith(`${input.scope}/`) ? name.slice(input.scope.length + 1) : name);
    const text = id.endsWith('/') ? foldLabel(inScope(id.slice(0, -1)), names.length) : boxText(byName.get(id)!, inScope(id));
    return { id, label: text, state, sink: false };
  });
  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (!drawn.has(op.name)) continue;
    const to = owner.get(op.name) ?? op.name;
    for (const tensor of op.inputs) {
      const source = opOf(tensor);
      const from = owner.get(source) ?? source;
      const key = `${tensor} ${to}`;
      if (tensor.startsWith('^') || !drawn.has(source) || from === to || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to, tensor, ...label(tensor), dim: run !== null && !ran.has(op.name) });
    }
  }
  addSinks(nodes, edges, members, label);
  const hasGradients = edges.some((e) => gradients[e.tensor] !== undefined && known.has(opOf(gradients[e.tensor])));
  const opNode = new Map([...drawn].map((name) => [name, owner.get(name) ?? name]));
  const folded = [...new Set([...owner.values()].filter((id) => id.endsWith('/')).map((id) => id.slice(0, -1)))];
  return { nodes, edges, hasRun: run !== null, hasGradients, opNode, folded, leftOut };
}

/** The ops drawn, the box each goes in when not its own (a Variable's, a fold's), and how many dead ops were left out. */
function selectOps(input: GraphViewInput): { drawn: Set<string>; owner: Map<string, string>; leftOut: number } {
  const { ops, run = null, all = false, scope, expanded = [], recent } = input;
  let drawn: Set<string>;
  let leftOut = 0;
  let owner = new Map<string, string>();
  if (scope !== undefined) {
    const { inside, context } = scopeOps(ops, scope);
    drawn = new Set([...inside, ...context]);
  } else if (all) drawn = new Set(ops.map((o) => o.name));
  else {
    const hidden = hiddenOps(ops);
    const dead = recent === undefined || run === null ? new Set<string>()
      : deadOps(ops, [...run.ops, ...(run.fetched ?? []).map(opOf), ...recent]);
    drawn = new Set(ops.filter((o) => !hidden.has(o.name) && !dead.has(o.name)).map((o) => o.name));
    leftOut = ops.filter((o) => dead.has(o.name) && !hidden.has(o.name)).length;
    owner = foldedReads(ops);
  }
  const types = new Map(ops.map((o) => [o.name, o.type]));
  const boxes = ops.filter((o) => drawn.has(o.name) && !owner.has(o.name)).map((o) => o.name);
  // A scope's neighbours outside it are drawn as they are: the fold applies to the scope's own ops.
  const foldable = scope === undefined ? boxes : boxes.filter((id) => id === scope || id.startsWith(`${scope}/`));
  const folds = foldScopes(foldable, scope ?? '', expanded, (id) => VARIABLE.test(types.get(id) ?? ''));
  const at = (name: string) => owner.get(name) ?? name;
  const edges = ops.filter((o) => drawn.has(o.name)).flatMap((o) => o.inputs
    .filter((t) => !t.startsWith('^') && drawn.has(opOf(t))).map((t) => [at(opOf(t)), at(o.name)] as const));
  breakFoldCycles(folds, edges);
  for (const name of drawn) {
    const fold = folds.get(at(name));
    if (fold !== undefined) owner.set(name, fold);
  }
  return { drawn, owner, leftOut };
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

function boxText(op: OpInfo, name = op.name): string {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/_\d+$/, '').toLowerCase();
  const text = base === op.type.replace(/V\d+$/, '').toLowerCase() ? name : `${name}: ${op.type}`;
  return text.length <= MAX_BOX_TEXT ? text : `…${text.slice(-(MAX_BOX_TEXT - 1))}`;
}
