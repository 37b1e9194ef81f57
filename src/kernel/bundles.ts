// The one-file bundles that scripts/bundle-kernel.js makes of the kernel's entry points at build time
// (dist/kernel/plain-session.bundle.js, dist/kernel/child.bundle.js): Node loads one file instead of ~240 ES
// modules, which is ~0.15 s of the first answer on a 2-core machine. A bundle older than its entry (a bare `tsc`
// since the last `npm run build`) is stale, and the modules load instead; so do they where there is none.
import { statSync } from 'node:fs';
import { loadCached } from './cached-script.js';

/** `entry`'s bundle where it is there and up to date, else `entry`, e.g. `bundleOf(new URL('./child.js', import.meta.url))`. */
export function bundleOf(entry: URL): URL {
  const bundle = new URL(entry.href.replace(/\.js$/, '.bundle.js'));
  try {
    return statSync(bundle).mtimeMs >= statSync(entry).mtimeMs ? bundle : entry;
  } catch {
    return entry;
  }
}

/** The exports of `entry`: its bundle's cacheable script (cached-script.ts), its bundle, or the modules themselves. */
export async function loadEntry<T>(entry: URL): Promise<T> {
  const bundle = bundleOf(entry);
  if (bundle.href !== entry.href) {
    const loaded = await loadCached<T>(bundle);
    if (loaded !== null) return loaded;
  }
  return import(bundle.href) as Promise<T>;
}
