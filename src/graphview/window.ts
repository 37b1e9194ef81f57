// The part of a drawing that fits: a window of its columns and rows, the legend and a note saying which part
// is shown and how to see the rest. Without an offset the window follows `focus` — the newest ops, or those
// the last run fetched — so a graph bigger than the screen still shows what just changed.
import type { Canvas, StyledLine } from './canvas.js';

/** A laid-out graph (index.ts's drawGraph): the canvas, or the notes that say why nothing is drawn. */
export interface GraphDrawing {
  canvas: Canvas | null;
  /** Said instead of a drawing (an empty graph, too many ops). */
  notes: string[];
  /** The legend's parts, packed under the drawing. */
  legend: string[];
  /** Each box by node id: its left column, the row of its text, its width. */
  boxes: ReadonlyMap<string, { left: number; row: number; width: number }>;
  /** The box each drawn op is in. */
  opNode: ReadonlyMap<string, string>;
}

export interface GraphViewOptions {
  /** Columns available; the drawing is windowed when wider. */
  width: number;
  /** Rows available, notes included (default: as many as it takes). */
  height?: number;
  /** The window's first column and row in the drawing (clamped); left out, the window follows `focus`. */
  offsetX?: number;
  offsetY?: number;
  /** Op names to keep in the window when no offset is given (the newest ops). */
  focus?: readonly string[];
  /** How to see the next window (across first, then down), after "columns 1–100 of 180": `:graph 101 shows more`. */
  scrollHint?: (next: { x: number; y: number }) => string;
}

export interface GraphView {
  lines: StyledLine[];
  /** The whole drawing's size (0 when nothing is drawn). */
  drawingWidth: number;
  drawingHeight: number;
  /** The window shown, after clamping, and how far it can go. */
  offsetX: number;
  offsetY: number;
  maxOffsetX: number;
  maxOffsetY: number;
  /** Rows of the drawing in the window. */
  rows: number;
}

/** Columns kept right of a followed box: its outgoing edge and the value above it. */
const FOLLOW_MARGIN = 12;

export function windowView(drawing: GraphDrawing, options: GraphViewOptions): GraphView {
  const { width, height = Infinity } = options;
  const { canvas } = drawing;
  if (canvas === null) {
    const lines = drawing.notes.map((t) => note(t, width)).slice(0, height);
    return { lines, drawingWidth: 0, drawingHeight: 0, offsetX: 0, offsetY: 0, maxOffsetX: 0, maxOffsetY: 0, rows: 0 };
  }
  const legendLines = packed(drawing.legend, width);
  const fits = canvas.width <= width && canvas.height <= height - legendLines.length;
  // A window too low for one box (three rows) beside the legend and the note drops the legend: drawing first.
  if (!fits && height - legendLines.length - 1 < 3) legendLines.length = 0;
  const focus = focusBox(drawing, options.focus ?? []);
  const x = clamp(options.offsetX ?? follow(focus?.left, focus?.right, width), canvas.width - width);
  // The window note takes a line, or more in a narrow panel (it wraps, as the legend does): window again then.
  let noteLines = 1;
  let shown: { y: number; rows: number; lines: StyledLine[]; notes: string[] };
  for (;;) {
    const rows = Math.max(1, fits ? canvas.height : height - legendLines.length - noteLines);
    const y = clamp(options.offsetY ?? follow(focus?.top, focus?.bottom, rows), canvas.height - rows);
    const lines = canvas.window(x, y, width, rows);
    const notes = fits ? [] : packed(windowNote(canvas, { x, y, width, rows: lines.length }, options.scrollHint), width, '; ');
    shown = { y, rows, lines, notes };
    if (notes.length <= noteLines || rows === 1) break;
    noteLines = notes.length;
  }
  const { y, lines } = shown;
  // A window too low for the drawing, the legend and the note loses the notes first: never more than `height`.
  const out = [...lines, ...[...legendLines, ...shown.notes].map((t) => note(t, width))].slice(0, height);
  return {
    lines: out, drawingWidth: canvas.width, drawingHeight: canvas.height, offsetX: x, offsetY: y,
    maxOffsetX: Math.max(0, canvas.width - width), maxOffsetY: Math.max(0, canvas.height - shown.rows), rows: lines.length,
  };
}

/** The rectangle around the boxes of the focused ops (their edge's value included), or null if none is drawn. */
function focusBox(drawing: GraphDrawing, ops: readonly string[]) {
  const boxes = [...new Set(ops.map((op) => drawing.opNode.get(op)))].map((id) => (id === undefined ? undefined : drawing.boxes.get(id)));
  const drawn = boxes.filter((b) => b !== undefined);
  if (drawn.length === 0) return null;
  return {
    left: Math.min(...drawn.map((b) => b.left)), right: Math.max(...drawn.map((b) => b.left + b.width - 1 + FOLLOW_MARGIN)),
    top: Math.min(...drawn.map((b) => b.row - 1)), bottom: Math.max(...drawn.map((b) => b.row + 2)),
  };
}

/** The window's start that shows [start, end] (its start when both do not fit), moving from 0 as little as it can. */
function follow(start: number | undefined, end: number | undefined, size: number): number {
  if (start === undefined || end === undefined) return 0;
  return Math.min(start, Math.max(0, end - size + 1));
}

/** "columns 1–100 of 180", "<hint>": only the directions that are cut ("rows 1–12 of 12" would be noise). */
function windowNote(canvas: Canvas, w: { x: number; y: number; width: number; rows: number }, hint?: GraphViewOptions['scrollHint']): string[] {
  const shown = [];
  if (canvas.width > w.width) shown.push(`columns ${w.x + 1}–${Math.min(canvas.width, w.x + w.width)} of ${canvas.width}`);
  if (w.rows < canvas.height) shown.push(`rows ${w.y + 1}–${w.y + w.rows} of ${canvas.height}`);
  // Reading order: across first, then the next rows from the left, then back to the start.
  const next = w.x + w.width < canvas.width ? { x: w.x + w.width, y: w.y }
    : w.y + w.rows < canvas.height ? { x: 0, y: w.y + w.rows } : { x: 0, y: 0 };
  const text = hint?.(next);
  return [...shown, ...(text ? [text] : [])];
}

/** `a · b · c` on as few lines of `width` as it takes, a part never split (a cut legend loses its point). */
function packed(parts: readonly string[], width: number, separator = ' · '): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + separator.length + part.length <= width) lines[last] += `${separator}${part}`;
    else lines.push(part);
  }
  return lines;
}

export function note(text: string, width: number): StyledLine {
  return [{ text: text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`, style: 'note' }];
}

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(Math.floor(v), Math.max(0, max)));
}
