// The graph's ops as they are added: name, type, inputs; the latest input's ops marked `+` and highlighted
// (the mark, so that it shows without colour too).
import { Box, Text } from 'ink';
import type { Mode, OpInfo } from '../kernel/events.js';
import { PANEL_CHROME } from './layout.js';
import { opRows, type OpRow } from './ops-rows.js';
import { panelFrame } from './panel-frame.js';
import { useTheme, type Theme } from './theme.js';

export interface OpsPanelProps {
  ops: OpInfo[];
  newest: number;
  mode: Mode;
  width: number;
  height: number;
  /** Scopes listed op by op (`:expand`). */
  expanded?: readonly string[];
}

export function OpsPanel({ ops, newest, mode, width, height, expanded = [] }: OpsPanelProps) {
  const theme = useTheme();
  const rows = opRows(ops, newest, height - PANEL_CHROME, expanded);
  // Names line up in a column as wide as the longest shown, up to 40% of the panel.
  const nameWidth = Math.min(Math.floor(width * 0.4), Math.max(4, ...rows.map((r) => label(r).length)));
  const typeWidth = Math.max(0, ...rows.map((r) => (r.kind === 'op' ? r.op.type.length : 0)));
  return (
    <Box flexDirection="column" width={width} height={height} {...panelFrame(theme)}>
      <Text bold wrap="truncate-end">graph · {ops.length} op{ops.length === 1 ? '' : 's'}</Text>
      {ops.length === 0 ? <Text color={theme.muted} wrap="truncate-end">{emptyNote(mode)}</Text> : null}
      {rows.map((row, i) => <RowView key={i} row={row} nameWidth={nameWidth} typeWidth={typeWidth} theme={theme} />)}
    </Box>
  );
}

function RowView({ row, nameWidth, typeWidth, theme }: { row: OpRow; nameWidth: number; typeWidth: number; theme: Theme }) {
  if (row.kind === 'more') return <Text color={theme.muted} wrap="truncate-end">  … {row.count} more</Text>;
  const mark = row.newest ? '+ ' : '  ';
  const name = label(row).padEnd(nameWidth).slice(0, nameWidth);
  const rest = row.kind === 'scope' ? `${row.count} ops · :expand ${row.scope}` : `${row.op.type.padEnd(typeWidth)}${row.op.inputs.length ? `  ← ${row.op.inputs.join(', ')}` : ''}`;
  return (
    <Text wrap="truncate-end" color={row.newest ? theme.accent : undefined} bold={row.newest}>
      {mark}{name}  {rest}
    </Text>
  );
}

function label(row: OpRow): string {
  return row.kind === 'op' ? row.op.name : row.kind === 'scope' ? `${row.scope}/…` : '';
}

function emptyNote(mode: Mode): string {
  return mode === 'lazy' ? 'no ops yet: each tf call adds one here, Session.run evaluates them'
    : 'eager mode: each op runs at once, no graph is recorded';
}
