// How the CLI loads the Ink UI: the one-file bundle scripts/bundle-ui.js makes at build time, through its
// cacheable script (../kernel/cached-script.ts) or as the ES bundle, else the modules tsc built. Not imported
// by start.ts, so it stays out of the bundle.
import { existsSync } from 'node:fs';
import { loadCached } from '../kernel/cached-script.js';

type UiModule = typeof import('./start.js');

export async function loadUi(): Promise<UiModule> {
  const bundle = new URL('./start.bundle.js', import.meta.url);
  if (!existsSync(bundle)) return import('./start.js');
  return (await loadCached<UiModule>(bundle)) ?? (import(bundle.href) as Promise<UiModule>);
}
