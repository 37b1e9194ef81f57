// The computation-graph view: ops as boxes left to right, data edges as lines, each edge's value from the
// last run above it and its gradient below — the hand-drawn backprop diagram, as styled text lines. Pure
// (no Ink, no engine): the kernel prints it for `:graph`, the UI's GraphPanel colours it.
//
// Without colour it still reads: a fetched op's box is heavy (┏━┓), an op the last run did not evaluate
// has a dashed box (┌╌┐), scalars carry their sign (+3, -12), gradients a ∂ (∂-4). See model.ts for which
// ops are drawn (select.ts, scopes.ts: hidden, dead and folded ops), values.ts for how values are written
// and window.ts for the part of a big drawing that is shown.
import { Canvas, type Style } from './canvas.js';
import { buildModel, type GraphViewInput, type ViewModel, type ViewNode } from './model.js';
import { place } from './place.js';
import { route } from './route.js';
import type { EdgeText } from './values.js';
import { windowView, type GraphDrawing, type GraphView, type GraphViewOptions } from './window.js';

export { plainText, type Style, type StyledLine, type StyledSegment } from './canvas.js';
export type { GraphViewInput, RunView } from './model.js';
export { FOLD_AT } from './scopes.js';
export { windowView, type GraphDrawing, type GraphView, type GraphViewOptions } from './window.js';

/** More boxes than this make spaghetti, not a picture (and dagre takes seconds): the view says so instead. */
export const MAX_NODES = 60;

/** e.g. `plainText(renderGraphView({ ops, run, gradients }, { width: 100 }).lines)`. */
export function renderGraphView(input: GraphViewInput, options: GraphViewOptions): GraphView {
  return windowView(drawGraph(input, options.width), options);
}

/**
 * The layout, the costly part, done once for `width` columns; windowView() then shows any window of it (a
 * UI scrolling it lays out nothing again).
 */
export function drawGraph(input: GraphViewInput, width: number): GraphDrawing {
  const model = buildModel(input);
  const boxes = model.nodes.filter((n) => !n.sink).length;
  const empty = (...notes: string[]): GraphDrawing => ({ canvas: null, notes, legend: [], boxes: new Map(), opNode: model.opNode });
  if (input.scope !== undefined && boxes === 0) return empty(`no op is in the name scope '${input.scope}' (:ops lists the ops by name)`);
  if (input.ops.length === 0) return empty('the graph is empty: in lazy mode each tf call adds an op to it');
  if (boxes === 0) return empty('nothing to draw: every op is a gradient, initializer or update op (:graph all shows them)');
  if (boxes > MAX_NODES) {
    return empty(`${boxes} ops are too many to draw (${MAX_NODES} at most).`,
      input.all ? ':graph without all draws the forward graph only; :ops lists every op' : ':ops lists them');
  }
  // Types are the first thing to go when the drawing is too wide: `w` instead of `w: VariableV2`.
  let drawn = draw(model);
  const short = drawn.canvas.width > width ? draw(namesOnly(model)) : drawn;
  const typesLeftOut = short !== drawn;
  drawn = short;
  const legendParts = [...legend(model), ...(typesLeftOut ? ['types left out (:ops lists them)'] : [])];
  return { ...drawn, notes: [], legend: legendParts, opNode: model.opNode };
}

const BOX_GLYPHS: Record<ViewNode['state'], { style: Style; glyphs: string }> = {
  plain: { style: 'box', glyphs: '┌─┐│└┘' },
  fetched: { style: 'fetched', glyphs: '┏━┓┃┗┛' },
  dim: { style: 'dim', glyphs: '┌╌┐╎└┘' },
};

