/**
 * The `browser` test project: the widget's tests in Debian's Chromium through vitest's browser
 * mode and the playwright provider (`npx playwright install` cannot run here: no internet).
 */
import { playwright } from '@vitest/browser-playwright'
import { resolve } from 'node:path'
import type { Page } from 'playwright'
import type { BrowserCommand } from 'vitest/node'
import { defineProject } from 'vitest/config'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/lib/setup.mjs'
import { audit, expectNoBlocking } from '../test/e2e/axe.ts'

/**
 * Emulates print media and screenshots the test frame: `page.emulateMedia` exists only on the
 * playwright side, so tests reach it through this command (`commands.printScreenshot(selector, file)`).
 * The image is an artifact to look at, never compared (fonts differ between machines), so it is
 * saved under test-results/screenshots/, which git ignores.
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
    const path = resolve(import.meta.dirname, '..', 'test-results', 'screenshots', name)
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

/**
 * What print media makes of an element, measured instead of compared as pixels: whether print
 * media applies, the controls still displayed, the element's width, what sticks out of it
 * sideways (an element past its edges, or a box whose content is wider than the box), and the
 * text printed after each link (its URL).
 */
const printLayout: BrowserCommand<[selector: string]> = async (ctx, selector) => {
  if (ctx.provider.name !== 'playwright') throw new Error('printLayout needs playwright')
  const page = ctx.page
  await page.emulateMedia({ media: 'print' })
  try {
    const frame = await ctx.frame()
    return await frame.evaluate((sel) => {
      const host = document.querySelector(sel)!
      const box = host.getBoundingClientRect()
      const all = Array.from(host.shadowRoot!.querySelectorAll('*'))
      // Rendered, and not visually hidden on purpose (the screen-reader-only `clip-path` texts).
      const visible = all.filter(
        (e) => e.checkVisibility() && getComputedStyle(e).clipPath === 'none',
      )
      const name = (e: Element) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
      return {
        print: matchMedia('print').matches,
        width: box.width,
        shown: visible.filter((e) => e.matches('button, form, input, textarea')).map(name),
        overflowing: visible
          .filter((e) => {
            const r = e.getBoundingClientRect()
            return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)
          })
          .map(name),
        clipped: visible
          .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
          .map(name),
        links: visible
          .filter((e) => e.matches('a[href]'))
          .map((a) => getComputedStyle(a, '::after').content),
      }
    }, selector)
  } finally {
    await page.emulateMedia({ media: null })
  }
}

/**
 * The console's accessibility audit (test/e2e/axe.ts) on the test frame: axe-core in the page,
 * through every open shadow root; fails with each serious or critical violation, and when axe
 * did not reach `seen` (an element inside the widget's shadow root). `screen` names the screen
 * in the failure message.
 */
const axe: BrowserCommand<[screen: string, seen: string]> = async (ctx, screen, seen) => {
  if (ctx.provider.name !== 'playwright') throw new Error('axe needs playwright')
  expectNoBlocking(await audit(await ctx.frame()), screen, seen)
}

/**
 * What Chromium logged as an error in a session's page: `console.error` calls, messages of its
 * own (an invalid `pattern`, a CSP refusal, a failed resource) and uncaught exceptions and
 * rejections. Kept per page from the first `consoleErrors` call on.
 */
const logged = new WeakMap<Page, string[]>()

/**
 * Returns the errors logged since the last call and forgets them (see browser-setup.ts). A
 * round trip to the frame first: Chromium's messages come over the same connection, so any
 * logged before the test ended have arrived.
 */
const consoleErrors: BrowserCommand<[]> = async (ctx) => {
  if (ctx.provider.name !== 'playwright') throw new Error('consoleErrors needs playwright')
  const page = ctx.page
  let errors = logged.get(page)
  if (!errors) {
    const list: string[] = (errors = [])
    logged.set(page, list)
    page.on('console', (m) => {
      if (m.type() === 'error') list.push(m.text())
    })
    page.on('pageerror', (e) => list.push(`uncaught ${e.stack ?? e.message}`))
  }
  await (await ctx.frame()).evaluate(() => 0)
  return errors.splice(0)
}

export default defineProject({
  root: import.meta.dirname,
  define: { __LEADLINE_VERSION__: JSON.stringify('test') },
  test: {
    name: 'browser',
    include: ['src/**/*.test.ts'],
    // Fails any test during which the page logged an error (see src/browser-setup.ts).
    setupFiles: ['./src/browser-setup.ts'],
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
      commands: { printScreenshot, printLayout, axe, consoleErrors },
    },
  },
})
