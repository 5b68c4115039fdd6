/**
 * No request chains on the demo store (a form, a quiz and a booking), read from the browser's
 * Resource Timing: once embed.js runs, every component chunk, the chunks they import, and each
 * element's first requests (the config, the quiz, the booking settings and its first month of
 * slots) start before the first of them has finished, and none is asked for twice.
 */
import { describe, expect, inject, it } from 'vitest'
import { useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

interface Timing {
  name: string
  start: number
  end: number
}

describe('the loader on the demo store', () => {
  it('starts the chunks, their imports and the first requests of every widget at once', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/`)
    await expect.poll(() => page.locator('leadline-form').getByLabel('Ad Soyad').count()).toBe(1)
    const booking = page.locator('leadline-booking')
    await expect.poll(() => booking.locator('td[data-day]').count()).toBeGreaterThan(27)
    await expect
      .poll(() => page.locator('leadline-quiz').locator('fieldset, form').count())
      .toBeGreaterThan(0)
    await page.waitForLoadState('networkidle')

    const timings = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({
        name: new URL(e.name).pathname + new URL(e.name).search,
        start: e.startTime,
        end: (e as PerformanceResourceTiming).responseEnd,
      })),
    )
    const site = '/v1/sites/pk_demoAnadoluTekstil2026/'
    const chunks = timings.filter((t) => t.name.startsWith('/chunks/'))
    const first = (path: string) => timings.filter((t) => t.name === path)
    // The first month of slots: asked for without a type, before the settings name one.
    const slots = timings.filter((t) => t.name.startsWith(site + 'slots?'))
    const firstMonth = slots.filter((t) => !t.name.includes('type='))
    const starts: Timing[] = [
      ...chunks.filter((t) => !t.name.includes('validation')),
      ...first(site + 'config'),
      ...first(site + 'quiz'),
      ...first(site + 'booking'),
      ...firstMonth,
    ]
    const names = starts.map((t) => t.name.replace(/-[\w-]{8}\.js$/, '.js').replace(/\?.*/, ''))
    expect(names.sort()).toEqual(
      [
        '/chunks/booking.js',
        '/chunks/form.js',
        '/chunks/lit.js',
        '/chunks/quiz.js',
        // One per element that shows the store's config: the form, the quiz and the booking.
        site + 'config',
        site + 'config',
        site + 'config',
        site + 'quiz',
        site + 'booking',
        site + 'slots',
      ].sort(),
    )
    // The booking took the first month it was sent: the same range was not asked for again.
    const range = firstMonth[0]!.name.split('?')[1]!
    expect(slots.filter((t) => t.name.endsWith(range))).toHaveLength(1)

    const lastStart = Math.max(...starts.map((t) => t.start))
    const firstEnd = Math.min(...starts.map((t) => t.end))
    const table = starts.map((t) => `${t.name} ${t.start.toFixed(1)}–${t.end.toFixed(1)}`)
    expect(lastStart, table.join('\n')).toBeLessThan(firstEnd)
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
