// The UI's reducer, event by event: what the history, the ops panel, the chart and the status line get.
import { describe, expect, it } from 'vitest';
import type { KernelEvent, OpInfo } from '../src/kernel/events.js';
import { HEAD_LINES, TAIL_LINES } from '../src/ui/history-item.js';
import { nothingLogged } from '../src/kernel/chart.js';
import { MAX_POINTS } from '../src/kernel/series.js';
import { initialState, reduce, type UiAction, type UiState } from '../src/ui/state.js';

const op = (name: string, type = 'Const', inputs: string[] = []): OpInfo => ({ name, type, inputs, device: '' });
const VARIABLE_OPS = [
  op('Variable/initial_value'), op('Variable', 'VariableV2'),
  op('Variable/Assign', 'Assign', ['Variable', 'Variable/initial_value']), op('Variable/read', 'Identity', ['Variable']),
];

function run(state: UiState, ...items: Array<KernelEvent | UiAction>): UiState {
  // Kernel events arrive in batches, as the UI applies them (one per event here, to test each on its own).
  return items.reduce((s, x) => reduce(s, isAction(x) ? x : { type: 'events', events: [x] }), state);
}

function isAction(x: KernelEvent | UiAction): x is UiAction {
  return ['events', 'execute-started', 'execute-finished', 'restart-started', 'restart-finished', 'note'].includes(x.type);
}

/** The events of one lazy input that adds `ops` and prints `text`. */
function input(id: number, code: string, ops: OpInfo[], text?: string, opCount = 0): KernelEvent[] {
  return [
    { type: 'input-started', id, code },
    ...(ops.length ? [{ type: 'ops-added' as const, id, ops }] : []),
    ...(text !== undefined ? [{ type: 'output' as const, id, text }] : []),
    { type: 'idle', id, mode: 'lazy', opCount },
  ];
}

