// dagre's layout, snapped to a character grid. dagre (rankdir LR) gives every box, every edge label and
// every bend of a long edge a rank (a column band) and an order within it; with edge labels it puts each
// label in a rank of its own between its ends. Here the bands become columns and the vertical positions
// whole rows, pushed apart where rounding would let two things in one band touch.
import { createRequire } from 'node:module';
import type dagreModule from '@dagrejs/dagre';
import type { Graph } from '@dagrejs/dagre';
import type { ViewEdge, ViewModel, ViewNode } from './model.js';

// dagre loads with the first graph laid out, not with every kernel: a REPL's first answer draws none.
const require = createRequire(import.meta.url);
let loaded: typeof dagreModule | null = null;
const dagre = (): typeof dagreModule => (loaded ??= require('@dagrejs/dagre') as typeof dagreModule);

/** Something that sits in a band: a box, an edge's label (the line through its middle), or a bend. */
export interface Item {
  kind: 'node' | 'label' | 'bend';
  rank: number;
  /** The row of the box's text, or of the line through a label or bend. */
  row: number;
  /** Rows above and below `row` that it takes (1 for a box or label, 0 for a bend). */
  half: number;
  width: number;
  node?: ViewNode;
  edge?: ViewEdge;
}

export interface Placement {
  items: Item[];
  /** Each edge's way from its source box through its label and bends to its target, one item per rank. */
  routes: Array<{ edge: ViewEdge; items: Item[] }>;
  ranks: number;
  /** The widest item of each rank. */
  bandWidths: number[];
  height: number;
}

/** Box width: the text, a space each side and the two borders. A sink is only an arrowhead. */
export const boxWidth = (node: ViewNode): number => (node.sink ? 1 : node.label.length + 4);
export const labelWidth = (edge: ViewEdge): number => Math.max(edge.value?.text.length ?? 0, edge.grad?.text.length ?? 0);

export function place(model: ViewModel): Placement {
  const g = new (dagre().graphlib.Graph)({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 2, edgesep: 1, ranksep: 4, marginx: 0, marginy: 0 });
  for (const node of model.nodes) g.setNode(node.id, { width: boxWidth(node), height: 3 });
  model.edges.forEach((edge, i) => {
    const w = labelWidth(edge);
    g.setEdge(edge.from, edge.to, { width: w, height: w > 0 ? 3 : 0, labelpos: 'c' }, String(i));
  });
  layout(g, inputOrder(model));

  const raw: Array<{ item: Item; x: number; y: number }> = [];
  const add = (item: Omit<Item, 'rank' | 'row'>, x: number, y: number): Item => {
    const full: Item = { ...item, rank: 0, row: 0 };
    raw.push({ item: full, x, y });
    return full;
  };
  const boxes = new Map<string, Item>();
  for (const node of model.nodes) {
    const { x, y } = g.node(node.id);
    boxes.set(node.id, add({ kind: 'node', half: 1, width: boxWidth(node), node }, x!, y!));
  }
  const routes = model.edges.map((edge, i) => {
    const label = g.edge(edge.from, edge.to, String(i));
    const bends = (label.points ?? []).slice(1, -1).map((p: { x: number; y: number }) => {
      const isLabel = labelWidth(edge) > 0 && p.x === label.x && p.y === label.y;
      return add(isLabel ? { kind: 'label', half: 1, width: labelWidth(edge), edge } : { kind: 'bend', half: 0, width: 0, edge }, p.x, p.y);
    });
    return { edge, items: [boxes.get(edge.from)!, ...bends, boxes.get(edge.to)!] };
  });

  // Everything in one rank shares its x (dagre centres a rank on one line).
  const xs = [...new Set(raw.map((r) => Math.round(r.x * 2)))].sort((a, b) => a - b);
  for (const r of raw) r.item.rank = xs.indexOf(Math.round(r.x * 2));
  const bandWidths = xs.map((_, rank) => Math.max(1, ...raw.filter((r) => r.item.rank === rank).map((r) => r.item.width)));
  const height = assignRows(raw, xs.length);
  return { items: raw.map((r) => r.item), routes, ranks: xs.length, bandWidths, height };
}

/** Inputs top to bottom in argument order where they share a rank (`add(x, y)`: x above y), as dagre's
 * order constraints; a pair contradicting an earlier one is left out. */
function inputOrder(model: ViewModel): Array<{ left: string; right: string }> {
  const pairs = new Map<string, { left: string; right: string }>();
  const byTarget = new Map<string, string[]>();
  for (const e of model.edges) byTarget.set(e.to, [...(byTarget.get(e.to) ?? []), e.from]);
  for (const sources of byTarget.values()) {
    const distinct = [...new Set(sources)];
    for (let i = 1; i < distinct.length; i++) {
      const [left, right] = [distinct[i - 1], distinct[i]];
      if (!pairs.has(`${right} ${left}`)) pairs.set(`${left} ${right}`, { left, right });
    }
  }
  return [...pairs.values()];
}

/** dagre's layout, without the order constraints if they cannot all be met. */
function layout(g: Graph, constraints: Array<{ left: string; right: string }>): void {
  try {
    dagre().layout(g, { constraints });
  } catch {
    dagre().layout(g);
  }
}

/**
 * Rows from dagre's y, rank by rank in dagre's order: a blank row between a box or label and anything
 * else (a value under another edge's line would be misread), bends may sit on neighbouring rows.
 */
function assignRows(raw: Array<{ item: Item; y: number }>, ranks: number): number {
  let top = Infinity;
  let bottom = -Infinity;
  for (let rank = 0; rank < ranks; rank++) {
    const column = raw.filter((r) => r.item.rank === rank).sort((a, b) => a.y - b.y);
    let prev: Item | null = null;
    for (const { item, y } of column) {
      let row = Math.round(y);
      if (prev !== null) {
        const gap = prev.half === 0 && item.half === 0 ? 0 : 1;
        row = Math.max(row, prev.row + prev.half + 1 + gap + item.half);
      }
      item.row = row;
      top = Math.min(top, row - item.half);
      bottom = Math.max(bottom, row + item.half);
      prev = item;
    }
  }
  for (const r of raw) r.item.row -= top;
  return raw.length === 0 ? 0 : bottom - top + 1;
}
