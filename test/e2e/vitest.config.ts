/**
 * End-to-end project: the built demo store, widget and worker served by a real `wrangler dev`
 * (fresh local D1 per run, see global-setup.ts) and driven by Debian's Chromium.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./global-setup.ts'],
    // One server and one browser per file; files run one after the other against that server.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
