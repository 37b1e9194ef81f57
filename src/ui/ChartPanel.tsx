// The scalar series (tf.summary.scalar) on one axis, redrawn as points arrive, with a legend. Each series
// takes the theme's colour for it (theme.ts), so the light theme's curves stay strong on white.
import { Box, Text } from 'ink';
import { formatValue, plotChart } from '../kernel/chart.js';
import { PANEL_CHROME } from './layout.js';
import type { Series } from '../kernel/series.js';
import { panelFrame } from './panel-frame.js';
import { useTheme } from './theme.js';

export interface ChartPanelProps {
  series: Record<string, Series>;
  width: number;
  height: number;
}

export function ChartPanel({ series, width, height }: ChartPanelProps) {
  const theme = useTheme();
  const colour = (i: number) => theme.series[i % theme.series.length];
  // Frame and padding take 4 columns; the legend takes the title's row.
  const chart = plotChart(series, width - 4, height - PANEL_CHROME);
  return (
    <Box flexDirection="column" width={width} height={height} {...panelFrame(theme)}>
      <Text wrap="truncate-end">
        {chart.legend.map((entry, i) => (
          <Text key={entry.name}>
            {i > 0 ? '  ' : ''}
            <Text color={colour(i)}>{entry.glyph.repeat(2)} </Text>
            <Text bold>{entry.name}</Text>
            {` ${formatValue(entry.last.value)} @${entry.last.step}`}
            {entry.nonFinite > 0 ? <Text color={theme.error}> ({entry.nonFinite} not finite)</Text> : null}
          </Text>
        ))}
      </Text>
      {chart.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {seriesSegments(line).map((s, j) => <Text key={j} color={s.series === null ? undefined : colour(s.series)}>{s.text}</Text>)}
        </Text>
      ))}
    </Box>
  );
}

/** chart.ts's ANSI colours, in the order series get them (its PALETTE): a cell's code says whose it is. */
const SERIES_CODES = ['36', '35', '33', '32', '34', '31'];

/** A chart line as runs of text, each with the series that drew it (null: the axis, its labels, blanks). */
export function seriesSegments(line: string): Array<{ text: string; series: number | null }> {
  const out: Array<{ text: string; series: number | null }> = [];
  let series: number | null = null;
  for (const [i, piece] of line.split(/\u001B\[(\d+)m/).entries()) {
    // split() with a group alternates text and the codes between.
    if (i % 2 === 1) {
      const index = SERIES_CODES.indexOf(piece);
      series = index < 0 ? null : index;
    } else if (piece !== '') {
      const last = out.at(-1);
      if (last !== undefined && last.series === series) last.text += piece;
      else out.push({ text: piece, series });
    }
  }
  return out;
}
