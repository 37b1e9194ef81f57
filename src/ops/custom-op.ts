// tf.registerOp: how a user adds an op from the REPL. The spec becomes an OpDef in the one registry, so
// the op runs in both schedules like a built-in: eager mode calls the kernel at once, graph mode records
// an Operation (attrs `T` and each declared attr) that Session.run computes later. User code is not
// trusted: the spec is checked in custom-op-spec.ts, what the user's shape function and kernel return in
// custom-op-def.ts, and each call's inputs and options here, so a mistake is a TF-style error naming the
// op, never a crash or a corrupt graph.
import { registeredOpTypes, registerOpDef, type Attrs } from '../engine/registry.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp } from './apply.js';
import { declare } from './declare.js';
import { buildDef } from './custom-op-def.js';
import { checkSpec, isPlainObject, repr, toAttrValue, type Checked, type OpSpec } from './custom-op-spec.js';

// The spec types are part of the registerOp API, so they stay importable from here (and from tf).
export type { OpAttrKind, OpAttrSpec, OpAttrValues, OpKernelContext, OpShape, OpSpec } from './custom-op-spec.js';

/** The function registerOp returns: `(...inputs, options?: { name?, <attr>: value })`. */
export type OpFunction<R = Tensor | Tensor[]> = (...inputsThenOptions: unknown[]) => R;
type OpResult<N extends number> = [N] extends [1] ? Tensor : 1 extends N ? Tensor | Tensor[] : Tensor[];

/** Op types users registered (replaceable), and the latest spec of every op registered here. */
const userOps = new Set<string>();
const specs = new Map<string, Checked>();
// Ops tensorshell itself adds through registerOp, as worked examples of the API: built-ins from then on.
const SHIPPED = new Set(['ZeroOut']);

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
function registerOpImpl<N extends number = 1>(spec: OpSpec & { outputs?: N }): OpFunction<OpResult<N>> {
  const c = checkSpec(spec);
  if (registeredOpTypes().includes(c.name) && !userOps.has(c.name)) {
    throw new ValueError(`Op type '${c.name}' is already registered (built-in); choose another name.`);
  }
  registerOpDef(buildDef(c));
  specs.set(c.name, c);
  if (!SHIPPED.has(c.name)) userOps.add(c.name);
  return opFunction(c.name) as OpFunction<OpResult<N>>;
}

export const registerOp: <N extends number = 1>(spec: OpSpec & { outputs?: N }) => OpFunction<OpResult<N>> = declare(
  'registerOp(spec: OpSpec): function',
  'Adds op `spec.name` (inputs, attrs, shape function, JS kernel) to the registry shared by both modes and returns its op function.',
  registerOpImpl);

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
