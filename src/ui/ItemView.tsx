// One input and its output, as the history shows it (and the live area, while it runs).
import { Box, Text } from 'ink';
import type { HistoryItem, OutputLine } from './history-item.js';
import { HEAD_LINES } from './history-item.js';
import { useTheme, type Theme } from './theme.js';

export interface ItemViewProps {
  item: HistoryItem;
  /** Show only the input's first line and the last `tail` output lines, each cut at the width (live area). */
  tail?: number;
}

export function ItemView({ item, tail }: ItemViewProps) {
  const theme = useTheme();
  const live = tail !== undefined;
  const code = item.input?.code.split('\n') ?? [];
  const inputLines = live ? code.slice(0, 1) : code;
  const lines = live ? (tail > 0 ? item.lines.slice(-tail) : []) : item.lines;
  const wrap = live ? 'truncate-end' : 'wrap';
  return (
    <Box flexDirection="column">
      {inputLines.map((text, i) => (
        <Text key={`i${i}`} dimColor={item.replay} wrap={wrap}>
          <Text color={theme.muted}>{i === 0 ? `${item.input!.mode}> ` : '... '}</Text>
          {text}
          {live && code.length > 1 ? <Text color={theme.muted}> …</Text> : null}
        </Text>
      ))}
      {lines.map((line, i) => (
        <Box key={`o${i}`} flexDirection="column">
          {!live && item.dropped > 0 && i === HEAD_LINES ? <Text color={theme.muted}>… {item.dropped} lines not shown</Text> : null}
          <LineView line={line} dim={item.replay} wrap={wrap} theme={theme} />
        </Box>
      ))}
    </Box>
  );
}

export function LineView({ line, dim, wrap, theme }: { line: OutputLine; dim: boolean; wrap: 'wrap' | 'truncate-end'; theme: Theme }) {
  const color = line.kind === 'error' ? theme.error : line.kind === 'note' ? theme.muted : undefined;
  return <Text color={color} dimColor={dim} wrap={wrap}>{line.text === '' ? ' ' : line.text}</Text>;
}
