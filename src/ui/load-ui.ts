// How the CLI loads the Ink UI: fastest first. (1) dist/ui/start.script.js, the one-file bundle as a classic
// script (scripts/bundle-ui.js, scripts/ui-script.js), compiled with V8's code cache of it when one is kept
// next to it: Node 20 caches no ES module's code, and compiling Ink and React — at load and function by
// function for the first frame — is much of the first answer. The first run, or one whose cache V8 rejects
// (another Node), writes the cache at exit, with every function compiled by then. (2) The ES bundle,
// start.bundle.js. (3) The modules tsc built. Not imported by start.ts, so it stays out of the bundle.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

type UiModule = typeof import('./start.js');

export async function loadUi(): Promise<UiModule> {
  const script = new URL('./start.script.js', import.meta.url);
  if (existsSync(script) && process.env.TENSORSHELL_UI_SCRIPT !== '0') return loadScript(script);
  const bundle = new URL('./start.bundle.js', import.meta.url);
  if (existsSync(bundle)) return import(bundle.href) as Promise<UiModule>;
  return import('./start.js');
}

async function loadScript(url: URL): Promise<UiModule> {
  const file = fileURLToPath(url);
  const { imports } = JSON.parse(readFileSync(file.replace(/\.js$/, '.json'), 'utf8')) as { imports: string[] };
  // The bundle's specifiers are relative to the ES bundle beside it, as its import.meta is.
  const base = new URL('./start.bundle.js', url).href;
  const resolve = (specifier: string) => (specifier.startsWith('.') ? new URL(specifier, base).href : specifier);
  const modules = await Promise.all(imports.map((s) => import(resolve(s)) as Promise<Record<string, unknown>>));
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const compiled = new vm.Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  if (cachedData === undefined || compiled.cachedDataRejected === true) process.once('exit', () => keepCache(compiled, cacheFile));
  const body = compiled.runInThisContext() as (module: (i: number) => unknown, dynamic: (s: string) => Promise<unknown>, meta: { url: string }) => Promise<UiModule>;
  return body((i) => modules[i], (s) => import(resolve(s)), { url: base });
}

/** The code cache, written whole or not at all (another session may be writing it too); a read-only install keeps none. */
function keepCache(compiled: vm.Script, cacheFile: string): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, compiled.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // No cache: the next start compiles again.
  }
}
