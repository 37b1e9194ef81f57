// The operator forms the REPL rewrites `a * b`, `a + b`, … into (`tf.ops.mul(a, b)`). They build TF's
// lowercase-named ops (`mul`, `add` of type AddV2, `sub`, `truediv`, `pow` with `pow/y`) when an operand
// is a tensor or variable, compute numpy-style on NDArrays, and stay plain JS arithmetic otherwise.
import { Tensor } from '../graph/tensor.js';
import { NDArray } from '../tensor/ndarray.js';
import { applyOp1, isConvertible, runEagerOp } from './apply.js';
import { truedivOp } from './truediv.js';
import { castAttrs } from './scope.js';

type Operand = unknown;

function isSymbolic(x: unknown): boolean {
  return x instanceof Tensor || isConvertible(x);
}

function dispatch(type: string, name: string, js: (a: any, b: any) => unknown) {
  return (a: Operand, b: Operand): unknown => {
    if (isSymbolic(a) || isSymbolic(b)) return applyOp1(type, [a, b], {}, { defaultName: name });
    if (a instanceof NDArray || b instanceof NDArray) return ndarrayOp(type, a, b);
    return js(a, b);
  };
}

function ndarrayOp(type: string, a: Operand, b: Operand): NDArray {
  return runEagerOp(type, [a, b])[0];
}

/** `a * b`: op `mul` (type Mul). */
export const mul = dispatch('Mul', 'mul', (a, b) => a * b);
/** `a + b`: op `add` (type AddV2, TF 1.15's operator form). */
export const add = dispatch('AddV2', 'add', (a, b) => a + b);
/** `a - b`: op `sub` (type Sub). */
export const sub = dispatch('Sub', 'sub', (a, b) => a - b);
/** `a ** b`: op `pow` (type Pow) with its `pow/y` constant. */
export const pow = dispatch('Pow', 'pow', (a, b) => a ** b);

/** `a / b`: op `truediv` (type RealDiv). */
export function truediv(a: Operand, b: Operand): unknown {
  if (isSymbolic(a) || isSymbolic(b)) return truedivOp(a as never, b as never, 'truediv');
  if (a instanceof NDArray || b instanceof NDArray) {
    const x = a instanceof NDArray && a.dtype === 'int32' ? runEagerOp('Cast', [a], castToFloat('int32'))[0] : a;
    const y = b instanceof NDArray && b.dtype === 'int32' ? runEagerOp('Cast', [b], castToFloat('int32'))[0] : b;
    return runEagerOp('RealDiv', [x, y])[0];
  }
  return (a as number) / (b as number);
}

/** `-a`: op `Neg`. */
export function neg(a: Operand): unknown {
  if (isSymbolic(a)) return applyOp1('Neg', [a], {}, { defaultName: 'Neg' });
  if (a instanceof NDArray) return runEagerOp('Neg', [a])[0];
  return -(a as number);
}

function castToFloat(src: string) {
  return castAttrs(src, 'float32');
}

const UPDATE_HINT: Record<string, string> = {
  '+=': 'tf.assignAdd(w, …) (or w.assignAdd(…))',
  '-=': 'tf.assignSub(w, …) (or w.assignSub(…))',
  '*=': 'tf.assign(w, w * …)',
  '/=': 'tf.assign(w, w / …)',
  '**=': 'tf.assign(w, w ** …)',
};
const COMPOUND_FNS: Record<string, (a: Operand, b: Operand) => unknown> = { '+=': add, '-=': sub, '*=': mul, '/=': truediv, '**=': pow };

/**
 * `a -= b` and friends. On numbers (and NDArrays) they keep their meaning; on a tensor or variable they
 * would only rebind the name to a new tensor — the variable would never change — so they raise instead,
 * naming the op that does update it.
 */
export function compound(op: string, a: Operand, b: Operand): unknown {
  const fn = COMPOUND_FNS[op];
  if (fn === undefined) throw new TypeError(`unknown compound assignment ${op}`);
  if (isSymbolic(a) || isSymbolic(b)) {
    throw new TypeError(`'${op}' on a tensor does not update a variable: it would make a new tensor and rebind the name to it. Use ${UPDATE_HINT[op]} to build the update op.`);
  }
  return fn(a, b);
}
