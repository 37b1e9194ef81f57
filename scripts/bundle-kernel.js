// Bundles the kernel's two entry points, each into one file beside it, which src/kernel/bundles.ts prefers
// while it is up to date: dist/kernel/plain-session.js (what `tensorshell --plain` and a pipe load: the engine,
// the kernel and its commands) and dist/kernel/child.js (the kernel process behind the Ink UI). Node would
// otherwise load ~240 small ES modules one by one: ~0.15 s of the first answer on the project's 2-core machine.
//
// Packages stay outside, loaded from node_modules as usual (TypeScript, acorn and protobufjs only when first
// needed). Every `import.meta.url` still names the module it was written in, as a URL relative to the bundle,
// so the addon, the data sets and `:trace` find their files as they do unbundled.
//
// Run after tsc (`npm run build`). Without rolldown (a production install without dev dependencies) it
// removes any old bundles, and the modules load as they are: slower to start, the same program.
import { rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = ['dist/kernel/plain-session.js', 'dist/kernel/child.js'];
const outOf = (entry) => join(root, entry.replace(/\.js$/, '.bundle.js'));
for (const entry of ENTRIES) {
  rmSync(join(root, entry.replace(/\.js$/, '.bundle.js')), { force: true });
}
const { writeScript } = await import('./bundle-script.js');

let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  process.stderr.write('bundle-kernel: rolldown is not installed; the kernel loads unbundled (about 0.15 s slower to start)\n');
  process.exit(0);
}

/** `import.meta.url` in a module → that module's own URL, from the bundle's: `new URL('../data/index.js', import.meta.url).href`. */
function moduleUrls(out) {
  return {
    name: 'module-urls',
    transform(code, id) {
      if (!code.includes('import.meta.url')) return null;
      const path = relative(dirname(out), id).split(sep).join('/');
      return { code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, import.meta.url).href`), map: null };
    },
  };
}

for (const entry of ENTRIES) {
  const out = outOf(entry);
  const bundle = await rolldown({
    input: join(root, entry),
    platform: 'node',
    external: (id) => id.startsWith('node:') || !/^[./]/.test(id),
    logLevel: 'warn',
    plugins: [moduleUrls(out)],
  });
  await bundle.write({ file: out, format: 'esm', codeSplitting: false });
  await bundle.close();
  // And as a classic script whose compiled code V8 can cache (scripts/bundle-script.js, src/kernel/cached-script.ts).
  writeScript(out, 'bundle-kernel');
}
