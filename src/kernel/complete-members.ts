// Tab completion from the kernel's vm context, as Node's REPL completes: members (`sess.r` → `sess.run`,
// `w.as` → `w.assign`, `tf.nn.co` → `tf.nn.conv2d`) and the session's own names. Unlike Node's REPL it never
// evaluates code: the chain before the last dot is followed through data properties and the engine's own
// side-effect-free getters (pure-getters.ts: `x.op.na` → `x.op.name`); any other getter may have side effects
// (or be slow), so completion stops at one. The names offered are the own and prototype property names, read
// without calling a getter. A proxy is not looked into (its
// traps are code), except the guarded `tf` (tf-proxy.ts), whose real module is read instead.
import { types } from 'node:util';
import vm from 'node:vm';
import { completeNames, type TfNames } from './complete-names.js';
import { isPureGetter } from './pure-getters.js';
import { unguarded } from './tf-proxy.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** `a.b.c.pre` at the end of the line: the chain `a.b.c` and the start of a member `pre`. */
const MEMBER = /(?:^|[^\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/;
/** A name being typed at the end of the line (not after a dot). */
const NAME = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)$/;

/** The `tf.` table first, then members and the context's names: readline's completer shape. */
export function completeInContext(context: object, names: TfNames, line: string): [string[], string] {
  const fromTable = completeNames(names, line);
  if (fromTable[0].length > 0) return fromTable;
  const member = MEMBER.exec(line);
  if (member) return completeMember(context, member[1], member[2]);
  const name = NAME.exec(line);
  if (!name) return [[], line];
  const own = Object.keys(context).filter((k) => IDENT.test(k) && k.startsWith(name[1]));
  return [own.sort(), name[1]];
}

/** The members of `chain` (`sess`, `tf.nn`) that start with `start`, as `chain.member`. */
export function completeMember(context: object, chain: string, start: string): [string[], string] {
  const typed = `${chain}.${start}`;
  try {
    const [root, ...path] = chain.split('.');
    const found = lookUp(context, root);
    if (found === undefined) return [[], typed];
    let value = found.value;
    for (const key of path) {
      const d = descriptorOf(value, key);
      if (d !== undefined && 'value' in d) value = d.value;
      else if (d !== undefined && isPureGetter(d.get)) value = d.get!.call(unguarded(value));
      else return [[], typed];
    }
    const names = memberNames(value).filter((n) => n.startsWith(start) && (start.startsWith('_') || !n.startsWith('_')));
    return [names.map((n) => `${chain}.${n}`), typed];
  } catch {
    // A module binding not yet initialized, a revoked proxy: nothing to offer.
    return [[], typed];
  }
}

const globals = new WeakMap<object, object>();

/** A top-level name's value: the session's names are the context's; `Math`, `JSON`… are the vm's global's. */
function lookUp(context: object, name: string): { value: unknown } | undefined {
  let global = globals.get(context);
  if (global === undefined && vm.isContext(context)) globals.set(context, (global = vm.runInContext('globalThis', context) as object));
  for (const holder of global === undefined ? [context] : [context, global]) {
    const d = Object.getOwnPropertyDescriptor(holder, name);
    if (d !== undefined) return 'value' in d ? { value: d.value } : undefined;
  }
  return undefined;
}

/** The object a value's properties are read from (primitives through their wrapper); null when none is safe. */
function holderOf(value: unknown): object | null {
  const v = unguarded(value);
  if (v === null || v === undefined) return null;
  const holder = typeof v === 'object' || typeof v === 'function' ? v : Object(v);
  return types.isProxy(holder) ? null : holder;
}

/** Where `key` is defined on `value` or its prototypes (undefined behind a proxy). */
function descriptorOf(value: unknown, key: string): PropertyDescriptor | undefined {
  for (let o = holderOf(value); o !== null; o = nextProto(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * Own and inherited names, the nearest first. A realm's Object.prototype (the last link of a chain) is
 * left out, as its `hasOwnProperty`, `toLocaleString`… are noise at a tensor; so is `constructor`.
 */
function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  const start = holderOf(value);
  for (let o = start; o !== null; o = nextProto(o)) {
    if (o !== start && Object.getPrototypeOf(o) === null) break;
    const own = Object.getOwnPropertyNames(o).filter((k) => IDENT.test(k) && k !== 'constructor').sort();
    for (const k of own) names.add(k);
  }
  return [...names];
}

function nextProto(o: object): object | null {
  const p = Object.getPrototypeOf(o) as object | null;
  return p === null || types.isProxy(p) ? null : p;
}
