// The prompt: earlier lines of an unfinished input, the line being typed (ink-text-input), a hint below.
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import type { Mode } from '../kernel/events.js';
import type { Layout } from './layout.js';
import type { Editor } from './use-input-editor.js';
import { useTheme } from './theme.js';

export interface InputLineProps {
  editor: Editor;
  mode: Mode;
  /** While an input runs its lines show above, as the running item; the line below takes typing ahead. */
  busy: boolean;
  /** How many of the buffer's last lines to show, whether to say that earlier ones are hidden, the hint's room. */
  layout: Pick<Layout, 'bufferShown' | 'bufferElided' | 'hintShown'>;
}

export function InputLine({ editor, mode, busy, layout }: InputLineProps) {
  const theme = useTheme();
  const { bufferShown, bufferElided } = layout;
  const buffer = busy ? [] : editor.buffer;
  const first = buffer.length - bufferShown;
  const prompt = (i: number) => (i === 0 ? `${mode}> ` : '... ');
  return (
    <Box flexDirection="column">
      {!busy && bufferElided && first > 0 ? <Text color={theme.muted}>... ({first} line{first === 1 ? '' : 's'} above)</Text> : null}
      {buffer.slice(first).map((text, i) => (
        <Text key={first + i} wrap="truncate-end">
          <Text color={theme.muted}>{prompt(first + i)}</Text>
          {text}
        </Text>
      ))}
      <Box>
        <Text color={busy ? theme.muted : theme.prompt}>{prompt(buffer.length)}</Text>
        <TextInput key={editor.editorKey} value={editor.line} onChange={editor.onChange} onSubmit={editor.onSubmit} />
      </Box>
      {editor.hint !== null && layout.hintShown ? <Text color={theme.muted} wrap="truncate-end">{editor.hint}</Text> : null}
    </Box>
  );
}
