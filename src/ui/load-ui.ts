// How the CLI loads the Ink UI: the one-file bundle scripts/bundle-ui.js makes at build time when it could (the
// first prompt comes ~0.4 s sooner: one production-mode file instead of Ink's ~100 modules and React's
// development build), else the modules tsc built. Not imported by start.ts, so it stays out of the bundle.
import { existsSync } from 'node:fs';

export async function loadUi(): Promise<typeof import('./start.js')> {
  const bundle = new URL('./start.bundle.js', import.meta.url);
  if (existsSync(bundle)) return import(bundle.href) as Promise<typeof import('./start.js')>;
  return import('./start.js');
}
