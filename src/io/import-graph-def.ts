// tf.importGraphDef (TF's importer.py over graph_constructor.cc): adds a GraphDef's nodes to the default
// graph under a name scope ('import/'), with inputs remapped by inputMap, all or nothing — an op type
// tensorshell lacks, a dtype it has no arrays for or a broken reference fails before any op is added.
import { executingEagerly } from '../engine/mode.js';
import { getOpDef, registeredOpTypes, ShapeError, type Attrs, type OpDef } from '../engine/registry.js';
import { RuntimeError, ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { checkGraphDTypes } from '../ops/apply.js';
import { specOf } from '../ops/static-values.js';
import { attrFromProto, type Proto } from './attr-proto.js';
import { GraphDef } from './graph-def.js';

export interface ImportOptions {
  name?: string;
  inputMap?: Record<string, Tensor> | Map<string, Tensor>;
  returnElements?: readonly string[];
}

/** 'x' → ['x', 0]; 'x:1' → ['x', 1]; '^x' → ['x', -1] (a control input). */
function parseInput(s: string): [string, number] {
  if (s.startsWith('^')) return [s.slice(1), -1];
  const m = /^(.*):(\d+)$/.exec(s);
  return m ? [m[1], Number(m[2])] : [s, 0];
}

/** The nodes in an order where every input comes first (Kahn's algorithm, stable), or TF's cycle error. */
function topological(nodes: readonly Proto[]): Proto[] {
  const byName = new Map<string, Proto>();
  for (const n of nodes) {
    if (typeof n.name !== 'string' || n.name === '') throw new ValueError("Node '' has no name: every NodeDef needs one");
    if (byName.has(n.name)) throw new ValueError(`Node '${n.name}' is not unique`);
    byName.set(n.name, n);
  }
  const pending = new Map<string, number>();
  const users = new Map<string, string[]>();
  for (const n of nodes) {
    const deps = new Set<string>();
    for (const s of (n.input ?? []) as string[]) {
      const [src] = parseInput(s);
      if (byName.has(src)) deps.add(src);
    }
    pending.set(n.name, deps.size);
    for (const d of deps) users.set(d, [...(users.get(d) ?? []), n.name]);
  }
  // Kahn's algorithm taking the earliest ready node each time: a GraphDef already in order keeps it.
  const index = new Map(nodes.map((n, i) => [n.name as string, i]));
  const order: Proto[] = [];
  const ready = nodes.filter((n) => pending.get(n.name) === 0).map((n) => n.name as string);
  while (ready.length) {
    let at = 0;
    for (let i = 1; i < ready.length; i++) if (index.get(ready[i])! < index.get(ready[at])!) at = i;
    const [name] = ready.splice(at, 1);
    order.push(byName.get(name)!);
    for (const u of users.get(name) ?? []) {
      const left = pending.get(u)! - 1;
      pending.set(u, left);
      if (left === 0) ready.push(u);
    }
  }
  if (order.length !== nodes.length) throw new ValueError(`Graph is invalid, contains a cycle with ${nodes.length - order.length} nodes`);
  return order;
}

function checkSupported(nodes: readonly Proto[], graphDef: GraphDef): void {
  const known = new Set(registeredOpTypes());
  const missing = nodes.filter((n) => !known.has(n.op));
  if (missing.length) {
    const list = missing.slice(0, 8).map((n) => `${n.op} (node '${n.name}')`).join(', ');
    const more = missing.length > 8 ? ` and ${missing.length - 8} more` : '';
    throw new ValueError(`tf.importGraphDef: tensorshell has no op ${missing.length === 1 ? 'type' : 'types'} ${list}${more}; nothing was imported.`);
  }
  if (graphDef.library && ((graphDef.library.function ?? []).length || (graphDef.library.gradient ?? []).length)) {
    throw new ValueError('tf.importGraphDef: the GraphDef defines functions (its library), which tensorshell cannot import; nothing was imported.');
  }
}

function inputMapOf(o: ImportOptions): Map<string, Tensor> {
  const entries = o.inputMap === undefined ? [] : o.inputMap instanceof Map ? [...o.inputMap] : Object.entries(o.inputMap);
  const out = new Map<string, Tensor>();
  for (const [k, v] of entries) {
    if (!(v instanceof Tensor) || v.isEager) throw new TypeError(`inputMap['${k}'] must be a graph Tensor, got ${String(v)}`);
    out.set(k.includes(':') || k.startsWith('^') ? k : `${k}:0`, v);
  }
  return out;
}

function buildNode(graph: Graph, node: Proto, def: OpDef, resolve: (s: string, node: string) => Tensor | Operation, scope: string): Operation {
  const inputs: Tensor[] = [];
  const control: Operation[] = [];
  for (const s of (node.input ?? []) as string[]) {
    const x = resolve(s, node.name);
    if (x instanceof Tensor) inputs.push(x);
    else control.push(x);
  }
  const attrs: Attrs = {};
  for (const [key, value] of Object.entries((node.attr ?? {}) as Record<string, Proto>)) {
    attrs[key] = attrFromProto(value, `attr '${key}' of node '${node.name}'`);
  }
  try {
    checkGraphDTypes(def, inputs);
  } catch (e) {
    throw new ValueError(`Node '${node.name}': ${(e as Error).message}`);
  }
  let outputs;
  try {
    outputs = def.inferOutputs(inputs.map(specOf), attrs);
  } catch (e) {
    const msg = e instanceof ShapeError || e instanceof Error ? e.message : String(e);
    throw new ValueError(`Node '${node.name}' (op: '${node.op}'): ${msg}`);
  }
  const full = `${scope}${node.name}`;
  const build = () => graph.createOp(def, inputs, attrs, outputs, { name: `${full}/`, controlInputs: control });
  graph.reserveName(full);
  return node.device ? graph.withDevice(node.device, build) : build();
}

function importImpl(graphDefIn: GraphDef | string | Uint8Array, o: ImportOptions): Array<Tensor | Operation> | null {
  if (executingEagerly()) throw new RuntimeError('tf.importGraphDef adds ops to a graph: switch to graph mode first (:mode graph).');
  const graphDef = graphDefIn instanceof GraphDef ? graphDefIn : GraphDef.parse(graphDefIn);
  const nodes = topological(graphDef.node);
  checkSupported(nodes, graphDef);
  const inputMap = inputMapOf(o);
  const used = new Set<string>();
  const graph = getDefaultGraph();
  return graph.atomically(() => {
    const build = (scope: string) => {
      const made = new Map<string, Operation>();
      const resolve = (s: string, user: string): Tensor | Operation => {
        const [src, index] = parseInput(s);
        const key = index < 0 ? s : `${src}:${index}`;
        const mapped = inputMap.get(key);
        if (mapped !== undefined) {
          used.add(key);
          return index < 0 ? mapped.op : mapped;
        }
        const op = made.get(src);
        if (!op) throw new ValueError(`Node '${user}': Unknown input node '${s}'`);
        if (index < 0) return op;
        if (index >= op.outputs.length) throw new ValueError(`Node '${user}': input '${s}' asks for output ${index} of '${src}', which has ${op.outputs.length}`);
        return op.outputs[index];
      };
      for (const node of nodes) made.set(node.name, buildNode(graph, node, getOpDef(node.op), resolve, scope));
      const unused = [...inputMap.keys()].filter((k) => !used.has(k));
      if (unused.length) throw new ValueError(`Attempted to map inputs that were not found in graph_def: [${unused.join(', ')}]`);
      if (o.returnElements === undefined) return null;
      return o.returnElements.map((r) => {
        const [src, index] = parseInput(r);
        const op = made.get(src);
        if (!op || (r.includes(':') && index >= op.outputs.length)) throw new ValueError(`Requested return_element '${r}' not found in graph_def.`);
        return r.includes(':') ? op.outputs[index] : op;
      });
    };
    const name = o.name ?? 'import';
    return name === '' ? build('') : graph.nameScope(name, build);
  });
}

export { importImpl };
