// The OpDef tf.registerOp puts in the registry for a checked spec: static shapes at graph build, the user's
// kernel at run time. Whatever the user's shape function and kernel return is checked before the graph or
// the next op sees it, so a broken result is an error naming the op, never a corrupt graph or a crash.
import { ShapeError, type Attrs, type KernelContext, type KernelInput, type OpDef, type TensorSpec } from '../engine/registry.js';
import { InternalError, InvalidArgumentError, OpError } from '../errors.js';
import { dtypeOfArray, setOutputSource, type DType } from '../tensor/dtype.js';
import { NDArray } from '../tensor/ndarray.js';
import { shapeString, sizeOf, TensorShape } from '../tensor/shape.js';
import { messageOf, repr, type Checked, type OpAttrValues, type OpShape } from './custom-op-spec.js';

export function buildDef(c: Checked): OpDef {
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

/** Attr values for the user's functions: only the declared attrs (not T), as plain JS values. */
function plainAttrs(c: Checked, attrs: Attrs): OpAttrValues {
  const out: Record<string, number | boolean | string> = {};
  for (const [key, a] of c.attrs) out[key] = (attrs[key]?.value ?? a.default) as number | boolean | string;
  return Object.freeze(out);
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
    // The user's code may keep what the backend gives it: nothing it allocates comes from a plan's arena.
    const was = setOutputSource(null);
    try {
      result = c.kernel(copies, js, { backend: ctx.backend, opName: ctx.opName });
    } finally {
      setOutputSource(was);
    }
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
