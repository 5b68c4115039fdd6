/**
 * Test projects: `unit` (pure modules in Node), `worker` (the app in workerd with real local D1
 * and the real migrations), `browser` (widgets in Debian's Chromium), `console` (the admin
 * console's elements in Chromium), `widget-build` (the built
 * bundles: size budgets, and embed.js under a strict CSP in Chromium) and `e2e` (the real dev
 * server driven by Chromium). `npm test` runs them all through scripts/test.mjs.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import {
  FAKE_RESEND_KEY,
  FAKE_RESEND_WEBHOOK_SECRET,
  FAKE_VERIMOR_PASSWORD,
  FAKE_VERIMOR_REPORT_TOKEN,
  FAKE_VERIMOR_USER,
  startFakes,
} from './test/fakes/providers.mjs'

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
          // Each pool worker gets its own fake providers (test/fakes/providers.mjs), so test
          // files running side by side never see each other's messages or injected failures.
          cloudflareTest(async () => {
            const fakes = await startFakes({ unref: true })
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                  FAKES_URL: fakes.url,
                  RESEND_API_URL: fakes.url,
                  VERIMOR_API_URL: fakes.url,
                  // What local development passes (wrangler.toml sets neither).
                  PUBLIC_URL: 'https://leadline.test',
                  ALLOW_LOCAL_WEBHOOK_URLS: 'true',
                  TEST_RESEND_KEY: FAKE_RESEND_KEY,
                  TEST_RESEND_WEBHOOK_SECRET: FAKE_RESEND_WEBHOOK_SECRET,
                  TEST_VERIMOR_USER: FAKE_VERIMOR_USER,
                  TEST_VERIMOR_PASSWORD: FAKE_VERIMOR_PASSWORD,
                  TEST_VERIMOR_REPORT_TOKEN: FAKE_VERIMOR_REPORT_TOKEN,
                },
              },
            }
          }),
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
      './console/vitest.config.ts',
      './test/e2e/vitest.config.ts',
    ],
  },
})
