// The Ink front end: the finished history above (<Static>), and a live area kept shorter than the terminal:
// the input running, the ops and chart panels, the prompt, the status line. It renders the kernel's events
// (use-kernel.ts → state.ts) and sends it the user's inputs; it never touches the engine itself.
import { useState } from 'react';
import { Box } from 'ink';
import { ChartPanel } from './ChartPanel.js';
import type { Completer } from './completion.js';
import { HistoryView } from './HistoryView.js';
import { InputHistory } from './input-history.js';
import { InputLine } from './InputLine.js';
import { ItemView } from './ItemView.js';
import { layout } from './layout.js';
import { OpsPanel } from './OpsPanel.js';
import { opRows } from './ops-rows.js';
import { StatusLine } from './StatusLine.js';
import type { UiKernel } from './ui-kernel.js';
import { useInputEditor } from './use-input-editor.js';
import { useKernel } from './use-kernel.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  kernel: UiKernel;
  completer: Completer;
  /** Earlier sessions' inputs, oldest first (Up recalls them). */
  history?: readonly string[];
  /** Called with each finished input, to keep it for the next session. */
  onRemember?: (input: string) => void;
  /** The first line of the session. */
  banner?: string;
}

export function App({ kernel, completer, history: saved, onRemember, banner }: AppProps) {
  const [state, actions] = useKernel(kernel, banner);
  const [history] = useState(() => new InputHistory(saved));
  const { status } = state;
  const editor = useInputEditor({ actions, busy: status.busy, alive: status.alive, history, completer, onRemember });
  const { columns, rows } = useTerminalSize();
  const hasSeries = Object.keys(state.series).length > 0;
  const box = layout({
    rows, columns, hasSeries,
    // The prompt (`eager> ` or `... `), the line and the text input's cursor, wrapped at the width.
    inputRows: Math.max(1, Math.ceil((`${status.mode}> `.length + editor.line.length + 1) / columns)),
    bufferLines: status.busy ? 0 : editor.buffer.length,
    hint: editor.hint !== null,
    running: state.current ? { outputLines: state.current.lines.length } : null,
    opRows: opRows(state.ops, state.newest, Infinity).length,
  });
  return (
    <>
      <HistoryView items={state.history} />
      <Box flexDirection="column" width={columns}>
        {state.current && box.runningEcho ? <ItemView item={state.current} tail={box.runningShown} /> : null}
        {box.panelHeight > 0 ? (
          <Box flexDirection="row" height={box.panelHeight}>
            <OpsPanel ops={state.ops} newest={state.newest} mode={status.mode} width={box.opsWidth} height={box.panelHeight} />
            {box.chartWidth > 0 ? <ChartPanel series={state.series} width={box.chartWidth} height={box.panelHeight} /> : null}
          </Box>
        ) : null}
        <InputLine editor={editor} mode={status.mode} busy={status.busy} layout={box} />
        <StatusLine status={status} />
      </Box>
    </>
  );
}
