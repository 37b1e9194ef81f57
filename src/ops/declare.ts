// Every public function and class is made from its declaration (declare-spec.ts): the wrapper checks the
// call against it — too many or too few arguments, an unknown option key (with a hint for TF's spellings),
// a value of the wrong kind — and hands the implementation TF's positional forms as one options object.
import { executingEagerly } from '../engine/mode.js';
import { InvalidArgumentError, ValueError } from '../errors.js';
import { SpelledLiteral } from '../tensor/literal.js';
import { isPlainObject } from './custom-op-spec.js';
import { parseDeclaration, type Declaration, type Param } from './declare-spec.js';

export type { Declaration } from './declare-spec.js';

type Checked = (...args: unknown[]) => unknown;

const declared = new WeakMap<object, Declaration>();
const callables: Array<{ decl: Declaration; fn: Checked }> = [];

/** Every declaration made so far (the API's functions, classes and methods). */
export function declarations(): readonly Declaration[] {
  return callables.map((c) => c.decl);
}

/** Each declaration with the checked function made from it (a class is called without `new`): for tests. */
export function declaredCallables(): ReadonlyArray<{ decl: Declaration; fn: Checked }> {
  return callables;
}

/** The declaration behind a public function or class, if it has one. */
export function declarationOf(value: unknown): Declaration | undefined {
  return (typeof value === 'function' ? declared.get(value) : undefined);
}

// TF's keyword names a learner types from the seeds, and what they are here.
const TF_SPELLINGS: Record<string, string> = {
  keep_dims: 'keepDims', keepdims: 'keepDims', reduction_indices: 'axis', dimension: 'axis', dim: 'axis',
  feed_dict: 'feedDict',
};

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `tf.reduceSum()` for functions and classes, `Session.run()` for methods. */
export function title(decl: Declaration): string {
  return decl.isMethod ? `${decl.name}()` : `tf.${decl.name}()`;
}

