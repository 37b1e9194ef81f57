// The graph's ops as they are added: name, type, inputs; the latest input's ops marked `+` and highlighted
// (the mark, so that it shows without colour too). In eager mode nothing is added to a graph: the panel
// lists the ops that ran instead, each with the value it made.
import { Box, Text } from 'ink';
import type { Mode, OpInfo } from '../kernel/events.js';
import type { EagerOps } from './state.js';
import { PANEL_CHROME } from './layout.js';
import { fitLabel, opRows, type OpRow } from './ops-rows.js';
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
  /** The eager ops that ran (shown in eager mode). */
  eager?: EagerOps;
}

export function OpsPanel({ ops, newest, mode, width, height, expanded = [], eager }: OpsPanelProps) {
  const theme = useTheme();
  if (mode === 'eager' && eager !== undefined && eager.rows.length > 0) return <EagerPanel eager={eager} width={width} height={height} theme={theme} />;
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
  const name = fitLabel(row, nameWidth);
  const rest = row.kind === 'scope' ? `${row.count} ops · :expand ${row.scope}` : `${row.op.type.padEnd(typeWidth)}${row.op.inputs.length ? `  ← ${row.op.inputs.join(', ')}` : ''}`;
  return (
    <Text wrap="truncate-end" color={row.newest ? theme.accent : undefined} bold={row.newest}>
      {mark}{name}  {rest}
    </Text>
  );
}

/** The latest ops that ran as `+ Mul  2.0`, newest last, `+` marking the latest input that ran any. */
function EagerPanel({ eager, width, height, theme }: { eager: EagerOps; width: number; height: number; theme: Theme }) {
  const isLatest = (r: EagerOps['rows'][number]) => r.input === eager.latest;
  let shown = eager.rows.slice(-Math.max(0, height - PANEL_CHROME));
  // When the latest input ran more ops than fit (a loop of thousands), its first row counts the rest.
  let earlier = eager.total - shown.filter(isLatest).length;
  if (earlier > 0 && shown.length > 0 && isLatest(shown[0])) {
    shown = shown.slice(1);
    earlier++;
  } else earlier = 0;
  const typeWidth = Math.max(4, ...shown.map((r) => r.type.length));
  return (
    <Box flexDirection="column" width={width} height={height} {...panelFrame(theme)}>
      <Text bold wrap="truncate-end">eager · ops as they ran, with their values</Text>
      {earlier > 0 ? <Text color={theme.muted} wrap="truncate-end">  … {earlier} earlier op{earlier === 1 ? '' : 's'} of the input marked +</Text> : null}
      {shown.map((r, i) => (
        <Text key={i} wrap="truncate-end" color={isLatest(r) ? theme.accent : undefined} bold={isLatest(r)}>
          {isLatest(r) ? '+ ' : '  '}{r.type.padEnd(typeWidth)}  {r.value.replace(/\s*\n\s*/g, ' ')}
        </Text>
      ))}
    </Box>
  );
}

function label(row: OpRow): string {
  return row.kind === 'op' ? row.op.name : row.kind === 'scope' ? `${row.scope}/…` : '';
}

function emptyNote(mode: Mode): string {
  return mode === 'lazy' ? 'no ops yet: each tf call adds one here, Session.run evaluates them'
    : 'eager mode: each op runs at once, no graph is recorded';
}
