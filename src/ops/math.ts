// Public math ops. Functions name ops after their type (`tf.multiply` → `Mul`), as TF 1.15 does; each is
// made from its declaration (declare.ts), which `?help` shows and every call is checked against.
import { attr } from '../engine/attrs.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';
import type { NameOption } from './scope.js';
import { truedivOp } from './truediv.js';

export type { NameOption } from './scope.js';

type Binary = (x: TensorLike, y: TensorLike, name?: string | NameOption) => Tensor;
type Unary = (x: TensorLike, name?: string | NameOption) => Tensor;

const binary = (fn: string, type: string, doc: string): Binary =>
  declare(`${fn}(x: Tensor, y: Tensor, name?: string): Tensor`, doc,
    (x: TensorLike, y: TensorLike, o: NameOption) => applyOp1(type, [x, y], {}, { name: o.name }));

const unary = (fn: string, type: string, doc: string): Unary =>
  declare(`${fn}(x: Tensor, name?: string): Tensor`, doc, (x: TensorLike, o: NameOption) => applyOp1(type, [x], {}, { name: o.name }));

export const add = binary('add', 'Add', 'x + y, elementwise with broadcasting: op `Add` (`tf.add(1, 2)`).');
export const subtract = binary('subtract', 'Sub', 'x - y: op `Sub`.');
export const multiply = binary('multiply', 'Mul', 'x * y: op `Mul`.');
export const pow = binary('pow', 'Pow', 'x ** y: op `Pow`.');
export const maximum = binary('maximum', 'Maximum', 'Elementwise max: op `Maximum` (its gradient goes to x on ties).');
export const minimum = binary('minimum', 'Minimum', 'Elementwise min: op `Minimum`.');
export const equal = binary('equal', 'Equal', 'x == y → bool: op `Equal`.');
export const notEqual = binary('notEqual', 'NotEqual', 'x != y → bool: op `NotEqual`.');
export const greater = binary('greater', 'Greater', 'x > y → bool: op `Greater` (the `>` operator).');
export const greaterEqual = binary('greaterEqual', 'GreaterEqual', 'x >= y → bool: op `GreaterEqual` (the `>=` operator).');
export const less = binary('less', 'Less', 'x < y → bool: op `Less` (the `<` operator).');
export const lessEqual = binary('lessEqual', 'LessEqual', 'x <= y → bool: op `LessEqual` (the `<=` operator).');
export const floorDiv = binary('floorDiv', 'FloorDiv', "Floor division (Python's //): op `FloorDiv`; an error for an int32 zero divisor.");
export const floorMod = binary('floorMod', 'FloorMod', "Remainder with the divisor's sign (Python's %): op `FloorMod` (the `%` operator).");
export const squaredDifference = binary('squaredDifference', 'SquaredDifference', '(x - y)²: op `SquaredDifference`.');

export const negative = unary('negative', 'Neg', '-x: op `Neg` (TF 1.0 renamed tf.neg to tf.negative).');
export const square = unary('square', 'Square', 'x²: op `Square`.');
export const sqrt = unary('sqrt', 'Sqrt', '√x: op `Sqrt`.');
export const rsqrt = unary('rsqrt', 'Rsqrt', '1/√x: op `Rsqrt`.');
export const exp = unary('exp', 'Exp', 'eˣ: op `Exp`.');
export const log = unary('log', 'Log', 'Natural logarithm: op `Log`.');
export const abs = unary('abs', 'Abs', '|x|: op `Abs`.');
export const sign = unary('sign', 'Sign', '-1, 0 or 1: op `Sign`.');
export const reciprocal = unary('reciprocal', 'Reciprocal', '1/x: op `Reciprocal`.');
export const sigmoid = unary('sigmoid', 'Sigmoid', '1 / (1 + e^-x): op `Sigmoid`.');
export const tanh = unary('tanh', 'Tanh', 'Hyperbolic tangent: op `Tanh`.');
export const relu = unary('relu', 'Relu', 'max(x, 0): op `Relu`.');
export const floor = unary('floor', 'Floor', 'Round down: op `Floor`.');
export const ceil = unary('ceil', 'Ceil', 'Round up: op `Ceil`.');
export const round = unary('round', 'Round', 'Round half to even: op `Round`.');
export const logicalNot = unary('logicalNot', 'LogicalNot', 'Elementwise not of a bool tensor: op `LogicalNot`.');

export const divide: Binary = declare('divide(x: Tensor, y: Tensor, name?: string): Tensor',
  "x / y: TF 1.15's tf.divide is the `/` operator, op `truediv` (RealDiv); int32 inputs are cast to float32.",
  (x: TensorLike, y: TensorLike, o: NameOption) => truedivOp(x, y, o.name ?? 'truediv'));

export interface MatMulOptions extends NameOption {
  transposeA?: boolean;
  transposeB?: boolean;
}

export const matmul: (a: TensorLike, b: TensorLike, transposeA?: boolean | MatMulOptions, transposeB?: boolean, options?: MatMulOptions) => Tensor = declare(
  'matmul(a: Tensor, b: Tensor, transposeA?: boolean, transposeB?: boolean, { name?: string }): Tensor',
  'Matrix product of rank-2 tensors: op `MatMul` (`tf.matmul([[3, 3]], [[2], [2]])` → [[12]]).',
  (a: TensorLike, b: TensorLike, o: MatMulOptions) => {
    const attrs = { transpose_a: attr.b(o.transposeA ?? false), transpose_b: attr.b(o.transposeB ?? false) };
    return applyOp1('MatMul', [a, b], attrs, { name: o.name });
  });

export * from './reduce.js';
