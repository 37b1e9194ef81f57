// What tf.registerOp accepts: the OpSpec types, and the checks that turn a user's spec and attr values into
// something the registry can trust. User code is not trusted, so each mistake is a TypeError or ValueError
// naming the op and the field, raised before anything is registered or recorded in a graph.
import { inspect } from 'node:util';
import { TensorShape } from '../tensor/shape.js';
import type { Backend } from '../backends/backend.js';
import { attr, type AttrValue } from '../engine/attrs.js';
import { ValueError } from '../errors.js';
import { parseDType, type DType } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';

/** The kinds of attr a custom op may have; NodeDef stores them as i, f, b and s. */
export type OpAttrKind = 'int' | 'float' | 'bool' | 'string';
/** One attribute of a custom op: `{ type: 'int', default: 0, min: 0 }` (no default: the caller must pass it). */
export interface OpAttrSpec { type: OpAttrKind; default?: number | boolean | string; min?: number }
/** Attribute values as a kernel or shape function sees them: `attrs.preserve_index` is a plain number. */
export type OpAttrValues = Readonly<Record<string, number | boolean | string>>;
/** What a kernel may use besides its inputs: the device's primitive kernels, and the op's name for messages. */
export interface OpKernelContext { backend: Backend; opName: string }
/** A static output shape: a TensorShape, or dims with null for unknown (`[null, 3]`). */
export type OpShape = TensorShape | readonly (number | null)[];

/** What `tf.registerOp` takes. All inputs share one dtype, the attr `T`; every output has that dtype too. */
export interface OpSpec {
  /** The op type and default op name, PascalCase: 'ZeroOut'. */
  name: string;
  /** Input argument names (snake_case), in call order; a literal input becomes a Const `ZeroOut/to_zero`. */
  inputs: readonly string[];
  /** The dtypes `T` may take (default ['float32']). */
  dtypes?: readonly DType[];
  /** Attributes by snake_case name; each call passes them in its options object. */
  attrs?: Readonly<Record<string, OpAttrSpec>>;
  /** Number of outputs (default 1); the op function returns an array when more than one. */
  outputs?: number;
  /**
   * Output shape(s) from the input shapes: static ones (dims may be unknown) at graph build, the real ones
   * before each kernel call; one OpShape per output when `outputs` > 1. Throw to reject the inputs.
   * Default: every output has input 0's shape.
   */
  shape?: (inputShapes: TensorShape[], attrs: OpAttrValues) => OpShape | OpShape[];
  /** Computes the outputs. Inputs are copies, so writing into them cannot change a constant or variable. */
  kernel: (inputs: NDArray[], attrs: OpAttrValues, ctx: OpKernelContext) => NDArray | NDArray[];
}

/** A spec after checking: copied, so editing the user's object later changes nothing. */
export interface Checked {
  name: string;
  inputs: readonly string[];
  dtypes: readonly DType[];
  attrs: ReadonlyMap<string, OpAttrSpec>;
  outputs: number;
  shape?: OpSpec['shape'];
  kernel: OpSpec['kernel'];
}

const OP_TYPE = /^[A-Z][A-Za-z0-9]*$/;
const ARG_NAME = /^[a-z][a-z0-9_]*$/;
const FIELDS = ['name', 'inputs', 'dtypes', 'attrs', 'outputs', 'shape', 'kernel'];
const ATTR_FIELDS = ['type', 'default', 'min'];
const KINDS: readonly OpAttrKind[] = ['int', 'float', 'bool', 'string'];
const MAX_OUTPUTS = 64;
type Fail = (what: string) => TypeError;

/** A value as Python's repr would show it in a message: `'abc'`, `1.5`, `[ 1, 2 ]`. */
export function repr(value: unknown): string {
  // A shape reads as TF's str, `(1,)`, whatever the mode.
  if (value instanceof TensorShape) return `TensorShape(${value.toString()})`;
  return inspect(value, { depth: 0, maxArrayLength: 4, maxStringLength: 40, breakLength: Infinity });
}

