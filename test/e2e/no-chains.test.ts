/**
 * No request chains on the demo store (a form, a quiz and a booking), read from the browser's
 * Resource Timing: the chunks the component chunks import start before any component chunk has
 * arrived (the loader's modulepreload, not the chunk's own import), each element's first requests
 * (the config, the quiz, the booking settings and its first month of slots) start before any
 * element is even defined (the loader's, not the element's), and none is asked for twice. Both are
 * orderings, not durations, so a loaded machine cannot make them pass or fail by chance.
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
    // When each element's class is defined: its chunk has arrived and run by then.
    await page.addInitScript(() => {
      const at: Record<string, number> = ((window as unknown as { defined: object }).defined = {})
      for (const tag of ['leadline-form', 'leadline-quiz', 'leadline-booking']) {
        void customElements.whenDefined(tag).then(() => (at[tag] = performance.now()))
      }
    })
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

    const defined = await page.evaluate(() =>
      Object.values((window as unknown as { defined: Record<string, number> }).defined),
    )
    expect(defined).toHaveLength(3)
    const table = starts
      .map((t) => `${t.name} ${t.start.toFixed(1)}–${t.end.toFixed(1)}`)
      .join('\n')
    const components = chunks.filter((t) => /\/(form|quiz|booking)\.js$/.test(t.name))
    const imported = chunks.filter((t) => /\/lit-[\w-]{8}\.js$/.test(t.name))
    expect(imported.length * components.length).toBeGreaterThan(0)
    for (const dep of imported) {
      expect(dep.start, table).toBeLessThan(Math.min(...components.map((t) => t.end)))
    }
    const requests = starts.filter((t) => t.name.startsWith('/v1/'))
    expect(Math.max(...requests.map((t) => t.start)), table).toBeLessThan(Math.min(...defined))
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
