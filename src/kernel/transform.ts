// The REPL's TypeScript AST transform (one pass, before TS's own emit):
// - operator sugar: `a * b` → `ops.mul(a, b)`, `a > b` → `ops.greater(a, b)`, `a % b` → `ops.mod(a, b)`,
//   `-a` → `ops.neg(a)` (the run-time dispatch keeps numbers plain numbers); `w -= g` → `w = ops.compound('-=',
//   w, g)`, which refuses tensors with a hint;
// - number literals keep their spelling where it decides a dtype, as Python's int and float do: in the
//   arguments of `tf.…` calls and as operands of the sugar, `1` → `ops.int(1)`, `[0.5, 1]` → `ops.float([0.5, 1])`;
// - declarations that persist and can be retyped: top-level `const`/`let` become `var`, `class C` becomes
//   `var C = class C`, `import … from 'tensorshell'` binds the preloaded module.
// - top-level `await`: the input runs in an async function whose declarations are copied to the context
//   when it finishes (so a failed input leaves nothing behind), its last expression being the result.
import type * as TS from 'typescript';

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
      const statements = visited.statements.flatMap((s) => persistent(ts, s));
      return f.updateSourceFile(visited, statements.some((s) => hasTopLevelAwait(ts, s)) ? wrapAsync(ts, statements) : statements);
    };
  };
}

/** Top-level declarations as the persistent context needs them. */
function persistent(ts: Ts, s: TS.Statement): TS.Statement[] {
  const f = ts.factory;
  if (ts.isVariableStatement(s) && (s.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
    return [f.createVariableStatement(undefined, f.createVariableDeclarationList(s.declarationList.declarations, ts.NodeFlags.None))];
  }
  if (ts.isClassDeclaration(s) && s.name) {
    const cls = f.createClassExpression(undefined, s.name, s.typeParameters, s.heritageClauses, s.members);
    return [f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(s.name, undefined, undefined, cls)], ts.NodeFlags.None))];
  }
  if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === 'tensorshell') {
    return importTensorshell(ts, s);
  }
  return [s];
}

/** `import * as tf from 'tensorshell'`, `import { constant } from 'tensorshell'` → the preloaded module. */
function importTensorshell(ts: Ts, s: TS.ImportDeclaration): TS.Statement[] {
  const f = ts.factory;
  const mod = f.createIdentifier('__tensorshell');
  const decls: TS.VariableDeclaration[] = [];
  const clause = s.importClause;
  if (clause?.name) decls.push(f.createVariableDeclaration(clause.name, undefined, undefined, mod));
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) decls.push(f.createVariableDeclaration(bindings.name, undefined, undefined, mod));
  if (bindings && ts.isNamedImports(bindings)) {
    for (const el of bindings.elements) {
      const from = el.propertyName ?? el.name;
      decls.push(f.createVariableDeclaration(el.name, undefined, undefined, f.createPropertyAccessExpression(mod, from.text)));
    }
  }
  return decls.length ? [f.createVariableStatement(undefined, f.createVariableDeclarationList(decls, ts.NodeFlags.None))] : [];
}

/** The name of the async function an input with top-level `await` runs in. */
export const ASYNC_INPUT = '__tensorshell_input';

function hasTopLevelAwait(ts: Ts, node: TS.Node): boolean {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => hasTopLevelAwait(ts, child) || undefined) ?? false;
}

function boundNames(ts: Ts, name: TS.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(ts, el.name, out);
}

/** `(async () => { …; var __result = last; Object.assign(globalThis, { a, f }); return __result; })()`. */
function wrapAsync(ts: Ts, statements: TS.Statement[]): TS.Statement[] {
  const f = ts.factory;
  const names: string[] = [];
  for (const s of statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) boundNames(ts, d.name, names);
    if (ts.isFunctionDeclaration(s) && s.name) names.push(s.name.text);
  }
  const body = [...statements];
  const last = body[body.length - 1];
  const result = f.createIdentifier('__result');
  if (last && ts.isExpressionStatement(last)) body[body.length - 1] = f.createVariableStatement(undefined, [f.createVariableDeclaration(result, undefined, undefined, last.expression)]);
  else body.push(f.createVariableStatement(undefined, [f.createVariableDeclaration(result)]));
  const copy = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'assign'), undefined,
    [f.createIdentifier('globalThis'), f.createObjectLiteralExpression(names.map((n) => f.createShorthandPropertyAssignment(n)))]);
  body.push(f.createExpressionStatement(copy), f.createReturnStatement(result));
  // A named function, so the kernel knows this script's value is the input's promise to await.
  const fn = f.createFunctionExpression([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, ASYNC_INPUT, undefined, [], undefined, f.createBlock(body, true));
  return [f.createExpressionStatement(f.createCallExpression(f.createParenthesizedExpression(fn), undefined, []))];
}
