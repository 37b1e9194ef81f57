// tf.gradients: adds the backward pass to the graph the way TF 1.15's gradients_util._GradientsHelper
// does — the same traversal, so the same op names: `gradients/Shape`, `gradients/grad_ys_0`,
// `gradients/Fill`, `gradients/mul_grad/Mul`, `gradients/AddN`, …
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp1, isConvertible } from '../ops/apply.js';
import { shape } from '../ops/array.js';
import { constant, fill } from '../ops/creation.js';
import { gradientFunction, normalizeGrads } from './registry.js';

export interface GradientsOptions {
  /** Upstream gradients for `ys` (default: ones shaped like each y, TF's `grad_ys`). */
  gradYs?: ReadonlyArray<unknown> | unknown;
  /** Name scope of the backward ops (default 'gradients'; later calls get `gradients_1`, …). */
  name?: string;
  /** Tensors the gradient must not flow through (TF's `stop_gradients`). */
  stopGradients?: readonly Tensor[];
  /** @internal Gate each op's input gradients with a `tuple` (Optimizer.compute_gradients' GATE_OP). */
  gateGradients?: boolean;
}

type Grads = Map<Operation, Tensor[][]>;

/**
 * The symbolic partial derivatives of sum(ys) with respect to each x, added to the default graph:
 * `const [dx, dy] = tf.gradients(f, [x, y])`. An x that ys does not depend on gets null.
 */
export function gradients(ys: unknown, xs: unknown, options: GradientsOptions = {}): Array<Tensor | null> {
  if (executingEagerly()) {
    throw new RuntimeError('tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.');
  }
  const graph = getDefaultGraph();
  const yList = toList(ys).map((y, i) => graphTensor(graph, y, `ys[${i}]`, false));
  const xList = toList(xs).map((x, i) => graphTensor(graph, x, `xs[${i}]`, true));
  const seeds = options.gradYs === undefined ? [] : toList(options.gradYs);
  if (seeds.length > 0 && seeds.length !== yList.length) {
    throw new ValueError(`Passed ${seeds.length} grad_ys for ${yList.length} ys`);
  }
  return graph.atomically(() => graph.nameScope(options.name ?? 'gradients', () => {
    const gradYs = yList.map((y, i) => seedGradient(y, seeds[i], i));
    return backprop(graph, yList, gradYs, xList, options);
  }));
}

function toList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function graphTensor(graph: Graph, v: unknown, what: string, asRef: boolean): Tensor {
  const t = v instanceof Tensor ? v : isConvertible(v) ? v.toTensor(asRef) : null;
  if (t === null) {
    throw new TypeError(`tf.gradients: ${what} must be a Tensor or Variable of the graph, got ${v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v)}.`);
  }
  if (t.isEager) throw new TypeError(`tf.gradients: ${what} is an eager tensor (${t.toString()}); in eager mode use tf.GradientTape.`);
  if (t.graph !== graph) {
    throw new ValueError(`tf.gradients: ${what} ${t.toString()} is not an element of the default graph. Did you call tf.resetDefaultGraph() after creating it?`);
  }
  if (t.dtype !== 'float32') {
    throw new TypeError(`tf.gradients: ${what} ${t.toString()} has dtype ${t.dtype}; gradients are defined for float32 tensors only. Cast it first: tf.cast(t, 'float32').`);
  }
  return t;
}

/** `gradients/Shape`, `gradients/grad_ys_0`, `gradients/Fill`: ones shaped like y (TF's _DefaultGradYs). */
function seedGradient(y: Tensor, given: unknown, i: number): Tensor {
  if (given === undefined || given === null) {
    const s = shape(y);
    return fill(s, constant(1, { dtype: y.dtype, name: `grad_ys_${i}` }));
  }
  if (given instanceof Tensor) {
    if (given.dtype !== y.dtype) throw new TypeError(`grad_ys[${i}] has dtype ${given.dtype} but ys[${i}] has dtype ${y.dtype}.`);
    return given;
  }
  return constant(given, { dtype: y.dtype, name: `grad_ys_${i}` });
}

/** The ops on a path from xs to ys: reachable forward from xs through float tensors and backward from ys. */
function betweenOps(graph: Graph, toOps: readonly Operation[], fromOps: readonly Operation[]): Operation[] {
  const consumers = new Map<Operation, Operation[]>();
  for (const op of graph.getOperations()) {
    for (const t of op.inputs) {
      if (t.dtype !== 'float32') continue;
      const list = consumers.get(t.op) ?? [];
      list.push(op);
      consumers.set(t.op, list);
    }
  }
  const reached = new Set<Operation>();
  const forward = [...fromOps];
  for (let i = 0; i < forward.length; i++) {
    const op = forward[i];
    if (reached.has(op)) continue;
    reached.add(op);
    forward.push(...(consumers.get(op) ?? []));
  }
  const between: Operation[] = [];
  const backward = [...toOps];
  for (let i = 0; i < backward.length; i++) {
    const op = backward[i];
    if (!reached.delete(op)) continue;
    between.push(op);
    for (const t of op.inputs) backward.push(t.op);
  }
  return between;
}

