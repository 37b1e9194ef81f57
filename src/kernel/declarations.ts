// The REPL transform's top-level declarations, rewritten for the persistent vm context.
//
// Every top-level `const`, `let`, `var`, `function` and `class` becomes an assignment to a global property:
// `const a = 1` → `a = 1`, `const [b, c] = xs` → `[b, c] = xs`, `class C {}` → `C = class C {}`, and
// `function f() {}` → `f = function () {}`, moved to the front of the input as hoisting would. An
// assignment makes a configurable property, which the undo of a failed input can delete (a `var` or a
// function declaration makes one that cannot be), so the failed input's names are unbound again: `loss` is
// a ReferenceError, not `undefined`. Being globals, they can be retyped, and every function sees the names
// later inputs declare, also in an input with top-level await. An input that ends in a declaration ends in
// `void 0`: a declaration has no value to echo, as in Python. Only the input's own statements change: `let`s
// inside blocks and `for` loops keep their scope.
import type * as TS from 'typescript';

type Ts = typeof TS;

/** The statements of one input with its top-level declarations made assignments, function ones first. */
export function persistentStatements(ts: Ts, statements: readonly TS.Statement[]): TS.Statement[] {
  const hoisted: TS.Statement[] = [];
  const rest: TS.Statement[] = [];
  for (const s of statements) {
    if (ts.isFunctionDeclaration(s) && s.name && !isAmbient(ts, s)) {
      // An overload's signature has no body, and nothing to run.
      if (s.body) hoisted.push(declare(ts, s, [ts.factory.createAssignment(fresh(ts, s.name), functionExpression(ts, s, s.body))]));
    } else {
      rest.push(...persistent(ts, s));
    }
  }
  const last = statements.filter((s) => !ts.isEmptyStatement(s)).at(-1);
  const declared = last !== undefined && (rest.length === 0 || rest.at(-1) !== last);
  return [...hoisted, ...rest, ...(declared ? [ts.factory.createExpressionStatement(ts.factory.createVoidZero())] : [])];
}

function isAmbient(ts: Ts, s: TS.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/** `a = 1, b = 2;` in place of `s`, keeping its position (stack traces point into the input). */
function declare(ts: Ts, s: TS.Statement, assignments: TS.Expression[]): TS.Statement {
  const f = ts.factory;
  return ts.setTextRange(f.createExpressionStatement(assignments.reduce((a, b) => f.createComma(a, b))), s);
}

function persistent(ts: Ts, s: TS.Statement): TS.Statement[] {
  const f = ts.factory;
  if (ts.isVariableStatement(s) && !isAmbient(ts, s)) {
    const isVar = (s.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
    const assignments = s.declarationList.declarations.map((d) => {
      if (d.initializer) return f.createAssignment(target(ts, d.name), d.initializer);
      // `let x` is a fresh binding, `undefined`; `var x` keeps a value the name already has, as JS's does.
      const name = (d.name as TS.Identifier).text;
      return f.createAssignment(f.createIdentifier(name), isVar ? f.createPropertyAccessExpression(f.createIdentifier('globalThis'), name) : f.createVoidZero());
    });
    return [declare(ts, s, assignments)];
  }
  if (ts.isClassDeclaration(s) && s.name && !isAmbient(ts, s)) {
    const cls = f.createClassExpression(undefined, s.name, s.typeParameters, s.heritageClauses, s.members);
    return [declare(ts, s, [f.createAssignment(fresh(ts, s.name), cls)])];
  }
  if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === 'tensorshell') {
    return importTensorshell(ts, s);
  }
  return [s];
}

/**
 * A new identifier of the same name: TypeScript's module transform rewrites a reference to an import or an
 * export it finds in the source (`constant` → `tensorshell_1.constant`), which these targets must not get.
 */
function fresh(ts: Ts, name: TS.Identifier): TS.Identifier {
  return ts.factory.createIdentifier(name.text);
}

/** `function f(…) {…}` as `function (…) {…}`: assigned to `f`, it is still called `f` (f.name). */
function functionExpression(ts: Ts, s: TS.FunctionDeclaration, body: TS.Block): TS.FunctionExpression {
  const async = (ts.getModifiers(s) ?? []).filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  return ts.factory.createFunctionExpression(async, s.asteriskToken, undefined, s.typeParameters, s.parameters, s.type, body);
}

/** A binding name as an assignment target: `[a, , ...r]`, `{ x, y: z = 1, ...o }`. */
function target(ts: Ts, name: TS.BindingName): TS.Expression {
  const f = ts.factory;
  if (ts.isIdentifier(name)) return fresh(ts, name);
  if (ts.isArrayBindingPattern(name)) {
    return f.createArrayLiteralExpression(name.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return el;
      const t = target(ts, el.name);
      if (el.dotDotDotToken) return f.createSpreadElement(t);
      return el.initializer ? f.createAssignment(t, el.initializer) : t;
    }));
  }
  return f.createObjectLiteralExpression(name.elements.map((el) => {
    if (el.dotDotDotToken) return f.createSpreadAssignment(target(ts, el.name));
    if (!el.propertyName && ts.isIdentifier(el.name)) return f.createShorthandPropertyAssignment(fresh(ts, el.name), el.initializer);
    const t = target(ts, el.name);
    return f.createPropertyAssignment(el.propertyName ?? fresh(ts, el.name as TS.Identifier), el.initializer ? f.createAssignment(t, el.initializer) : t);
  }));
}

