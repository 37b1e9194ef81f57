// Compiling and running the part of a graph that fetches need (tfjs-converter's executor, in small):
// prune backwards from the fetches, stopping at fed tensors, order by creation (a topological order),
// resolve each op's device once, then run the steps over a flat array of values.
import type { Backend } from '../backends/backend.js';
import { backendFor } from '../engine/devices.js';
import { runKernel } from '../engine/execute.js';
import type { KernelContext, KernelInput, KernelState, OpDef, VariableRef } from '../engine/registry.js';
import { InvalidArgumentError, OpError } from '../errors.js';
import { setOutputSource } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { PlanArena } from './arena.js';
import type { Operation } from './operation.js';
import type { Tensor } from './tensor.js';

interface Step {
  op: Operation;
  def: OpDef;
  /** Slot of each input value. */
  inputs: number[];
  /** Whether each input is a reference (Assign's `ref`) rather than a value. */
  refs: boolean[];
  /** Slot of output 0; output i is at out + i. */
  out: number;
  backend: Backend;
  /** The kernel context, made on the first run. */
  ctx?: KernelContext;
}

export interface Plan {
  steps: Step[];
  /** Values computed once when the plan was compiled (constant folding), by slot. */
  folded: Array<[number, NDArray]>;
  /** Slot of each fed tensor, in the order the feeds were given. */
  feedSlots: number[];
  /** Slot of each fetched tensor. */
  fetchSlots: number[];
  /** TF's name for the node that returns each fetch, used when reading it fails. */
  fetchNodes: string[];
  slotCount: number;
  /** Every op the plan runs, for the REPL's run-finished event. */
  ops: Operation[];
  /** Where each tensor of the plan lives, so a listener can see every value a run computed. */
  slots: ReadonlyMap<Tensor, number>;
  /** The slots that hold variables rather than values, found by the first run a listener saw (session.ts). */
  refSlots?: number[];
  /** Each step's arrays from the last run, for the next (arena.ts); session.ts settles it after each run. */
  arena: PlanArena;
}

/**
 * The ops needed to compute `fetchTensors` and run `fetchOps`, given that `fed` tensors are supplied:
 * an iterative backward walk (no recursion limit), returned in creation order, which is topological.
 */
export function neededOps(fetchTensors: readonly Tensor[], fetchOps: readonly Operation[], fed: ReadonlySet<Tensor>): Operation[] {
  const seen = new Set<Operation>();
  const stack: Operation[] = [...fetchOps];
  for (const t of fetchTensors) if (!fed.has(t)) stack.push(t.op);
  while (stack.length) {
    const op = stack.pop()!;
    if (seen.has(op)) continue;
    seen.add(op);
    for (const t of op.inputs) if (!fed.has(t)) stack.push(t.op);
    for (const c of op.controlInputs) stack.push(c);
  }
  return [...seen].sort((a, b) => a.id - b.id);
}

export function compilePlan(fetchTensors: readonly Tensor[], fetchOps: readonly Operation[], fed: readonly Tensor[],
  allowSoftPlacement: boolean): Plan {
  const fedSet = new Set(fed);
  const ops = neededOps(fetchTensors, fetchOps, fedSet);
  const slots = new Map<Tensor, number>();
  let slotCount = 0;
  const feedSlots = fed.map((t) => {
    slots.set(t, slotCount);
    return slotCount++;
  });
  const steps: Step[] = [];
  const known = new Map<Tensor, NDArray>();
  const folded: Array<[number, NDArray]> = [];
  for (const op of ops) {
    // An op reached only through a control edge while its outputs are fed does not run (TF rewires such
    // edges to the fed value); its slots are the feeds'.
    if (op.outputs.length > 0 && op.outputs.every((t) => fedSet.has(t))) continue;
    if (op.type === 'Placeholder' && !op.outputs.some((t) => fedSet.has(t))) {
      // Raise the missing feed before anything runs, so no Assign has happened yet.
      runStepKernel({ op, def: op.def, inputs: [], refs: [], out: 0, backend: null as unknown as Backend }, []);
    }
    const out = slotCount;
    op.outputs.forEach((t) => slots.set(t, slotCount++));
    const refs = op.inputs.map((_, i) => op.def.refInputs?.includes(i) ?? false);
    const backend = backendFor(op.def.hostOnly ? '' : op.device, op.name, allowSoftPlacement, op.def.cpuOnly);
    const step = { op, def: op.def, inputs: op.inputs.map((t) => slots.get(t)!), refs, out, backend };
    const values = foldStep(step, known, fedSet);
    if (values) {
      values.forEach((v, i) => known.set(op.outputs[i], v));
      values.forEach((v, i) => folded.push([out + i, v]));
    } else {
      steps.push(step);
    }
  }
  const fetchNodes = fetchTensors.map((t) => `_retval_${t.op.name}_${t.valueIndex}_0`);
  return { steps, folded, feedSlots, fetchSlots: fetchTensors.map((t) => slots.get(t)!), fetchNodes, slotCount, ops, slots,
    arena: new PlanArena() };
}