function unknownKey(decl: Declaration, key: string): TypeError {
  const suggestion = TF_SPELLINGS[key] ?? camel(key);
  const hint = suggestion !== key && decl.optionKeys.has(suggestion)
    ? ` Did you mean '${suggestion}'? (TF's '${key}' is spelled '${suggestion}' here.)` : '';
  const accepted = decl.optionKeys.size ? [...decl.optionKeys].join(', ') : 'none';
  return new TypeError(`${title(decl)} got an unexpected keyword argument '${key}'.${hint} Accepted keys: ${accepted}.`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return (v as object).constructor?.name ?? 'object';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A number where an int is wanted: TF's own conversion message (`Expected int32, got 2.5 of type 'float' instead.`). */
function notAnInt(type: string, value: unknown): number | undefined {
  if (!/^(int|int\[\]|Dims)( \| .*)?$/.test(type)) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.find((x) => typeof x === 'number' && !Number.isInteger(x)) as number | undefined;
}

function prepare(decl: Declaration, p: Param, v: unknown): unknown {
  const value = v instanceof SpelledLiteral && !p.keepsSpelled ? v.value : v;
  if (p.check !== null && !p.check(value)) {
    const bad = notAnInt(p.type, value);
    if (bad !== undefined) throw new TypeError(`Expected int32, got ${Number.isNaN(bad) ? 'nan' : bad} of type 'float' instead.`);
    throw new TypeError(`${title(decl)} argument '${p.name}' must be ${p.type}, got ${describe(value)}.`);
  }
  if (p.isDims) checkDims(decl, value);
  return value;
}

/** A shape to allocate: every dimension a non-negative integer (TF's Fill check), in the mode's error class. */
function checkDims(decl: Declaration, dims: unknown): void {
  if (!Array.isArray(dims)) return;
  const negative = dims.find((d) => typeof d === 'number' && d < 0);
  if (negative === undefined) return;
  const text = `Dimension ${negative} must be >= 0 (shape [${dims.join(',')}])`;
  throw executingEagerly() ? new InvalidArgumentError(`${text} [Op:${decl.name}]`) : new ValueError(`${text} for '${decl.name}'`);
}

function countError(decl: Declaration, given: number): TypeError {
  const max = decl.params.length;
  const takes = decl.required === max ? `${max}` : `from ${decl.required} to ${max}`;
  const plural = max === 1 && decl.required === max ? 'argument' : 'arguments';
  return new TypeError(`${title(decl)} takes ${takes} positional ${plural} but ${given} ${given === 1 ? 'was' : 'were'} given`);
}

function missingError(decl: Declaration, given: number): TypeError {
  const names = decl.params.slice(given, decl.required).map((p) => `'${p.name}'`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return new TypeError(`${title(decl)} missing ${names.length} required positional argument${names.length > 1 ? 's' : ''}: ${list}`);
}

/** Whether `key` names one of the options, as spelt here or as TF spells it (`feed_dict`). */
function isOptionName(decl: Declaration, key: string): boolean {
  return decl.optionKeys.has(key) || decl.optionKeys.has(TF_SPELLINGS[key] ?? camel(key));
}

/**
 * The trailing plain object is the options, unless it is the value of a parameter that takes records: a
 * feed (`{ 'x:0': 1 }`) is a feed unless one of its keys names an option (`{ feedDict }`, `{ feed_dict }`).
 */
function optionsObject(decl: Declaration, args: readonly unknown[]): Record<string, unknown> | null {
  const n = args.length;
  const last = args[n - 1];
  if (n <= decl.required || !isPlainObject(last)) return null;
  const p = decl.params[n - 1] ?? decl.rest;
  if (p && p.takesRecords && !Object.keys(last).some((k) => isOptionName(decl, k))) return null;
  return last;
}

export interface Call {
  /** The required arguments, then the rest (as one array) when the declaration has `...rest`. */
  args: unknown[];
  options: Record<string, unknown>;
}

/** Checks `args` against `decl` and sorts them into required arguments and one options object. */
export function normalize(decl: Declaration, args: readonly unknown[]): Call {
  // Trailing undefined arguments are absent ones (a wrapper forwarding an optional argument it was not given).
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  if (end < args.length) args = args.slice(0, end);
  const given = optionsObject(decl, args);
  const n = given ? args.length - 1 : args.length;
  if (n > decl.params.length && !decl.rest) throw countError(decl, n);
  if (n < decl.required) throw missingError(decl, n);
  // Keys first: a misspelt option is the thing to report, before any value is looked at.
  if (given) for (const key of Object.keys(given)) if (!decl.optionKeys.has(key)) throw unknownKey(decl, key);
  const out: unknown[] = [];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < decl.required; i++) out.push(prepare(decl, decl.params[i], args[i]));
  for (let i = decl.required; i < Math.min(n, decl.params.length); i++) {
    if (args[i] !== undefined && args[i] !== null) options[decl.params[i].name] = prepare(decl, decl.params[i], args[i]);
  }
  if (decl.rest) out.push(args.slice(decl.params.length, n).map((v) => prepare(decl, decl.rest!, v)));
  if (given) {
    for (const key of Object.keys(given)) {
      const v = given[key];
      if (v === undefined || v === null) continue;
      if (key in options) throw new TypeError(`${title(decl)} got multiple values for argument '${key}'`);
      options[key] = prepare(decl, decl.byName.get(key)!, v);
    }
  }
  return { args: out, options };
}

/** The common call, `tf.add(a, b)` or `sess.run(train)`: only the required arguments, nothing to sort. */
function isPlainCall(decl: Declaration, args: readonly unknown[]): boolean {
  return args.length === decl.required && decl.rest === null && (args.length === 0 || args[args.length - 1] !== undefined);
}

/** `args` as the implementation takes them: the required arguments (and the rest), then the options. */
function implArgs(decl: Declaration, args: unknown[]): unknown[] {
  if (isPlainCall(decl, args)) {
    for (let i = 0; i < args.length; i++) args[i] = prepare(decl, decl.params[i], args[i]);
    args.push({});
    return args;
  }
  const call = normalize(decl, args);
  call.args.push(call.options);
  return call.args;
}

/** The checked function for `decl`, remembered for declarationOf and the tests. */
function checked(decl: Declaration, impl: (...args: any[]) => unknown): Checked {
  const fn = function (this: unknown, ...args: unknown[]) {
    const n = args.length;
    // A plain call of up to three arguments, passed without growing `args` or spreading it (an op's
    // per-call cost in a training loop).
    if (n <= 3 && isPlainCall(decl, args)) {
      const p = decl.params;
      if (n === 0) return impl.call(this, {});
      if (n === 1) return impl.call(this, prepare(decl, p[0], args[0]), {});
      if (n === 2) return impl.call(this, prepare(decl, p[0], args[0]), prepare(decl, p[1], args[1]), {});
      return impl.call(this, prepare(decl, p[0], args[0]), prepare(decl, p[1], args[1]), prepare(decl, p[2], args[2]), {});
    }
    return impl.apply(this, implArgs(decl, args));
  };
  declared.set(fn, decl);
  callables.push({ decl, fn });
  return fn;
}

/**
 * A public function from its declaration and implementation; `impl` gets the required arguments (and the
 * rest, as an array), then the options object with every optional argument however it was given.
 */
export function declare<F extends (...args: never[]) => unknown>(spec: string, doc: string, impl: (...args: any[]) => unknown): F {
  const decl = parseDeclaration(spec, doc);
  const fn = checked(decl, impl);
  Object.defineProperty(fn, 'name', { value: decl.name.split('.').pop() });
  return fn as unknown as F;
}

/** A public class, callable with or without `new` (`tf.Session()`), whose constructor is checked. */
export function declareClass<C extends new (...args: any[]) => object>(spec: string, doc: string, cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  const decl = parseDeclaration(spec, doc);
  const build = (args: unknown[], newTarget: object) => Reflect.construct(cls, implArgs(decl, args), newTarget as C);
  const proxy: C = new Proxy(cls, {
    apply: (target, _this, args): object => build(args, target),
    construct: (target, args, newTarget): object => build(args, newTarget === proxy ? target : newTarget),
  });
  declared.set(proxy, decl);
  callables.push({ decl, fn: proxy as unknown as Checked });
  return proxy as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}

/** Replaces methods of `cls.prototype` with checked ones: `{ run: 'Session.run(fetches: unknown, …)' }`. */
export function declareMethods(cls: { prototype: object }, specs: Record<string, [spec: string, doc: string]>): void {
  const proto = cls.prototype as Record<string, (...args: unknown[]) => unknown>;
  for (const [method, [spec, doc]] of Object.entries(specs)) {
    const impl = proto[method];
    if (typeof impl !== 'function') throw new Error(`declareMethods: no method ${method}`);
    const fn = checked(parseDeclaration(spec, doc), impl);
    Object.defineProperty(proto, method, { value: fn, writable: true, configurable: true });
  }
}
