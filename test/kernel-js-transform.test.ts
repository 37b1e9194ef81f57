// The REPL transform on plain JavaScript without TypeScript (js-transform.ts, js-sugar.ts), held to its
// oracle: what the TypeScript path (ts-node + transform.ts) makes of the same input, compared as syntax
// trees — every input the lessons and transcripts type, hand-picked hard cases, and random programs. Where
// the fast path declines, TypeScript decides (type syntax, syntax errors, spellings TypeScript reads otherwise).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as acorn from 'acorn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, transpile } from '../src/kernel/compile.js';
import { transformJs } from '../src/kernel/js-transform.js';
import { parseTranscript } from '../src/transcript/format.js';
import { ensureBuilt, root } from './build.js';

/** A script's syntax tree without positions, spellings, parentheses or empty statements: what it does. */
function tree(js: string): string {
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.filter((x) => (x as { type?: string } | null)?.type !== 'EmptyStatement').map(strip);
    if (typeof n === 'bigint' || n instanceof RegExp) return String(n);
    if (n === null || typeof n !== 'object') return n;
    const node = n as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (['start', 'end', 'raw', 'directive'].includes(k)) continue;
      out[k] = node.type === 'TemplateElement' && k === 'value' ? (v as { cooked: string }).cooked : strip(v);
    }
    return out;
  };
  return JSON.stringify(strip(acorn.parse(js, { ecmaVersion: 'latest', allowAwaitOutsideFunction: true })));
}

/** The fast path's script equals TypeScript's, or the fast path declines; true if it took the input. */
function agrees(code: string): boolean {
  const fast = transformJs(code);
  if (fast === null) return false;
  const slow = transpile(code);
  expect(slow.kind, code).toBe('script');
  if (slow.kind !== 'script') return true;
  expect(fast.async, code).toBe(slow.async);
  expect(tree(fast.js), code).toBe(tree(slow.js));
  return true;
}

const HARD = [
  '1 + 1', '"a" + "b"', '`a` + 1', '(1) + 2', '-1 + x', '- x', '-(1)', '-1n', 'x ** -2', 'a % 3', 'a == b', '(a && b) ?? d',
  'tf.constant([1, 2.5]) > x * 2', 'tf.constant([[1, 2], [3, 4]])', 'tf.constant([1, -2, +3.0])', 'tf.nn.relu(-x)', 'new tf.Variable(0)',
  'tf.constant(...xs)', 'tf?.constant(1)', 'tf.a?.(1)', '(tf.constant)(1)', 'tf["constant"](1)', 'Math.max(1, 2.5)', 'f(1e3, 0x1F, 1_000, .5)',
  'w -= 0.1 * g', 'model.w += 1', 'a[0] += 1', 'this.x *= 2', 'x **= 2', 'x %= 2', 'x ||= y', 'x = y = 2 * z',
  'const w = tf.Variable(0.8)', 'let a, b = 2', 'var v', 'var v = 1, u', 'const [a, , ...r] = xs', 'const { a, b: [c = -x], ...o } = obj',
  'const {a} = o\n(b)', 'let x = a < b++\n(c)', 'y = a < b++\n(c)', 'f = () => {}\n[1]', 'tf.x *= (p) => { return 1 }\n[1]',
  'class C { m() { return -this.x } }\nC', 'class C extends B { f = a * b++\n["m"]() {} static { x * 2 } }', 'class C {}\n(x)',
  'function f() { return a * b }\nf()', 'x = 1\nfunction g() { return 2 ** x }', 'f(); function f() {}', 'async function* g() { yield* a; await b }',
  'await x; y', 'const y = await tf.constant(1.5) * x', 'await gate_1', 'async () => await 1',
  '1 + 1;;', ';', 'x // a comment', 'const z = 1 // the end', 'a *\n  // between\n  b', "'use strict'; x * 2", "x in'a' * b",
  'for (let i = 0; i < 3; i++) x += i', 'for (const k in o) s += k', 'if (a > 0) b = -a\nelse b = a', 'do x = x * 2\nwhile (x < 9)',
  'l: for (;;) break l', 'try { a * b } catch (e) { -e } finally { c }', 'switch (x) { case 1 * 2: y }', '`t${a * 2}u${-b}`', 'x?.y?.[a + 1]',
  '({ a: 1, m() { return a * 2 }, [k * 2]: 3, get g() { return -v } })', 'const f = function (p = -1) { return p * 2 }', '[a, b] = [b, a * 2]',
  'let λ = 0.5; λ * 2', 'print(w * x)', 'sess.run(train)', 'for (let i = 0; i < 10; i++) sess.run(train)',
];

const DECLINED = [
  'const w: number = 3', 'f<T>(x)', 'a < b > (c)', 'x as any', 'x!', 'enum E { A }', 'interface I {}', 'type T = number',
  'import * as tf2 from "tensorshell"', 'export const a = 1', 'import("x")', '010', '08.5', '"\\01"', 'x <!-- y', 'x-->0', '/a+/.test(s)',
  'await (x)', 'await [1]', 'await\nx', '(x)\n{}', 'async < T > (x) => x', 'function f() {', 'const t = 1 +', 'let x = ;', '}',
  'class A { f = await x }', 'yield x', '#!/bin/x\n1', '@d class C {}', 'let x = 1n ** 2n; x ||= 1; using y = z',
];

