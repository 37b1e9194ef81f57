// declarations.ts's rules for an input's top level, as text (the fast path, js-transform.ts): top-level
// declarations become assignments to the context's globals, functions first, a final `void 0` after a
// declaration, and an input that awaits runs in the async function whose awaits pass its gate.
import { ASYNC_INPUT, AWAIT_GATE } from './declarations.js';
import type { JsNode } from './js-nodes.js';
import type { SugarPrinter } from './js-sugar.js';

/**
 * declarations.ts's persistentStatements and wrapAsync as text: `const a = 1` → `;(a = 1)`, `class C {}` →
 * `;C = class C {}`, `function f() {}` → `;f = function () {}` moved to the front if anything came before
 * it, a final `void 0` after a declaration, and the async function around an input that awaits.
 */
export class TopLevel {
  constructor(private readonly code: string, private readonly printer: SugarPrinter, private readonly statements: readonly JsNode[], private readonly gate: string | null) {}

  print(): string {
    const { code, statements } = this;
    const hoisted = statements.filter(isHoisted);
    const rest = statements.filter((s) => !isHoisted(s));
    const last = statements.filter((s) => s.type !== 'EmptyStatement').at(-1);
    const declared = last !== undefined && (rest.length === 0 || rest.at(-1) !== last || isDeclaration(last));
    // A function after other code moves to the front, as hoisting would have it; otherwise all stays in place.
    const firstOther = statements.findIndex((s) => !isHoisted(s) && s.type !== 'EmptyStatement');
    const move = firstOther >= 0 && statements.slice(firstOther).some(isHoisted);
    let out = move ? hoisted.map((s) => this.statement(s)).join('') : '';
    let at = 0;
    for (const s of statements) {
      out += code.slice(at, s.start);
      at = s.end;
      if (move && isHoisted(s)) out += ';';
      else if (this.gate !== null && !declared && s === last && s.type === 'ExpressionStatement') out += this.result(s);
      else out += this.statement(s);
    }
    out += code.slice(at);
    if (this.gate === null) return declared ? `${out}\n;void 0` : out;
    const result = declared ? '\nvar __result = void 0;' : last?.type === 'ExpressionStatement' ? '' : '\nvar __result;';
    return `(async function ${ASYNC_INPUT}(${this.gate}) {${out}${result}\nreturn __result;\n})(${AWAIT_GATE}())`;
  }

  private statement(s: JsNode): string {
    const { code, printer } = this;
    if (isHoisted(s)) {
      return `;${(s.id as JsNode).name as string} = ${printer.printAnonymous(s)};`;
    }
    if (s.type === 'ClassDeclaration') return `;${(s.id as JsNode).name as string} = ${printer.print(s)};`;
    if (s.type !== 'VariableDeclaration') return printer.print(s);
    const declarations = s.declarations as JsNode[];
    let out = `;(${code.slice(s.start + (s.kind as string).length, declarations[0].start)}`;
    declarations.forEach((d, i) => {
      if (i > 0) out += code.slice(declarations[i - 1].end, d.start);
      const id = d.id as JsNode;
      const init = d.init as JsNode | null;
      out += printer.print(id);
      // `let x` is a fresh binding, `undefined`; `var x` keeps a value the name already has, as JS's does.
      if (init) out += code.slice(id.end, init.start) + printer.print(init);
      else out += s.kind === 'var' ? ` = globalThis.${id.name as string}` : ' = void 0';
    });
    // A `;` of its own, or one added: the next line must not continue the `)`.
    return `${out})${code.slice(declarations.at(-1)!.end, s.end) || ';'}`;
  }

  /** The last expression of an async input: its value is the input's. */
  private result(s: JsNode): string {
    const e = s.expression as JsNode;
    return `var __result = (${this.printer.print(e)})${this.code.slice(e.end, s.end)}`;
  }
}

function isHoisted(s: JsNode): boolean {
  return s.type === 'FunctionDeclaration' && s.id !== null;
}

function isDeclaration(s: JsNode): boolean {
  return s.type === 'VariableDeclaration' || s.type === 'ClassDeclaration' || isHoisted(s);
}
