// The one-line declarations every public function is made from:
//   'reduceSum(inputTensor: Tensor, axis?: int | int[] | Tensor, keepDims?: boolean, name?: string): Tensor'
// Parameters before the first `?` are required; each optional one can be given positionally, in TF 1.15's
// order, or as a key of the options object that may end any call; `{ key?: T, … }` lists keys that are only
// options; `...name: T` collects the rest. `?help` prints the same text, so help and checks cannot drift.
import { dtypeOfArray } from '../tensor/dtype.js';

export interface Param {
  name: string;
  type: string;
  optional: boolean;
  /** The value check the type allows (null: any value), made once: calls are hot (an eager op per call). */
  check: ((v: unknown) => boolean) | null;
  /** A spelled literal stays one (the parameter holds tensor values). */
  keepsSpelled: boolean;
  /** A plain object here is a value (a feed record), not the options. */
  takesRecords: boolean;
  /** A shape to allocate: its entries must not be negative. */
  isDims: boolean;
}

export interface Declaration {
  /** The qualified name without `tf.`: 'reduceSum', 'train.AdamOptimizer', 'Session.run'. */
  name: string;
  /** A method ('Session.run'), named without `tf.`. */
  isMethod: boolean;
  /** Required parameters, then optional positional ones. */
  params: readonly Param[];
  required: number;
  rest: Param | null;
  /** Keys the options object accepts: the optional positional parameters and the option-only keys. */
  optionKeys: ReadonlySet<string>;
  /** Every parameter and option by name. */
  byName: ReadonlyMap<string, Param>;
  returns: string;
  spec: string;
  doc: string;
}

/** Splits on commas that are not inside brackets, braces, parentheses or angle brackets. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && text[i - 1] !== '=') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function parseParam(text: string): Param {
  const m = /^(\.\.\.)?(\w+)(\?)?(?::\s*(.+))?$/.exec(text);
  if (!m) throw new Error(`bad parameter in declaration: ${text}`);
  const type = (m[4] ?? 'unknown').trim();
  return {
    name: m[2], type, optional: m[3] === '?' || m[1] === '...', check: checkerFor(type), keepsSpelled: holdsTensors(type),
    takesRecords: /\bFeedDict\b|\bRecord\b/.test(type), isDims: type.startsWith('Dims'),
  };
}

export function parseDeclaration(spec: string, doc: string): Declaration {
  const m = /^([\w.]+)\(([\s\S]*)\)(?::\s*(.+))?$/.exec(spec.trim());
  if (!m) throw new Error(`bad declaration: ${spec}`);
  const params: Param[] = [];
  const optionKeys = new Set<string>();
  const byName = new Map<string, Param>();
  let rest: Param | null = null;
  for (const part of splitTop(m[2])) {
    if (part.startsWith('{')) {
      for (const key of splitTop(part.slice(1, -1))) {
        const p = parseParam(key);
        optionKeys.add(p.name);
        byName.set(p.name, p);
      }
    } else if (part.startsWith('...')) {
      rest = parseParam(part);
    } else {
      const p = parseParam(part);
      params.push(p);
      byName.set(p.name, p);
      if (p.optional) optionKeys.add(p.name);
    }
  }
  const required = params.findIndex((p) => p.optional);
  return {
    name: m[1], isMethod: /^[A-Z]\w*\.[a-z]/.test(m[1]), params, required: required < 0 ? params.length : required, rest,
    optionKeys, byName, returns: m[3]?.trim() ?? '', spec: spec.trim(), doc,
  };
}

/** Whether `type` lets a spelled literal through as it is (the parameter holds tensor values). */
function holdsTensors(type: string): boolean {
  // A number parameter means a plain number even where a tensor would also do (a learning rate).
  return /\bTensor\b|\bTensorLike\b|\bunknown\b/.test(type) && !/\bnumber\b/.test(type);
}

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const CHECKS: Record<string, (v: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  int: isInt,
  'int[]': (v) => (Array.isArray(v) || dtypeOfArray(v) === 'int32') && [...(v as number[])].every(isInt),
  // A shape to allocate (zeros, ones, random): integers; checked for negative entries separately.
  Dims: (v) => (Array.isArray(v) || dtypeOfArray(v) === 'int32') && [...(v as number[])].every(isInt),
  'number[]': (v) => Array.isArray(v) && v.every((x) => typeof x === 'number'),
  Shape: (v) => Array.isArray(v) && v.every((x) => x === null || typeof x === 'number'),
  function: (v) => typeof v === 'function',
  null: (v) => v === null,
};

/** The check for a type made only of checkable alternatives (`int | int[]`), or null when any is unchecked. */
function checkerFor(type: string): ((v: unknown) => boolean) | null {
  const alternatives = type.split('|').map((s) => s.trim());
  if (!alternatives.every((a) => a in CHECKS)) return null;
  const checks = alternatives.map((a) => CHECKS[a]);
  return checks.length === 1 ? checks[0] : (v) => checks.some((c) => c(v));
}
