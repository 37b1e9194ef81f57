// The graph view (`:graph`, Ctrl-G): the ops as boxes, each edge's value from the last run above it and its
// gradient below, in place of the ops and chart panels. The drawing is graphview's; this colours it, shows
// the window that the keys (graph-scroll.ts) or the newest ops place, and has the wheel reported meanwhile.
import { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import type { OpInfo } from '../kernel/events.js';
import { drawGraph, windowView, type Style, type StyledLine } from '../graphview/index.js';
import type { GraphWindow } from './graph-scroll.js';
import { PANEL_CHROME } from './layout.js';
import { panelFrame } from './panel-frame.js';
import type { LastRun } from './state.js';
import { useTheme, type Theme } from './theme.js';
import type { View } from './ui-commands.js';
import { useMouseReports } from './use-mouse.js';

export interface GraphPanelProps {
  ops: readonly OpInfo[];
  lastRun: LastRun | null;
  /** Forward tensor → gradient tensor (the gradients-added map). */
  gradients: Readonly<Record<string, string>>;
  width: number;
  height: number;
  /** What the view shows: every op or the forward ones, a scope, where the window is (ui-commands.ts). */
  graph: NonNullable<View['graph']>;
  /** Scopes drawn op by op (`:expand`, shared with the ops panel). */
  expanded?: readonly string[];
  /** How many of the last ops the latest input added: the window follows them, or else what the last run fetched. */
  newest?: number;
  /** Told the window drawn, so that keys scroll from there (graph-scroll.ts). */
  onWindow?: (window: GraphWindow) => void;
}

/** Columns the frame and its padding take (PANEL_CHROME counts the rows). */
const FRAME_COLUMNS = 4;

export function GraphPanel({ ops, lastRun, gradients, width, height, graph, expanded = [], newest = 0, onWindow }: GraphPanelProps) {
  const theme = useTheme();
  useMouseReports(true);
  const { all, scope } = graph;
  const inner = { width: Math.max(1, width - FRAME_COLUMNS), height: Math.max(1, height - PANEL_CHROME) };
  // Layout is the expensive part: done again only when the graph, the run or the width change, not on a
  // key typed at the prompt or a scroll.
  const drawing = useMemo(() => {
    const recent = lastRun === null ? undefined : ops.slice(Math.min(lastRun.opCount, ops.length)).map((o) => o.name);
    return drawGraph({ ops, run: lastRun, gradients, all, scope, expanded, recent }, inner.width);
  }, [ops, lastRun, gradients, all, scope, expanded, inner.width]);
  const focus = useMemo(() => (newest > 0 ? ops.slice(-newest).map((o) => o.name) : lastRun?.fetched.map((t) => t.replace(/:\d+$/, '')) ?? []), [ops, newest, lastRun]);
  const offsetX = graph.scroll?.x ?? (graph.column === undefined ? undefined : graph.column - 1);
  const view = windowView(drawing, { ...inner, offsetX, offsetY: graph.scroll?.y, focus, scrollHint: (next) => scrollHint(graph, next) });
  const { offsetX: x, offsetY: y, maxOffsetX: maxX, maxOffsetY: maxY, rows } = view;
  useEffect(() => onWindow?.({ x, y, maxX, maxY, rows, columns: inner.width }), [onWindow, x, y, maxX, maxY, rows, inner.width]);
  const title = scope !== undefined ? `graph view · scope ${scope} · :graph for the whole graph · Esc closes`
    : all ? 'graph view · every op · :graph for the forward ops · Esc closes'
    : 'graph view · :graph all shows every op · Esc closes';
  // As low as the drawing, like the ops panel; in presenter mode the prompt under it must not move, so it
  // keeps the height it was given.
  const rowsShown = theme.present ? height : Math.min(height, view.lines.length + PANEL_CHROME);
  return (
    <Box flexDirection="column" width={width} height={rowsShown} {...panelFrame(theme)}>
      <Text bold wrap="truncate-end">{title}</Text>
      {view.lines.map((line, i) => <LineView key={i} line={line} theme={theme} />)}
    </Box>
  );
}

/** The note under a cut drawing: the keys that scroll it, and the command for the next columns. */
function scrollHint(graph: NonNullable<View['graph']>, next: { x: number; y: number }): string {
  const command = graph.scope !== undefined ? `:graph scope ${graph.scope}` : `:graph${graph.all ? ' all' : ''}`;
  if (next.x > 0) return `→ or ${command} ${next.x + 1} shows more`;
  return next.y > 0 ? 'PgDn or ↓ shows more' : 'PgUp ↑ ← go back';
}

function LineView({ line, theme }: { line: StyledLine; theme: Theme }) {
  // An empty Text would take no row, and the rows below it would move up.
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => <Text key={i} {...look(s.style, theme)}>{s.text}</Text>)}
    </Text>
  );
}

/**
 * Ink props per style. Presenter mode has no faint text (a projector washes it out): what is dim elsewhere
 * keeps its dashed glyphs and takes the theme's strong muted colour, and values are bold.
 */
function look(style: Style, theme: Theme): { color?: string; bold?: boolean; dimColor?: boolean } {
  const strong = theme.present;
  switch (style) {
    case 'fetched':
      return { bold: true };
    case 'dim':
      return strong ? { color: theme.muted } : { dimColor: true };
    case 'note':
      return { color: theme.muted };
    case 'pos':
      return { color: theme.positive, bold: strong };
    case 'neg':
      return { color: theme.negative, bold: strong };
    case 'grad':
      return { color: theme.gradient, bold: strong };
    default:
      return {};
  }
}
