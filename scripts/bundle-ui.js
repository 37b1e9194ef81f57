// Bundles the Ink UI (dist/ui/start.js with Ink and React) into one file,
// dist/ui/start.bundle.js, which the CLI loads when it exists. Node loads Ink's ~100 small ES modules one by
// one, and React's development build unless told otherwise: ~0.4 s before the first prompt. One production-
// mode file loads in a fraction of that. The kernel and the engine stay outside the bundle (the UI imports a
// few helpers from ../kernel/; the kernel runs in its own process).
//
// Run after tsc (`npm run build`). Without rolldown (a production install without dev dependencies) it
// removes any old bundle, and the CLI loads the unbundled modules: slower to start, the same UI.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/ui/start.bundle.js');
rmSync(out, { force: true });

const { writeScript } = await import('./bundle-script.js');
let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  process.stderr.write('bundle-ui: rolldown is not installed; the UI loads unbundled (about 0.4 s slower to start)\n');
  process.exit(0);
}

const bundle = await rolldown({
  input: join(root, 'dist/ui/start.js'),
  platform: 'node',
  // Our kernel modules are shared with the plain front end and the kernel process: loaded as they are.
  external: (id) => id.startsWith('node:') || id.startsWith('../kernel/') || id === '../index.js',
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  logLevel: 'warn',
  plugins: [{
    // Yoga's wasm loader (emscripten) fetches its own base64 data: URL with fetch() where fetch exists: in Node
    // that loads undici (~75 ms of the first prompt's CPU) to decode bytes it already holds. Without fetch it
    // decodes them directly; the module and the layout are the same.
    name: 'yoga-without-fetch',
    transform: (code, id) => (/yoga-wasm-base64-esm\.js$/.test(id) ? code.replaceAll('"function"!=typeof fetch', 'true') : null),
  }, {
    // Ink imports React's devtools only when DEV=true; the package is not installed, and not wanted.
    name: 'no-react-devtools',
    resolveId: (id) => (id === 'react-devtools-core' ? '\0no-react-devtools' : null),
    load: (id) => (id === '\0no-react-devtools' ? 'export default { initialize() {}, connectToDevTools() {} };' : null),
  }],
});
await bundle.write({ file: out, format: 'esm', codeSplitting: false });
await bundle.close();

// The same bundle as a classic script whose compiled code V8 can cache (scripts/bundle-script.js).
writeScript(out, 'bundle-ui');
