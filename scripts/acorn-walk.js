// Every node of an acorn syntax tree, parents before children (acorn-walk is not a dependency; this is all
// scripts/ui-script.js needs of it).
export function walk(node, visit) {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (typeof node.type === 'string') visit(node);
  for (const key of Object.keys(node)) {
    if (key !== 'type' && key !== 'start' && key !== 'end' && key !== 'loc' && key !== 'range') walk(node[key], visit);
  }
}
