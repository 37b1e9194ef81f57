// Presenter mode's code column: the session's latest inputs and outputs, as many lines as fit, redrawn from
// state on every resize. There is no <Static> scrollback on stage: when the speaker zooms the terminal, the
// screen is laid out again from scratch, never left half-wrapped. Long lines wrap (code cut off mid-talk is
// code the audience cannot read), continuation rows indented under the code.
import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import type { HistoryItem, OutputLine } from './history-item.js';
import { LineView } from './ItemView.js';
import { useTheme } from './theme.js';

type TailLine = { kind: 'input'; prompt: string; text: string; replay: boolean } | { kind: 'output'; line: OutputLine } | { kind: 'gap' };

/** `text` in rows of at most `width` columns (colour codes kept, words kept whole where they fit). */
const rows = (text: string, width: number): string[] => wrapAnsi(text, Math.max(1, width), { hard: true, trim: false }).split('\n');

/** The last `height` rows of `items` at `width` columns, a blank row between items (presenter mode's larger spacing). */
export function tailLines(items: readonly HistoryItem[], height: number, width = Infinity): TailLine[] {
  const lines: TailLine[] = [];
  for (const item of items) {
    if (lines.length > 0) lines.push({ kind: 'gap' });
    const code = item.input?.code.split('\n') ?? [];
    code.forEach((text, i) => {
      const prompt = i === 0 ? `${item.input!.mode}> ` : '... ';
      rows(text, width - prompt.length).forEach((row, j) => {
        lines.push({ kind: 'input', prompt: j === 0 ? prompt : ' '.repeat(prompt.length), text: row, replay: item.replay });
      });
    });
    for (const line of item.lines) for (const row of rows(line.text, width)) lines.push({ kind: 'output', line: { ...line, text: row } });
  }
  return height <= 0 ? [] : lines.slice(-height);
}

export function SessionTail({ items, height, width }: { items: readonly HistoryItem[]; height: number; width?: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height} justifyContent="flex-end">
      {tailLines(items, height, width).map((line, i) => {
        if (line.kind === 'gap') return <Text key={i}> </Text>;
        if (line.kind === 'input') {
          return (
            <Text key={i} wrap="truncate-end" bold={!line.replay}>
              <Text color={theme.prompt}>{line.prompt}</Text>
              {line.text}
            </Text>
          );
        }
        return <LineView key={i} line={line.line} dim={false} wrap="truncate-end" theme={theme} />;
      })}
    </Box>
  );
}
