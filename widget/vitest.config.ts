/**
 * The `browser` test project: the widget's tests in Debian's Chromium through vitest's browser
 * mode and the playwright provider (`npx playwright install` cannot run here: no internet).
 */
import { playwright } from '@vitest/browser-playwright'
import { resolve } from 'node:path'
import type { BrowserCommand } from 'vitest/node'
import { defineProject } from 'vitest/config'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/lib/setup.mjs'

/**
 * Emulates print media and screenshots the test frame: `page.emulateMedia` exists only on the
 * playwright side, so tests reach it through this command (`commands.printScreenshot(selector, file)`), saving under
 * widget/__screenshots__/.
 */
const printScreenshot: BrowserCommand<[selector: string, name: string]> = async (
  ctx,
  selector,
  name,
) => {
  if (ctx.provider.name !== 'playwright') throw new Error('printScreenshot needs playwright')
  const page = ctx.page
  await page.emulateMedia({ media: 'print' })
  try {
    const frame = await ctx.frame()
    const path = resolve(import.meta.dirname, '__screenshots__', name)
    await (await frame.$(selector))!.screenshot({ path })
    // What print media shows of the element's buttons and forms (their `display`).
    return await frame.evaluate(
      (sel) => ({
        print: matchMedia('print').matches,
        shown: Array.from(document.querySelector(sel)!.shadowRoot!.querySelectorAll('button, form'))
          .map((e) => getComputedStyle(e).display)
          .filter((d) => d !== 'none'),
      }),
      selector,
    )
  } finally {
    await page.emulateMedia({ media: null })
  }
}

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
      commands: { printScreenshot },
    },
  },
})