/** An object literal from any realm (the REPL's vm context has its own Object.prototype). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An error's message; a user may throw an Error with none, or something that is not an Error. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

export function checkSpec(spec: unknown): Checked {
  if (!isPlainObject(spec)) {
    throw new TypeError(`registerOp expects a spec object like { name: 'AddOne', inputs: ['x'], kernel: ([x]) => … }, not ${repr(spec)}.`);
  }
  const unknown = Object.keys(spec).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined) {
    const why = unknown === 'gradient' ? ' (a gradient is registered separately, by op type)' : '';
    throw new TypeError(`registerOp: unknown spec field '${unknown}'${why}; the fields are ${FIELDS.join(', ')}.`);
  }
  const { name, kernel, shape } = spec;
  if (typeof name !== 'string' || !OP_TYPE.test(name)) {
    throw new TypeError(`registerOp: name must be an op type in PascalCase matching ${OP_TYPE} (e.g. 'ZeroOut'), not ${repr(name)}.`);
  }
  const fail: Fail = (what) => new TypeError(`registerOp('${name}'): ${what}`);
  if (typeof kernel !== 'function') throw fail(`kernel must be a function (inputs, attrs, ctx) => NDArray | NDArray[], not ${repr(kernel)}.`);
  if (shape !== undefined && typeof shape !== 'function') throw fail(`shape must be a function (inputShapes, attrs) => shape, not ${repr(shape)}.`);
  const outputs = spec.outputs ?? 1;
  // A cap, so a typo like 1e9 is an error rather than a billion Tensor objects.
  if (!Number.isSafeInteger(outputs) || (outputs as number) < 1 || (outputs as number) > MAX_OUTPUTS) {
    throw fail(`outputs must be an integer from 1 to ${MAX_OUTPUTS}, not ${repr(outputs)}.`);
  }
  const inputs = checkArgNames(spec.inputs, 'inputs', fail);
  if (inputs.length === 0) throw fail(`inputs must name at least one input: the outputs take their dtype T from the inputs.`);
  return {
    name, inputs, outputs: outputs as number, dtypes: checkDTypes(spec.dtypes, fail),
    attrs: checkAttrSpecs(name, spec.attrs ?? {}, inputs, fail),
    shape: shape as OpSpec['shape'], kernel: kernel as OpSpec['kernel'],
  };
}

function checkArgNames(names: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(names)) throw fail(`${field} must be an array of argument names like ['x'], not ${repr(names)}.`);
  names.forEach((n, i) => {
    if (typeof n !== 'string' || !ARG_NAME.test(n)) throw fail(`${field}[${i}] must be a snake_case name matching ${ARG_NAME}, not ${repr(n)}.`);
    if (names.indexOf(n) !== i) throw fail(`${field} names '${n}' twice.`);
  });
  return [...names];
}

function checkDTypes(dtypes: unknown, fail: Fail): DType[] {
  if (dtypes === undefined) return ['float32'];
  if (!Array.isArray(dtypes) || dtypes.length === 0) throw fail(`dtypes must be a non-empty array like ['float32', 'int32'], not ${repr(dtypes)}.`);
  try {
    return [...new Set(dtypes.map(parseDType))];
  } catch (e) {
    throw fail(`dtypes: ${messageOf(e)}`);
  }
}

function checkAttrSpecs(op: string, attrs: unknown, inputs: readonly string[], fail: Fail): Map<string, OpAttrSpec> {
  if (!isPlainObject(attrs)) throw fail(`attrs must be an object like { factor: { type: 'float', default: 1 } }, not ${repr(attrs)}.`);
  const out = new Map<string, OpAttrSpec>();
  for (const [key, a] of Object.entries(attrs)) {
    const where = `attr '${key}'`;
    if (!ARG_NAME.test(key) || key === 'name') throw fail(`${where}: an attr name must be snake_case matching ${ARG_NAME} and not 'name' (the op's name option).`);
    if (inputs.includes(key)) throw fail(`${where} has the name of an input.`);
    if (!isPlainObject(a)) throw fail(`${where} must be an object like { type: 'int', default: 0 }, not ${repr(a)}.`);
    const extra = Object.keys(a).find((k) => !ATTR_FIELDS.includes(k));
    if (extra !== undefined) throw fail(`${where} has an unknown field '${extra}'; the fields are ${ATTR_FIELDS.join(', ')}.`);
    if (!KINDS.includes(a.type as OpAttrKind)) throw fail(`${where}: type must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}, not ${repr(a.type)}.`);
    const spec = { type: a.type, default: a.default, min: a.min } as OpAttrSpec;
    if (spec.min !== undefined && (spec.type !== 'int' || !Number.isSafeInteger(spec.min))) throw fail(`${where}: min must be an integer, and only an int attr has one.`);
    if (spec.default !== undefined) {
      try {
        toAttrValue(op, key, spec, spec.default);
      } catch (e) {
        throw fail(`${where}: bad default: ${messageOf(e)}`);
      }
    }
    out.set(key, spec);
  }
  return out;
}

/** The checks TF's op_def_library makes on an attr value, with its messages. */
export function toAttrValue(op: string, key: string, a: OpAttrSpec, value: unknown): AttrValue {
  const ok = a.type === 'int' ? Number.isSafeInteger(value) : a.type === 'float' ? typeof value === 'number'
    : typeof value === (a.type === 'bool' ? 'boolean' : 'string');
  if (!ok) throw new TypeError(`Expected ${a.type} for argument '${key}' not ${repr(value)}.`);
  if (a.min !== undefined && (value as number) < a.min) {
    throw new ValueError(`Attr '${key}' of '${op}' Op passed ${value} less than minimum ${a.min}.`);
  }
  if (a.type === 'int') return attr.i(value as number);
  if (a.type === 'float') return attr.f(value as number);
  return a.type === 'bool' ? attr.b(value as boolean) : attr.s(value as string);
}
