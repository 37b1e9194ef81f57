// The operator forms the REPL rewrites `a * b`, `a > b`, `a % b`, … into (`tf.ops.mul(a, b)`). They build
// TF's lowercase-named ops (`mul`, `add` of type AddV2, `sub`, `truediv`, `pow` with `pow/y`, `mod` of type
// FloorMod; comparisons `Greater`, `Less`, …) when an operand is a tensor or variable, compute numpy-style on
// NDArrays, and stay plain JS otherwise. `ops.int(1)` / `ops.float(1.0)` carry a literal's spelling.
import { Tensor } from '../graph/tensor.js';
import { spelled, SpelledLiteral, unspell } from '../tensor/literal.js';
import { NDArray } from '../tensor/ndarray.js';
import { applyOp1, isConvertible, runEagerOp } from './apply.js';
import { declare } from './declare.js';
import { castAttrs } from './scope.js';
import { truedivOp } from './truediv.js';

type Operand = unknown;
type BinaryForm = (a: Operand, b: Operand) => unknown;

function isSymbolic(x: unknown): boolean {
  return x instanceof Tensor || isConvertible(x);
}

const isFloat = (v: unknown) => (v instanceof SpelledLiteral ? v.dtype === 'float32' : typeof v === 'number' && !Number.isInteger(v));
const toFloat = (v: NDArray) => runEagerOp('Cast', [v], castAttrs('int32', 'float32'))[0];

const COMPARISONS = new Set(['Greater', 'GreaterEqual', 'Less', 'LessEqual']);

function dispatch(fn: string, type: string, name: string, js: (a: any, b: any) => unknown): BinaryForm {
  return declare(`ops.${fn}(a: unknown, b: unknown): unknown`, `The operator form of op \`${type}\` (named \`${name}\`): what the REPL makes of the operator.`,
    (a: Operand, b: Operand) => {
      if (isSymbolic(a) || isSymbolic(b)) return applyOp1(type, [a, b], {}, { defaultName: name });
      let x = unspell(a);
      let y = unspell(b);
      if (x instanceof NDArray || y instanceof NDArray) {
        // numpy promotes: an int array beside a float (7 > 6.5) is compared as floats.
        if (isFloat(a) && y instanceof NDArray && y.dtype === 'int32') y = toFloat(y);
        if (isFloat(b) && x instanceof NDArray && x.dtype === 'int32') x = toFloat(x);
        const out = runEagerOp(type, [x, y])[0];
        // numpy's scalar bool works in `while (sess.run(loss) > 1e-3)`; a JS object would always be true,
        // so a comparison of scalars gives a JS boolean.
        return COMPARISONS.has(type) && out.rank === 0 ? out.data[0] === 1 : out;
      }
      return js(x, y);
    });
}

export const mul = dispatch('mul', 'Mul', 'mul', (a, b) => a * b);
export const add = dispatch('add', 'AddV2', 'add', (a, b) => a + b);
export const sub = dispatch('sub', 'Sub', 'sub', (a, b) => a - b);
export const pow = dispatch('pow', 'Pow', 'pow', (a, b) => a ** b);
export const mod = dispatch('mod', 'FloorMod', 'mod', (a, b) => a % b);
export const greater = dispatch('greater', 'Greater', 'Greater', (a, b) => a > b);
export const greaterEqual = dispatch('greaterEqual', 'GreaterEqual', 'GreaterEqual', (a, b) => a >= b);
export const less = dispatch('less', 'Less', 'Less', (a, b) => a < b);
export const lessEqual = dispatch('lessEqual', 'LessEqual', 'LessEqual', (a, b) => a <= b);

export const truediv: BinaryForm = declare('ops.truediv(a: unknown, b: unknown): unknown', 'The `/` operator: op `truediv` (type RealDiv).',
  (a: Operand, b: Operand) => {
    if (isSymbolic(a) || isSymbolic(b)) return truedivOp(a, b, 'truediv');
    const x = unspell(a);
    const y = unspell(b);
    if (x instanceof NDArray || y instanceof NDArray) {
      const p = x instanceof NDArray && x.dtype === 'int32' ? toFloat(x) : x;
      const q = y instanceof NDArray && y.dtype === 'int32' ? toFloat(y) : y;
      return runEagerOp('RealDiv', [p, q])[0];
    }
    return (x as number) / (y as number);
  });

export const neg: (a: Operand) => unknown = declare('ops.neg(a: unknown): unknown', 'The unary `-`: op `Neg`.', (a: Operand) => {
  if (isSymbolic(a)) return applyOp1('Neg', [a], {}, { defaultName: 'Neg' });
  const x = unspell(a);
  if (x instanceof NDArray) return runEagerOp('Neg', [x])[0];
  return -(x as number);
});

/** @internal The REPL's spelling of an int literal (`1`, `[1, 2]`): int32 where it becomes a tensor. */
export const int: (value: unknown) => SpelledLiteral = declare('ops.int(value: unknown): SpelledLiteral',
  "A number literal written as an int (`1`): int32 where it becomes a tensor, as Python's int.", (v: unknown) => spelled(v, 'int32'));
/** @internal The REPL's spelling of a float literal (`1.0`, `1e-3`): float32 where it becomes a tensor. */
export const float: (value: unknown) => SpelledLiteral = declare('ops.float(value: unknown): SpelledLiteral',
  "A number literal written as a float (`1.0`, `1e-3`): float32 where it becomes a tensor, as Python's float.", (v: unknown) => spelled(v, 'float32'));

const UPDATE_HINT: Record<string, string> = {
  '+=': 'tf.assignAdd(w, …) (or w.assignAdd(…))',
  '-=': 'tf.assignSub(w, …) (or w.assignSub(…))',
  '*=': 'tf.assign(w, w * …)',
  '/=': 'tf.assign(w, w / …)',
  '**=': 'tf.assign(w, w ** …)',
};
const COMPOUND_FNS: Record<string, BinaryForm> = { '+=': add, '-=': sub, '*=': mul, '/=': truediv, '**=': pow };

/**
 * `a -= b` and friends. On numbers (and NDArrays) they keep their meaning; on a tensor or variable they
 * would only rebind the name to a new tensor — the variable would never change — so they raise instead,
 * naming the op that does update it.
 */
export const compound: (op: string, a: Operand, b: Operand) => unknown = declare('ops.compound(op: string, a: unknown, b: unknown): unknown',
  'A compound assignment (`w -= g`): plain JS on numbers, an error naming the update op on a tensor.',
  (op: string, a: Operand, b: Operand) => {
    const fn = COMPOUND_FNS[op];
    if (fn === undefined) throw new TypeError(`unknown compound assignment ${op}`);
    if (isSymbolic(a) || isSymbolic(b)) {
      throw new TypeError(`'${op}' on a tensor does not update a variable: it would make a new tensor and rebind the name to it. Use ${UPDATE_HINT[op]} to build the update op.`);
    }
    return fn(a, b);
  });
