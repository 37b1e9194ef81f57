// The UI's pure parts: op rows, the layout budget, input recall, completion (the chart's text: chart.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OpInfo } from '../src/kernel/events.js';
import { complete } from '../src/ui/completion.js';
import { addToHistory, historyDown, historyUp, newHistory } from '../src/ui/input-history.js';
import { lineWindow } from '../src/ui/InputLine.js';
import { MAX_PANEL, layout, type LayoutWants } from '../src/ui/layout.js';
import { fitLabel, FOLD_AT, opRows, type OpRow } from '../src/ui/ops-rows.js';
import { formatMs } from '../src/ui/StatusLine.js';
import { plotChart } from '../src/kernel/chart.js';
import { appendPoints, type Series } from '../src/kernel/series.js';
import { seriesSegments } from '../src/ui/ChartPanel.js';
import { makeTheme } from '../src/ui/theme.js';

const op = (name: string): OpInfo => ({ name, type: 'Const', inputs: [], device: '' });

describe('op rows', () => {
  it('one row per op, the newest marked', () => {
    const rows = opRows([op('a'), op('b'), op('c')], 2, 10);
    expect(rows.map((r) => r.kind === 'op' && [r.op.name, r.newest])).toEqual([['a', false], ['b', true], ['c', true]]);
  });

  it("a Variable's scope stays unfolded; a big scope folds into one row at its latest op", () => {
    const variable = ['Variable/initial_value', 'Variable', 'Variable/Assign', 'Variable/read'].map(op);
    expect(opRows(variable, 4, 10)).toHaveLength(4);
    const grads = Array.from({ length: FOLD_AT }, (_, i) => op(`gradients/g${i}`));
    const rows = opRows([...grads.slice(0, 3), op('x'), ...grads.slice(3)], FOLD_AT - 3, 10);
    expect(rows).toEqual([{ kind: 'op', op: op('x'), newest: false }, { kind: 'scope', scope: 'gradients', count: FOLD_AT, newest: true }]);
  });

  it('keeps the newest rows that fit and counts the others', () => {
    const ops = Array.from({ length: 20 }, (_, i) => op(`op${i}`));
    const rows = opRows(ops, 1, 5);
    expect(rows[0]).toEqual({ kind: 'more', count: 16 });
    expect(rows.slice(1).map((r) => r.kind === 'op' && r.op.name)).toEqual(['op16', 'op17', 'op18', 'op19']);
  });

  it('a name too long for its column is cut with an ellipsis: an op keeps its end, a folded scope its start', () => {
    const row = (name: string): OpRow => ({ kind: 'op', op: op(name), newest: false });
    expect(fitLabel(row('mul'), 6)).toBe('mul   ');
    expect(fitLabel(row('gradients/mul_grad/Mul_1'), 12)).toBe('…_grad/Mul_1');
    expect(fitLabel(row('gradients/mul_grad/Mul_1'), 12)).toHaveLength(12);
    expect(fitLabel({ kind: 'scope', scope: 'random_uniform', count: 7, newest: false }, 10)).toBe('random_un…');
    expect(fitLabel({ kind: 'scope', scope: 'gradients', count: 7, newest: false }, 11)).toBe('gradients/…');
    expect(fitLabel(row('abc'), 1)).toBe('…');
  });
});

