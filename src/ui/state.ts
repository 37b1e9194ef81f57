// The Ink UI's state, and the one pure reducer that builds it from kernel events and the UI's own actions.
// Rendering only reads it (STYLE.md: state apart from rendering), so every rule here is tested without Ink.
import type { EagerOpInfo, ExecuteStatus, KernelEvent, Mode } from '../kernel/events.js';
import { addOps, NO_OPS, removeOps, syncCount, type GraphOps } from './graph-ops.js';
import { followNewest, scrollGraph, windowShown, type GraphScroll, type GraphWindow } from './graph-scroll.js';
import { addLines, newItem, type HistoryItem } from './history-item.js';
import { appendPoints, type Point, type Series } from '../kernel/series.js';
import { DEFAULT_VIEW, uiCommand, type View } from './ui-commands.js';

export type { HistoryItem, OutputLine } from './history-item.js';

export interface LastRun {
  ops: string[];
  values: Record<string, string>;
  ms: number;
  /** Tensors and ops the run fetched, by name. */
  fetched: string[];
  /** How many ops the graph had when it ran: those after are newer than the run (the graph view's dead ops). */
  opCount: number;
}

export interface Status {
  mode: Mode;
  /** Ops in the default graph, as the kernel last reported. */
  opCount: number;
  lastRunMs: number | null;
  /** An input (or a restart's re-run) is on its way. */
  busy: boolean;
  /** False once the kernel process died, until a restart. */
  alive: boolean;
  /** How it died: `signal SIGSEGV`, `exit code 3`. */
  death: string | null;
  /** A restart is running the session's inputs again: their items are marked as replays. */
  replaying: boolean;
  /** The default graph's variables and how many the latest session has initialized; null before any report. */
  variables: { total: number; initialized: number } | null;
}

/** The default graph's ops (`ops`, in creation order) and how many of the last came with the latest input. */
export interface UiState extends GraphOps {
  /** Finished items, oldest first: rendered once by <Static>, never changed after. */
  history: HistoryItem[];
  /** The input running now, its output streaming in. */
  current: HistoryItem | null;
  /** Scalar series by name, in the order first logged (the legend's order). */
  series: Record<string, Series>;
  lastRun: LastRun | null;
  /** Forward tensor → its gradient tensor, from the latest tf.gradients (the graph view's lower labels). */
  gradients: Record<string, string>;
  /** Eager mode's ops panel: the latest ops that ran (oldest first), and how many the latest input ran. */
  eager: EagerOps;
  status: Status;
  /** What is on the screen: panels open, scopes expanded, theme. */
  view: View;
  nextKey: number;
}

export interface EagerOps {
  rows: Array<EagerOpInfo & { input: number }>;
  /** The input that ran the newest rows, and how many ops it ran in all. */
  latest: number;
  total: number;
}

/** The eager rows kept: more than the tallest panel shows. */
export const EAGER_KEPT = 64;
const NO_EAGER: EagerOps = { rows: [], latest: 0, total: 0 };

export type UiAction =
  | { type: 'events'; events: KernelEvent[] }
  | { type: 'execute-started' }
  | { type: 'execute-finished'; status: ExecuteStatus }
  | { type: 'restart-started' }
  | { type: 'restart-finished'; mode: Mode }
  | { type: 'note'; text: string }
  /** Text in the history as written, its styles kept (a lesson's prose and words); `input` echoes what the user sent. */
  | { type: 'text'; text: string; input?: string }
  /** A command the UI answers itself (ui-commands.ts): shown as an input with its answer. */
  | { type: 'ui-command'; code: string }
  /** A key that changes the view (Esc: the graph view closed). */
  | { type: 'view'; view: Partial<View> }
  /** Ctrl-G: the graph view opens, or closes if open (decided here, on the state as it is, not as last rendered). */
  | { type: 'toggle-graph' }
  /** A key scrolls the graph view; the panel says what window it drew (graph-scroll.ts). */
  | GraphScroll
  | { type: 'graph-window'; window: GraphWindow };

export function initialState(mode: Mode, banner?: string, view: Partial<View> = {}): UiState {
  const state: UiState = {
    ...NO_OPS, history: [], current: null, series: {}, lastRun: null, gradients: {}, eager: NO_EAGER, nextKey: 0, view: { ...DEFAULT_VIEW, ...view },
    status: { mode, opCount: 0, lastRunMs: null, busy: false, alive: true, death: null, replaying: false, variables: null },
  };
  return banner === undefined ? state : reduce(state, { type: 'note', text: banner });
}

export function reduce(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'events':
      return applyEvents(state, action.events);
    case 'execute-started':
      return { ...state, status: { ...state.status, busy: true } };
    case 'execute-finished':
      return { ...finishCurrent(state), status: { ...state.status, busy: false } };
    case 'restart-started':
      // The new kernel starts from an empty graph; the re-run inputs rebuild ops and series.
      return {
        ...finishCurrent(state), ...NO_OPS, series: {}, lastRun: null, gradients: {}, eager: NO_EAGER,
        status: { ...state.status, opCount: 0, lastRunMs: null, busy: true, alive: true, death: null, replaying: true, variables: null },
      };
    case 'restart-finished':
      return { ...finishCurrent(state), status: { ...state.status, mode: action.mode, busy: false, replaying: false } };
    case 'note':
      return standalone(state, 'note', action.text);
    case 'text':
      return shownText(state, action.text, action.input);
    case 'ui-command':
      return answerUiCommand(state, action.code);
    case 'view':
      return { ...state, view: { ...state.view, ...action.view } };
    case 'toggle-graph':
      return { ...state, view: { ...state.view, graph: state.view.graph === null ? { all: false } : null } };
    case 'graph-scroll':
      return { ...state, view: { ...state.view, graph: scrollGraph(state.view.graph, action) } };
    case 'graph-window': {
      const graph = windowShown(state.view.graph, action.window);
      return graph === state.view.graph ? state : { ...state, view: { ...state.view, graph } };
    }
  }
}