/** `import * as tf from 'tensorshell'`, `import { constant } from 'tensorshell'` → the preloaded module. */
function importTensorshell(ts: Ts, s: TS.ImportDeclaration): TS.Statement[] {
  const f = ts.factory;
  const mod = () => f.createIdentifier('__tensorshell');
  const assignments: TS.Expression[] = [];
  const clause = s.importClause;
  if (clause?.name) assignments.push(f.createAssignment(fresh(ts, clause.name), mod()));
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) assignments.push(f.createAssignment(fresh(ts, bindings.name), mod()));
  if (bindings && ts.isNamedImports(bindings)) {
    for (const el of bindings.elements) {
      const from = el.propertyName ?? el.name;
      assignments.push(f.createAssignment(fresh(ts, el.name), f.createPropertyAccessExpression(mod(), from.text)));
    }
  }
  return assignments.length ? [declare(ts, s, assignments)] : [];
}

/** The name of the async function an input with top-level `await` runs in. */
export const ASYNC_INPUT = '__tensorshell_input';

export function hasTopLevelAwait(ts: Ts, node: TS.Node): boolean {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => hasTopLevelAwait(ts, child) || undefined) ?? false;
}

/** What the kernel defines in the context: called as an async input starts, it gives that input's gate. */
export const AWAIT_GATE = '__tensorshell_gate';

/**
 * `(async function __tensorshell_input(gate) { …; var __result = last; return __result; })(__tensorshell_gate())`.
 * The input's declarations are assignments to globals already, so they outlive the function, and the undo
 * of a failed input removes those it made before the await failed. Each of its own awaits waits through
 * the gate (`await gate(x)`), which never lets an input that Ctrl-C abandoned go on: it would bind names
 * and add ops after its undo. (Not gated: `for await`, and `await (x)…`, which TypeScript reads outside an
 * async function as a call of a function named await — Node reads it right, inside one.)
 */
export function wrapAsync(ts: Ts, statements: TS.Statement[], context: TS.TransformationContext): TS.Statement[] {
  const f = ts.factory;
  const gate = f.createUniqueName('gate');
  const gated = (node: TS.Node): TS.Node => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return node;
    if (ts.isAwaitExpression(node)) return f.updateAwaitExpression(node, f.createCallExpression(gate, undefined, [ts.visitNode(node.expression, gated) as TS.Expression]));
    return ts.visitEachChild(node, gated, context);
  };
  const body = statements.map((s) => ts.visitNode(s, gated) as TS.Statement);
  const last = body[body.length - 1];
  const result = f.createIdentifier('__result');
  if (last && ts.isExpressionStatement(last)) body[body.length - 1] = f.createVariableStatement(undefined, [f.createVariableDeclaration(result, undefined, undefined, last.expression)]);
  else body.push(f.createVariableStatement(undefined, [f.createVariableDeclaration(result)]));
  body.push(f.createReturnStatement(result));
  // A named function, so the kernel knows this script's value is the input's promise to await.
  const fn = f.createFunctionExpression([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, ASYNC_INPUT, undefined,
    [f.createParameterDeclaration(undefined, undefined, gate)], undefined, f.createBlock(body, true));
  const start = f.createCallExpression(f.createIdentifier(AWAIT_GATE), undefined, []);
  return [f.createExpressionStatement(f.createCallExpression(f.createParenthesizedExpression(fn), undefined, [start]))];
}
