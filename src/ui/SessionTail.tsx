// Presenter mode's code column: the session's latest inputs and outputs, as many lines as fit, redrawn from
// state on every resize. There is no <Static> scrollback on stage: when the speaker zooms the terminal, the
// screen is laid out again from scratch, never left half-wrapped.
import { Box, Text } from 'ink';
import type { HistoryItem } from './history-item.js';
import { LineView } from './ItemView.js';
import { useTheme } from './theme.js';

type TailLine = { kind: 'input'; prompt: string; text: string; replay: boolean } | { kind: 'output'; item: HistoryItem; index: number } | { kind: 'gap' };

/** The last `height` lines of `items`, a blank line between items (presenter mode's larger spacing). */
export function tailLines(items: readonly HistoryItem[], height: number): TailLine[] {
  const lines: TailLine[] = [];
  for (const item of items) {
    if (lines.length > 0) lines.push({ kind: 'gap' });
    const code = item.input?.code.split('\n') ?? [];
    code.forEach((text, i) => lines.push({ kind: 'input', prompt: i === 0 ? `${item.input!.mode}> ` : '... ', text, replay: item.replay }));
    item.lines.forEach((_, index) => lines.push({ kind: 'output', item, index }));
  }
  return height <= 0 ? [] : lines.slice(-height);
}

export function SessionTail({ items, height }: { items: readonly HistoryItem[]; height: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height} justifyContent="flex-end">
      {tailLines(items, height).map((line, i) => {
        if (line.kind === 'gap') return <Text key={i}> </Text>;
        if (line.kind === 'input') {
          return (
            <Text key={i} wrap="truncate-end" bold={!line.replay}>
              <Text color={theme.prompt}>{line.prompt}</Text>
              {line.text}
            </Text>
          );
        }
        return <LineView key={i} line={line.item.lines[line.index]} dim={false} wrap="truncate-end" theme={theme} />;
      })}
    </Box>
  );
}
