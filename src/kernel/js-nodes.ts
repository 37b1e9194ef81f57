// What the fast path (js-transform.ts) asks of acorn's nodes: their children, read generically, and the tests of
// transform.ts — which operands are literals, what dtype a literal's spelling gives, which callees are `tf.…`.
/** An acorn node, read generically: its children are the properties that are nodes or arrays of nodes. */
export interface JsNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is JsNode {
  return typeof value === 'object' && value !== null && typeof (value as JsNode).type === 'string' && typeof (value as JsNode).start === 'number';
}

/** A node's children in source order (a shorthand property's key and value are one span: printed once). */
export function children(node: JsNode): JsNode[] {
  const out: JsNode[] = [];
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) for (const v of value) { if (isNode(v)) out.push(v); }
    else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** TypeScript's `isLiteral` in transform.ts: a number, a string or a template without substitutions. */
export function isLiteral(e: JsNode): boolean {
  if (e.type === 'Literal') return typeof e.value === 'number' || typeof e.value === 'string';
  return e.type === 'TemplateLiteral' && (e.expressions as JsNode[]).length === 0;
}

export const isNumber = (e: JsNode): boolean => e.type === 'Literal' && typeof e.value === 'number';

/** transform.ts's spelledDType: the dtype a literal's spelling gives, or null if it is not all literals. */
export function spelledDType(e: JsNode): 'int32' | 'float32' | null {
  if (e.type === 'ParenthesizedExpression') return spelledDType(e.expression as JsNode);
  if (e.type === 'UnaryExpression' && (e.operator === '-' || e.operator === '+')) {
    return isNumber(e.argument as JsNode) ? spelledDType(e.argument as JsNode) : null;
  }
  if (isNumber(e)) {
    const text = e.raw as string;
    return /^0[xob]/i.test(text) || !/[.eE]/.test(text) ? 'int32' : 'float32';
  }
  if (e.type === 'ArrayExpression' && (e.elements as (JsNode | null)[]).length > 0) {
    const kinds = (e.elements as (JsNode | null)[]).map((el) => (el === null ? null : spelledDType(el)));
    if (kinds.includes(null)) return null;
    return kinds.includes('float32') ? 'float32' : 'int32';
  }
  return null;
}

/** `tf.constant`, `tf.nn.softmax`: a callee reached from the identifier `tf` by plain property names. */
export function isTfCallee(e: JsNode): boolean {
  if (e.type !== 'MemberExpression' || e.computed) return false;
  const object = e.object as JsNode;
  return object.type === 'Identifier' ? object.name === 'tf' : isTfCallee(object);
}

/** `w`, `model.w`: read and written again without side effects. */
export function isSimpleTarget(e: JsNode): boolean {
  return e.type === 'Identifier' || (e.type === 'MemberExpression' && !e.computed && isSimpleTarget(e.object as JsNode));
}
