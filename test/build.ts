// End-to-end tests run dist/, which `npm test` builds first (pretest); after an edit, a bare `vitest run`
// rebuilds it here when a source file is newer than the entry point the test needs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Rebuilds dist/ unless `entry` (relative to the package root) is newer than every file of src/. */
export function ensureBuilt(entry: string): void {
  const file = join(root, entry);
  if (existsSync(file) && statSync(file).mtimeMs >= newest(join(root, 'src'))) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing entry point is fatal.
    if (!existsSync(file)) throw e;
  }
}

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
