// A graph as Graphviz DOT (`:export graph.dot`, then `dot -Tsvg graph.dot -o graph.svg`): one box per op,
// labelled with its name and type; a data edge per input, labelled with the tensor's shape (and `:1` for an
// output past the first); control edges dashed; name scopes as nested clusters, as TensorBoard groups them.
// Every name is written quoted and escaped, so any name an op can have — TF's `a/b-1.x>y`, or whatever an
// imported GraphDef brings — is one DOT identifier. Ops and edges come in creation order: the same graph
// gives the same file.
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';

/** `s` as a DOT quoted string: `"` and `\` escaped, line breaks as Graphviz's `\n`. */
export function dotQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n|\r/g, '\\n')}"`;
}

interface Scope {
  /** The scope's last name part (`dense` of `model/dense`); '' for the graph itself. */
  label: string;
  ops: Operation[];
  children: Map<string, Scope>;
}

/**
 * The ops of `graph` by name scope: `model/dense/MatMul` is in the scope `dense` inside `model`. An op named
 * as a scope is drawn inside it, as TensorBoard does: the VariableV2 `w` with `w/Assign` and `w/read`.
 */
function scopesOf(graph: Graph): Scope {
  const root: Scope = { label: '', ops: [], children: new Map() };
  const ops = graph.getOperations();
  const scopeNames = new Set(ops.flatMap((op) => op.name.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  for (const op of ops) {
    let scope = root;
    const parts = op.name.split('/');
    for (const part of scopeNames.has(op.name) ? parts : parts.slice(0, -1)) {
      let child = scope.children.get(part);
      if (!child) {
        child = { label: part, ops: [], children: new Map() };
        scope.children.set(part, child);
      }
      scope = child;
    }
    scope.ops.push(op);
  }
  return root;
}

/** The Graphviz drawing of `graph`. */
export function graphToDot(graph: Graph, name = 'tensorshell'): string {
  const lines = [
    `digraph ${dotQuote(name)} {`,
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=10];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f3f3f3", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  let clusters = 0;
  const emit = (scope: Scope, indent: string) => {
    for (const child of scope.children.values()) {
      lines.push(`${indent}subgraph "cluster_${clusters++}" {`);
      lines.push(`${indent}  label=${dotQuote(child.label)}; style="rounded,dashed"; color="#888888";`);
      emit(child, `${indent}  `);
      lines.push(`${indent}}`);
    }
    for (const op of scope.ops) lines.push(`${indent}${dotQuote(op.name)} [label=${dotQuote(`${op.name}\n${op.type}`)}];`);
  };
  emit(scopesOf(graph), '  ');
  for (const op of graph.getOperations()) {
    for (const t of op.inputs) {
      const label = `${t.valueIndex === 0 ? '' : `:${t.valueIndex} `}${t.shape.toString()}`;
      lines.push(`  ${dotQuote(t.op.name)} -> ${dotQuote(op.name)} [label=${dotQuote(label)}];`);
    }
    for (const c of op.controlInputs) lines.push(`  ${dotQuote(c.name)} -> ${dotQuote(op.name)} [style=dashed];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
