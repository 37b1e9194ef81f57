// The REPL's TypeScript AST transform (one pass, before TS's own emit):
// - operator sugar: `a * b` → `ops.mul(a, b)`, `a > b` → `ops.greater(a, b)`, `a % b` → `ops.mod(a, b)`,
//   `-a` → `ops.neg(a)` (the run-time dispatch keeps numbers plain numbers); `w -= g` → `w = ops.compound('-=',
//   w, g)`, which refuses tensors with a hint;
// - number literals keep their spelling where it decides a dtype, as Python's int and float do: in the
//   arguments of `tf.…` calls and as operands of the sugar, `1` → `ops.int(1)`, `[0.5, 1]` → `ops.float([0.5, 1])`;
// - declarations that persist, can be retyped and are undone with a failed input: top-level `const`, `let`,
//   `var`, `function` and `class` become assignments to the context's globals (declarations.ts), and
//   `import … from 'tensorshell'` binds the preloaded module;
// - top-level `await`: the input runs in an async function, its last expression being the result.
import type * as TS from 'typescript';
import { hasTopLevelAwait, persistentStatements, wrapAsync } from './declarations.js';

export { ASYNC_INPUT } from './declarations.js';

type Ts = typeof TS;

/** What the sugar calls: `__ops` when evaluating, `tf.ops` when `:desugar` shows it. */
export interface TransformOptions {
  ops: string;
  /** Rewrite top-level declarations for the REPL's persistent context (off for `:desugar`). */
  persist: boolean;
}

const BINARY: Record<number, string> = {};
const COMPOUND: Record<number, string> = {};

function tables(ts: Ts): void {
  if (BINARY[ts.SyntaxKind.AsteriskToken]) return;
  const k = ts.SyntaxKind;
  Object.assign(BINARY, {
    [k.AsteriskToken]: 'mul', [k.PlusToken]: 'add', [k.MinusToken]: 'sub', [k.SlashToken]: 'truediv', [k.AsteriskAsteriskToken]: 'pow',
    [k.GreaterThanToken]: 'greater', [k.GreaterThanEqualsToken]: 'greaterEqual', [k.LessThanToken]: 'less',
    [k.LessThanEqualsToken]: 'lessEqual', [k.PercentToken]: 'mod',
  });
  Object.assign(COMPOUND, { [k.AsteriskEqualsToken]: '*=', [k.PlusEqualsToken]: '+=', [k.MinusEqualsToken]: '-=', [k.SlashEqualsToken]: '/=', [k.AsteriskAsteriskEqualsToken]: '**=' });
}

/** A reference like `tf.ops` or `__ops` as an expression. */
function dotted(ts: Ts, path: string): TS.Expression {
  const parts = path.split('.');
  let e: TS.Expression = ts.factory.createIdentifier(parts[0]);
  for (const p of parts.slice(1)) e = ts.factory.createPropertyAccessExpression(e, p);
  return e;
}

function isLiteral(ts: Ts, e: TS.Expression): boolean {
  return ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e);
}

/** The dtype a literal's spelling gives (Python's int → int32, float → float32), or null if it is not all literals. */
function spelledDType(ts: Ts, e: TS.Expression): 'int32' | 'float32' | null {
  if (ts.isParenthesizedExpression(e)) return spelledDType(ts, e.expression);
  if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) {
    return ts.isNumericLiteral(e.operand) ? spelledDType(ts, e.operand) : null;
  }
  if (ts.isNumericLiteral(e)) {
    // `.text` is normalised (`1.0` → "1"); the spelling is in the source. A literal without one is an int.
    let text = e.text;
    try {
      text = e.getText();
    } catch {
      // synthesized: no source text
    }
    return /^0[xob]/i.test(text) || !/[.eE]/.test(text) ? 'int32' : 'float32';
  }
  if (ts.isArrayLiteralExpression(e) && e.elements.length > 0) {
    const kinds = e.elements.map((el) => spelledDType(ts, el));
    if (kinds.includes(null)) return null;
    return kinds.includes('float32') ? 'float32' : 'int32';
  }
  return null;
}

/** `tf.constant`, `tf.nn.softmax`, `tf.Variable`: a callee reached from the identifier `tf`. */
function isTfCallee(ts: Ts, e: TS.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.expression) ? e.expression.text === 'tf' : isTfCallee(ts, e.expression);
  return false;
}

/** A target that can be read and written again without side effects: `w`, `model.w`. */
function isSimpleTarget(ts: Ts, e: TS.Expression): boolean {
  return ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && isSimpleTarget(ts, e.expression));
}

export function replTransformer(ts: Ts, options: TransformOptions): TS.TransformerFactory<TS.SourceFile> {
  tables(ts);
  const f = ts.factory;
  const call = (fn: string, args: TS.Expression[]) => f.createCallExpression(f.createPropertyAccessExpression(dotted(ts, options.ops), fn), undefined, args);
  /** `1` → `ops.int(1)`, `[1.5, 2]` → `ops.float([1.5, 2])`; anything else as it is. */
  const spell = (e: TS.Expression): TS.Expression => {
    const dtype = spelledDType(ts, e);
    return dtype === null ? e : call(dtype === 'int32' ? 'int' : 'float', [e]);
  };
  return (context) => {
    const sugar = (node: TS.Node): TS.Node => {
      if (ts.isBinaryExpression(node)) {
        const kind = node.operatorToken.kind;
        const fn = BINARY[kind];
        if (fn && !(isLiteral(ts, node.left) && isLiteral(ts, node.right))) {
          return call(fn, [spell(ts.visitNode(node.left, sugar) as TS.Expression), spell(ts.visitNode(node.right, sugar) as TS.Expression)]);
        }
        const op = COMPOUND[kind];
        if (op && isSimpleTarget(ts, node.left)) {
          const value = call('compound', [f.createStringLiteral(op), node.left, ts.visitNode(node.right, sugar) as TS.Expression]);
          return f.createAssignment(node.left, value);
        }
      }
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && !ts.isNumericLiteral(node.operand)) {
        return call('neg', [ts.visitNode(node.operand, sugar) as TS.Expression]);
      }
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isTfCallee(ts, node.expression) && node.arguments?.length) {
        const args = node.arguments.map((a) => spell(ts.visitNode(a, sugar) as TS.Expression));
        const callee = ts.visitNode(node.expression, sugar) as TS.Expression;
        return ts.isCallExpression(node) ? f.updateCallExpression(node, callee, node.typeArguments, args)
          : f.updateNewExpression(node, callee, node.typeArguments, args);
      }
      return ts.visitEachChild(node, sugar, context);
    };
    return (file) => {
      const visited = ts.visitEachChild(file, sugar, context);
      if (!options.persist) return visited;
      const statements = persistentStatements(ts, visited.statements);
      return f.updateSourceFile(visited, statements.some((s) => hasTopLevelAwait(ts, s)) ? wrapAsync(ts, statements, context) : statements);
    };
  };
}
