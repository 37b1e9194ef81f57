// Public math ops. Functions name ops after their type (`tf.multiply` → `Mul`), as TF 1.15 does.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph as getGraph } from '../graph/default-graph.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1, type TensorLike } from './apply.js';
import { reductionAttrs } from './defs/reduce-defs.js';
import { constant } from './creation.js';
import { staticRank, toTensorInput } from './convert.js';
import { ValueError } from '../errors.js';

export interface NameOption {
  /** The op's name (uniquified); defaults to the op type. */
  name?: string;
}

const binary = (type: string) => (x: TensorLike, y: TensorLike, options: NameOption = {}): Tensor =>
  applyOp1(type, [x, y], {}, { name: options.name });

const unary = (type: string) => (x: TensorLike, options: NameOption = {}): Tensor =>
  applyOp1(type, [x], {}, { name: options.name });

/** x + y, elementwise with broadcasting: op `Add`. `tf.add(1, 2)`. */
export const add = binary('Add');
/** x - y: op `Sub`. */
export const subtract = binary('Sub');
/** x * y: op `Mul`. */
export const multiply = binary('Mul');
/** x ** y: op `Pow`. */
export const pow = binary('Pow');
/** Elementwise max: op `Maximum` (its gradient goes to x on ties). */
export const maximum = binary('Maximum');
/** Elementwise min: op `Minimum`. */
export const minimum = binary('Minimum');
/** x == y → bool: op `Equal`. */
export const equal = binary('Equal');
export const notEqual = binary('NotEqual');
/** x > y → bool: op `Greater`. */
export const greater = binary('Greater');
export const greaterEqual = binary('GreaterEqual');
/** x < y → bool: op `Less`. */
export const less = binary('Less');
export const lessEqual = binary('LessEqual');
/** Floor division (Python's //): op `FloorDiv`; floor(x / y) for float32, an error for an int32 zero divisor. */
export const floorDiv = binary('FloorDiv');
/** Remainder with the divisor's sign (Python's %): op `FloorMod`. */
export const floorMod = binary('FloorMod');
/** (x - y)²: op `SquaredDifference`. */
export const squaredDifference = binary('SquaredDifference');

/** -x: op `Neg`. */
export const neg = unary('Neg');
export const negative = neg;
/** x²: op `Square`. */
export const square = unary('Square');
export const sqrt = unary('Sqrt');
export const rsqrt = unary('Rsqrt');
export const exp = unary('Exp');
export const log = unary('Log');
export const abs = unary('Abs');
export const sign = unary('Sign');
export const reciprocal = unary('Reciprocal');
/** 1 / (1 + e^-x): op `Sigmoid`. */
export const sigmoid = unary('Sigmoid');
export const tanh = unary('Tanh');
/** max(x, 0): op `Relu`. */
export const relu = unary('Relu');
export const floor = unary('Floor');
export const ceil = unary('Ceil');
export const round = unary('Round');
export const logicalNot = unary('LogicalNot');

/**
 * x / y: TF 1.15's `tf.divide` is the `/` operator, so the op is `truediv` (RealDiv); int32 inputs
 * are cast to float32 first (TF casts them to float64, which tensorshell does not have).
 */
export function divide(x: TensorLike, y: TensorLike, options: NameOption = {}): Tensor {
  return truedivOp(x, y, options.name ?? 'truediv');
}

/** @internal The `/` operator: op `truediv` (RealDiv), ints cast to float32 in `truediv/Cast`. */
export function truedivOp(x: TensorLike, y: TensorLike, name: string): Tensor {
  return scoped(name, (scope) => {
    let a = toTensorInput(x, undefined, 'x');
    let b = toTensorInput(y, a.dtype, 'y');
    if (a.dtype === 'int32' && b.dtype === 'int32') {
      a = applyOp1('Cast', [a], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
      b = applyOp1('Cast', [b], castAttrs('int32', 'float32'), { defaultName: 'Cast' });
    }
    return applyOp1('RealDiv', [a, b], {}, { name: scope });
  });
}

/** Runs `fn` so that, in graph mode, everything it adds is removed again if it throws. */
export function atomic<T>(fn: () => T): T {
  return executingEagerly() ? fn() : getGraph().atomically(fn);
}

/** Runs `fn` inside name scope `name` in graph mode (fn gets the scope, e.g. 'truediv/'); eager: no scope. */
export function scoped<T>(name: string, fn: (scope: string | undefined) => T): T {
  if (executingEagerly()) return fn(undefined);
  return getGraph().atomically(() => getGraph().nameScope(name, fn));
}

export function castAttrs(src: string, dst: string) {
  return { SrcT: attr.type(src as 'float32'), DstT: attr.type(dst as 'float32'), Truncate: attr.b(false) };
}

export interface MatMulOptions extends NameOption {
  transposeA?: boolean;
  transposeB?: boolean;
}

/** Matrix product of rank-2 tensors: op `MatMul` (`tf.matmul([[3, 3]], [[2], [2]])` → [[12.]]). */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions = {}): Tensor {
  const attrs = { transpose_a: attr.b(options.transposeA ?? false), transpose_b: attr.b(options.transposeB ?? false) };
  return applyOp1('MatMul', [a, b], attrs, { name: options.name });
}

export interface ReduceOptions extends NameOption {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  axis?: number | number[];
  keepDims?: boolean;
}

function reduction(type: string) {
  return (x: TensorLike, options: ReduceOptions = {}): Tensor => atomic(() => {
    const rank = staticRank(x);
    // TF builds the "all axes" list as a separate Const before the reduction op.
    const axis = options.axis ?? (rank === null ? undefined : constant(Int32Array.from({ length: rank }, (_, i) => i), { dtype: 'int32' }));
    if (axis === undefined) throw new ValueError(`${type}: reducing over all axes needs a known rank; pass {axis}.`);
    return applyOp1(type, [x, axis], reductionAttrs(options.keepDims ?? false), { name: options.name });
  });
}

/** Sum over axes: op `Sum`. */
export const reduceSum = reduction('Sum');
/** Mean over axes: op `Mean`. */
export const reduceMean = reduction('Mean');
/** Max over axes: op `Max`. */
export const reduceMax = reduction('Max');
export const reduceMin = reduction('Min');
export const reduceProd = reduction('Prod');

export interface ArgOptions extends NameOption {
  /** Axis to search (default 0, as TF 1.x). */
  axis?: number;
}

/** Index of the largest value along `axis`: op `ArgMax`, int32 result (TF returns int64). */
export function argMax(x: TensorLike, options: ArgOptions = {}): Tensor {
  return applyOp1('ArgMax', [x, options.axis ?? 0], { output_type: attr.type('int32'), Tidx: attr.type('int32') }, { name: options.name });
}

export function argMin(x: TensorLike, options: ArgOptions = {}): Tensor {
  return applyOp1('ArgMin', [x, options.axis ?? 0], { output_type: attr.type('int32'), Tidx: attr.type('int32') }, { name: options.name });
}

/** exp(x) / sum(exp(x)) over the last axis: op `Softmax`. */
export function softmax(logits: TensorLike, options: NameOption = {}): Tensor {
  return applyOp1('Softmax', [logits], {}, { name: options.name });
}
