// Edges on the grid. An edge runs along its item's row inside a band (nothing else in that band uses the
// row), and changes rows only in the gap between two bands, on a column of its own: so no line crosses a
// box or a label's text. Lines into one box share a column (they merge, as they should), and so do lines
// out of one box. A gap is as wide as the columns its row changes need.
import type { Item, Placement } from './place.js';
import type { ViewEdge } from './model.js';

/** Columns between two bands besides those row changes take: one to leave a band, one for the arrowhead. */
const GAP = 2;

export interface Segment {
  /** Horizontal (y1 === y2) or vertical (x1 === x2), ends included. */
  x1: number; y1: number; x2: number; y2: number;
  edge: ViewEdge;
}

export interface Routes {
  /** First column of each band. */
  bandStarts: number[];
  width: number;
  segments: Segment[];
  /** Arrowheads, just left of each target box. */
  arrows: Array<{ col: number; row: number; edge: ViewEdge }>;
  /** Left column of every box. */
  boxLeft: Map<Item, number>;
}

interface Hop {
  from: Item;
  to: Item;
  edge: ViewEdge;
}

interface Jog {
  hops: Hop[];
  top: number;
  bottom: number;
  column: number;
}

export function route(p: Placement): Routes {
  const hops = p.routes.flatMap((r) => r.items.slice(1).map((to, i): Hop => ({ from: r.items[i], to, edge: r.edge })));
  // Row changes, grouped into what may share a column, per gap (gap r lies after band r).
  const jogs = Array.from({ length: p.ranks }, () => new Map<string, Jog>());
  hops.forEach((hop, i) => {
    if (hop.from.row === hop.to.row) return;
    const key = hop.from.kind === 'node' ? `from ${hop.from.node!.id}` : hop.to.kind === 'node' ? `to ${hop.to.node!.id}` : `hop ${i}`;
    const gap = jogs[hop.from.rank];
    const jog = gap.get(key) ?? { hops: [], top: Infinity, bottom: -Infinity, column: 0 };
    jog.hops.push(hop);
    jog.top = Math.min(jog.top, hop.from.row, hop.to.row);
    jog.bottom = Math.max(jog.bottom, hop.from.row, hop.to.row);
    gap.set(key, jog);
  });
  const columns = jogs.map((gap) => assignColumns([...gap.values()]));
  const bandStarts: number[] = [];
  let x = 0;
  for (let r = 0; r < p.ranks; r++) {
    bandStarts.push(x);
    x += p.bandWidths[r] + columns[r] + GAP;
  }
  const width = p.ranks === 0 ? 0 : bandStarts[p.ranks - 1] + p.bandWidths[p.ranks - 1];
  const boxLeft = new Map<Item, number>();
  for (const item of p.items) {
    if (item.kind === 'node') boxLeft.set(item, bandStarts[item.rank] + Math.floor((p.bandWidths[item.rank] - item.width) / 2));
  }
  const bandEnd = (rank: number) => bandStarts[rank] + p.bandWidths[rank] - 1;
  const exit = (it: Item) => (it.kind === 'node' ? boxLeft.get(it)! + it.width : bandEnd(it.rank));
  const enter = (it: Item) => (it.kind === 'node' ? boxLeft.get(it)! - 1 : bandStarts[it.rank]);

  const segments: Segment[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, edge: ViewEdge) => segments.push({ x1, y1, x2, y2, edge });
  for (const r of p.routes) {
    for (const it of r.items) if (it.kind !== 'node') line(bandStarts[it.rank], it.row, bandEnd(it.rank), it.row, r.edge);
  }
  const jogOf = new Map<Hop, number>();
  jogs.forEach((gap, rank) => {
    for (const jog of gap.values()) for (const hop of jog.hops) jogOf.set(hop, bandEnd(rank) + 2 + jog.column);
  });
  const arrows: Routes['arrows'] = [];
  for (const hop of hops) {
    const { from, to, edge } = hop;
    const col = jogOf.get(hop);
    if (col === undefined) line(exit(from), from.row, enter(to), to.row, edge);
    else {
      line(exit(from), from.row, col, from.row, edge);
      line(col, from.row, col, to.row, edge);
      line(col, to.row, enter(to), to.row, edge);
    }
    if (to.kind === 'node') arrows.push({ col: enter(to), row: to.row, edge });
  }
  return { bandStarts, width, segments, arrows, boxLeft };
}

/**
 * Gives each group of row changes in one gap a column (0 = the first after the band), and returns how many
 * the gap needs. Groups whose rows overlap get different columns. A group leaving row y must turn before
 * one arriving on row y turns, or their horizontal pieces would run into each other.
 */
function assignColumns(groups: Jog[]): number {
  const leaves = (g: Jog, row: number) => g.hops.some((h) => h.from.row === row);
  const before = (a: Jog, b: Jog) => a !== b && b.hops.some((h) => leaves(a, h.to.row));
  const order = [...groups].sort((a, b) => a.top - b.top || a.bottom - b.bottom);
  const placed: Jog[] = [];
  let used = 0;
  // Kahn's order over `before`; a cycle (rare) is broken by taking the first group left.
  while (order.length > 0) {
    const i = Math.max(0, order.findIndex((g) => !order.some((o) => before(o, g))));
    const [g] = order.splice(i, 1);
    let column = Math.max(0, ...placed.filter((o) => before(o, g)).map((o) => o.column + 1));
    while (placed.some((o) => o.column === column && o.top <= g.bottom && g.top <= o.bottom)) column++;
    g.column = column;
    placed.push(g);
    used = Math.max(used, column + 1);
  }
  return used;
}
