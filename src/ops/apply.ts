// applyOp: the one entry point every op function goes through. Eager mode runs the kernel now; graph mode
// converts literal inputs to Consts named after the argument (`Mul/y`), checks dtypes with TF's messages,
// infers shapes, and adds the Operation — all or nothing.
import { InvalidArgumentError, OpError, ValueError } from '../errors.js';
import { attr, type AttrValue } from '../engine/attrs.js';
import { backendFor, currentEagerDevice } from '../engine/devices.js';
import { runKernel } from '../engine/execute.js';
import { executingEagerly } from '../engine/mode.js';
import { getOpDef, ShapeError, type Attrs, type KernelInput, type OpDef, type TensorSpec } from '../engine/registry.js';
import { tfTypeString, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { TensorShape } from '../tensor/shape.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { isConvertible } from './convertible.js';
import { literalToNDArray } from './literal-input.js';
import { computedInputs, specOf } from './static-values.js';

export { isConvertible, type TensorConvertible, type TensorLike } from './convertible.js';

export interface ApplyOptions {
  /** The user's name, or the op's default name (its type) when absent. */
  name?: string;
  defaultName?: string;
  controlInputs?: readonly Operation[];
}

/** Adds (graph) or runs (eager) op `type` and returns its outputs. */
export function applyOp(type: string, inputs: readonly unknown[], attrs: Attrs = {}, options: ApplyOptions = {}): Tensor[] {
  const def = getOpDef(type);
  if (executingEagerly()) return applyEager(def, inputs, attrs);
  return [...addGraphOp(def, inputs, attrs, options).outputs];
}

/** Graph mode only: adds op `type` to the default graph and returns the Operation (for NoOps and groups). */
export function applyGraphOp(type: string, inputs: readonly unknown[], attrs: Attrs = {}, options: ApplyOptions = {}): Operation {
  return addGraphOp(getOpDef(type), inputs, attrs, options);
}

function addGraphOp(def: OpDef, inputs: readonly unknown[], attrs: Attrs, options: ApplyOptions): Operation {
  const graph = getDefaultGraph();
  return graph.atomically(() => graph.nameScope(options.name ?? options.defaultName ?? def.type, (scope) => {
    const tensors = inputs.map((x, i) => graphInput(graph, def, i, x, inputs));
    checkGraphDTypes(def, tensors);
    const outputs = inferGraphOutputs(def, tensors, attrs, scope.slice(0, -1));
    const allAttrs = withColocation(def, tensors, withTypeAttr(def, tensors, attrs));
    return graph.createOp(def, tensors, allAttrs, outputs, { name: scope, controlInputs: options.controlInputs });
  }));
}

/** Single-output convenience. */
export function applyOp1(type: string, inputs: readonly unknown[], attrs: Attrs = {}, options: ApplyOptions = {}): Tensor {
  return applyOp(type, inputs, attrs, options)[0];
}

function graphInput(graph: Graph, def: OpDef, i: number, x: unknown, inputs: readonly unknown[]): Tensor {
  const isRef = def.refInputs?.includes(i) ?? false;
  let t: Tensor;
  if (x instanceof Tensor) t = x.isEager ? constTensor(graph, x.numpy(), def.inputNames[i]) : x;
  else if (isConvertible(x)) t = x.toTensor(isRef);
  else t = constTensor(graph, literalToNDArray(def, i, x, inputs), def.inputNames[i] ?? `input_${i}`);
  if (t.graph !== graph) {
    throw new ValueError(`Tensor ${t.toString()} must be from the same graph as the op '${def.type}' it feeds (the default graph). Did you call tf.resetDefaultGraph() after creating it?`);
  }
  if (isRef && t.op.type !== 'VariableV2') {
    throw new TypeError(`Input '${def.inputNames[i]}' of '${def.type}' Op requires l-value input`);
  }
  return t;
}

function constTensor(graph: Graph, value: NDArray, name: string): Tensor {
  const def = getOpDef('Const');
  const attrs = { dtype: attr.type(value.dtype), value: attr.tensor(value) };
  return graph.createOp(def, [], attrs, [{ dtype: value.dtype, shape: new TensorShape(value.shape), constValue: value }], { name }).outputs[0];
}

export function checkGraphDTypes(def: OpDef, tensors: readonly Tensor[]): void {
  const group = def.typeGroup;
  if (!group) return;
  const first = tensors[group.inputs[0]];
  for (const j of group.inputs) {
    const t = tensors[j];
    if (t === undefined) continue;
    if (!group.allowed.includes(t.dtype)) {
      throw new TypeError(`Value passed to parameter '${def.inputNames[j]}' has DataType ${t.dtype} not in list of allowed values: ${group.allowed.join(', ')}`);
    }
    if (t.dtype !== first.dtype) {
      throw new TypeError(`Input '${def.inputNames[j]}' of '${def.type}' Op has type ${t.dtype} that does not match type ${first.dtype} of argument '${def.inputNames[group.inputs[0]]}'.`);
    }
  }
}

function inferGraphOutputs(def: OpDef, tensors: readonly Tensor[], attrs: Attrs, opName: string): TensorSpec[] {
  try {
    return def.inferOutputs(tensors.map(specOf), attrs);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    const shapes = tensors.map((t) => t.shape.toBracketString()).join(', ');
    throw new ValueError(`${e.message} for '${opName}' (op: '${def.type}') with input shapes: ${shapes}${computedInputs(def, tensors)}.`);
  }
}

/** Adds the type attribute (T) from the inputs, as TF's op builder does. */
function withTypeAttr(def: OpDef, tensors: readonly Tensor[], attrs: Attrs): Attrs {
  const group = def.typeGroup;
  if (!group || attrs[group.attr] !== undefined || tensors.length === 0) return attrs;
  const t: AttrValue = attr.type(tensors[group.inputs[0]].dtype);
  return { ...attrs, [group.attr]: t };
}

/**
 * Ops that take a variable reference are built inside TF's `colocate_with(variable)`, which TF records as
 * `_class: "loc:@Variable"`: the group of the first reference (an optimizer's slots join their variable's).
 */
function withColocation(def: OpDef, tensors: readonly Tensor[], attrs: Attrs): Attrs {
  if (!def.refInputs || attrs._class !== undefined) return attrs;
  const op = tensors[def.refInputs[0]].op;
  const own = op.attrs._class;
  return { ...attrs, _class: own?.kind === 'list_s' ? own : attr.listS([`loc:@${op.name}`]) };
}

function eagerInput(def: OpDef, i: number, x: unknown, inputs: readonly unknown[]): KernelInput {
  const isRef = def.refInputs?.includes(i) ?? false;
  if (isConvertible(x)) {
    if (isRef && x.eagerRef) return x.eagerRef();
    return x.toTensor(false).numpy();
  }
  if (isRef) throw new TypeError(`Input '${def.inputNames[i]}' of '${def.type}' Op requires a Variable`);
  if (x instanceof Tensor) {
    if (!x.isEager) {
      throw new TypeError(`Graph tensor ${x.toString()} cannot be used in eager mode: run it with a Session (sess.run) and use the value, or switch back to graph mode.`);
    }
    return x.numpy();
  }
  return literalToNDArray(def, i, x, inputs);
}

function eagerDType(v: KernelInput): DType {
  return v instanceof NDArray ? v.dtype : v.read().dtype;
}

function checkEagerDTypes(def: OpDef, values: readonly KernelInput[]): void {
  const group = def.typeGroup;
  if (!group) return;
  const first = eagerDType(values[group.inputs[0]]);
  const firstAllowed = group.allowed.includes(first);
  for (let q = 0; q < group.inputs.length; q++) {
    const j = group.inputs[q];
    if (values[j] === undefined) continue;
    const d = eagerDType(values[j]);
    if (d === first && firstAllowed) continue;
    if (!group.allowed.includes(d)) {
      throw new TypeError(`Value passed to parameter '${def.inputNames[j]}' has DataType ${d} not in list of allowed values: ${group.allowed.join(', ')}`);
    }
    throw new InvalidArgumentError(`cannot compute ${def.type} as input #${j}(zero-based) was expected to be a ${tfTypeString(first)} tensor but is a ${tfTypeString(d)} tensor [Op:${def.type}]`, def.type);
  }
}

/** What an eager op did, for a GradientTape: the op, what it was called with, the values it saw and made. */
export interface EagerRecord {
  def: OpDef;
  /** The arguments as given (a Variable, a Tensor, a literal): a tape watches Variables and Tensors by identity. */
  args: readonly unknown[];
  /** The input values the kernel received. */
  values: readonly KernelInput[];
  attrs: Attrs;
  outputs: readonly Tensor[];
}

let recorder: ((record: EagerRecord) => void) | null = null;

/** True while a GradientTape records eager ops. */
export function isRecording(): boolean {
  return recorder !== null;
}

/** @internal Installed by the autodiff layer while a GradientTape records; null otherwise (the fast path). */
export function setEagerRecorder(fn: ((record: EagerRecord) => void) | null): void {
  recorder = fn;
}

type EagerOpListener = (type: string, outputs: readonly Tensor[]) => void;
const eagerOpListeners = new Set<EagerOpListener>();

/**
 * Calls `listener` with every eager op that runs and its outputs (the REPL's ops panel lists them in eager
 * mode); returns the unsubscribe. Without listeners an op pays one size check.
 */
export function onEagerOp(listener: EagerOpListener): () => void {
  eagerOpListeners.add(listener);
  return () => eagerOpListeners.delete(listener);
}

/** Runs op `type` eagerly whatever the mode, returning values: numpy-style arithmetic on NDArrays. */
export function runEagerOp(type: string, inputs: readonly unknown[], attrs: Attrs = {}): NDArray[] {
  return applyEager(getOpDef(type), inputs, attrs).map((t) => t.numpy());
}

function applyEager(def: OpDef, inputs: readonly unknown[], attrs: Attrs): Tensor[] {
  const values: KernelInput[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) values[i] = eagerInput(def, i, inputs[i], inputs);
  checkEagerDTypes(def, values);
  try {
    const backend = def.hostOnly ? backendFor('', def.type, true) : backendFor(currentEagerDevice(), def.type, true, def.cpuOnly);
    // Kernels read explicit attrs only (DstT, transpose_a, …), never the inferred type attr T.
    const outputs = runKernel(def, values, attrs, { backend, opName: def.type }).map((v) => Tensor.eager(v instanceof NDArray ? v : v.read()));
    if (recorder !== null) recorder({ def, args: inputs, values, attrs, outputs });
    if (eagerOpListeners.size > 0) for (const l of eagerOpListeners) l(def.type, outputs);
    return outputs;
  } catch (e) {
    if (e instanceof OpError && !e.message.includes(' [Op:')) {
      const Cls = e.constructor as new (m: string, op: string | null) => OpError;
      throw new Cls(`${e.message} [Op:${def.type}]`, def.type);
    }
    throw e;
  }
}