describe('the layout', () => {
  const wants = (over: Partial<LayoutWants> = {}): LayoutWants => ({
    rows: 24, columns: 100, inputRows: 1, bufferLines: 0, hint: false, running: null, opRows: 3, hasSeries: false, ...over,
  });
  const height = (w: LayoutWants) => {
    const l = layout(w);
    return 1 + w.inputRows + (l.hintShown ? 1 : 0) + (l.runningEcho ? 1 : 0) + l.runningShown + l.bufferShown + (l.bufferElided ? 1 : 0) + l.panelHeight;
  };

  it('the live area stays shorter than the terminal, whatever it holds', () => {
    for (const rows of [3, 6, 10, 24, 50]) {
      for (const w of [wants({ rows }), wants({ rows, bufferLines: 30, hint: true, running: { outputLines: 50 }, opRows: 100, hasSeries: true })]) {
        expect(height(w), `rows ${rows}`).toBeLessThan(rows);
      }
    }
  });

  it('the ops panel grows with the ops up to its maximum; the chart takes half the width', () => {
    expect(layout(wants({ opRows: 2 })).panelHeight).toBe(5);
    expect(layout(wants({ opRows: 200 })).panelHeight).toBe(MAX_PANEL);
    expect(layout(wants({ hasSeries: true }))).toMatchObject({ panelHeight: MAX_PANEL, opsWidth: 50, chartWidth: 50 });
  });

  it('a small terminal hides the panels before the prompt', () => {
    expect(layout(wants({ rows: 6 })).panelHeight).toBe(0);
  });

  it('a long unfinished input shows its last lines under a note', () => {
    expect(layout(wants({ bufferLines: 20 }))).toMatchObject({ bufferShown: 7, bufferElided: true });
  });
});

describe('the status line', () => {
  it('gives run times in units a reader takes in at a glance', () => {
    expect([0.008, 0.42, 12.34, 1520].map(formatMs)).toEqual(['8 µs', '0.42 ms', '12.3 ms', '1.52 s']);
  });
});

describe('input recall', () => {
  it('Up goes back through whole inputs, Down comes back to what was typed', () => {
    let h = newHistory(['a', 'function f() {\n  return 1\n}']);
    const up = (current: string) => {
      const [next, entry] = historyUp(h, current);
      h = next;
      return entry;
    };
    const down = () => {
      const [next, entry] = historyDown(h);
      h = next;
      return entry;
    };
    expect(up('dra')).toBe('function f() {\n  return 1\n}');
    expect(up('')).toBe('a');
    expect(up('')).toBeNull();
    expect(down()).toBe('function f() {\n  return 1\n}');
    expect(down()).toBe('dra');
    expect(down()).toBeNull();
  });

  it('remembers new inputs, once in a row', () => {
    const h = ['x', 'x', '  '].reduce(addToHistory, newHistory());
    expect(h.entries).toEqual(['x']);
    const [older, entry] = historyUp(h, '');
    expect(entry).toBe('x');
    expect(historyUp(older, '')[1]).toBeNull();
  });

  it('keeps the newest `limit` entries', () => {
    expect(['a', 'b', 'c'].reduce(addToHistory, newHistory(['z'], 2)).entries).toEqual(['b', 'c']);
  });
});

