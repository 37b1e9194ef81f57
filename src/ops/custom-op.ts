// tf.registerOp: how a user adds an op from the REPL. The spec becomes an OpDef in the one registry, so
// the op runs in both schedules like a built-in: eager mode calls the kernel at once, graph mode records
// an Operation (attrs `T` and each declared attr) that Session.run computes later. User code is not
// trusted: the spec, each call's attrs, and everything the user's shape function and kernel return are
// checked here, so a mistake is a TF-style error naming the op, never a crash or a corrupt graph.
import { inspect } from 'node:util';
import type { Backend } from '../backends/backend.js';
import { attr, type AttrValue } from '../engine/attrs.js';
import { registeredOpTypes, registerOpDef, ShapeError, type Attrs, type KernelContext, type KernelInput, type OpDef, type TensorSpec } from '../engine/registry.js';
import { InternalError, InvalidArgumentError, OpError, ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { dtypeOfArray, parseDType, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { shapeString, sizeOf, TensorShape } from '../tensor/shape.js';
import { applyOp } from './apply.js';

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

/** The function registerOp returns: `(...inputs, options?: { name?, <attr>: value })`. */
export type OpFunction<R = Tensor | Tensor[]> = (...inputsThenOptions: unknown[]) => R;
type OpResult<N extends number> = [N] extends [1] ? Tensor : 1 extends N ? Tensor | Tensor[] : Tensor[];

/** A spec after checking: copied, so editing the user's object later changes nothing. */
interface Checked {
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

/** Op types users registered (replaceable), and the latest spec of every op registered here. */
const userOps = new Set<string>();
const specs = new Map<string, Checked>();
// Ops tensorshell itself adds through registerOp, as worked examples of the API: built-ins from then on.
const SHIPPED = new Set(['ZeroOut']);

/** A value as Python's repr would show it in a message: `'abc'`, `1.5`, `[ 1, 2 ]`. */
function repr(value: unknown): string {
  return inspect(value, { depth: 0, maxArrayLength: 4, maxStringLength: 40, breakLength: Infinity });
}

/** An object literal from any realm (the REPL's vm context has its own Object.prototype). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An error's message; a user may throw an Error with none, or something that is not an Error. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

/**
 * Adds op `spec.name` to the registry shared by eager and graph mode, with a JS kernel, and returns its op
 * function. Retyping a REPL cell re-registers the op: a user's own op is replaced (functions returned
 * earlier run the new definition; Operations already in a graph keep the kernel they were built with).
 * A built-in type — 'Mul', or 'ZeroOut', which tensorshell ships through this very function — is refused
 * with a ValueError. Gradients are separate: register one by op type once the op exists.
 * @example
 * const scale = tf.registerOp({
 *   name: 'Scale', inputs: ['x'],
 *   attrs: { factor: { type: 'float', default: 2 } },
 *   kernel: ([x], { factor }) => new tf.NDArray(x.data.map((v) => v * (factor as number)), x.shape, x.dtype),
 * });
 * scale([1, 2], { factor: 10 })  // [10. 20.]; in graph mode an Operation 'Scale' with attrs T and factor
 */
export function registerOp<N extends number = 1>(spec: OpSpec & { outputs?: N }): OpFunction<OpResult<N>> {
  const c = checkSpec(spec);
  if (registeredOpTypes().includes(c.name) && !userOps.has(c.name)) {
    throw new ValueError(`Op type '${c.name}' is already registered (built-in); choose another name.`);
  }
  registerOpDef(buildDef(c));
  specs.set(c.name, c);
  if (!SHIPPED.has(c.name)) userOps.add(c.name);
  return opFunction(c.name) as OpFunction<OpResult<N>>;
}

function checkSpec(spec: unknown): Checked {
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

// ---- calling the op: inputs, then an options object { name, <attr>: value } ----

function opFunction(type: string): OpFunction {
  const fn = (...args: unknown[]): Tensor | Tensor[] => {
    // The latest registration, so a function from before a REPL user retyped the op still matches the registry.
    const c = specs.get(type)!;
    const { inputs, options } = splitArgs(c, args);
    const { name, attrs } = readOptions(c, options);
    const outputs = applyOp(type, inputs, attrs, { name });
    return c.outputs === 1 ? outputs[0] : outputs;
  };
  // The REPL shows `[Function: zeroOut]`.
  Object.defineProperty(fn, 'name', { value: type[0].toLowerCase() + type.slice(1) });
  return fn;
}

function splitArgs(c: Checked, args: readonly unknown[]): { inputs: unknown[]; options: Record<string, unknown> } {
  const n = c.inputs.length;
  const usage = `${c.name}(${[...c.inputs, `{ name${[...c.attrs.keys()].map((k) => `, ${k}`).join('')} }?`].join(', ')})`;
  if (args.length > n + 1) throw new TypeError(`${usage} takes ${n} input${n === 1 ? '' : 's'} and an options object, but got ${args.length} arguments.`);
  const last = args[args.length - 1];
  // An object literal where an input belongs means the inputs ran short: say which one is missing.
  const hasOptions = args.length === n + 1 || (args.length > 0 && isPlainObject(last));
  const inputs = hasOptions ? args.slice(0, -1) : [...args];
  if (inputs.length < n) throw new TypeError(`${usage} is missing its input '${c.inputs[inputs.length]}'.`);
  if (!hasOptions || last === undefined) return { inputs, options: {} };
  if (!isPlainObject(last)) throw new TypeError(`The options of ${usage} must be an object, not ${repr(last)}.`);
  return { inputs, options: last };
}

function readOptions(c: Checked, options: Record<string, unknown>): { name?: string; attrs: Attrs } {
  for (const key of Object.keys(options)) {
    if (key !== 'name' && !c.attrs.has(key)) {
      throw new TypeError(`${c.name}() got an unexpected keyword argument '${key}'; its options are: ${['name', ...c.attrs.keys()].join(', ')}.`);
    }
  }
  const name = options.name;
  if (name !== undefined && typeof name !== 'string') throw new TypeError(`The name of a ${c.name} op must be a string, not ${repr(name)}.`);
  const attrs: Attrs = {};
  for (const [key, a] of c.attrs) {
    const value = options[key] ?? a.default;
    if (value === undefined) throw new TypeError(`${c.name}() is missing its attr '${key}' (${a.type}): pass it in the options, { ${key}: … }.`);
    attrs[key] = toAttrValue(c.name, key, a, value);
  }
  return { name, attrs };
}

/** The checks TF's op_def_library makes on an attr value, with its messages. */
function toAttrValue(op: string, key: string, a: OpAttrSpec, value: unknown): AttrValue {
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

/** Attr values for the user's functions: only the declared attrs (not T), as plain JS values. */
function plainAttrs(c: Checked, attrs: Attrs): OpAttrValues {
  const out: Record<string, number | boolean | string> = {};
  for (const [key, a] of c.attrs) out[key] = (attrs[key]?.value ?? a.default) as number | boolean | string;
  return Object.freeze(out);
}

// ---- the OpDef: static shapes at graph build, the user's kernel at run time ----

function buildDef(c: Checked): OpDef {
  // A literal takes a dtype T allows: numbers are float32 unless only ints (or bools) are allowed.
  const literal = c.dtypes.includes('float32') ? undefined : c.dtypes.includes('int32') ? 'int32' : c.dtypes[0];
  return {
    type: c.name,
    inputNames: c.inputs,
    typeGroup: { attr: 'T', inputs: c.inputs.map((_, i) => i), allowed: c.dtypes },
    literalDTypes: c.inputs.map(() => literal),
    inferOutputs: (inputs, attrs) => staticOutputs(c, inputs, attrs),
    kernel: (inputs, attrs, ctx) => runUserKernel(c, inputs, attrs, ctx),
  };
}

function staticOutputs(c: Checked, inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[] {
  let result: unknown;
  try {
    result = c.shape ? c.shape(inputs.map((s) => s.shape), plainAttrs(c, attrs)) : defaultShapes(c, inputs[0].shape);
  } catch (e) {
    // applyOp turns a ShapeError into TF's ValueError naming the op and its input shapes.
    throw new ShapeError(messageOf(e));
  }
  return outputShapes(c, result).map((shape) => ({ dtype: inputs[0].dtype, shape }));
}

/** Without a shape function every output has input 0's shape. */
function defaultShapes(c: Checked, shape: OpShape): OpShape | OpShape[] {
  return c.outputs === 1 ? shape : new Array<OpShape>(c.outputs).fill(shape);
}

/** The shape function's result as one TensorShape per output; TypeError for anything else. */
function outputShapes(c: Checked, result: unknown): TensorShape[] {
  const list = c.outputs === 1 ? [result] : result;
  const expected = c.outputs === 1 ? 'a TensorShape or an array of dims (null for unknown)' : `an array of ${c.outputs} shapes, one per output`;
  if (!Array.isArray(list) || list.length !== c.outputs) throw new TypeError(`The shape function of op '${c.name}' returned ${repr(result)}; expected ${expected}.`);
  return list.map((s: unknown) => {
    if (s instanceof TensorShape) return s;
    if (Array.isArray(s) && s.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0))) return new TensorShape(s);
    throw new TypeError(`The shape function of op '${c.name}' returned ${repr(s)} for a shape; expected a TensorShape or an array of dims (null for unknown).`);
  });
}

/**
 * Runs the user's shape function on the real shapes, then the kernel, then checks what came back. Their
 * errors become InvalidArgumentError (bad input, as a TF kernel's OP_REQUIRES says); broken results are
 * InternalError naming the op, because the next op or a native kernel must be able to trust them.
 */
function runUserKernel(c: Checked, inputs: readonly KernelInput[], attrs: Attrs, ctx: KernelContext): NDArray[] {
  const values = inputs.map((x) => (x instanceof NDArray ? x : x.read()));
  const copies = values.map((x) => new NDArray(x.data.slice(), [...x.shape], x.dtype));
  const js = plainAttrs(c, attrs);
  let shapes: TensorShape[];
  let result: unknown;
  try {
    const raw = c.shape ? c.shape(values.map((x) => new TensorShape(x.shape)), js) : defaultShapes(c, values[0].shape);
    shapes = guard(() => outputShapes(c, raw), ctx.opName);
    result = c.kernel(copies, js, { backend: ctx.backend, opName: ctx.opName });
  } catch (e) {
    if (e instanceof OpError) throw e;
    throw new InvalidArgumentError(messageOf(e), ctx.opName);
  }
  return checkOutputs(c, result, values[0].dtype, shapes, ctx.opName);
}

function guard<T>(fn: () => T, opName: string): T {
  try {
    return fn();
  } catch (e) {
    throw new InternalError(messageOf(e), opName);
  }
}

function checkOutputs(c: Checked, result: unknown, dtype: DType, shapes: readonly TensorShape[], opName: string): NDArray[] {
  const list = result instanceof NDArray ? [result] : result;
  const fail = (what: string) => new InternalError(`The kernel of op '${c.name}' ${what}`, opName);
  if (!Array.isArray(list) || list.length !== c.outputs) {
    const got = Array.isArray(list) ? `${list.length} outputs` : repr(result);
    throw fail(`returned ${got}, but the op has ${c.outputs}: return ${c.outputs === 1 ? 'one NDArray' : `an array of ${c.outputs} NDArrays`}.`);
  }
  list.forEach((v: unknown, i) => {
    if (!(v instanceof NDArray)) throw fail(`returned ${repr(v)} as output ${i}; a kernel returns NDArrays: new tf.NDArray(data, shape, dtype).`);
    const dims = Array.isArray(v.shape) && v.shape.every((d) => Number.isSafeInteger(d) && d >= 0);
    if (!dims || dtypeOfArray(v.data) !== v.dtype || v.data?.length !== sizeOf(v.shape)) {
      throw fail(`returned a malformed NDArray as output ${i}: ${repr(v.data?.constructor?.name)} of ${v.data?.length} elements, shape ${repr(v.shape)}, dtype ${repr(v.dtype)}.`);
    }
    if (v.dtype !== dtype) throw fail(`returned output ${i} as ${v.dtype}, but its outputs have the inputs' type T = ${dtype}.`);
    if (!shapes[i].isCompatibleWith(v.shape)) {
      throw fail(`returned output ${i} with shape ${shapeString(v.shape)}, but the op declares ${shapes[i].toBracketString()} (its shape function, or input 0's shape).`);
    }
  });
  return list as NDArray[];
}