/** The drawing, and where each box is (its left column and text row), for following the newest ops. */
function draw(model: ViewModel): Pick<GraphDrawing, 'boxes'> & { canvas: Canvas } {
  const placement = place(model);
  const routes = route(placement);
  const canvas = new Canvas(routes.width, placement.height);
  const boxes = new Map<string, { left: number; row: number; width: number }>();
  for (const s of routes.segments) canvas.line(s.x1, s.y1, s.x2, s.y2, s.edge.dim);
  for (const a of routes.arrows) canvas.arrow(a.col, a.row);
  for (const item of placement.items) {
    const band = { start: routes.bandStarts[item.rank], width: placement.bandWidths[item.rank] };
    if (item.kind === 'node' && !item.node!.sink) {
      const { style, glyphs: [tl, h, tr, v, bl, br] } = BOX_GLYPHS[item.node!.state];
      const left = routes.boxLeft.get(item)!;
      boxes.set(item.node!.id, { left, row: item.row, width: item.width });
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
  return { canvas, boxes };
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

function legend(model: ViewModel): string[] {
  if (!model.hasRun) return ['no Session.run yet: after one, each edge shows the value it carried', ...scopeNotes(model)];
  const parts = ['value above each edge'];
  // A run that fetched no gradient leaves them blank: the legend must not promise them.
  const gradShown = model.edges.some((e) => e.grad !== null);
  parts.push(gradShown ? '∂ gradient below' : model.hasGradients ? 'no ∂ gradients in this run' : 'tf.gradients adds ∂ gradients below');
  if (model.nodes.some((n) => n.state === 'fetched')) parts.push('┏━┓ fetched');
  if (model.nodes.some((n) => n.state === 'dim')) parts.push('┌╌┐ not run');
  return [...parts, ...scopeNotes(model)];
}

/** What the view folded and left out, and the command that shows it. */
function scopeNotes(model: ViewModel): string[] {
  const notes = [];
  if (model.folded.length > 0) {
    const names = model.folded.length <= 3 ? model.folded.join(', ') : `${model.folded.slice(0, 3).join(', ')}, …`;
    notes.push(`folded: ${names} (:graph scope NAME draws one)`);
  }
  if (model.leftOut > 0) {
    notes.push(`${model.leftOut} op${model.leftOut === 1 ? '' : 's'} of earlier inputs left out: nothing run or made since uses ${model.leftOut === 1 ? 'it' : 'them'} (:graph all)`);
  }
  return notes;
}

/**
 * `:graph [all] [column]` and `:graph scope NAME [column]`, as the kernel command and the UI both take them:
 * every op or the forward ones, or one name scope; and the column (from 1) a drawing wider than the window
 * starts at. Throws on anything else.
 */
export function parseGraphArgs(args: string): { all: boolean; column: number; scope?: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words[0] === 'scope') {
    const scope = words[1]?.replace(/\/(…|\.\.\.)?$/, '');
    if (!scope || words.length > 3 || (words.length === 3 && !/^[1-9]\d*$/.test(words[2]))) {
      throw new Error(`:graph scope takes a name scope and a column to start at (:graph scope gradients 101), not '${args.trim()}'`);
    }
    return { all: false, column: Number(words[2] ?? 1), scope };
  }
  const all = words[0] === 'all';
  const rest = all ? words.slice(1) : words;
  if (rest.length > 1 || (rest.length === 1 && !/^[1-9]\d*$/.test(rest[0]))) {
    throw new Error(`:graph takes 'all' and a column to start at (:graph all 101), or 'scope NAME', not '${args.trim()}'`);
  }
  return { all, column: Number(rest[0] ?? 1) };
}

/**
 * The command that shows the next columns of a drawing wider than the window: what the note under it offers.
 * Columns count from 1, as in the note's "columns 1–100 of 180", so `:graph 101` goes on where it stopped.
 */
export function graphScrollHint(all: boolean, column: number, scope?: string): string {
  const command = scope !== undefined ? `:graph scope ${scope}` : `:graph${all ? ' all' : ''}`;
  return column === 1 ? `${command} shows the start again` : `${command} ${column} shows more`;
}
