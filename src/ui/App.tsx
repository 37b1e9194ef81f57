// The Ink front end: the finished history above (<Static>), and a live area kept shorter than the terminal:
// the input running, the ops and chart panels (or the graph view), the prompt, the status line. In presenter
// mode (Stage) the whole screen is live instead: the code on the left, the panels beside it. It renders the
// kernel's events (use-kernel.ts → state.ts) and sends it the user's inputs; it never touches the engine itself.
import { useMemo, useState, type ReactNode } from 'react';
import { Box } from 'ink';
import { ChartPanel } from './ChartPanel.js';
import { GraphPanel } from './GraphPanel.js';
import type { Completer } from './completion.js';
import { HistoryView } from './HistoryView.js';
import { InputHistory } from './input-history.js';
import { InputLine } from './InputLine.js';
import { ItemView } from './ItemView.js';
import { layout, type Layout } from './layout.js';
import { OpsPanel } from './OpsPanel.js';
import type { ReplayOptions } from './replay-types.js';
import { opRows } from './ops-rows.js';
import { SessionTail } from './SessionTail.js';
import type { UiState } from './state.js';
import { StatusLine } from './StatusLine.js';
import { makeTheme, ThemeContext } from './theme.js';
import type { View } from './ui-commands.js';
import type { UiKernel } from './ui-kernel.js';
import { useInputEditor, type Editor } from './use-input-editor.js';
import { useKernel } from './use-kernel.js';
import { useReplay, useReplayKernel } from './use-replay.js';
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
  /** The devices the kernel can place ops on (`/cpu:0`, `/gpu:0`), for the status line. */
  devices?: readonly string[];
  /** How the screen starts: `--present`, `--theme light`. */
  view?: Partial<View>;
  /** `tensorshell replay FILE`: a script types the inputs and the speaker presses the keys (use-replay.ts). */
  replay?: ReplayOptions;
}

/** Below this width presenter mode shows the code alone: a zoomed-in terminal keeps the code readable. */
export const STAGE_MIN_COLUMNS = 70;

export function App({ kernel, completer, history: saved, onRemember, banner, devices, view, replay }: AppProps) {
  const replayKernel = useReplayKernel(kernel, replay);
  const [state, actions] = useKernel(replayKernel ?? kernel, banner, view);
  const [history] = useState(() => new InputHistory(saved));
  const scripted = useReplay(replay, replayKernel, actions, state.status, history);
  const { status } = state;
  const setView = (v: Partial<View>) => actions.local({ type: 'view', view: v });
  const editor = useInputEditor({
    actions, busy: status.busy, alive: status.alive, history, completer, onRemember, onKey: scripted?.onKey,
    onToggleGraph: () => setView({ graph: state.view.graph === null ? { all: false } : null }),
    onEscape: () => {
      if (state.view.graph !== null) setView({ graph: null });
    },
  });
  const size = useTerminalSize();
  const theme = useMemo(() => makeTheme(state.view.theme, state.view.present), [state.view.theme, state.view.present]);
  const screen = { state, editor: scripted?.shown(editor) ?? editor, devices: devices ?? [], ...size };
  return (
    <ThemeContext.Provider value={theme}>
      {state.view.present ? <Stage {...screen} /> : <Classic {...screen} />}
    </ThemeContext.Provider>
  );
}

interface ScreenProps {
  state: UiState;
  editor: Editor;
  devices: readonly string[];
  columns: number;
  rows: number;
}

function wants(p: ScreenProps, columns: number, running: boolean) {
  const { state, editor } = p;
  const { status } = state;
  return {
    rows: p.rows, columns,
    hasSeries: state.view.chart && Object.keys(state.series).length > 0,
    graph: state.view.graph !== null,
    // The prompt (`eager> ` or `... `), the line and the text input's cursor, wrapped at the width.
    inputRows: Math.max(1, Math.ceil((`${status.mode}> `.length + editor.line.length + 1) / columns)),
    bufferLines: status.busy ? 0 : editor.buffer.length,
    hint: editor.hint !== null,
    running: running && state.current ? { outputLines: state.current.lines.length } : null,
    // In eager mode the panel lists the ops that ran (and a row counting those that did not fit).
    opRows: status.mode === 'eager' && state.eager.rows.length > 0 ? state.eager.rows.length + 1
      : opRows(state.ops, state.newest, Infinity, state.view.expanded).length,
  };
}

