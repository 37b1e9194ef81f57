// Loads the native kernel addon built by node-gyp (binding.gyp, sources in native/).
// The relative path is the same from src/backends/native (vitest, ts-node) and from
// dist/backends/native (after tsc): three levels up is the package root.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import type { NativeAddon } from './addon-types.js';

const require = createRequire(import.meta.url);
const ADDON_FILE = 'build/Release/tensorshell.node';
const ADDON_PATH = `../../../${ADDON_FILE}`;

function loadAddon(): NativeAddon {
  try {
    return require(ADDON_PATH) as NativeAddon;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND';
    if (!missing) throw err;
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    throw new Error(
      `tensorshell: the native addon ${ADDON_FILE} is missing. ` +
        `Run \`npm install\` (or \`npx node-gyp rebuild\`) in ${root} to build it.`,
      { cause: err },
    );
  }
}

export const addon: NativeAddon = loadAddon();
