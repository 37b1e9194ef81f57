// What the Ink UI forks: the kernel process (child.js), loaded through its bundle's cacheable script where the
// build made one (bundles.ts, cached-script.ts), else its bundle or its modules.
import { loadEntry } from './bundles.js';

await loadEntry(new URL('./child.js', import.meta.url));
