// The computation-graph view: ops as boxes left to right, data edges as lines, each edge's value from the
// last run above it and its gradient below — the hand-drawn backprop diagram, as styled text lines. Pure
// (no Ink, no engine): the kernel prints it for `:graph`, the UI's GraphPanel colours it.
//
// Without colour it still reads: a fetched op's box is heavy (┏━┓), an op the last run did not evaluate
// has a dashed box (┌╌┐), scalars carry their sign (+3, -12), gradients a ∂ (∂-4). See model.ts for which
// ops are drawn and values.ts for how values are written.
import { Canvas, type Style, type StyledLine } from './canvas.js';
import { buildModel, type GraphViewInput, type ViewModel, type ViewNode } from './model.js';
import { place } from './place.js';
import { route } from './route.js';
import type { EdgeText } from './values.js';

export { plainText, type Style, type StyledLine, type StyledSegment } from './canvas.js';
export type { GraphViewInput, RunView } from './model.js';

/** More boxes than this make spaghetti, not a picture: the view says so instead. */
export const MAX_NODES = 40;

export interface GraphViewOptions {
  /** Columns available; the drawing is windowed when wider. */
  width: number;
  /** Rows available, notes included (default: as many as it takes). */
  height?: number;
  /** The window's first column and row in the drawing (clamped). */
  offsetX?: number;
  offsetY?: number;
  /** How to see the next window (across first, then down), after "columns 1–100 of 180": `:graph 101 shows more`. */
  scrollHint?: (next: { x: number; y: number }) => string;
}

export interface GraphView {
  lines: StyledLine[];
  /** The whole drawing's size (0 when nothing is drawn). */
  drawingWidth: number;
  drawingHeight: number;
  /** The window shown, after clamping. */
  offsetX: number;
  offsetY: number;
}

/** e.g. `plainText(renderGraphView({ ops, run, gradients }, { width: 100 }).lines)`. */
export function renderGraphView(input: GraphViewInput, options: GraphViewOptions): GraphView {
  const { width, height = Infinity } = options;
  const model = buildModel(input);
  const boxes = model.nodes.filter((n) => !n.sink).length;
  const empty = (...text: string[]): GraphView => ({ lines: text.map((t) => note(t, width)).slice(0, height), drawingWidth: 0, drawingHeight: 0, offsetX: 0, offsetY: 0 });
  if (input.ops.length === 0) return empty('the graph is empty: in lazy mode each tf call adds an op to it');
  if (boxes === 0) return empty('nothing to draw: every op is a gradient, initializer or update op (:graph all shows them)');
  if (boxes > MAX_NODES) {
    return empty(`${boxes} ops are too many to draw (${MAX_NODES} at most).`,
      input.all ? ':graph without all draws the forward graph only; :ops lists every op' : ':ops lists them');
  }
  // Types are the first thing to go when the drawing is too wide: `w` instead of `w: VariableV2`.
  let canvas = draw(model);
  const short = canvas.width > width ? draw(namesOnly(model)) : canvas;
  const typesLeftOut = short !== canvas;
  canvas = short;
  const legendLines = packed([...legend(model), ...(typesLeftOut ? ['types left out (:ops lists them)'] : [])], width);
  const fits = canvas.width <= width && canvas.height <= height - legendLines.length;
  // A window too low for one box (three rows) beside the legend and the note drops the legend: drawing first.
  if (!fits && height - legendLines.length - 1 < 3) legendLines.length = 0;
  const x = clamp(options.offsetX ?? 0, canvas.width - width);
  // The window note takes a line, or more in a narrow panel (it wraps, as the legend does): window again then.
  let noteLines = 1;
  let shown: { y: number; lines: StyledLine[]; notes: string[] };
  for (;;) {
    const rows = Math.max(1, fits ? canvas.height : height - legendLines.length - noteLines);
    const y = clamp(options.offsetY ?? 0, canvas.height - rows);
    const lines = canvas.window(x, y, width, rows);
    const notes = fits ? [] : packed(windowNote(canvas, { x, y, width, rows: lines.length }, options.scrollHint), width, '; ');
    shown = { y, lines, notes };
    if (notes.length <= noteLines || rows === 1) break;
    noteLines = notes.length;
  }
  const { y, lines } = shown;
  // A window too low for the drawing, the legend and the note loses the notes first: never more than `height`.
  const out = [...lines, ...[...legendLines, ...shown.notes].map((t) => note(t, width))].slice(0, height);
  return { lines: out, drawingWidth: canvas.width, drawingHeight: canvas.height, offsetX: x, offsetY: y };
}