/**
 * Constant folding (what TF's Grappler does before a graph runs): a stateless op whose inputs are all known
 * when the plan is compiled — Consts, and the Shape of a tensor whose static shape is fully known — is
 * computed once here instead of on every run. The gradient graph's Shape/BroadcastGradientArgs/Fill
 * scaffolding folds away this way. An op that fails to fold is left to fail at run time, with its node.
 */
function foldStep(step: Step, known: ReadonlyMap<Tensor, NDArray>, fed: ReadonlySet<Tensor>): NDArray[] | null {
  const { op, def } = step;
  if (def.stateful || def.refInputs || op.outputs.some((t) => fed.has(t))) return null;
  if (op.type === 'Shape') {
    const x = op.inputs[0];
    if (!x.shape.isFullyDefined) return null;
    const dims = x.shape.dims as number[];
    return [new NDArray(Int32Array.from(dims), [dims.length], 'int32')];
  }
  const inputs: NDArray[] = [];
  for (const t of op.inputs) {
    const v = known.get(t);
    if (v === undefined) return null;
    inputs.push(v);
  }
  try {
    const outs = runKernel(def, inputs, op.attrs, { backend: step.backend, opName: op.name });
    return outs.every((v) => v instanceof NDArray) ? (outs as NDArray[]) : null;
  } catch {
    return null;
  }
}

/** Appends the node to a runtime error, as TF's runtime does: `…\n\t [[{{node counter/read}}]]`. */
function withNode(e: unknown, opName: string): unknown {
  if (!(e instanceof OpError) || e.message.includes('\n\t [[{{node ')) return e;
  const Cls = e.constructor as new (m: string, op: string | null) => OpError;
  const err = new Cls(`${e.message}\n\t [[{{node ${opName}}}]]`, opName);
  err.stack = `${err.name}: ${err.message}\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}

function runStepKernel(step: Step, inputs: KernelInput[], state?: KernelState): KernelInput[] {
  // One context object per step and session, not one per run: a training loop runs a plan millions of times.
  let ctx = step.ctx;
  if (ctx === undefined || ctx.state !== state) ctx = step.ctx = { backend: step.backend, opName: step.op.name, state };
  try {
    return runKernel(step.def, inputs, step.op.attrs, ctx);
  } catch (e) {
    throw withNode(e, step.op.name);
  }
}

function deref(v: KernelInput, opName: string): NDArray {
  if (v instanceof NDArray) return v;
  try {
    return (v as VariableRef).read();
  } catch (e) {
    throw withNode(e, opName);
  }
}

/** Runs a compiled plan; returns the fetched values. Variable writes go through `state`. */
export function executePlan(plan: Plan, feeds: readonly NDArray[], state: KernelState,
  keep?: { all: readonly KernelInput[] | null }, useArena = true): NDArray[] {
  const values: KernelInput[] = new Array(plan.slotCount);
  for (const [slot, v] of plan.folded) values[slot] = v;
  for (let i = 0; i < feeds.length; i++) values[plan.feedSlots[i]] = feeds[i];
  const arena = useArena ? plan.arena : null;
  const was = setOutputSource(arena);
  if (arena) arena.running = true;
  try {
    for (let s = 0; s < plan.steps.length; s++) runStep(plan, s, values, state, arena);
  } finally {
    setOutputSource(was);
    if (arena) arena.running = false;
  }
  // For run listeners: every slot's value (no copy, and no closure: a training loop runs this a million times).
  if (keep) keep.all = values;
  return plan.fetchSlots.map((s, i) => deref(values[s], plan.fetchNodes[i]));
}

/** Runs step `s` of `plan` into `values`, its allocations drawn from and kept in the plan's arena as step s's. */
function runStep(plan: Plan, s: number, values: KernelInput[], state: KernelState, arena: PlanArena | null): void {
  const step = plan.steps[s];
  const inputs: KernelInput[] = new Array(step.inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const v = values[step.inputs[i]];
    if (step.refs[i]) {
      if (v instanceof NDArray) throw new InvalidArgumentError(`Input ${i} of ${step.op.name} must be a variable reference`, step.op.name);
      inputs[i] = v;
    } else {
      inputs[i] = deref(v, step.op.name);
    }
  }
  if (arena) arena.step = s;
  const outs = runStepKernel(step, inputs, state);
  for (let i = 0; i < outs.length; i++) values[step.out + i] = outs[i];
}
