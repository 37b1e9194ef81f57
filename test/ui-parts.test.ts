// The UI's pure parts: op rows, the chart's text, the layout budget, input recall, completion, downsampling.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OpInfo } from '../src/kernel/events.js';
import { LABEL_WIDTH, formatValue, plotChart } from '../src/kernel/chart.js';
import { complete } from '../src/ui/completion.js';
import { InputHistory } from '../src/ui/input-history.js';
import { MAX_PANEL, layout, type LayoutWants } from '../src/ui/layout.js';
import { FOLD_AT, opRows } from '../src/ui/ops-rows.js';
import { formatMs } from '../src/ui/StatusLine.js';
import { MAX_POINTS, appendPoints, curve, downsample, type Series } from '../src/kernel/series.js';

const op = (name: string): OpInfo => ({ name, type: 'Const', inputs: [], device: '' });
const points = (values: number[]): Series => appendPoints(undefined, values.map((value, step) => ({ step, value })));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

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
});

describe('the chart', () => {
  it('fills the width and height given, with one legend entry per series', () => {
    const chart = plotChart({ loss: points([4, 3, 2, 1.5, 1.2, 1]), acc: points([0, 0.5, 0.9]) }, 30, 6, false);
    expect(chart.lines).toHaveLength(6);
    for (const line of chart.lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(chart.lines[0].slice(0, LABEL_WIDTH)).toBe('       4');
    expect(chart.legend).toEqual([
      { name: 'loss', color: 'cyan', glyph: '─', last: { step: 5, value: 1 }, nonFinite: 0 },
      { name: 'acc', color: 'magenta', glyph: '━', last: { step: 2, value: 0.9 }, nonFinite: 0 },
    ]);
  });

  it('draws each series with its own line glyphs, so they differ without colour', () => {
    const chart = plotChart({ loss: points([4, 4, 4, 1, 1, 1]), acc: points([0, 0, 0, 3, 3, 3]) }, 20, 5, false);
    expect(chart.lines).toEqual([
      '       4 ┼──╮   ',
      '       3 ┤  ┏━━ ',
      '       2 ┤  ┃   ',
      '       1 ┤  ┃── ',
      '       0 ┼━━┛   ',
    ]);
  });

  it('squeezes a long series to the width', () => {
    const chart = plotChart({ loss: points(Array.from({ length: 1000 }, (_, i) => 1 / (i + 1))) }, 40, 5, false);
    expect(Math.max(...chart.lines.map((l) => l.trimEnd().length))).toBeLessThanOrEqual(40);
    expect(chart.lines.join('\n')).toMatch(/╰/);
  });

  it('draws a flat series, leaves out NaN and Infinity and counts them', () => {
    const chart = plotChart({ loss: points([2, NaN, 2, Infinity]) }, 30, 4);
    expect(chart.lines).toHaveLength(4);
    expect(strip(chart.lines.join('\n'))).toMatch(/─/);
    expect(chart.legend[0]).toMatchObject({ nonFinite: 2, last: { step: 3, value: Infinity } });
  });

  it('draws nothing without room or values', () => {
    expect(plotChart({ loss: points([NaN]) }, 30, 4).lines).toEqual([]);
    expect(plotChart({ loss: points([1, 2]) }, LABEL_WIDTH + 2, 4).lines).toEqual([]);
  });

  it('numbers take at most the label width', () => {
    for (const x of [0, 1, -1, 0.1234567, 123456789, -0.000012345, 1e-30, -98765.4321]) {
      expect(formatValue(x).length, String(x)).toBeLessThanOrEqual(LABEL_WIDTH);
    }
    expect([formatValue(0.1234567), formatValue(123456789), formatValue(0.000012345)]).toEqual(['0.123', '1.2e8', '1.2e-5']);
  });

  it('downsamples by bucket means', () => {
    expect(downsample([1, 2, 3, 4], 2)).toEqual([1.5, 3.5]);
    expect(downsample([1, 2], 5)).toEqual([1, 2]);
  });

  it('a long series keeps points evenly spread over all its steps, and ends at the latest', () => {
    let s: Series | undefined;
    // Logged in batches, as the UI applies them.
    for (let from = 0; from < 10 * MAX_POINTS; from += 128) {
      s = appendPoints(s, Array.from({ length: 128 }, (_, i) => ({ step: from + i, value: from + i })));
    }
    const steps = s!.points.map((p) => p.step);
    expect(steps.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(steps[0]).toBe(0);
    const gaps = new Set(steps.slice(1).map((step, i) => step - steps[i]));
    expect([...gaps]).toEqual([s!.stride]);
    expect(s!.logged).toBe(10 * MAX_POINTS);
    expect(curve(s!).at(-1)).toBe(10 * MAX_POINTS - 1);
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
    const h = new InputHistory(['a', 'function f() {\n  return 1\n}']);
    expect(h.up('dra')).toBe('function f() {\n  return 1\n}');
    expect(h.up('')).toBe('a');
    expect(h.up('')).toBeNull();
    expect(h.down()).toBe('function f() {\n  return 1\n}');
    expect(h.down()).toBe('dra');
    expect(h.down()).toBeNull();
  });

  it('remembers new inputs, once in a row', () => {
    const h = new InputHistory();
    h.add('x');
    h.add('x');
    h.add('  ');
    expect(h.up('')).toBe('x');
    expect(h.up('')).toBeNull();
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