/** The usual screen: history in the scrollback, the live area below it. */
function Classic(p: ScreenProps) {
  const { state, editor, columns } = p;
  const box = layout(wants(p, columns, true));
  return (
    <>
      <HistoryView items={state.history} />
      <Box flexDirection="column" width={columns}>
        {state.current && box.runningEcho ? <ItemView item={state.current} tail={box.runningShown} /> : null}
        {box.panelHeight > 0 ? <Panels state={state} width={columns} height={box.panelHeight} box={box} /> : null}
        <InputLine editor={editor} mode={state.status.mode} busy={state.status.busy} layout={box} />
        <StatusLine status={state.status} devices={p.devices} />
      </Box>
    </>
  );
}

/** Presenter mode: the whole screen redrawn from state, the code on the left and the panels beside it. */
function Stage(p: ScreenProps) {
  const { state, editor, columns, rows } = p;
  const height = rows - 1;
  const side = columns >= STAGE_MIN_COLUMNS && state.view.graph === null;
  const codeWidth = side ? Math.floor(columns * 0.55) : columns;
  // Only the prompt's share of the layout is used here: the running input shows in the session's tail.
  const box = layout({ ...wants(p, codeWidth, false), rows: Math.max(rows, 10) });
  const promptRows = Math.max(1, Math.ceil((`${state.status.mode}> `.length + editor.line.length + 1) / codeWidth))
    + box.bufferShown + (box.bufferElided ? 1 : 0) + (box.hintShown ? 1 : 0) + 1;
  const above = Math.max(0, height - promptRows);
  const items = state.current ? [...state.history, state.current] : state.history;
  const code = (
    <Box flexDirection="column" width={codeWidth} height={height}>
      {state.view.graph !== null && above >= 5
        ? <Panels state={state} width={columns} height={above} box={{ ...box, chartWidth: 0, opsWidth: columns }} />
        : <SessionTail items={items} height={above} width={codeWidth} />}
      <InputLine editor={editor} mode={state.status.mode} busy={state.status.busy} layout={box} />
      <StatusLine status={state.status} devices={p.devices} />
    </Box>
  );
  if (!side) return code;
  const panelWidth = columns - codeWidth - 1;
  const hasChart = state.view.chart && Object.keys(state.series).length > 0;
  const opsHeight = hasChart ? Math.ceil(height / 2) : height;
  return (
    <Box flexDirection="row" height={height} width={columns}>
      {code}
      <Box flexDirection="column" width={panelWidth} marginLeft={1}>
        <OpsPanel ops={state.ops} newest={state.newest} mode={state.status.mode} width={panelWidth} height={opsHeight} expanded={state.view.expanded} eager={state.eager} />
        {hasChart && height - opsHeight >= 5 ? <ChartPanel series={state.series} width={panelWidth} height={height - opsHeight} /> : null}
      </Box>
    </Box>
  );
}

/** The ops panel with the chart beside it, or the graph view across the whole width. */
function Panels({ state, width, height, box }: { state: UiState; width: number; height: number; box: Layout }): ReactNode {
  if (state.view.graph !== null) {
    return <GraphPanel ops={state.ops} lastRun={state.lastRun} gradients={state.gradients} width={width} height={height} all={state.view.graph.all} column={state.view.graph.column} />;
  }
  return (
    <Box flexDirection="row" height={height}>
      <OpsPanel ops={state.ops} newest={state.newest} mode={state.status.mode} width={box.opsWidth} height={height} expanded={state.view.expanded} eager={state.eager} />
      {box.chartWidth > 0 ? <ChartPanel series={state.series} width={box.chartWidth} height={height} /> : null}
    </Box>
  );
}
