// The commands the Ink UI answers itself, because they change what is on the screen rather than the session:
// `:chart` and `:graph` toggle panels (in the plain front end the kernel prints them as text instead),
// `:expand`/`:collapse` open folded name scopes in the ops panel, `:present` and `:theme` restyle the screen.
// Everything else goes to the kernel.
import { parseGraphArgs } from '../graphview/index.js';
import { nothingLogged } from '../kernel/chart.js';
import type { GraphScroll, GraphWindow } from './graph-scroll.js';
import { THEME_NAMES, type ThemeName } from './theme.js';

export interface View {
  /** The chart panel, shown while there are series (`:chart` hides it). */
  chart: boolean;
  /**
   * The graph view in place of the ops and chart panels; null: closed. `scope`: one name scope (`:graph scope
   * NAME`); `column` (`:graph 101`) and `scroll` (keys, graph-scroll.ts) place the window, which otherwise
   * follows the newest ops; `window` is the one last drawn.
   */
  graph: { all: boolean; column?: number; scope?: string; scroll?: { x: number; y: number }; window?: GraphWindow; pending?: GraphScroll[] } | null;
  /** Name scopes the ops panel shows op by op even when big (`:expand gradients`); '*' for all. */
  expanded: string[];
  theme: ThemeName;
  present: boolean;
}

export const DEFAULT_VIEW: View = { chart: true, graph: null, expanded: [], theme: 'dark', present: false };

/** What a UI command does: a new view (and a line saying so), or an error for bad arguments. */
export type UiCommandResult =
  | { view: View; note: string; clearSeries?: boolean }
  | { error: string };

export const UI_COMMAND_HELP = [
  'In this terminal UI:',
  '  :chart [clear]        show or hide the chart panel (clear forgets the series)',
  '  :graph [all] [column] open or close the graph view (Ctrl-G too; all: every op; a column scrolls a wide one)',
  '  :graph scope NAME     draw one name scope (random_uniform, gradients) op by op; big scopes are folded',
  '  :expand [scope]       list a folded name scope op by op (no scope: all of them); :collapse folds again',
  '  :present              presenter mode on or off: no frames, strong colours, panels beside the code',
  '  :theme dark|light     colours for a dark or a light terminal',
  'Keys: Enter runs the input (it continues on a new line while incomplete); Alt-Enter breaks the line without',
  '  running it; a paste waits on the prompt for Enter; Up/Down move between lines, then through history;',
  '  Home/End Ctrl-A/E, Alt-B/F Ctrl-Left/Right by words, Ctrl-W/U/K and Alt-D delete; Tab completes;',
  '  Ctrl-C clears the input or interrupts a run (dropping an Enter typed behind it); Ctrl-G the graph view,',
  '  which PgUp/PgDn and the mouse wheel scroll, and the arrows too while the prompt is empty.',
].join('\n');

const UI_COMMAND = /^\s*:(chart|graph|expand|collapse|present|theme)(?:\s+(.*?))?\s*$/;

/** What `:chart` needs to know of the session: whether any point was logged, and the graph's summary ops. */
export interface ChartStatus {
  logged: boolean;
  summaryOps: readonly string[];
}

/** Whether the UI answers `code` itself. */
export function isUiCommand(code: string): boolean {
  return UI_COMMAND.test(code);
}

/** The UI's answer to `code`, or null when the kernel should run it. */
export function uiCommand(code: string, view: View, chart: ChartStatus): UiCommandResult | null {
  const m = UI_COMMAND.exec(code);
  if (!m) return null;
  const [, name, arg = ''] = m;
  switch (name) {
    case 'chart':
      if (arg === 'clear') return { view: { ...view, chart: true }, note: 'chart cleared', clearSeries: true };
      if (arg !== '') return { error: `:chart takes no argument but 'clear', not '${arg}'` };
      // Nothing to hide: say why, and show the panel once a point comes.
      if (!chart.logged) return { view: { ...view, chart: true }, note: nothingLogged(chart.summaryOps) };
      return { view: { ...view, chart: !view.chart }, note: view.chart ? 'chart hidden (:chart shows it again)' : 'chart shown' };
    case 'graph': {
      let parsed: ReturnType<typeof parseGraphArgs>;
      try {
        parsed = parseGraphArgs(arg);
      } catch (e) {
        return { error: (e as Error).message };
      }
      const { all, column, scope } = parsed;
      const scrolled = /(^|\s)\d+$/.test(arg);
      // `:graph all` while the forward view is open switches to all ops rather than closing; a column scrolls.
      const same = view.graph !== null && view.graph.all === all && view.graph.scope === undefined;
      if (!scrolled && scope === undefined && same) return { view: { ...view, graph: null }, note: 'graph view closed' };
      const graph = { all, ...(scrolled ? { column } : {}), ...(scope !== undefined ? { scope } : {}) };
      const what = scope !== undefined ? ` of name scope ${scope}` : all ? ' (every op)' : '';
      return { view: { ...view, graph }, note: scrolled ? `graph view${what} from column ${column}` : `graph view${what}: :graph or Ctrl-G closes it` };
    }
    case 'expand': {
      const scope = arg === '' ? '*' : arg.replace(/\/(…|\.\.\.)?$/, '');
      if (view.expanded.includes(scope)) return { view, note: `${scope === '*' ? 'every scope' : scope} is already expanded` };
      return { view: { ...view, expanded: [...view.expanded, scope] }, note: `${scope === '*' ? 'every scope' : `${scope}/`} listed op by op (:collapse folds it again)` };
    }
    case 'collapse': {
      const scope = arg === '' ? null : arg.replace(/\/(…|\.\.\.)?$/, '');
      const expanded = scope === null ? [] : view.expanded.filter((s) => s !== scope && s !== '*');
      return { view: { ...view, expanded }, note: scope === null ? 'big scopes folded' : `${scope}/ folded` };
    }
    case 'present':
      if (arg !== '' && arg !== 'on' && arg !== 'off') return { error: `:present takes on or off, not '${arg}'` };
    {
      const present = arg === '' ? !view.present : arg === 'on';
      return { view: { ...view, present }, note: present ? 'presenter mode: no frames, strong colours, the panels beside the code' : 'presenter mode off' };
    }
    case 'theme':
      if (!(THEME_NAMES as readonly string[]).includes(arg)) return { error: `:theme takes ${THEME_NAMES.join(' or ')}, not '${arg}'` };
      return { view: { ...view, theme: arg as ThemeName }, note: `${arg} theme` };
  }
  return null;
}
