// Session.run's fetch and feed arguments: any nesting of arrays and plain objects of tensors, ops, names
// and variables in; the same structure out. Messages follow TF 1.15's session.py.
import { KeyError, ValueError } from '../errors.js';
import { jsTypeName } from '../js-type-name.js';
import { toNDArray } from '../tensor/convert.js';
import type { NDArray } from '../tensor/ndarray.js';
import { StringNDArray } from '../tensor/string-array.js';
import { shapeTuple } from '../tensor/shape.js';
import type { Graph } from './graph.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';

type Leaf = Tensor | Operation;

export interface FlatFetches {
  tensors: Tensor[];
  ops: Operation[];
  /** Rebuilds the caller's structure from the fetched tensor values (ops become null). */
  rebuild(values: readonly NDArray[]): unknown;
}

/** A `{…}` literal, also one made in the REPL's vm context (whose Object.prototype is another object). */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A Map from this realm or the REPL's vm context. */
function isMap(x: unknown): x is Map<unknown, unknown> {
  return x instanceof Map || Object.prototype.toString.call(x) === '[object Map]';
}

function asConvertible(x: unknown): { toTensor(asRef: boolean): Tensor } | null {
  return typeof x === 'object' && x !== null && typeof (x as { toTensor?: unknown }).toTensor === 'function'
    ? (x as { toTensor(asRef: boolean): Tensor }) : null;
}

function describe(x: unknown): string {
  if (x instanceof Tensor) return x.isEager ? x.toString() : x.repr();
  if (x instanceof Operation) return x.repr();
  return typeof x === 'string' ? `'${x}'` : String(x);
}

function resolveLeaf(graph: Graph, x: unknown): Leaf {
  const convertible = asConvertible(x);
  if (convertible) return resolveLeaf(graph, convertible.toTensor(true));
  if (x instanceof Tensor) {
    if (x.isEager) throw new TypeError(`Fetch argument ${x.toString()} is an eager tensor: it already has a value (use .numpy()).`);
    if (x.graph !== graph) {
      throw new ValueError(`Fetch argument ${x.repr()} cannot be interpreted as a Tensor. (Tensor ${x.toString()} is not an element of this graph.)`);
    }
    return x;
  }
  if (x instanceof Operation) {
    if (x.graph !== graph) throw new ValueError(`Fetch argument ${x.repr()} cannot be interpreted as a Tensor. (Operation ${x.repr()} is not an element of this graph.)`);
    return x;
  }
  if (typeof x === 'string') {
    try {
      return x.includes(':') ? graph.getTensorByName(x) : graph.getOperationByName(x);
    } catch (e) {
      const reason = e instanceof KeyError || e instanceof ValueError ? e.message : String(e);
      throw new ValueError(`Fetch argument '${x}' cannot be interpreted as a Tensor. ("${reason}")`);
    }
  }
  if (x === null || x === undefined) throw new TypeError(`Fetch argument ${x} has invalid type ${x}`);
  const type = jsTypeName(x);
  throw new TypeError(`Fetch argument ${describe(x)} has invalid type ${type}, must be a string or Tensor. (Can not convert a ${type} into a Tensor or Operation.)`);
}

/** Flattens `fetches`, deduplicating repeated tensors and ops. */
export function flattenFetches(graph: Graph, fetches: unknown): FlatFetches {
  const tensors: Tensor[] = [];
  const tensorIndex = new Map<Tensor, number>();
  const ops = new Set<Operation>();
  const build = (x: unknown): (values: readonly NDArray[]) => unknown => {
    if (Array.isArray(x)) {
      const parts = x.map(build);
      return (v) => parts.map((p) => p(v));
    }
    if (isPlainObject(x)) {
      const parts = Object.entries(x).map(([k, item]) => [k, build(item)] as const);
      return (v) => Object.fromEntries(parts.map(([k, p]) => [k, p(v)]));
    }
    const leaf = resolveLeaf(graph, x);
    if (leaf instanceof Operation) {
      ops.add(leaf);
      return () => null;
    }
    let i = tensorIndex.get(leaf);
    if (i === undefined) {
      i = tensors.push(leaf) - 1;
      tensorIndex.set(leaf, i);
    }
    const index = i;
    return (v) => v[index];
  };
  const rebuild = build(fetches);
  return { tensors, ops: [...ops], rebuild };
}

/** The tensor a feed key names: a Tensor, 'x:0', or an op name 'x' meaning its first output. */
function feedKey(graph: Graph, key: unknown): Tensor {
  const convertible = asConvertible(key);
  if (convertible) return convertible.toTensor(false);
  if (key instanceof Tensor) {
    if (key.isEager || key.graph !== graph) throw new ValueError(`Cannot interpret feed_dict key as Tensor: Tensor ${key.toString()} is not an element of this graph.`);
    return key;
  }
  if (typeof key === 'string') {
    try {
      return key.includes(':') ? graph.getTensorByName(key) : graph.getOperationByName(key).outputs[0];
    } catch (e) {
      throw new ValueError(`Cannot interpret feed_dict key as Tensor: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new TypeError(`Cannot interpret feed_dict key as Tensor: ${describe(key)} of type ${jsTypeName(key)} is not a Tensor or a tensor name.`);
}

function feedValue(t: Tensor, value: unknown): NDArray {
  if (value instanceof Tensor || asConvertible(value)) {
    throw new TypeError('The value of a feed cannot be a tf.Tensor object. Acceptable feed values include JS numbers, booleans, (nested) arrays, typed arrays and NDArrays.');
  }
  const v = t.dtype === 'string' ? stringFeed(t, value) : toNDArray(value, t.dtype);
  if (!t.shape.isCompatibleWith(v.shape)) {
    throw new ValueError(`Cannot feed value of shape ${shapeTuple(v.shape)} for Tensor '${t.name}', which has shape '${t.shape}'`);
  }
  return v;
}

/** A string tensor's feed: text or bytes, or an array of them (a checkpoint prefix for `save/Const:0`). */
function stringFeed(t: Tensor, value: unknown): NDArray {
  if (value instanceof StringNDArray) return value;
  const ok = (x: unknown) => typeof x === 'string' || x instanceof Uint8Array;
  if (ok(value) || (Array.isArray(value) && value.every(ok))) return StringNDArray.of(value as string);
  throw new TypeError(`Cannot feed a ${jsTypeName(value)} to string tensor '${t.name}': give text, a Uint8Array or an array of them`);
}

/** Normalises a feed dict (Map or plain object keyed by tensor name) into tensors and values. */
export function normalizeFeeds(graph: Graph, feedDict: unknown): { tensors: Tensor[]; values: NDArray[] } {
  const tensors: Tensor[] = [];
  const values: NDArray[] = [];
  if (feedDict === undefined || feedDict === null) return { tensors, values };
  const entries = isMap(feedDict) ? [...feedDict.entries()] : isPlainObject(feedDict) ? Object.entries(feedDict)
    : null;
  if (entries === null) throw new TypeError(`feed_dict must be a Map or a plain object, got ${jsTypeName(feedDict)}`);
  for (const [k, v] of entries) {
    const t = feedKey(graph, k);
    const i = tensors.indexOf(t);
    if (i >= 0) values[i] = feedValue(t, v);
    else {
      tensors.push(t);
      values.push(feedValue(t, v));
    }
  }
  return { tensors, values };
}