function backprop(graph: Graph, ys: Tensor[], gradYs: Tensor[], xs: Tensor[], options: GradientsOptions): Array<Tensor | null> {
  const toOps = ys.map((y) => y.op);
  const fromOps = xs.map((x) => x.op);
  const between = betweenOps(graph, toOps, fromOps);
  const betweenSet = new Set(between);
  const pending = new Map<Operation, number>();
  for (const op of between) {
    for (const t of op.inputs) if (betweenSet.has(t.op)) pending.set(t.op, (pending.get(t.op) ?? 0) + 1);
  }
  const grads: Grads = new Map();
  ys.forEach((y, i) => addGrad(grads, y, gradYs[i]));
  const stopOps = new Set(fromOps.filter((op) => op.inputs.every((t) => (pending.get(t.op) ?? 0) === 0)));
  for (const t of options.stopGradients ?? []) stopOps.add(t.op);
  const queue: Operation[] = [];
  for (const op of toOps) {
    if ((pending.get(op) ?? 0) === 0 && betweenSet.has(op) && !queue.includes(op)) queue.push(op);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const op = queue[qi];
    const inGrads = opGradients(graph, op, aggregate(grads, op), stopOps.has(op), options.gateGradients === true);
    inGrads.forEach((g, i) => {
      if (g === null) return;
      const input = op.inputs[i];
      try {
        g.setShape(input.shape);
      } catch {
        throw new ValueError(`Incompatible shapes between op input and calculated input gradient.  Forward operation: ${op.name}.  Input index: ${i}. Original input shape: ${input.shape}.  Calculated input gradient shape: ${g.shape}`);
      }
      addGrad(grads, input, g);
    });
    for (const t of op.inputs) {
      const left = (pending.get(t.op) ?? 0) - 1;
      pending.set(t.op, left);
      if (left === 0) queue.push(t.op);
    }
  }
  recordGradients(graph, grads);
  return xs.map((x) => grads.get(x.op)?.[x.valueIndex]?.[0] ?? null);
}

/** Tells the graph which tensor holds each reached tensor's summed gradient (the graph view's ∂ labels). */
function recordGradients(graph: Graph, grads: Grads): void {
  for (const [op, perOutput] of grads) {
    perOutput.forEach((list, i) => {
      // More than one means the op was never reached backwards, so its gradients were never summed.
      if (list.length === 1) graph.recordGradient(op.outputs[i], list[0]);
    });
  }
}

function addGrad(grads: Grads, t: Tensor, g: Tensor): void {
  let perOutput = grads.get(t.op);
  if (!perOutput) {
    perOutput = t.op.outputs.map(() => []);
    grads.set(t.op, perOutput);
  }
  perOutput[t.valueIndex].push(g);
}

/** Sums the gradients each output of `op` received (`gradients/AddN`), as TF's _AggregatedGrads. */
function aggregate(grads: Grads, op: Operation): Array<Tensor | null> {
  const perOutput = grads.get(op);
  if (!perOutput) return op.outputs.map(() => null);
  return perOutput.map((list, i) => {
    if (list.length < 2) return list[0] ?? null;
    const sum = applyOp1('AddN', list, { N: attr.i(list.length), T: attr.type(list[0].dtype), _class: attr.listS([colocationOf(list[0].op)]) });
    perOutput[i] = [sum];
    return sum;
  });
}

function colocationOf(op: Operation): string {
  const cls = op.attrs._class;
  return cls?.kind === 'list_s' && cls.value.length > 0 ? cls.value[0] : `loc:@${op.name}`;
}

/** Calls op's gradient function inside `gradients/<op>_grad`, or passes nulls back when it has none. */
function opGradients(graph: Graph, op: Operation, outGrads: Array<Tensor | null>, isStop: boolean, gate: boolean): Array<Tensor | null> {
  const hasOutGrads = outGrads.some((g) => g !== null);
  const fn = hasOutGrads && !isStop ? gradientFunction(op) : null;
  if (fn === null) return op.inputs.map(() => null);
  // An output nothing depends on still needs a gradient for the function: zeros (TF's ZerosLikeOutsideLoop).
  const filled = outGrads.map((g, i) => g ?? (op.outputs[i].dtype !== 'float32' ? null
    : applyOp1('ZerosLike', [op.outputs[i]], {}, { name: 'zeros_like' })));
  return graph.nameScope(`${op.name}_grad`, () => {
    const inGrads = normalizeGrads(fn(op, ...(filled as Tensor[])), op);
    return gate && inGrads.filter((g) => g !== null).length > 1 ? gateTuple(graph, inGrads) : inGrads;
  });
}

/**
 * TF's control_flow_ops.tuple: `tuple/group_deps` waits for every gradient, and each gradient is passed
 * on through `tuple/control_dependency`, so none is used before all of them exist.
 */
function gateTuple(graph: Graph, grads: Array<Tensor | null>): Array<Tensor | null> {
  return graph.nameScope('tuple', () => {
    const gating = [...new Set(grads.filter((g): g is Tensor => g !== null).map((g) => g.op))].sort((a, b) => a.id - b.id);
    const gate = applyGraphOp('NoOp', [], {}, { name: 'group_deps', controlInputs: gating });
    return grads.map((g) => (g === null ? null
      : applyOp1('Identity', [g], { _class: attr.listS([colocationOf(g.op)]) }, { name: 'control_dependency', controlInputs: [gate] })));
  });
}
