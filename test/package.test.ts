// The package as a user meets it: self-reference import, bin, exports; and STYLE.md's layering.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('package', () => {
  it("`import * as tf from 'tensorshell'` works from inside the repo (built dist)", () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
      import * as tf from 'tensorshell';
      const sess = tf.Session();
      console.log(String(sess.run(tf.matmul(tf.constant([[3, 3]]), tf.constant([[2], [2]])))));
    `], { cwd: root, encoding: 'utf8' });
    expect(out.trim()).toBe('[[12.]]');
  });

  it('declares the bin and the exports a user needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('tensorshell');
    expect(pkg.type).toBe('module');
    expect(pkg.bin.tensorshell).toBe('dist/cli.js');
    expect(pkg.exports['.'].default).toBe('./dist/index.js');
    expect(readFileSync(join(root, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('the line REPL evaluates input piped to it', () => {
    const out = execFileSync(process.execPath, [join(root, 'dist/cli.js')], {
      input: 'const x = tf.constant(1.0)\nString(x)\ntf.getDefaultGraph().getOperations().map(o => o.name)\n', encoding: 'utf8',
    });
    expect(out).toContain("'Tensor(\"Const:0\", shape=(), dtype=float32)'");
    expect(out).toContain("[ 'Const' ]");
  });

  it('the line REPL prints errors as TF does and keeps going with every variable', () => {
    const out = execFileSync(process.execPath, [join(root, 'dist/cli.js')], {
      input: 'const v = tf.Variable(0, {name: "counter"})\nconst s = tf.Session()\ns.run(v)\nfunction f(a) {\nreturn a * 2 }\nf(21)\nString(v)\n',
      encoding: 'utf8',
    });
    expect(out).toContain('FailedPreconditionError: Attempting to use uninitialized value counter\n');
    expect(out).not.toContain('    at ');
    expect(out).toContain('42');
    // `tf.Variable(0)` is int32, as Python's int 0 makes it.
    expect(out).toContain("<tf.Variable 'counter:0' shape=() dtype=int32_ref>");
  });
});

/** Every relative import of a source file, as paths relative to src/. */
function imports(): Array<[string, string]> {
  const src = join(root, 'src');
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
          out.push([relative(src, p), relative(src, join(dirname(p), m[1]))]);
        }
      }
    }
  };
  walk(src);
  return out;
}

describe('layering (STYLE.md)', () => {
  const layer = (path: string) => path.split('/')[0];
  it('only src/backends/native loads the addon', () => {
    for (const [from, to] of imports()) {
      if (to.endsWith('native/addon.js')) expect(from.startsWith('backends/native/')).toBe(true);
    }
  });

  it('tensor/ imports nothing above it; engine/ never imports graph/ or ops/; graph/ never imports ops/', () => {
    const forbidden: Record<string, string[]> = {
      tensor: ['engine', 'graph', 'ops', 'kernel', 'ui', 'index.js'],
      engine: ['graph', 'ops', 'kernel', 'ui', 'index.js'],
      graph: ['ops', 'kernel', 'ui', 'index.js'],
      backends: ['graph', 'ops', 'engine', 'kernel', 'ui', 'index.js'],
    };
    const bad = imports().filter(([from, to]) => (forbidden[layer(from)] ?? []).includes(layer(to)));
    expect(bad).toEqual([]);
  });
});
