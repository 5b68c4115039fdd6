/**
 * Test projects: `unit` (pure modules in Node), `worker` (the app in workerd with real local D1
 * and the real migrations), `browser` (widgets in Debian's Chromium), `widget-build` (the built
 * bundles: size budgets, and embed.js under a strict CSP in Chromium) and `e2e` (the real dev
 * server driven by Chromium). `npm test` runs them all through scripts/test.mjs.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['worker/src/**/*.test.ts', 'contract/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') } },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/setup.ts'],
        },
      },
      {
        test: {
          name: 'widget-build',
          include: ['widget/*.node.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      // Owned by their folders: widgets in Chromium, and end-to-end against `wrangler dev`.
      './widget/vitest.config.ts',
      './test/e2e/vitest.config.ts',
    ],
  },
})
