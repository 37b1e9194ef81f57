// tf.Variable. In graph mode it adds TF 1.15's four ops — `Variable/initial_value` (Const), `Variable`
// (VariableV2), `Variable/Assign`, `Variable/read` (Identity) — and joins the variable collections;
// its value lives in each Session. In eager mode it holds its value itself.
import { inspect } from 'node:util';
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import type { KernelInput, VariableRef } from '../engine/registry.js';
import { AttributeError, NotImplementedError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import { evalInDefaultSession, type FeedDict, type Runner } from '../graph/default-session.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { numpyText, Tensor } from '../graph/tensor.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import type { TensorShape } from '../tensor/shape.js';
import { applyOp1, applyGraphOp, isRecording, type TensorLike } from './apply.js';
import { toTensorInput } from './convert.js';
import { assign, assignAdd, assignSub, type AssignOptions } from './state.js';
import { declareClass, declareMethods } from './declare.js';

export const GLOBAL_VARIABLES = 'variables';
export const TRAINABLE_VARIABLES = 'trainable_variables';

export interface VariableOptions {
  /** Name scope of the variable's ops ('Variable' by default; `counter` gives `counter/read`, …). */
  name?: string;
  dtype?: DType | string;
  /** Joins `trainable_variables` (optimizers' default list); default true. */
  trainable?: boolean;
  /** @internal Name of the initial value's Const (optimizer slots use TF's `Initializer/zeros`). */
  initialValueName?: string;
}

interface GraphParts {
  graph: Graph;
  variableOp: Operation;
  initializer: Operation;
  snapshot: Tensor;
  initialValue: Tensor;
}

/** @internal The class behind tf.Variable (use tf.Variable, callable with or without new). */
export class VariableImpl {
  readonly dtype: DType;
  readonly shape: TensorShape;
  readonly trainable: boolean;
  private readonly graphParts: GraphParts | null;
  private eagerValue: NDArray | null;
  private readonly eagerName: string;

  constructor(initialValue: TensorLike, options: VariableOptions = {}) {
    const dtype = options.dtype === undefined ? undefined : parseDType(options.dtype);
    this.trainable = options.trainable ?? true;
    if (executingEagerly()) {
      const t = toTensorInput(initialValue, dtype, 'initial_value');
      this.eagerValue = t.numpy();
      this.dtype = t.dtype;
      this.shape = t.shape;
      this.eagerName = options.name ?? 'Variable';
      this.graphParts = null;
      return;
    }
    this.eagerValue = null;
    this.eagerName = '';
    this.graphParts = buildGraphVariable(initialValue, dtype, options.name ?? 'Variable', options.initialValueName ?? 'initial_value');
    this.dtype = this.graphParts.snapshot.dtype;
    this.shape = this.graphParts.snapshot.shape;
    const graph = this.graphParts.graph;
    graph.addToCollection(GLOBAL_VARIABLES, this);
    if (this.trainable) graph.addToCollection(TRAINABLE_VARIABLES, this);
  }

  private get parts(): GraphParts {
    if (this.graphParts === null) throw new AttributeError('This is an eager variable: it has no graph ops. Use .numpy() for its value.');
    return this.graphParts;
  }

  /** `Variable:0` (the VariableV2 op's output). */
  get name(): string {
    return this.graphParts ? this.graphParts.variableOp.outputs[0].name : `${this.eagerName}:0`;
  }

  /** @internal Whether this is an eager variable (its own value, no graph ops). */
  get isEager(): boolean {
    return this.graphParts === null;
  }

  /** @internal The name a checkpoint stores this variable under: the op name, or the eager variable's name. */
  get saveName(): string {
    return this.graphParts ? this.graphParts.variableOp.name : this.eagerName;
  }

  /** The VariableV2 op. */
  get op(): Operation {
    return this.parts.variableOp;
  }

  get graph(): Graph {
    return this.parts.graph;
  }

  /** The `Variable/Assign` op that `init` runs. */
  get initializer(): Operation {
    return this.parts.initializer;
  }

  get initialValue(): Tensor {
    return this.parts.initialValue;
  }

  /** The tensor ops read the variable through (`Variable/read:0`), or the current value in eager mode. */
  value(): Tensor {
    if (this.graphParts) return this.graphParts.snapshot;
    // While a GradientTape records, reading through an op keeps the value connected to this variable.
    return isRecording() ? applyOp1('Identity', [this]) : Tensor.eager(this.eagerValue!);
  }

  readValue(): Tensor {
    return this.value();
  }

  /** @internal Op input conversion: the snapshot, or the reference for Assign-like inputs. */
  toTensor(asRef: boolean): Tensor {
    if (this.graphParts === null) {
      if (!executingEagerly()) return toTensorInput(this.eagerValue!, undefined, 'Const');
      return Tensor.eager(this.eagerValue!);
    }
    return asRef ? this.graphParts.variableOp.outputs[0] : this.graphParts.snapshot;
  }

  /** @internal The storage an eager Assign kernel writes. */
  eagerRef(): KernelInput {
    const self = this;
    const ref: VariableRef = {
      isRef: true,
      name: this.eagerName,
      initialized: true,
      read: () => self.eagerValue!,
      write: (v: NDArray) => {
        self.eagerValue = v;
      },
    };
    return ref;
  }

  /** The current value (eager mode). */
  numpy(): NDArray {
    if (this.eagerValue === null) {
      throw new AttributeError("'Variable' object has no attribute 'numpy' in graph mode: run it with a Session (sess.run(v)).");
    }
    return this.eagerValue;
  }

  /** Runs the variable in the default session (InteractiveSession) and returns its value. */
  eval(options: { feedDict?: FeedDict; session?: Runner } = {}): NDArray {
    if (this.graphParts === null) throw new NotImplementedError("eval is not supported when eager execution is enabled, is .numpy() what you're looking for?");
    return evalInDefaultSession(this, options) as NDArray;
  }

  assign(value: TensorLike, options: AssignOptions = {}): Tensor {
    return assign(this as unknown as Variable, value, options);
  }

  assignAdd(value: TensorLike, options: AssignOptions = {}): Tensor {
    return assignAdd(this as unknown as Variable, value, options);
  }

  assignSub(value: TensorLike, options: AssignOptions = {}): Tensor {
    return assignSub(this as unknown as Variable, value, options);
  }

  /** TF1: `<tf.Variable 'Variable:0' shape=() dtype=float32_ref>`; eager: `…dtype=float32, numpy=0.8>`. */
  toString(): string {
    if (this.graphParts) return `<tf.Variable '${this.name}' shape=${this.shape} dtype=${this.dtype}_ref>`;
    const v = this.eagerValue!;
    return `<tf.Variable '${this.name}' shape=${this.shape} dtype=${this.dtype}, numpy=${numpyText(v)}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function buildGraphVariable(initialValue: TensorLike, dtype: DType | undefined, name: string, initName: string): GraphParts {
  const graph = getDefaultGraph();
  return graph.atomically(() => graph.nameScope(name, (scope) => {
    const init = toTensorInput(initialValue, dtype, initName);
    if (!init.shape.isFullyDefined) {
      throw new TypeError(`initial_value must have a fully defined shape to create a variable, got ${init.shape}`);
    }
    const variableTensor = applyOp1('VariableV2', [], {
      container: attr.s(''), dtype: attr.type(init.dtype), shape: attr.shape(init.shape), shared_name: attr.s(''),
    }, { name: scope });
    const variableOp = variableTensor.op;
    const initializer = applyGraphOp('Assign', [variableTensor, init], { use_locking: attr.b(true), validate_shape: attr.b(true) }, { name: 'Assign' });
    const snapshot = applyOp1('Identity', [variableTensor], { _class: attr.listS([`loc:@${variableOp.name}`]) }, { name: 'read' });
    return { graph, variableOp, initializer, snapshot, initialValue: init };
  }));
}

declareMethods(VariableImpl, {
  eval: ['Variable.eval(feedDict?: FeedDict, session?: Session): NDArray', 'Runs the variable in the default session (or `session`) and returns its value.'],
  assign: ['Variable.assign(value: Tensor, useLocking?: boolean, name?: string): Tensor', 'The op that sets the variable to `value` (`tf.assign(v, value)`).'],
  assignAdd: ['Variable.assignAdd(value: Tensor, useLocking?: boolean, name?: string): Tensor', 'The op that adds `value` to the variable.'],
  assignSub: ['Variable.assignSub(value: Tensor, useLocking?: boolean, name?: string): Tensor', 'The op that subtracts `value` from the variable.'],
  value: ['Variable.value(): Tensor', 'The tensor ops read the variable through (`Variable/read:0`), or the current value in eager mode.'],
  readValue: ['Variable.readValue(): Tensor', 'The variable read as a tensor.'],
  numpy: ['Variable.numpy(): NDArray', "The variable's current value (eager mode)."],
});

export const Variable = declareClass('Variable(initialValue: Tensor, { name?: string, dtype?: DType, trainable?: boolean, initialValueName?: string }): Variable',
  "A mutable tensor: `tf.Variable(0.8)` or `new tf.Variable(0, { name: 'counter' })`; graph mode adds TF 1.15's four ops.",
  VariableImpl);
export type Variable = VariableImpl;
