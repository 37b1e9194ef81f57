// The graph view (`:graph`, Ctrl-G): the ops as boxes, each edge's value from the last run above it and its
// gradient below, in place of the ops and chart panels. The drawing is graphview's; this only colours it.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { OpInfo } from '../kernel/events.js';
import { graphScrollHint, renderGraphView, type Style, type StyledLine } from '../graphview/index.js';
import { PANEL_CHROME } from './layout.js';
import { panelFrame } from './panel-frame.js';
import type { LastRun } from './state.js';
import { useTheme, type Theme } from './theme.js';

export interface GraphPanelProps {
  ops: readonly OpInfo[];
  lastRun: LastRun | null;
  /** Forward tensor → gradient tensor (the gradients-added map). */
  gradients: Readonly<Record<string, string>>;
  width: number;
  height: number;
  /** Every op (`:graph all`), not just the forward graph. */
  all: boolean;
  /** The drawing's column (from 1) the panel starts at, for one wider than the panel (`:graph 101`). */
  column?: number;
}

/** Columns the frame and its padding take (PANEL_CHROME counts the rows). */
const FRAME_COLUMNS = 4;

export function GraphPanel({ ops, lastRun, gradients, width, height, all, column = 1 }: GraphPanelProps) {
  const theme = useTheme();
  const inner = { width: Math.max(1, width - FRAME_COLUMNS), height: Math.max(1, height - PANEL_CHROME) };
  // Layout is the expensive part, and the panel renders again on every key typed at the prompt.
  const lines = useMemo(
    () => renderGraphView({ ops, run: lastRun, gradients, all },
      { ...inner, offsetX: column - 1, scrollHint: (next) => graphScrollHint(all, next.x + 1) }).lines,
    [ops, lastRun, gradients, all, column, inner.width, inner.height],
  );
  const title = all ? 'graph view · every op · :graph for the forward ops · Esc closes'
    : 'graph view · :graph all shows every op · Esc closes';
  // As low as the drawing, like the ops panel; in presenter mode the prompt under it must not move, so it
  // keeps the height it was given.
  const rows = theme.present ? height : Math.min(height, lines.length + PANEL_CHROME);
  return (
    <Box flexDirection="column" width={width} height={rows} {...panelFrame(theme)}>
      <Text bold wrap="truncate-end">{title}</Text>
      {lines.map((line, i) => <LineView key={i} line={line} theme={theme} />)}
    </Box>
  );
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
