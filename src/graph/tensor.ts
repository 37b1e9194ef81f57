// Tensor: one class for both schedules. A graph tensor is output `index` of an Operation and has no value
// until a Session runs it; an eager tensor holds its value. TF's names and reprs for each.
import { inspect } from 'node:util';
import { AttributeError, NotImplementedError, ValueError } from '../errors.js';
import type { DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import { TensorShape } from '../tensor/shape.js';
import type { Graph } from './graph.js';
import type { Operation } from './operation.js';
import { evalInDefaultSession, type FeedDict } from './default-session.js';

// TF 1.15's ref-typed outputs: a VariableV2's tensor and what the Assign family returns print as `float32_ref`.
const REF_OUTPUTS = new Set(['VariableV2', 'Assign', 'AssignAdd', 'AssignSub']);

// Shapes are immutable, so every eager scalar shares one (a training loop's tensors are mostly scalars).
const SCALAR_SHAPE = Object.freeze(new TensorShape([]));

export class Tensor {
  readonly dtype: DType;
  private _shape: TensorShape | null;
  /** Output index within its op (0 for eager tensors). */
  readonly valueIndex: number;
  private readonly _op: Operation | null;
  private readonly _value: NDArray | null;

  private constructor(op: Operation | null, index: number, dtype: DType, shape: TensorShape | null, value: NDArray | null) {
    this._op = op;
    this.valueIndex = index;
    this.dtype = dtype;
    this._shape = shape;
    this._value = value;
  }

  /** Static shape: partially known for graph tensors, exact for eager ones (made on first use). */
  get shape(): TensorShape {
    this._shape ??= this._value!.shape.length === 0 ? SCALAR_SHAPE : new TensorShape(this._value!.shape);
    return this._shape;
  }

  /** @internal The output `index` of a graph op. */
  static symbolic(op: Operation, index: number, dtype: DType, shape: TensorShape): Tensor {
    return new Tensor(op, index, dtype, shape, null);
  }

  /** @internal An eager tensor holding `value`. */
  static eager(value: NDArray): Tensor {
    return new Tensor(null, 0, value.dtype, null, value);
  }

  /** True for an eager tensor (it has a value, no op). */
  get isEager(): boolean {
    return this._value !== null;
  }

  /** The producing op, e.g. `mul`; undefined in eager mode (AttributeError, as TF). */
  get op(): Operation {
    if (this._op === null) throw new AttributeError('Tensor.op is undefined when eager execution is enabled.');
    return this._op;
  }

  /** `mul:0`: the op's name and the output index. */
  get name(): string {
    if (this._op === null) throw new AttributeError('Tensor.name is meaningless when eager execution is enabled.');
    return `${this._op.name}:${this.valueIndex}`;
  }

  get graph(): Graph {
    if (this._op === null) throw new AttributeError('Tensor.graph is undefined when eager execution is enabled.');
    return this._op.graph;
  }

  get device(): string {
    return this._op === null ? '/job:localhost/replica:0/task:0/device:CPU:0' : this._op.device;
  }

  /**
   * TF's set_shape: narrows the static shape of a graph tensor (the gradient builder records that a gradient
   * has its input's shape). Incompatible shapes are a ValueError; eager tensors only check.
   */
  setShape(shape: TensorShape): void {
    const merged = this.shape.mergeWith(shape);
    if (merged === null) throw new ValueError(`Shapes ${this.shape} and ${shape} are not compatible`);
    if (this._value === null) this._shape = merged;
  }

  /** TF1's `get_shape()`. */
  getShape(): TensorShape {
    return this.shape;
  }

  /** The value of an eager tensor. */
  numpy(): NDArray {
    if (this._value === null) {
      throw new AttributeError("'Tensor' object has no attribute 'numpy': graph tensors have values only when a Session runs them (sess.run(t) or t.eval()).");
    }
    return this._value;
  }

  /** Runs this tensor in the default session (an InteractiveSession, or `session`). */
  eval(options: { feedDict?: FeedDict; session?: { run(f: unknown, d?: FeedDict): unknown } } = {}): NDArray {
    if (this._value !== null) {
      throw new NotImplementedError("eval is not supported when eager execution is enabled, is .numpy() what you're looking for?");
    }
    return evalInDefaultSession(this, options) as NDArray;
  }

  /** The dtype as TF 1.15 prints it: `float32`, or `float32_ref` for a variable's tensor and an Assign's result. */
  get dtypeName(): string {
    return this._op !== null && REF_OUTPUTS.has(this._op.type) ? `${this.dtype}_ref` : this.dtype;
  }

  /** TF1 str / TF2 eager str: `Tensor("mul:0", shape=(), dtype=float32)`, `tf.Tensor(0.8, shape=(), dtype=float32)`. */
  toString(): string {
    if (this._value !== null) return eagerTensorString(this._value);
    const shape = this.shape.dims === null ? '' : `, shape=${this.shape}`;
    const device = this._op!.device ? `, device=${this._op!.device}` : '';
    return `Tensor("${this.name}"${shape}, dtype=${this.dtypeName}${device})`;
  }

  /** TF1 repr: `<tf.Tensor 'Const:0' shape=() dtype=float32>`; eager as TF 2: `<tf.Tensor: shape=(), dtype=float32, numpy=0.8>`. */
  repr(): string {
    if (this._value !== null) {
      return `<tf.Tensor: shape=${this.shape}, dtype=${this.dtype}, numpy=${numpyText(this._value)}>`;
    }
    return `<tf.Tensor '${this.name}' shape=${this.shape} dtype=${this.dtypeName}>`;
  }

  /** The REPL echoes a tensor as Python's REPL does: its repr (print and String() give the str). */
  [inspect.custom](): string {
    return this.repr();
  }

  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === 'string' || hint === 'default') {
      if (hint === 'default' && this._value !== null && this._value.size === 1 && this._value.dtype !== 'string') return this._value.data[0];
      return this.toString();
    }
    if (this._value !== null) return this._value.valueOf();
    throw new TypeError(`A graph Tensor has no value until a Session runs it: ${this.toString()}. Use tf operations (tf.ops.mul) or sess.run(t).`);
  }
}

/** TF 2's numpy_text(is_repr=True): the array's repr, on a line of its own when it has several. */
export function numpyText(value: NDArray): string {
  const text = value.repr();
  return text.includes('\n') ? `\n${text}` : text;
}

/** TF 2's str of an EagerTensor; multi-line values start on their own line, as TF does. */
export function eagerTensorString(value: NDArray): string {
  const text = value.toString();
  const sep = text.includes('\n') ? '\n' : '';
  return `tf.Tensor(${sep}${text}, shape=${new TensorShape(value.shape)}, dtype=${value.dtype})`;
}