function answerUiCommand(state: UiState, code: string): UiState {
  const summaryOps = state.status.mode === 'eager' ? [] : state.ops.filter((op) => op.type === 'ScalarSummary').map((op) => op.name);
  const result = uiCommand(code, state.view, { logged: Object.keys(state.series).length > 0, summaryOps });
  if (result === null) return state;
  let item = newItem(state.nextKey, { code, mode: state.status.mode }, false);
  if ('error' in result) item = addLines(item, 'error', `Error: ${result.error}`);
  else if (result.note !== '') item = addLines(item, 'note', result.note);
  const s = { ...finishCurrent(state), nextKey: state.nextKey + 1 };
  const history = [...s.history, item];
  if ('error' in result) return { ...s, history };
  return { ...s, history, view: result.view, series: result.clearSeries ? {} : s.series };
}

/** A batch of events (the UI collects them between frames); scalars are appended once per series. */
function applyEvents(state: UiState, events: readonly KernelEvent[]): UiState {
  const points = new Map<string, Point[]>();
  let s = state;
  for (const e of events) {
    if (e.type !== 'scalar-logged') s = applyEvent(s, e);
    else if (points.has(e.name)) points.get(e.name)!.push({ step: e.step, value: e.value });
    else points.set(e.name, [{ step: e.step, value: e.value }]);
  }
  if (points.size === 0) return s;
  const series = { ...s.series };
  for (const [name, p] of points) series[name] = appendPoints(series[name], p);
  return { ...s, series };
}

function applyEvent(state: UiState, e: Exclude<KernelEvent, { type: 'scalar-logged' }>): UiState {
  switch (e.type) {
    case 'input-started': {
      const s = finishCurrent(state);
      const current = newItem(s.nextKey, { code: e.code, mode: s.status.mode }, s.status.replaying);
      // The highlight shows what the latest input added: nothing yet; the graph view follows it.
      const view = { ...s.view, graph: followNewest(s.view.graph) };
      return { ...s, current, nextKey: s.nextKey + 1, newest: 0, newestInput: e.id, view };
    }
    case 'graph-replaced':
      return { ...state, ...NO_OPS, lastRun: null, gradients: {}, status: { ...state.status, opCount: 0, lastRunMs: null } };
    case 'ops-added':
      return { ...state, ...addOps(state, e.id, e.ops) };
    case 'ops-removed':
      return { ...state, ...removeOps(state, e.names) };
    case 'output':
      return lines(state, 'output', e.text);
    case 'error':
      return lines(state, 'error', `${e.name}: ${e.message}`);
    case 'warning':
      return lines(state, 'note', `WARNING: ${e.message}`);
    case 'run-finished':
      return { ...state, lastRun: { ops: e.ops, values: e.values, ms: e.ms, fetched: e.fetched, opCount: state.ops.length }, status: { ...state.status, lastRunMs: e.ms } };
    case 'gradients-added':
      return { ...state, gradients: e.pairs };
    case 'eager-ops': {
      const rows = [...state.eager.rows, ...e.ops.map((op) => ({ ...op, input: e.id }))].slice(-EAGER_KEPT);
      return { ...state, eager: { rows, latest: e.id, total: e.total } };
    }
    case 'idle': {
      const s = finishCurrent(state);
      return { ...s, ...syncCount(s, e.opCount), status: { ...s.status, mode: e.mode, opCount: e.opCount, variables: e.variables ?? null } };
    }
    case 'kernel-died': {
      const death = e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
      const s = lines(state, 'error', `the kernel died (${death}); Ctrl-R restarts it and re-runs this session's inputs`);
      return { ...finishCurrent(s), status: { ...s.status, alive: false, death, busy: false, replaying: false } };
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** Text for the running input, or, between inputs (a timer's output), an item of its own. */
function lines(state: UiState, kind: 'output' | 'error' | 'note', text: string): UiState {
  if (state.current === null) return standalone(state, kind, text);
  return { ...state, current: addLines(state.current, kind, text) };
}

function standalone(state: UiState, kind: 'output' | 'error' | 'note', text: string): UiState {
  const item = addLines(newItem(state.nextKey, null, false), kind, text);
  return { ...state, history: [...state.history, item], nextKey: state.nextKey + 1 };
}

function shownText(state: UiState, text: string, input?: string): UiState {
  const s = finishCurrent(state);
  let item = newItem(s.nextKey, input === undefined ? null : { code: input, mode: s.status.mode }, false);
  if (text !== '') item = addLines(item, 'output', text);
  return { ...s, history: [...s.history, item], nextKey: s.nextKey + 1 };
}

function finishCurrent(state: UiState): UiState {
  if (state.current === null) return state;
  return { ...state, history: [...state.history, state.current], current: null };
}
