// The REPL transform's expression rules (transform.ts) for input that is plain JavaScript, over acorn's AST
// and as edits of the source text: the same operator sugar, literal spelling and gated awaits, without loading
// TypeScript. The output is the input with only the rewritten spans changed, so lines and comments stay where
// they were. test/kernel-js-transform.test.ts holds it to the TypeScript transform, node for node.
import type { Token } from 'acorn';
import { children, isLiteral, isNumber, isSimpleTarget, isTfCallee, spelledDType, type JsNode } from './js-nodes.js';

/** Input the fast path must leave to TypeScript, found while printing (an `import()` that TS rewrites). */
export class NeedsTypeScript extends Error {}

const BINARY: Record<string, string> = {
  '*': 'mul', '+': 'add', '-': 'sub', '/': 'truediv', '**': 'pow', '>': 'greater', '>=': 'greaterEqual', '<': 'less',
  '<=': 'lessEqual', '%': 'mod',
};
const COMPOUND = new Set(['*=', '+=', '-=', '/=', '**=']);
/** Statements (and class fields) that can end at a line break, with no `;` of their own. */
const STATEMENT_END = new Set(['ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'PropertyDefinition', 'DoWhileStatement']);
const FUNCTION_LIKE = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression']);

export interface SugarOptions {
  /** What the sugar calls (`__ops`). */
  ops: string;
  /** The gate each top-level `await` goes through (wrapAsync in declarations.ts), or null outside one. */
  gate: string | null;
}

/** Prints nodes of one source with the sugar applied. */
export class SugarPrinter {
  /** Inside a function or class: its awaits are its own, never gated. */
  private depth = 0;
  /** `for (let i = 0; …)`: a declaration that ends at no line break. */
  private readonly forHeads = new WeakSet<JsNode>();

  constructor(private readonly code: string, private readonly tokens: readonly Token[], private readonly options: SugarOptions) {}

  print(node: JsNode): string {
    let text = FUNCTION_LIKE.has(node.type) ? this.inFunction(() => this.generic(node)) : this.special(node) ?? this.generic(node);
    // `in'a' * b` → `in __ops.mul('a', b)`: a rewrite that starts with a name must not join the keyword before it.
    if (/^[\w$]/.test(text) && /[\w$]/.test(this.code[node.start - 1] ?? '') && text !== this.code.slice(node.start, node.end)) text = ` ${text}`;
    return this.endsByAsi(node, text) ? `${text};` : text;
  }

  /**
   * A statement the input ended by a line break (`y = a < b++⏎(c)`, `f = () => {}⏎[1]`) needs its semicolon
   * once its last token is a rewrite's `)`: the next line would continue it.
   */
  private endsByAsi(node: JsNode, text: string): boolean {
    if (!STATEMENT_END.has(node.type) || this.forHeads.has(node)) return false;
    const last = this.code[node.end - 1];
    return last !== ';' && text.at(-1) !== last;
  }

  /** `function f(a) {…}` as the expression assigned to `f`: `function (a) {…}`. */
  printAnonymous(node: JsNode): string {
    return this.inFunction(() => this.generic(node, (c) => this.print(c), node.id as JsNode));
  }

  private inFunction(print: () => string): string {
    this.depth++;
    try {
      return print();
    } finally {
      this.depth--;
    }
  }

  /** The node's source with each child printed in place (by `each`); the `skip` child vanishes. */
  private generic(node: JsNode, each: (child: JsNode) => string = (c) => this.print(c), skip?: JsNode): string {
    let out = '';
    let at = node.start;
    for (const child of children(node)) {
      if (child.start < at) continue;
      out += this.code.slice(at, child.start) + (child === skip ? '' : each(child));
      at = child.end;
    }
    return out + this.code.slice(at, node.end);
  }

  private special(node: JsNode): string | undefined {
    const { ops } = this.options;
    if (node.type === 'ImportExpression') throw new NeedsTypeScript('import() is rewritten by TypeScript');
    if (node.type === 'ForStatement' && node.init) this.forHeads.add(node.init as JsNode);
    if (node.type === 'ForInStatement' || node.type === 'ForOfStatement') this.forHeads.add(node.left as JsNode);
    if (node.type === 'BinaryExpression' && BINARY[node.operator as string]) {
      const left = node.left as JsNode;
      const right = node.right as JsNode;
      if (isLiteral(left) && isLiteral(right)) return undefined;
      const op = this.tokenAt(left.end);
      return `${ops}.${BINARY[node.operator as string]}(${this.spell(left)}${this.code.slice(left.end, op.start)},${this.code.slice(op.end, right.start)}${this.spell(right)})`;
    }
    if (node.type === 'AssignmentExpression' && COMPOUND.has(node.operator as string) && isSimpleTarget(node.left as JsNode)) {
      const left = node.left as JsNode;
      const right = node.right as JsNode;
      const target = this.code.slice(left.start, left.end);
      const op = this.tokenAt(left.end);
      return `${target}${this.code.slice(left.end, op.start)}= ${ops}.compound("${node.operator as string}", ${target},${this.code.slice(op.end, right.start)}${this.print(right)})`;
    }
    if (node.type === 'UnaryExpression' && node.operator === '-' && !isNumber(node.argument as JsNode)) {
      const arg = node.argument as JsNode;
      return `${ops}.neg(${this.code.slice(node.start + 1, arg.start)}${this.print(arg)})`;
    }
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && isTfCallee(node.callee as JsNode) && (node.arguments as JsNode[]).length > 0) {
      const args = new Set(node.arguments as JsNode[]);
      return this.generic(node, (c) => (args.has(c) ? this.spell(c) : this.print(c)));
    }
    if (node.type === 'AwaitExpression' && this.options.gate !== null && this.depth === 0) {
      const arg = node.argument as JsNode;
      return `${this.code.slice(node.start, arg.start)}${this.options.gate}(${this.print(arg)})`;
    }
    return undefined;
  }

  /** `1` → `ops.int(1)`, `[1.5, 2]` → `ops.float([1.5, 2])`; anything else as it prints. */
  private spell(e: JsNode): string {
    const dtype = spelledDType(e);
    const text = this.print(e);
    return dtype === null ? text : `${this.options.ops}.${dtype === 'int32' ? 'int' : 'float'}(${text})`;
  }

  /** The first token at or after `pos`: the operator after a left operand (comments are no tokens). */
  private tokenAt(pos: number): Token {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.tokens[lo];
  }
}