const BOX_GLYPHS: Record<ViewNode['state'], { style: Style; glyphs: string }> = {
  plain: { style: 'box', glyphs: '┌─┐│└┘' },
  fetched: { style: 'fetched', glyphs: '┏━┓┃┗┛' },
  dim: { style: 'dim', glyphs: '┌╌┐╎└┘' },
};

function draw(model: ViewModel): Canvas {
  const placement = place(model);
  const routes = route(placement);
  const canvas = new Canvas(routes.width, placement.height);
  for (const s of routes.segments) canvas.line(s.x1, s.y1, s.x2, s.y2, s.edge.dim);
  for (const a of routes.arrows) canvas.arrow(a.col, a.row);
  for (const item of placement.items) {
    const band = { start: routes.bandStarts[item.rank], width: placement.bandWidths[item.rank] };
    if (item.kind === 'node' && !item.node!.sink) {
      const { style, glyphs: [tl, h, tr, v, bl, br] } = BOX_GLYPHS[item.node!.state];
      const left = routes.boxLeft.get(item)!;
      const bar = h.repeat(item.width - 2);
      canvas.text(left, item.row - 1, `${tl}${bar}${tr}`, style);
      canvas.text(left, item.row, `${v} ${item.node!.label} ${v}`, style);
      canvas.text(left, item.row + 1, `${bl}${bar}${br}`, style);
    } else if (item.kind === 'label') {
      const { value, grad } = item.edge!;
      if (value) edgeText(canvas, band, item.row - 1, value);
      if (grad) edgeText(canvas, band, item.row + 1, grad);
    }
  }
  return canvas;
}

/** Centred in its band; the ∂ in the gradient's style, the number in its sign's. */
function edgeText(canvas: Canvas, band: { start: number; width: number }, row: number, t: EdgeText): void {
  const col = band.start + Math.floor((band.width - t.text.length) / 2);
  const signStyle: Style = t.sign === 'none' ? 'value' : t.sign;
  if (t.grad) {
    canvas.text(col, row, t.text.slice(0, 1), 'grad');
    canvas.text(col + 1, row, t.text.slice(1), signStyle);
  } else {
    canvas.text(col, row, t.text, signStyle);
  }
}

function namesOnly(model: ViewModel): ViewModel {
  return { ...model, nodes: model.nodes.map((n) => (n.sink ? n : { ...n, label: n.label.replace(/: \w+$/, '') })) };
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

function legend(model: ViewModel): string[] {
  if (!model.hasRun) return ['no Session.run yet: after one, each edge shows the value it carried'];
  const parts = ['value above each edge'];
  // A run that fetched no gradient leaves them blank: the legend must not promise them.
  const gradShown = model.edges.some((e) => e.grad !== null);
  parts.push(gradShown ? '∂ gradient below' : model.hasGradients ? 'no ∂ gradients in this run' : 'tf.gradients adds ∂ gradients below');
  if (model.nodes.some((n) => n.state === 'fetched')) parts.push('┏━┓ fetched');
  if (model.nodes.some((n) => n.state === 'dim')) parts.push('┌╌┐ not run');
  return parts;
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

function note(text: string, width: number): StyledLine {
  return [{ text: text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`, style: 'note' }];
}

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(Math.floor(v), Math.max(0, max)));
}

/**
 * `:graph [all] [column]`, as the kernel command and the UI both take it: every op or the forward ones, and
 * the column (from 1) a drawing wider than the window starts at. Throws on anything else.
 */
export function parseGraphArgs(args: string): { all: boolean; column: number } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const all = words[0] === 'all';
  const rest = all ? words.slice(1) : words;
  if (rest.length > 1 || (rest.length === 1 && !/^[1-9]\d*$/.test(rest[0]))) {
    throw new Error(`:graph takes 'all' and a column to start at (:graph all 101), not '${args.trim()}'`);
  }
  return { all, column: Number(rest[0] ?? 1) };
}

/**
 * The command that shows the next columns of a drawing wider than the window: what the note under it offers.
 * Columns count from 1, as in the note's "columns 1–100 of 180", so `:graph 101` goes on where it stopped.
 */
export function graphScrollHint(all: boolean, column: number): string {
  const command = `:graph${all ? ' all' : ''}`;
  return column === 1 ? `${command} shows the start again` : `${command} ${column} shows more`;
}
