// JS literals among an op's inputs: the dtype each takes (a tensor's beside it, or its spelling's), and TF's
// conversion error when it cannot take it.
import { executingEagerly } from '../engine/mode.js';
import type { OpDef } from '../engine/registry.js';
import { Tensor } from '../graph/tensor.js';
import { inferDType, isLiteral, toNDArray } from '../tensor/convert.js';
import { dtypeOfArray, type DType } from '../tensor/dtype.js';
import { SpelledLiteral } from '../tensor/literal.js';
import { NDArray } from '../tensor/ndarray.js';
import { isConvertible } from './convertible.js';

/**
 * The dtype a literal at input `i` takes: the dtype of a tensor it shares a type group with. A literal that
 * cannot take it (1.5 beside an int32 tensor, spelled or not) is TF's conversion TypeError, as Python's
 * op builder raises it in a graph and the eager fast path raises it in eager mode.
 */
function literalDType(def: OpDef, i: number, inputs: readonly unknown[]): DType | undefined {
  const group = def.typeGroup;
  if (group && group.inputs.includes(i)) {
    for (const j of group.inputs) {
      if (j === i) continue;
      const other = inputs[j];
      const d = other instanceof Tensor ? other.dtype : isConvertible(other) ? other.toTensor(false).dtype
        : other instanceof NDArray ? other.dtype : undefined;
      if (d === undefined) continue;
      if (literalFits(inputs[i], d)) return d;
      if (group.allowed.includes(d)) throw conversionError(def, i, inputs[i], d);
    }
  }
  return def.literalDTypes?.[i];
}

/** Python's repr and type name of a literal, as TF's messages print them: 1.5 'float', [1, 2] 'list', True 'bool'. */
function pythonRepr(x: unknown): [string, string] {
  const v = x instanceof SpelledLiteral ? x.value : x;
  const floatSpelled = x instanceof SpelledLiteral && x.dtype === 'float32';
  const item = (e: unknown): string => (typeof e === 'boolean' ? (e ? 'True' : 'False')
    : typeof e === 'number' && floatSpelled && Number.isInteger(e) ? `${e}.0` : Array.isArray(e) ? `[${e.map(item).join(', ')}]` : String(e));
  if (Array.isArray(v)) return [item(v), 'list'];
  if (typeof v === 'boolean') return [item(v), 'bool'];
  if (typeof v === 'number') return [item(v), floatSpelled || !Number.isInteger(v) ? 'float' : 'int'];
  return [String(v), typeof v];
}

function conversionError(def: OpDef, i: number, x: unknown, dtype: DType): TypeError {
  const [repr, type] = pythonRepr(x);
  if (executingEagerly()) return new TypeError(`Cannot convert ${repr} to EagerTensor of dtype ${dtype}`);
  const name = def.inputNames[i] ?? `input_${i}`;
  return new TypeError(`Expected ${dtype} passed to parameter '${name}' of op '${def.type}', got ${repr} of type '${type}' instead. Error: Expected ${dtype}, got ${repr} of type '${type}' instead.`);
}

export function literalFits(value: unknown, dtype: DType): boolean {
  // A Python int fits a float tensor (`w * 2`); a Python float never fits an int one (`tf.add(i, 1.5)`).
  if (value instanceof SpelledLiteral) return value.dtype === dtype || (value.dtype === 'int32' && dtype === 'float32');
  const v = inferDType(value);
  if (dtype === 'float32') return v === 'float32' || v === 'int32';
  if (dtype === 'int32') return v === 'int32' || (v === 'float32' && allIntegers(value));
  return v === 'bool';
}

function allIntegers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  if (Array.isArray(value)) return value.every(allIntegers);
  if (dtypeOfArray(value) === 'float32') return (value as Float32Array).every(Number.isInteger);
  return false;
}

export function literalToNDArray(def: OpDef, i: number, x: unknown, inputs: readonly unknown[]): NDArray {
  if (!isLiteral(x)) {
    throw new TypeError(`Input '${def.inputNames[i] ?? i}' of '${def.type}' Op: cannot convert ${x === undefined ? 'undefined' : String(x)} to a Tensor.`);
  }
  return toNDArray(x, literalDType(def, i, inputs));
}

