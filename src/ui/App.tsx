// The Ink front end: the finished history above (<Static>), and a live area kept shorter than the terminal:
// the input running, the ops and chart panels (or the graph view), the prompt, the status line. In presenter
// mode (Stage) the whole screen is live instead: the code on the left, the panels beside it. It renders the
// kernel's events (use-kernel.ts → state.ts) and sends it the user's inputs; it never touches the engine itself.
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { Box } from 'ink';
import { ChartPanel } from './ChartPanel.js';
import { GraphPanel } from './GraphPanel.js';
import { graphViewKey, type GraphWindow } from './graph-scroll.js';
import type { Completer } from './completion.js';
import { HistoryView } from './HistoryView.js';
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
import type { LessonDriver } from './lesson-types.js';
import { useLesson } from './use-lesson.js';
import { useQuietKernel, useReplay, type Scripted } from './use-replay.js';
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
  /** `tensorshell lesson N`: the lesson offers each step on the prompt and judges what the learner sends (use-lesson.ts). */
  lesson?: LessonDriver;
}

/** Below this width presenter mode shows the code alone: a zoomed-in terminal keeps the code readable. */
export const STAGE_MIN_COLUMNS = 70;
/** Presenter mode's code column, as a share of the width (the panels take the rest). */
const STAGE_CODE_SHARE = 0.55;

/** Presenter mode: whether the panels stand beside the code, and the code column's width. */
function stageLayout(columns: number, graphOpen: boolean): { side: boolean; codeWidth: number } {
  const side = columns >= STAGE_MIN_COLUMNS && !graphOpen;
  return { side, codeWidth: side ? Math.floor(columns * STAGE_CODE_SHARE) : columns };
}

export function App({ kernel, completer, history: saved, onRemember, banner, devices, view, replay, lesson }: AppProps) {
  const replayKernel = useQuietKernel(kernel, replay !== undefined || lesson !== undefined);
  const [state, kernelActions] = useKernel(replayKernel ?? kernel, banner, view);
  const { status } = state;
  const size = useTerminalSize();
  // A lesson's prose is wrapped to the width the history is shown at: presenter mode's code column.
  const textWidth = state.view.present ? stageLayout(size.columns, state.view.graph !== null).codeWidth : size.columns;
  const lessoned = useLesson(lesson, replayKernel, kernelActions, textWidth);
  const { actions } = lessoned;
  // The replay sees each key before the editor; it is made after the editor, which it tells what it ran.
  const scriptRef = useRef<Scripted | null>(null);
  const editor = useInputEditor({
    actions, busy: status.busy, alive: status.alive, saved, completer, onRemember,
    complete: kernel.complete ? (line) => kernel.complete!(line) : undefined,
    onKey: (input, key) => scriptRef.current?.onKey(input, key) ?? false,
    viewKey: (key, promptEmpty) => graphViewKey(state.view.graph, key, promptEmpty),
    emptyEnter: lesson !== undefined,
  });
  lessoned.offerRef.current = editor.offer;
  const scripted = useReplay(replay, replayKernel, kernelActions, state.status, editor.remember);
  scriptRef.current = scripted;
  const theme = useMemo(() => makeTheme(state.view.theme, state.view.present), [state.view.theme, state.view.present]);
  const onGraphWindow = useCallback((window: GraphWindow) => actions.local({ type: 'graph-window', window }), [actions]);
  const shown = scripted?.shown(editor) ?? (lessoned.hint !== null && editor.hint === null ? { ...editor, hint: lessoned.hint } : editor);
  const screen = { state, editor: shown, devices: devices ?? [], onGraphWindow, ...size };
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
  /** Bumped after the terminal shrank and was cleared: the history is written again (use-terminal-size.ts). */
  epoch: number;
  onGraphWindow: (window: GraphWindow) => void;
}

function wants(p: ScreenProps, columns: number, running: boolean) {
  const { state, editor } = p;
  const { status } = state;
  return {
    rows: p.rows, columns,
    hasSeries: state.view.chart && Object.keys(state.series).length > 0,
    graph: state.view.graph !== null,
    inputRows: promptRows(p, columns),
    bufferLines: editor.lines.length - 1,
    hint: editor.hint !== null,
    running: running && state.current ? { outputLines: state.current.lines.length } : null,
    // In eager mode the panel lists the ops that ran (and a row counting those that did not fit).
    opRows: status.mode === 'eager' && state.eager.rows.length > 0 ? state.eager.rows.length + 1
      : opRows(state.ops, state.newest, Infinity, state.view.expanded).length,
  };
}

/** The cursor's line with its prompt (`eager> ` or `... `) and the cursor, wrapped beside the prompt. */
function promptRows({ state, editor }: ScreenProps, columns: number): number {
  const prompt = editor.row === 0 ? `${state.status.mode}> ` : '... ';
  // The line wraps beside the prompt (InputLine.tsx), in the columns the prompt leaves.
  return Math.max(1, Math.ceil((editor.lines[editor.row].replace(/\t/g, '  ').length + 1) / Math.max(1, columns - prompt.length)));
}

/** The usual screen: history in the scrollback, the live area below it. */
function Classic(p: ScreenProps) {
  const { state, editor, columns } = p;
  const box = layout(wants(p, columns, true));
  return (
    <>
      <HistoryView key={p.epoch} items={state.history} />
      <Box flexDirection="column" width={columns}>
        {state.current && box.runningEcho ? <ItemView item={state.current} tail={box.runningShown} /> : null}
        {box.panelHeight > 0 ? <Panels state={state} width={columns} height={box.panelHeight} box={box} onGraphWindow={p.onGraphWindow} /> : null}
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
  const { side, codeWidth } = stageLayout(columns, state.view.graph !== null);
  // Only the prompt's share of the layout is used here: the running input shows in the session's tail.
  const box = layout({ ...wants(p, codeWidth, false), rows: Math.max(rows, 10) });
  const promptHeight = promptRows(p, codeWidth) + box.bufferShown + (box.bufferElided ? 1 : 0) + (box.hintShown ? 1 : 0) + 1;
  const above = Math.max(0, height - promptHeight);
  const items = state.current ? [...state.history, state.current] : state.history;
  const code = (
    <Box flexDirection="column" width={codeWidth} height={height}>
      {state.view.graph !== null && above >= 5
        ? <Panels state={state} width={columns} height={above} box={{ ...box, chartWidth: 0, opsWidth: columns }} onGraphWindow={p.onGraphWindow} />
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
function Panels({ state, width, height, box, onGraphWindow }: { state: UiState; width: number; height: number; box: Layout; onGraphWindow: (w: GraphWindow) => void }): ReactNode {
  if (state.view.graph !== null) {
    return (
      <GraphPanel ops={state.ops} lastRun={state.lastRun} gradients={state.gradients} width={width} height={height} graph={state.view.graph}
        expanded={state.view.expanded} newest={state.newest} onWindow={onGraphWindow} />
    );
  }
  return (
    <Box flexDirection="row" height={height}>
      <OpsPanel ops={state.ops} newest={state.newest} mode={state.status.mode} width={box.opsWidth} height={height} expanded={state.view.expanded} eager={state.eager} />
      {box.chartWidth > 0 ? <ChartPanel series={state.series} width={box.chartWidth} height={height} /> : null}
    </Box>
  );
}
