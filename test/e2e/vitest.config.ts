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
    // A page's answer can take seconds on a loaded 2-core machine; expect.poll's 1 s default
    // then fails a test whose behaviour is right.
    expect: { poll: { timeout: 15_000 } },
  },
})
