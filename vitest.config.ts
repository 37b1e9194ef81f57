// Test runner settings: vitest's defaults, with a longer per-test limit so a loaded 2-core CI machine does
// not fail a correct test on time (speed is measured in `npm run bench`, never asserted here).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { testTimeout: 30_000 },
});
