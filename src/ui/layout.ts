// How the live area (everything below <Static>) shares the terminal. It must stay shorter than the terminal:
// at full height Ink clears the whole screen on every render and the scrollback goes with it
// (vadimdemedes/ink#382, #935). The prompt and the status line come first, the panels get what is left.

export interface LayoutWants {
  rows: number;
  columns: number;
  /** Rows the line being edited takes (a long line wraps). */
  inputRows: number;
  /** Earlier lines of an unfinished input. */
  bufferLines: number;
  hint: boolean;
  /** An input is running: its first line, and this many lines of its output so far. */
  running: { outputLines: number } | null;
  /** Rows the ops panel's list would like (its frame and title come on top). */
  opRows: number;
  hasSeries: boolean;
  /** The graph view is open: it takes the whole panel row, as tall as there is room for (up to MAX_GRAPH). */
  graph?: boolean;
}

export interface Layout {
  hintShown: boolean;
  /** The running input's first line. */
  runningEcho: boolean;
  bufferShown: number;
  /** A "… k lines above" row before the buffer lines shown. */
  bufferElided: boolean;
  runningShown: number;
  /** 0: the panels are hidden (no room). Frame included. */
  panelHeight: number;
  opsWidth: number;
  /** 0 when there is no series to draw. */
  chartWidth: number;
}

export const MAX_PANEL = 14;
export const MAX_GRAPH = 40;
/** A frame, a title and two rows: less than this is not worth showing. */
export const MIN_PANEL = 5;
export const MAX_BUFFER = 8;
export const RUNNING_TAIL = 3;
/** Frame (2) and title (1) around a panel's rows. */
export const PANEL_CHROME = 3;

export function layout(w: LayoutWants): Layout {
  // One row spare: Ink's live area must stay below the terminal's height.
  let free = w.rows - 1 - 1 - w.inputRows;
  const take = (n: number): number => {
    const got = Math.max(0, Math.min(n, free));
    free -= got;
    return got;
  };
  const hintShown = w.hint && take(1) === 1;
  const runningEcho = w.running ? take(1) : 0;
  const buffer = take(Math.min(w.bufferLines, MAX_BUFFER));
  const bufferElided = buffer < w.bufferLines && buffer > 0;
  const runningShown = runningEcho > 0 ? take(Math.min(w.running!.outputLines, RUNNING_TAIL)) : 0;
  const wanted = w.graph ? MAX_GRAPH : w.hasSeries ? MAX_PANEL : Math.min(MAX_PANEL, Math.max(1, w.opRows) + PANEL_CHROME);
  const panelHeight = free >= MIN_PANEL ? take(wanted) : 0;
  const chartWidth = w.hasSeries && !w.graph && panelHeight > 0 ? Math.floor(w.columns / 2) : 0;
  return {
    hintShown,
    runningEcho: runningEcho === 1,
    // The elision row replaces the oldest line shown.
    bufferShown: bufferElided ? buffer - 1 : buffer,
    bufferElided,
    runningShown,
    panelHeight,
    opsWidth: w.columns - chartWidth,
    chartWidth,
  };
}
