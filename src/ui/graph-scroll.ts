// Scrolling the graph view. The panel reports the window it drew (where it is, how far it can go); keys move
// it from there. Until a key moves it, the window follows the newest ops (graphview's focus), and a new input
// makes it follow again: a speaker who scrolled back finds the next ops in view.
//
// PgUp/PgDn and the wheel always scroll while the view is open; the arrows do on an empty prompt, and only
// the way the drawing is cut, so Up still recalls history when the whole drawing is on screen.
import type { Key } from './key-decoder.js';
import type { UiAction } from './state.js';
import type { View } from './ui-commands.js';

/** The window the graph panel drew, in the drawing's columns and rows. */
export interface GraphWindow {
  x: number;
  y: number;
  maxX: number;
  maxY: number;
  /** Rows and columns of drawing the panel shows. */
  rows: number;
  columns: number;
}

export type GraphScroll = { type: 'graph-scroll'; dx: number; dy: number; unit: 'line' | 'page' };

/** Rows a wheel notch moves (terminals send one report per notch), and columns an arrow moves. */
const WHEEL_ROWS = 3;
const ARROW_COLUMNS = 8;

/** The scroll a key asks for, or null when it is not one for the graph view as it is now. */
export function graphViewKey(graph: View['graph'], key: Key, promptEmpty: boolean): GraphScroll | null {
  if (graph === null) return null;
  const plain = !key.ctrl && !key.alt && !key.shift;
  const scroll = (dx: number, dy: number, unit: GraphScroll['unit'] = 'line'): GraphScroll => ({ type: 'graph-scroll', dx, dy, unit });
  switch (key.name) {
    case 'pageup':
      return scroll(0, -1, 'page');
    case 'pagedown':
      return scroll(0, 1, 'page');
    case 'wheelup':
      return scroll(0, -WHEEL_ROWS);
    case 'wheeldown':
      return scroll(0, WHEEL_ROWS);
    case 'wheelleft':
      return scroll(-ARROW_COLUMNS, 0);
    case 'wheelright':
      return scroll(ARROW_COLUMNS, 0);
  }
  const w = graph.window;
  if (!plain || !promptEmpty || w === undefined) return null;
  if (key.name === 'up' && w.maxY > 0) return scroll(0, -1);
  if (key.name === 'down' && w.maxY > 0) return scroll(0, 1);
  if (key.name === 'left' && w.maxX > 0) return scroll(-ARROW_COLUMNS, 0);
  if (key.name === 'right' && w.maxX > 0) return scroll(ARROW_COLUMNS, 0);
  return null;
}

/**
 * The graph view after a scroll: moved from the window shown, kept inside the drawing. Before the panel has
 * drawn a window (Ctrl-G and PgDn in one read), the scroll waits for it.
 */
export function scrollGraph(graph: View['graph'], action: GraphScroll): View['graph'] {
  if (!graph) return graph;
  const w = graph.window;
  if (w === undefined) return { ...graph, pending: [...(graph.pending ?? []), action] };
  const step = action.unit === 'page' ? { x: Math.max(1, w.columns - ARROW_COLUMNS), y: Math.max(1, w.rows - 1) } : { x: 1, y: 1 };
  const x = Math.max(0, Math.min(w.maxX, w.x + action.dx * step.x));
  const y = Math.max(0, Math.min(w.maxY, w.y + action.dy * step.y));
  return { ...graph, scroll: { x, y }, window: { ...w, x, y } };
}

/**
 * The panel drew `window`: kept (the same object back when nothing changed, so nothing renders again). Where
 * keys placed the window, a report drawn before the last of them is stale: the keys' place stands (kept
 * inside the drawing as the panel has it). Scrolls that waited for a window are applied now.
 */
export function windowShown(graph: View['graph'], reported: GraphWindow): View['graph'] {
  if (!graph) return graph;
  const { scroll } = graph;
  const window = scroll === undefined ? reported : { ...reported, x: Math.min(scroll.x, reported.maxX), y: Math.min(scroll.y, reported.maxY) };
  if (graph.pending !== undefined) {
    const { pending, ...rest } = graph;
    return pending.reduce<View['graph']>((g, action) => scrollGraph(g, action), { ...rest, window });
  }
  const w = graph.window;
  const same = w !== undefined && (Object.keys(window) as Array<keyof GraphWindow>).every((k) => w[k] === window[k]);
  return same ? graph : { ...graph, window };
}

/** A new input: the window follows the newest ops again (`:graph N`'s column too). */
export function followNewest(graph: View['graph']): View['graph'] {
  if (!graph || (graph.scroll === undefined && graph.column === undefined)) return graph;
  const { scroll: _scroll, column: _column, ...rest } = graph;
  return rest;
}