describe('the UI state', () => {
  it('starts with the banner as a note and the kernel idle', () => {
    const s = initialState('lazy', 'hello');
    expect(s.history).toEqual([{ key: 0, input: null, lines: [{ kind: 'note', text: 'hello' }], dropped: 0, replay: false }]);
    expect(s.status).toMatchObject({ mode: 'lazy', opCount: 0, busy: false, alive: true });
  });

  it('eager-ops keep the latest 64 ops across inputs, with the input that ran them and its total', () => {
    const ran = (id: number, total: number, n: number): KernelEvent => ({ type: 'eager-ops', id, total, ops: Array.from({ length: n }, (_, i) => ({ type: `Op${id}`, value: String(i) })) });
    let s = run(initialState('eager'), ran(1, 3, 3));
    expect(s.eager).toEqual({ latest: 1, total: 3, rows: [0, 1, 2].map((i) => ({ type: 'Op1', value: String(i), input: 1 })) });
    s = run(s, ran(2, 64, 40), ran(2, 100, 30));
    expect(s.eager.rows).toHaveLength(64);
    expect(s.eager).toMatchObject({ latest: 2, total: 100 });
    expect(s.eager.rows.filter((r) => r.input === 1)).toHaveLength(0);
    expect(s.eager.rows.at(-1)).toEqual({ type: 'Op2', value: '29', input: 2 });
    // The idle event's variable count goes to the status line.
    s = run(s, { type: 'idle', id: 2, mode: 'lazy', opCount: 4, variables: { total: 1, initialized: 0 } });
    expect(s.status.variables).toEqual({ total: 1, initialized: 0 });
  });

  it('graph-replaced forgets the old graph: its ops, its last run, its gradients', () => {
    let s = run(initialState('lazy'), ...input(1, 'x', [op('x'), op('y')], undefined, 2),
      { type: 'run-finished', ops: ['x'], ms: 1, values: { 'x:0': '1.0' }, fetched: ['x:0'] },
      { type: 'gradients-added', id: 1, pairs: { 'x:0': 'gradients/Fill:0' } });
    expect(s.lastRun).not.toBeNull();
    s = run(s, { type: 'input-started', id: 2, code: ':reset yes' }, { type: 'graph-replaced', id: 2 }, { type: 'idle', id: 2, mode: 'lazy', opCount: 0 });
    expect(s).toMatchObject({ ops: [], lastRun: null, gradients: {}, status: { opCount: 0, lastRunMs: null } });
  });

  it('an input becomes a history item with its output, and its ops join the list, newest marked', () => {
    let s = run(initialState('lazy'), ...input(1, 'const x = tf.constant(1.0)', [op('Const')], undefined, 1));
    expect(s.history.map((i) => i.input)).toEqual([{ code: 'const x = tf.constant(1.0)', mode: 'lazy' }]);
    expect(s.ops.map((o) => o.name)).toEqual(['Const']);
    s = run(s, ...input(2, 'const w = tf.Variable(0.8)', VARIABLE_OPS, undefined, 5));
    expect(s.ops.map((o) => o.name)).toEqual(['Const', 'Variable/initial_value', 'Variable', 'Variable/Assign', 'Variable/read']);
    expect(s.newest).toBe(4);
    s = run(s, ...input(3, 'x', [], 'Tensor("Const:0", shape=(), dtype=float32)', 5));
    expect(s.newest).toBe(0);
    expect(s.history[2].lines).toEqual([{ kind: 'output', text: 'Tensor("Const:0", shape=(), dtype=float32)' }]);
    expect(s.status.opCount).toBe(5);
  });

  it('while an input runs it is `current`, and leaves for the history when the kernel is idle', () => {
    let s = run(initialState('lazy'), { type: 'execute-started' }, { type: 'input-started', id: 1, code: 'loop()' }, { type: 'output', id: 1, text: 'a\nb' });
    expect(s.status.busy).toBe(true);
    expect(s.current?.lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(s.history).toEqual([]);
    s = run(s, { type: 'error', id: 1, name: 'KeyboardInterrupt', message: 'stopped' }, { type: 'idle', id: 1, mode: 'lazy', opCount: 0 });
    expect(s.current).toBeNull();
    expect(s.history[0].lines.at(-1)).toEqual({ kind: 'error', text: 'KeyboardInterrupt: stopped' });
    expect(run(s, { type: 'execute-finished', status: 'error' }).status.busy).toBe(false);
  });

  it('ops reported in several batches by one input are all newest; ops-removed takes them out again', () => {
    let s = run(initialState('lazy'), ...input(1, 'a', [op('a')], undefined, 1));
    s = run(s, { type: 'input-started', id: 2, code: 'b' }, { type: 'ops-added', id: 2, ops: [op('b')] }, { type: 'ops-added', id: 2, ops: [op('c')] });
    expect(s.newest).toBe(2);
    s = run(s, { type: 'ops-removed', id: 2, names: ['b', 'c'] }, { type: 'idle', id: 2, mode: 'lazy', opCount: 1 });
    expect(s.ops.map((o) => o.name)).toEqual(['a']);
    expect(s.newest).toBe(0);
  });

  it(':reset and tf.resetDefaultGraph() (a smaller graph at idle) drop the old ops', () => {
    let s = run(initialState('lazy'), ...input(1, 'x', [op('a'), op('b')], undefined, 2));
    s = run(s, ...input(2, ':reset yes', [], 'dropped 2 ops', 0));
    expect(s.ops).toEqual([]);
    s = run(s, ...input(3, 'x', [op('a'), op('b')], undefined, 2));
    // A new graph inside the input: the kernel reports all of its ops.
    s = run(s, ...input(4, 'tf.resetDefaultGraph(); tf.constant(1)', [op('Const')], undefined, 1));
    expect(s.ops.map((o) => o.name)).toEqual(['Const']);
    expect(s.newest).toBe(1);
  });

  it('scalars build one series per name, in the order first logged; a batch appends once', () => {
    const events: KernelEvent[] = [];
    for (let step = 0; step < 3; step++) {
      events.push({ type: 'scalar-logged', name: 'loss', step, value: 1 / (step + 1) });
      events.push({ type: 'scalar-logged', name: 'acc', step, value: step / 2 });
    }
    const s = reduce(initialState('lazy'), { type: 'events', events });
    expect(Object.keys(s.series)).toEqual(['loss', 'acc']);
    expect(s.series.loss.points.map((p) => p.value)).toEqual([1, 0.5, 1 / 3]);
    expect(s.series.acc.points.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(s.series.acc.latest).toEqual({ step: 2, value: 1 });
  });

  it('a long series is thinned, keeping its latest point', () => {
    const events: KernelEvent[] = Array.from({ length: MAX_POINTS + 10 }, (_, step) => ({ type: 'scalar-logged', name: 'loss', step, value: step }));
    const s = reduce(initialState('lazy'), { type: 'events', events });
    expect(s.series.loss.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(s.series.loss.latest.step).toBe(MAX_POINTS + 9);
  });

  it('run-finished is the last run, and its time goes to the status', () => {
    const s = run(initialState('lazy'), { type: 'run-finished', ops: ['Const'], ms: 0.25, values: { 'Const:0': '1.0' } });
    expect(s.lastRun).toEqual({ ops: ['Const'], ms: 0.25, values: { 'Const:0': '1.0' }, opCount: 0 });
    expect(s.status.lastRunMs).toBe(0.25);
  });

  it('the mode follows the kernel; a new input is shown in the mode it ran in', () => {
    const s = run(initialState('lazy'), { type: 'input-started', id: 1, code: ':mode eager' }, { type: 'idle', id: 1, mode: 'eager', opCount: 0 },
      { type: 'input-started', id: 2, code: '1' }, { type: 'idle', id: 2, mode: 'eager', opCount: 0 });
    expect(s.history.map((i) => i.input?.mode)).toEqual(['lazy', 'eager']);
    expect(s.status.mode).toBe('eager');
  });

  it('output between inputs (a timer) is an item of its own', () => {
    const s = run(initialState('lazy'), { type: 'output', id: 1, text: 'tick' });
    expect(s.history).toEqual([{ key: 0, input: null, lines: [{ kind: 'output', text: 'tick' }], dropped: 0, replay: false }]);
  });

  it('very long output keeps its beginning and end and counts the rest', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const s = run(initialState('lazy'), ...input(1, 'spam()', [], text));
    const item = s.history[0];
    expect(item.lines.length).toBe(HEAD_LINES + TAIL_LINES);
    expect(item.dropped).toBe(500 - HEAD_LINES - TAIL_LINES);
    expect(item.lines[0].text).toBe('line 0');
    expect(item.lines.at(-1)!.text).toBe('line 499');
  });

  it('a dead kernel ends the running input with a note; a restart clears the graph and marks re-run inputs', () => {
    let s = run(initialState('lazy'), ...input(1, 'x', [op('a')], undefined, 1), { type: 'scalar-logged', name: 'loss', step: 0, value: 1 },
      { type: 'execute-started' }, { type: 'input-started', id: 2, code: 'crash()' }, { type: 'kernel-died', code: null, signal: 'SIGSEGV' });
    expect(s.status).toMatchObject({ alive: false, death: 'signal SIGSEGV', busy: false });
    expect(s.current).toBeNull();
    expect(s.history.at(-1)!.lines[0].text).toMatch(/^the kernel died \(signal SIGSEGV\); Ctrl-R restarts it/);
    s = run(s, { type: 'restart-started' });
    expect(s.status).toMatchObject({ alive: true, death: null, busy: true, replaying: true, opCount: 0 });
    expect([s.ops, s.series, s.lastRun]).toEqual([[], {}, null]);
    s = run(s, ...input(1, 'x', [op('a')], undefined, 1), { type: 'restart-finished', mode: 'lazy' });
    expect(s.history.at(-1)).toMatchObject({ input: { code: 'x' }, replay: true });
    expect(s.status).toMatchObject({ busy: false, replaying: false });
    expect(s.ops.map((o) => o.name)).toEqual(['a']);
  });
});

describe(':chart in the UI', () => {
  it('with nothing logged says so, naming a summary op no run fetched, instead of "chart hidden"; then hides and shows', () => {
    let s = run(initialState('lazy'), ...input(1, "const summary = tf.summary.scalar('loss', x)", [op('x'), op('loss', 'ScalarSummary', ['x'])], undefined, 2));
    s = reduce(s, { type: 'ui-command', code: ':chart' });
    expect(s.history.at(-1)!.lines).toEqual([{ kind: 'note', text: nothingLogged(['loss']) }]);
    expect(s.view.chart).toBe(true);
    s = run(s, { type: 'scalar-logged', name: 'loss', step: 0, value: 1 });
    s = reduce(s, { type: 'ui-command', code: ':chart' });
    expect(s.history.at(-1)!.lines).toEqual([{ kind: 'note', text: 'chart hidden (:chart shows it again)' }]);
    expect(s.view.chart).toBe(false);
    s = reduce(s, { type: 'ui-command', code: ':chart' });
    expect(s.view.chart).toBe(true);
  });
});

describe('view keys', () => {
  it('Ctrl-G opens the graph view on the state as it is, so two in a row close it again', () => {
    let s = reduce(initialState('lazy'), { type: 'toggle-graph' });
    expect(s.view.graph).toEqual({ all: false });
    s = reduce(s, { type: 'toggle-graph' });
    expect(s.view.graph).toBeNull();
  });

  const drawn = { x: 0, y: 0, maxX: 0, maxY: 60, rows: 20, columns: 90 };
  const pgDn = { type: 'graph-scroll', dx: 0, dy: 1, unit: 'page' } as const;

  it('a scroll before the panel has drawn a window (Ctrl-G and PgDn in one read) waits for it, and then applies', () => {
    let s = reduce(reduce(initialState('lazy'), { type: 'toggle-graph' }), pgDn);
    expect(s.view.graph).toEqual({ all: false, pending: [pgDn] });
    s = reduce(s, { type: 'graph-window', window: drawn });
    expect(s.view.graph).toEqual({ all: false, scroll: { x: 0, y: 19 }, window: { ...drawn, y: 19 } });
  });

  it('a window report drawn before the last scroll does not move the view back; one past a shrunk drawing is kept inside it', () => {
    let s = reduce(reduce(initialState('lazy'), { type: 'toggle-graph' }), { type: 'graph-window', window: drawn });
    s = reduce(s, { type: 'graph-scroll', dx: 0, dy: 3, unit: 'line' });
    // The panel's report of the frame before the scroll comes late.
    s = reduce(s, { type: 'graph-window', window: drawn });
    s = reduce(s, { type: 'graph-scroll', dx: 0, dy: 1, unit: 'line' });
    expect(s.view.graph?.window?.y).toBe(4);
    s = reduce(s, { type: 'graph-window', window: { ...drawn, y: 2, maxY: 2 } });
    expect(s.view.graph?.window?.y).toBe(2);
  });
});
