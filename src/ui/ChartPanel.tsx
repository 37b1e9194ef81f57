// The scalar series (tf.summary.scalar) on one axis, redrawn as points arrive, with a legend.
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
  // Frame and padding take 4 columns; the legend takes the title's row.
  const chart = plotChart(series, width - 4, height - PANEL_CHROME);
  return (
    <Box flexDirection="column" width={width} height={height} {...panelFrame(theme)}>
      <Text wrap="truncate-end">
        {chart.legend.map((entry, i) => (
          <Text key={entry.name}>
            {i > 0 ? '  ' : ''}
            <Text color={entry.color}>{entry.glyph.repeat(2)} </Text>
            <Text bold>{entry.name}</Text>
            {` ${formatValue(entry.last.value)} @${entry.last.step}`}
            {entry.nonFinite > 0 ? <Text color={theme.error}> ({entry.nonFinite} not finite)</Text> : null}
          </Text>
        ))}
      </Text>
      {chart.lines.map((line, i) => <Text key={i} wrap="truncate-end">{line}</Text>)}
    </Box>
  );
}