describe('the fast path (acorn) makes what the TypeScript path makes', () => {
  it('for hand-picked inputs, and declines what TypeScript must decide', () => {
    for (const code of HARD) expect(agrees(code), code).toBe(true);
    for (const code of DECLINED) expect(transformJs(code), code).toBe(null);
  });

  it('for every input of the lessons and transcripts, taking nearly all of them', () => {
    const files = ['lessons', 'transcripts'].flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.md')).map((f) => join(root, dir, f)));
    const inputs = files.flatMap((f) => parseTranscript(readFileSync(f, 'utf8'), f).flatMap((b) => b.steps.map((s) => s.input)))
      .filter((code) => !code.trim().startsWith(':'));
    const taken = inputs.filter(agrees).length;
    expect(inputs.length).toBeGreaterThan(300);
    expect(taken / inputs.length).toBeGreaterThan(0.95);
  });

  it('for random programs of operators, literals, declarations, awaits and line breaks', () => {
    const leaf = fc.constantFrom('a', 'x', 'w', 'tf', 'x++', '1', '2.5', '0x10', '1e3', '.5', '"s"', '`u`', 'null', '1n', '[]');
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '**', '%', '>', '>=', '<=', '==', '&&', '??', ' in '), fc.constantFrom('', ' ', '\n', ' /*c*/ '), tie('expr'))
          .map(([l, op, ws, r]) => `${l}${ws}${op}${ws}${r}`),
        fc.tuple(fc.constantFrom('-', '+', '!', 'typeof ', 'await '), tie('expr')).map(([op, e]) => `${op}${e}`),
        fc.tuple(fc.constantFrom('x', 'w.v', 'a[0]'), fc.constantFrom('=', '+=', '-=', '*=', '**=', '%='), tie('expr')).map(([t, op, e]) => `${t} ${op} ${e}`),
        fc.tuple(fc.constantFrom('tf.constant', 'tf.nn.relu', 'new tf.Variable', 'f', 'Math.max'), fc.array(tie('expr'), { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`),
        fc.array(tie('expr'), { maxLength: 3 }).map((els) => `[${els.join(', ')}]`),
        tie('expr').map((e) => `(${e})`),
        tie('expr').map((e) => `(p) => { return ${e} }`),
        tie('expr').map((e) => `\`t\${${e}}\``),
      ),
    }));
    const statement = fc.oneof(
      expr,
      fc.tuple(fc.constantFrom('const', 'let', 'var'), fc.constantFrom('p', '[p, , ...r]', '{ k = -1, ...o }'), expr).map(([k, p, e]) => `${k} ${p} = ${e}`),
      expr.map((e) => `function f(q = 1) { return ${e} }`),
      expr.map((e) => `class C { m() { return ${e} } }`),
      expr.map((e) => `if (x) { y = ${e} } else z = ${e}`),
      expr.map((e) => `for (let i = 0; i < 3; i++) ${e}`),
    );
    const program = fc.tuple(fc.array(fc.tuple(statement, fc.constantFrom(';', '\n', ';\n', '\n(x)\n', '\n[1]\n', '\n-x\n')), { minLength: 1, maxLength: 3 }), fc.constantFrom('', ';', ' // end'))
      .map(([parts, end]) => parts.map(([s, sep], i) => (i < parts.length - 1 ? s + sep : s)).join('') + end);
    let taken = 0;
    fc.assert(fc.property(program, (code) => {
      if (agrees(code)) taken++;
    }), { numRuns: 400, seed: 16 });
    expect(taken).toBeGreaterThan(100);
  });
});

describe('compile', () => {
  it('loads no TypeScript for plain JavaScript, and does for type syntax (a fresh process)', () => {
    ensureBuilt('dist/kernel/compile.js');
    const loads = (inputs: string[]) => execFileSync(process.execPath, ['--input-type=module', '-e', `
      import { createRequire } from 'node:module';
      import { compile } from ${JSON.stringify(pathToFileURL(join(root, 'dist/kernel/compile.js')).href)};
      for (const code of ${JSON.stringify(inputs)}) compile(code);
      console.log(Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/typescript/')));
    `], { cwd: root, encoding: 'utf8' }).trim();
    expect(loads(['1 + 1', 'const w = tf.Variable(0.8)', 'const y = w * x; await y', 'for (let i = 0; i < 3; i++) sess.run(train)'])).toBe('false');
    expect(loads(['const w: number = 3'])).toBe('true');
  });

  it('loads TypeScript once the REPL is idle, not while inputs keep coming (a fresh process)', () => {
    ensureBuilt('dist/kernel/compile.js');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
      import { createRequire } from 'node:module';
      import { compile, warmUpWhenIdle } from ${JSON.stringify(pathToFileURL(join(root, 'dist/kernel/compile.js')).href)};
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/typescript/'));
      warmUpWhenIdle(400);
      const busy = setInterval(() => compile('x * 2'), 50);
      setTimeout(() => { clearInterval(busy); console.log(loaded()); }, 700);
      setTimeout(() => { console.log(loaded()); process.exit(0); }, 2500);
    `], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['false', 'true']);
  });

  it('keeps TypeScript the judge of errors and unfinished input', () => {
    expect(compile('let x = ;')).toMatchObject({ kind: 'error', error: { message: 'Expression expected. (1:9)' } });
    expect(compile('function f() {')).toEqual({ kind: 'incomplete' });
    expect(compile('const w: number = 3 * x')).toMatchObject({ kind: 'script', js: expect.stringContaining('w = __ops.mul(__ops.int(3), x)') });
  });
});
