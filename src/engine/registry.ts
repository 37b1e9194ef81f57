// One registry of ops by type name. An OpDef carries everything both schedules need: eager mode runs
// `kernel` at once; graph mode calls `inferOutputs` when the op is added and `kernel` when a Session runs it.
import type { DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import type { TensorShape } from '../tensor/shape.js';
import type { Backend } from '../backends/backend.js';
import type { AttrValue } from './attrs.js';
import { NotFoundError } from '../errors.js';

/** What shape inference knows about a tensor before it runs. */
export interface TensorSpec {
  dtype: DType;
  shape: TensorShape;
  /** The value, when it is a constant known at graph-build time (lets Reshape/Sum see their shape/axis inputs). */
  constValue?: NDArray;
  /** For a shape vector known only in part (the Shape of a `[2, ?]` tensor): its entries, null where unknown. */
  partialValue?: readonly (number | null)[];
}

/** A variable's storage as a kernel sees it (the `ref` input of Assign and friends). */
export interface VariableRef {
  readonly isRef: true;
  readonly name: string;
  /** Throws FailedPreconditionError when the variable has no value yet. */
  read(): NDArray;
  /**
   * Sets the value. `fresh`: the value is a new array that nothing else refers to (an optimizer update's
   * result), so once replaced it may come back from `spare` — a Session recycles such buffers.
   */
  write(value: NDArray, fresh?: boolean): void;
  /**
   * An array this variable's value lived in before, of `like`'s size and dtype, that nothing can see any more
   * (never fetched, never shown to a run listener, never written to another variable): the next `fresh`
   * value may be computed into it. Undefined when there is none.
   */
  spare?(like: NDArray): NDArray | undefined;
  readonly initialized: boolean;
}

export type KernelInput = NDArray | VariableRef;

/** Per-run services a kernel may use: the device backend and, for stateful ops, the owning state. */
export interface KernelContext {
  backend: Backend;
  /** The op's name in graph mode (for messages); the op type in eager mode. */
  opName: string;
  /** Variable storage and feeds for stateful ops (VariableV2, Placeholder); undefined in eager mode. */
  state?: KernelState;
}

export interface KernelState {
  variable(name: string): VariableRef;
  /** A fresh counter for a random op, advancing by `blocks` each call, so repeated runs differ. */
  nextRandomCounter(key: string, blocks: number): number;
}

export type Attrs = Record<string, AttrValue>;

export interface OpDef {
  /** The op type, e.g. 'MatMul'. */
  type: string;
  /** Input argument names in order ('x', 'y'); used for literal names (`Mul/y`) and messages. */
  inputNames: readonly string[];
  /** Inputs that must share one dtype, checked with TF's messages; `attr` is the type attribute (T). */
  typeGroup?: { attr: string; inputs: readonly number[]; allowed: readonly DType[] };
  /** The dtype a JS literal input gets when no other input decides it (e.g. int32 for Sum's axes). */
  literalDTypes?: readonly (DType | undefined)[];
  /** Inputs that take a variable reference instead of a value (Assign's `ref`). */
  refInputs?: readonly number[];
  /** Static output shapes/dtypes; throw ShapeError for a clash. */
  inferOutputs(inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[];
  /** Computes the outputs; VariableV2 alone returns a VariableRef (its consumers read or write it). */
  kernel(inputs: readonly KernelInput[], attrs: Attrs, ctx: KernelContext): KernelInput[];
  /** Runs without a device backend (Const, Placeholder, variables): never placed on a GPU. */
  hostOnly?: boolean;
  /** Has no GPU kernel: placed on a GPU, it runs on the CPU under soft placement (TF's rule), else an error. */
  cpuOnly?: boolean;
  /** Has side effects or state: its results are never cached or folded. */
  stateful?: boolean;
}

/** A static shape clash found by inferOutputs: the graph message and the runtime one. */
export class ShapeError extends Error {
  constructor(message: string, readonly runtimeMessage: string = message) {
    super(message);
  }
}

const registry = new Map<string, OpDef>();

/** Registers (or, for a user's custom op, replaces) an op definition. */
export function registerOpDef(def: OpDef): void {
  registry.set(def.type, def);
}

export function getOpDef(type: string): OpDef {
  const def = registry.get(type);
  if (!def) throw new NotFoundError(`Op type not registered '${type}' in tensorshell; see tf.registeredOpTypes().`);
  return def;
}

export function registeredOpTypes(): string[] {
  return [...registry.keys()].sort();
}
