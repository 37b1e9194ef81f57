// Loading a one-file bundle with V8's code cache: scripts/bundle-script.js rewrites each ES bundle the build makes
// (the UI's, the kernel process's, the plain front end's) as a classic script beside it, `X.script.js` with
// `X.script.json` naming its imports, because Node 20 keeps no compiled code of an ES module. The script is
// compiled with the cache kept beside it (`X.script.js.HASH.cache`) when there is one: a ~600 KB–1 MB bundle
// compiles in a quarter of the time, and the functions its start ran come compiled too. The first run, or one
// whose cache this Node rejects, writes the cache a few seconds in or at exit, whole or not at all. TENSORSHELL_SCRIPT_CACHE=0
// loads the ES bundle instead.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** When the cache of a first run is written, if the process has not exited before. */
const CACHE_AFTER_MS = 3000;

type Body = (module: (i: number) => unknown, dynamic: (s: string) => Promise<unknown>, meta: { url: string }) => Promise<unknown>;

/** The exports of `bundle` (an ES bundle's URL) through its cacheable script; null where there is none up to date. */
export async function loadCached<T>(bundle: URL): Promise<T | null> {
  if (process.env.TENSORSHELL_SCRIPT_CACHE === '0') return null;
  const file = fileURLToPath(new URL(bundle.href.replace(/\.bundle\.js$/, '.script.js')));
  const bundleFile = fileURLToPath(bundle);
  if (!existsSync(file) || (existsSync(bundleFile) && statSync(file).mtimeMs < statSync(bundleFile).mtimeMs)) return null;
  const { imports, hash } = JSON.parse(readFileSync(file.replace(/\.js$/, '.json'), 'utf8')) as { imports: string[]; hash: string };
  // The bundle's specifiers are relative to the ES bundle, as its import.meta is.
  const resolve = (specifier: string) => (specifier.startsWith('.') ? new URL(specifier, bundle).href : specifier);
  const modules = await Promise.all(imports.map((s) => import(resolve(s)) as Promise<unknown>));
  // Named by the script's hash (the build's): V8 checks a cache against the source's length only.
  const cacheFile = `${file}.${hash}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Named by its file URL, as an ES module's frames are (:trace folds the package's own).
  const compiled = new vm.Script(readFileSync(file, 'utf8'), { filename: pathToFileURL(file).href, cachedData });
  if (cachedData === undefined || compiled.cachedDataRejected === true) {
    // Once, a few seconds in (its start compiled by then; a kernel ended by a signal has no exit), or at exit.
    let kept = false;
    const keep = () => {
      if (!kept) keepCache(compiled, cacheFile);
      kept = true;
    };
    process.once('exit', keep);
    setTimeout(keep, CACHE_AFTER_MS).unref();
  }
  const body = compiled.runInThisContext() as Body;
  return (await body((i) => modules[i], (s) => import(resolve(s)), { url: bundle.href })) as T;
}

/** The code cache, written whole or not at all (another process may be writing it too); a read-only install keeps none. */
function keepCache(compiled: vm.Script, cacheFile: string): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, compiled.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // No cache: the next start compiles again.
  }
}
