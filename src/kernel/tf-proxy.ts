// The `tf` a learner types against: the real module, except that a name it does not have is Python's
// AttributeError (`module 'tensorflow' has no attribute 'mul'`) with a way forward — the camelCase name
// here (`tf.reduce_sum` → `tf.reduceSum`) or the name TF 1.0 gave it (`tf.mul` → `tf.multiply`) — instead
// of JS's `undefined`, which would echo nothing or fail later as "tf.mul is not a function".
import * as tf from '../index.js';

// TF 0.x names TF 1.0 renamed, and where they went (relative to tf.).
const RENAMED: Record<string, string> = {
  mul: 'multiply', sub: 'subtract', neg: 'negative', scalar_summary: 'summary.scalar', histogram_summary: 'summary.histogram',
  merge_all_summaries: 'summary.mergeAll', initialize_all_variables: 'globalVariablesInitializer',
  initialize_variables: 'variablesInitializer', SummaryWriter: 'summary.FileWriter', train_SummaryWriter: 'summary.FileWriter',
  select: 'where', pack: 'stack', unpack: 'unstack', div: 'divide', all_variables: 'globalVariables',
};

// Keys JS itself asks an object for (await, inspection, JSON): never an AttributeError.
const PASS = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', '__esModule', 'default', 'inspect', 'nodeType', 'asymmetricMatch', '$$typeof']);

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The hint for a missing `tf.<prefix>name`: the name that exists, if one is close enough. */
export function suggestion(ns: Record<string, unknown>, prefix: string, name: string): string | null {
  const renamed = RENAMED[prefix === 'train.' ? `train_${name}` : name];
  if (renamed !== undefined) return `TF 1.0 renamed it: use tf.${renamed}${resolve(renamed) ? '' : ' (not in tensorshell yet)'}`;
  const wanted = camel(name).toLowerCase();
  const match = Object.keys(ns).find((k) => k.toLowerCase() === wanted);
  return match !== undefined ? `tensorshell spells it tf.${prefix}${match}` : null;
}

function resolve(path: string): boolean {
  let v: unknown = tf;
  for (const p of path.split('.')) v = v === undefined ? undefined : (v as Record<string, unknown>)[p];
  return v !== undefined;
}

const cache = new Map<string, object>();

function guardedNamespace(ns: object, key: string): object {
  let g = cache.get(key);
  if (g === undefined) cache.set(key, (g = guarded(ns, `${key}.`)));
  return g;
}

/** Each guard's namespace, so that Tab can list a guarded namespace's names without running its trap. */
const targets = new WeakMap<object, object>();

/** The module (or namespace) behind a guard; any other value as it is. */
export function unguarded(value: unknown): unknown {
  return (typeof value === 'object' && value !== null && targets.get(value)) || value;
}

function guarded<T extends object>(ns: T, prefix: string): T {
  const proxy = new Proxy(ns, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol' || value !== undefined || key in target || PASS.has(key)) {
        return typeof key === 'string' && prefix === '' && NAMESPACES.has(key) ? guardedNamespace(value as object, key) : value;
      }
      const module = prefix === '' ? 'tensorflow' : `tensorflow.${prefix.slice(0, -1)}`;
      const hint = suggestion(target as Record<string, unknown>, prefix, key);
      throw new tf.AttributeError(`module '${module}' has no attribute '${key}'${hint ? ` (${hint})` : ''}`);
    },
  });
  targets.set(proxy, ns);
  return proxy;
}

const NAMESPACES = new Set(['train', 'summary', 'test', 'ops', 'errors', 'datasets', 'nn']);

/** The guarded module (and its namespaces). */
export const guardedTf = guarded(tf as unknown as object, '') as typeof tf;
