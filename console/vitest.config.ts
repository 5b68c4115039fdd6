/**
 * The `console` test project: the admin console's elements in Debian's Chromium through
 * vitest's browser mode and the playwright provider, like the widget's `browser` project.
 */
import { playwright } from '@vitest/browser-playwright'
import { defineProject } from 'vitest/config'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/lib/setup.mjs'

export default defineProject({
  root: import.meta.dirname,
  test: {
    name: 'console',
    include: ['src/**/*.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
