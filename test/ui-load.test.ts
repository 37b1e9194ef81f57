// How the UI is loaded (src/ui/load-ui.ts, src/kernel/cached-script.ts): an ES bundle rewritten as a classic script (scripts/bundle-script.js)
// keeps every import, re-export and import.meta meaning what it meant; and the built script loads, with a
// code cache or a rejected one (which is written again, whole, at exit).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types.
import { toScript } from '../scripts/bundle-script.js';
import { root } from './build.js';

const MODULE = `import fs, * as fsAll from "node:fs";
import { join as joined, sep } from "node:path";
import "./side-effect.js";
const here = import.meta.url;
async function later() { return (await import("../kernel/x.js")).x; }
function startUi() { return [fs === fsAll.default, joined('a', 'b'), sep, here]; }
export { startUi, later as loadLater };
`;

describe('the UI bundle as a cacheable script', () => {
  it('reads each import from the modules given, import() through the loader, import.meta as the bundle’s, and returns the exports', async () => {
    const made = toScript(MODULE) as { script: string; imports: string[] };
    expect(made.imports).toEqual(['node:fs', 'node:path', './side-effect.js']);
    const modules = [await import('node:fs'), await import('node:path'), {}];
    const asked: string[] = [];
    const body = new vm.Script(made.script).runInThisContext() as (...a: unknown[]) => Promise<Record<string, () => unknown>>;
    const exports = await body((i: number) => modules[i], async (s: string) => {
      asked.push(s);
      return { x: 42 };
    }, { url: 'file:///dist/ui/start.bundle.js' });
    expect(Object.keys(exports)).toEqual(['startUi', 'loadLater']);
    expect(exports.startUi()).toEqual([true, join('a', 'b'), '/', 'file:///dist/ui/start.bundle.js']);
    expect(await exports.loadLater()).toBe(42);
    expect(asked).toEqual(['../kernel/x.js']);
  });

  it('refuses what it does not rewrite: the ES bundle is used then', () => {
    expect(toScript('export default 1;\n')).toEqual({ reason: expect.stringContaining('ExportDefaultDeclaration') });
    expect(toScript('export * from "./a.js";\nexport { b };\nconst b = 1;\n')).toEqual({ reason: expect.stringContaining('ExportAllDeclaration') });
    expect(toScript('const m = "x"; import(m); export { m };\n')).toEqual({ reason: expect.stringContaining('computed') });
  });

  const script = join(root, 'dist/ui/start.script.js');
  it.skipIf(!existsSync(script))('the built script loads with a rejected cache, and the cache is written again at exit', () => {
    const { hash } = JSON.parse(readFileSync(script.replace(/\.js$/, '.json'), 'utf8')) as { hash: string };
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const cache = `${script}.${hash}.cache`;
    writeFileSync(cache, 'not a code cache');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e',
      `const { loadUi } = await import(${JSON.stringify(join(root, 'dist/ui/load-ui.js'))}); console.log(typeof (await loadUi()).startUi);`],
    { encoding: 'utf8' });
    expect(out.trim()).toBe('function');
    const written = readFileSync(cache);
    expect(written.length).toBeGreaterThan(1000);
    const compiled = new vm.Script(readFileSync(script, 'utf8'), { filename: script, cachedData: written });
    expect(compiled.cachedDataRejected).toBe(false);
  });

  const session = join(root, 'dist/kernel/plain-session.script.js');
  it.skipIf(!existsSync(session))("the plain front end's session and the kernel process load through their scripts with the ES bundle's exports", () => {
    const probe = (cache: string) => execFileSync(process.execPath, ['--input-type=module', '-e',
      `const { loadEntry } = await import(${JSON.stringify(join(root, 'dist/kernel/bundles.js'))});
       const m = await loadEntry(new URL('file://${join(root, 'dist/kernel/plain-session.js')}'));
       console.log(Object.keys(m).sort().join(','), typeof m.tf.constant, m.tf.nativeInfo().simd.length > 0);`],
    { encoding: 'utf8', env: { ...process.env, TENSORSHELL_SCRIPT_CACHE: cache } }).trim();
    const viaScript = probe('1');
    expect(viaScript).toMatch(/^(\w+,)*Kernel,(\w+,)*runPlain(,\w+)*,tf function true$/);
    expect(viaScript).toBe(probe('0'));
  });
});