describe('the prompt\'s window on a long input', () => {
  it('shows the lines around the cursor\'s, no more than half of them below it', () => {
    // 10 lines, the cursor on the last: the 4 before it.
    expect(lineWindow(10, 9, 4)).toEqual({ first: 5, last: 9 });
    // On the first: the 4 after it.
    expect(lineWindow(10, 0, 4)).toEqual({ first: 0, last: 4 });
    // In the middle: 2 above, 2 below.
    expect(lineWindow(10, 5, 4)).toEqual({ first: 3, last: 7 });
    // Room for all.
    expect(lineWindow(3, 1, 8)).toEqual({ first: 0, last: 2 });
    expect(lineWindow(1, 0, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe('the chart in each theme', () => {
  const series = (values: number[]): Series => appendPoints(undefined, values.map((value, step) => ({ step, value })));

  it("a chart line's cells are told apart by series (chart.ts's colour codes), the axis and labels by none", () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const chart = plotChart(Object.fromEntries(names.map((n, i) => [n, series([i, i + 1])])), 40, 10);
    const owners = new Set(chart.lines.flatMap((l) => seriesSegments(l).map((s) => s.series)));
    // Seven series in a palette of six: the seventh takes the first's colour again, as chart.ts's own codes do.
    expect([...owners].sort()).toEqual([0, 1, 2, 3, 4, 5, null]);
    expect(seriesSegments(chart.lines[0]).map((s) => s.text).join('')).toBe(chart.lines[0].replace(/\u001B\[\d+m/g, ''));
    expect(seriesSegments(chart.lines[0])[0]).toMatchObject({ series: null });
  });

  it('the light theme draws no series in cyan, yellow or white (weak on white, gone on a projector)', () => {
    for (const present of [false, true]) {
      const light = makeTheme('light', present).series;
      expect(light[0]).toBe('blue');
      for (const weak of ['cyan', 'yellow', 'white', 'cyanBright', 'yellowBright', 'whiteBright']) expect(light).not.toContain(weak);
    }
    expect(makeTheme('dark').series[0]).toBe('cyan');
  });
});

describe('completion', () => {
  const names = ['tf.matmul', 'tf.max', 'tf.maximum'];
  const completer = (line: string): [string[], string] => {
    const m = /tf\.\w*$/.exec(line);
    return m ? [names.filter((n) => n.startsWith(m[0])), m[0]] : [[], line];
  };

  it('fills in one match, or the common part of several, and lists them when it cannot go further', () => {
    expect(complete('const y = tf.matm', completer)).toEqual({ line: 'const y = tf.matmul', candidates: [] });
    expect(complete('tf.m', completer)).toEqual({ line: 'tf.ma', candidates: [] });
    expect(complete('tf.ma', completer)).toEqual({ line: 'tf.ma', candidates: ['matmul', 'max', 'maximum'] });
    expect(complete('x', completer)).toEqual({ line: 'x', candidates: [] });
  });
});

describe('dependency direction (STYLE.md: ui → kernel → index)', () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), '../src');
  /** Every relative import in `dir` (and below), as a path under src/. */
  const imports = (dir: string): string[] => readdirSync(join(src, dir), { withFileTypes: true }).flatMap((f) => {
    if (f.isDirectory()) return imports(join(dir, f.name));
    const text = readFileSync(join(src, dir, f.name), 'utf8');
    return [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => relative(src, join(src, dir, m[1])));
  });

  it('the UI reaches the engine only through the kernel (and draws graphs with the pure graphview)', () => {
    for (const target of imports('ui')) expect(target, target).toMatch(/^(ui|kernel|graphview)\//);
  });

  it('the UI process never loads the engine: no value import from src/ui leads to src/index.ts', () => {
    /** The modules `file` loads at run time (type-only imports are erased), as paths under src/ (.ts/.tsx). */
    const loads = (file: string): string[] => {
      const text = readFileSync(join(src, file), 'utf8');
      return [...text.matchAll(/^import (?!type )[^'\n]*?'(\.[^']+)'|import\(\s*'(\.[^']+)'\)/gm)].map((m) => {
        const target = relative(src, join(src, dirname(file), m[1] ?? m[2])).replace(/\.js$/, '');
        return ['.ts', '.tsx'].map((ext) => target + ext).find((t) => existsSync(join(src, t)))!;
      });
    };
    // From the UI's entry, as the bundle and the CLI start it (the kernel process is another program).
    const seen = new Set<string>();
    const queue = ['ui/start.ts', 'ui/load-ui.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...loads(file));
    }
    expect(seen.has('ui/App.tsx')).toBe(true);
    expect([...seen].filter((f) => f === 'index.ts' || /^(ops|graph|engine|backends)\//.test(f))).toEqual([]);
  });

  it("graphview is pure: only the kernel's event types, no engine, no UI", () => {
    for (const target of imports('graphview')) expect(target, target).toMatch(/^(graphview\/|kernel\/events\.js$)/);
  });

  it('the kernel never imports the UI', () => {
    const targets = imports('kernel');
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => t.startsWith('ui/'))).toEqual([]);
  });
});
