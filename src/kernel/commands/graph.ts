// `:graph`: the default graph drawn as text — the UI's graph view, for pipes, transcripts and the plain front
// end. `:graph all` draws every op, `:graph scope NAME` one name scope; `:graph 101` shows a drawing wider than the window from its column 101
// on, as the note under it says.
//
// The width is fixed (not the terminal's) so that a transcript prints the same drawing everywhere. The height
// is not limited, since printed text scrolls: the only way to move is sideways, so the command takes a column.
import * as tf from '../../index.js';
import { graphScrollHint, parseGraphArgs, plainText, renderGraphView, type RunView, type Style, type StyledLine } from '../../graphview/index.js';
import { opInfo, runView } from '../event-views.js';
import type { Kernel } from '../kernel.js';
import type { Command } from './command.js';

/** Columns of the printed drawing. */
export const GRAPH_WIDTH = 100;

export const graph: Command = {
  name: 'graph',
  summary: "draw the default graph with the last run's values and ∂ gradients (all: every op)",
  usage: '[all | scope NAME] [column]',
  run(kernel, args) {
    const { all, column, scope } = parseGraphArgs(args);
    const g = tf.getDefaultGraph();
    if (kernel.mode === 'eager') return eagerNote(g.version);
    const view = renderGraphView(
      { ops: g.getOperations().map(opInfo), run: currentRun(kernel, g), gradients: g.gradientMap(), all, scope },
      { width: GRAPH_WIDTH, offsetX: column - 1, scrollHint: (next) => graphScrollHint(all, next.x + 1, scope) },
    );
    return kernel.colors ? ansiText(view.lines) : plainText(view.lines);
  },
};

/** TF 2's answer too: eager execution records no graph, so there is nothing to draw. */
function eagerNote(ops: number): string {
  const note = 'eager mode builds no graph: each op ran at once and returned its value. :mode lazy, then define the ops, to draw one';
  if (ops === 0) return note;
  return `${note}\n(the default graph still holds the ${ops} op${ops === 1 ? '' : 's'} built in lazy mode: :mode lazy, then :graph draws them)`;
}

/**
 * The user's last Session.run, if it ran the graph being drawn. A run of a graph since replaced (`:reset`,
 * tf.resetDefaultGraph()) or one that used ops a failed input took back would put old values on ops that
 * merely share a name: those runs are not drawn.
 */
function currentRun(kernel: Kernel, graph: tf.Graph): RunView | null {
  const info = kernel.lastRun;
  if (info === null || info.session.graph !== graph) return null;
  const alive = new Set(graph.getOperations());
  return info.ops.every((op) => alive.has(op)) ? runView(info) : null;
}

/** SGR codes per style; what has none is printed in the terminal's own colour. */
const ANSI: Partial<Record<Style, string>> = { fetched: '1', dim: '2', pos: '32', neg: '31', grad: '35', note: '90' };

function ansiText(lines: readonly StyledLine[]): string {
  return lines.map((line) => line.map((s) => (ANSI[s.style] && s.text.trim() !== '' ? `\u001B[${ANSI[s.style]}m${s.text}\u001B[0m` : s.text)).join('')).join('\n');
}
