/**
 * The `browser` test project: the widget's tests in Debian's Chromium through vitest's browser
 * mode and the playwright provider (`npx playwright install` cannot run here: no internet).
 */
import { playwright } from '@vitest/browser-playwright'
import { defineProject } from 'vitest/config'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/lib/setup.mjs'

export default defineProject({
  root: import.meta.dirname,
  define: { __LEADLINE_VERSION__: JSON.stringify('test') },
  test: {
    name: 'browser',
    include: ['src/**/*.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM,
          args: CHROMIUM_ARGS,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
