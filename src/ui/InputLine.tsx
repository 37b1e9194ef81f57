// The prompt: every line of the input being written (`lazy> ` first, `... ` after), the cursor drawn on its
// line, a hint below. The cursor's line wraps when long; the others are cut at the width. When the input has
// more lines than there is room for, a window around the cursor's line shows, and a row says what is hidden.
import { Box, Text } from 'ink';
import type { Mode } from '../kernel/events.js';
import type { Layout } from './layout.js';
import type { Editor } from './use-input-editor.js';
import { useTheme } from './theme.js';

export interface InputLineProps {
  editor: Pick<Editor, 'lines' | 'row' | 'col' | 'hint'>;
  mode: Mode;
  /** An input is running: the prompt is dimmed, and what is typed waits for it. */
  busy: boolean;
  /** How many lines besides the cursor's to show, whether a row says others are hidden, the hint's room. */
  layout: Pick<Layout, 'bufferShown' | 'bufferElided' | 'hintShown'>;
}

/** The lines shown around the cursor's line `row`: up to `room` others, half of them below at most. */
export function lineWindow(count: number, row: number, room: number): { first: number; last: number } {
  let below = Math.min(count - 1 - row, Math.floor(room / 2));
  const above = Math.min(row, room - below);
  below = Math.min(count - 1 - row, room - above);
  return { first: row - above, last: row + below };
}

// A tab would move the terminal's cursor to its next stop, which Ink does not count.
const shown = (text: string) => text.replace(/\t/g, '  ');

export function InputLine({ editor, mode, busy, layout }: InputLineProps) {
  const theme = useTheme();
  const { lines, row, col } = editor;
  const { first, last } = lineWindow(lines.length, row, layout.bufferShown);
  const above = first;
  const below = lines.length - 1 - last;
  const prompt = (i: number) => (i === 0 ? `${mode}> ` : '... ');
  const hidden = above > 0 && below > 0 ? `${above} line${above === 1 ? '' : 's'} above, ${below} below`
    : above > 0 ? `${above} line${above === 1 ? '' : 's'} above` : `${below} line${below === 1 ? '' : 's'} below`;
  const note = layout.bufferElided && above + below > 0 ? <Text color={theme.muted}>... ({hidden})</Text> : null;
  const line = lines[row];
  const at = String.fromCodePoint(line.codePointAt(col) ?? 32);
  return (
    <Box flexDirection="column">
      {above > 0 ? note : null}
      {lines.slice(first, last + 1).map((text, k) => {
        const i = first + k;
        if (i !== row) {
          return (
            <Text key={i} wrap="truncate-end">
              <Text color={theme.muted}>{prompt(i)}</Text>
              {shown(text)}
            </Text>
          );
        }
        return (
          <Box key={i}>
            {/* Never shrunk: a long line wraps beside the prompt, which keeps its space (`lazy> `). */}
            <Box flexShrink={0}>
              <Text color={busy ? theme.muted : theme.prompt}>{prompt(i)}</Text>
            </Box>
            <Text>
              {shown(line.slice(0, col))}
              <Text inverse>{shown(at)}</Text>
              {shown(line.slice(col + at.length))}
            </Text>
          </Box>
        );
      })}
      {above === 0 ? note : null}
      {editor.hint !== null && layout.hintShown ? <Text color={theme.muted} wrap="truncate-end">{editor.hint}</Text> : null}
    </Box>
  );
}
