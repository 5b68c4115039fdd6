/**
 * The demo store's `<leadline-form>` submitted every way a real page submits it: by the store's
 * own script (`form.requestSubmit()`, `click()` on the button), with Enter in a field, while the
 * lazily loaded validation chunk is still on its way (held back for seconds), and offline (the
 * chunk lost on the way too), then back online. Each time the run's D1 holds exactly one lead for the visitor's e-mail, and the
 * page saw no uncaught error.
 */
import type { BrowserContext, Page, Route } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import {
  d1,
  HUMAN_FILL_MS,
  sqlText,
  uniqueEmail,
  useBrowser,
  watchProblems,
  type PageProblems,
} from './helpers'

const browser = useBrowser()
let context: BrowserContext | undefined
let visitors = 0

afterEach(async () => {
  await context?.close()
  context = undefined
})

/**
 * A visitor's page on the demo store, from a client address of its own so the capture rate
 * limit of one test never meets another's.
 */
async function open(): Promise<{ page: Page; problems: PageProblems }> {
  context = await browser().newContext()
  visitors += 1
  await context.setExtraHTTPHeaders({
    'CF-Connecting-IP': `10.77.${Math.floor(Math.random() * 250)}.${visitors}`,
  })
  const page = await context.newPage()
  const problems = await watchProblems(page)
  return { page, problems }
}

/** Opens the store page and fills the form like a person; waits out the minimum fill time. */
async function fill(page: Page, email: string) {
  await page.goto(`${inject('baseUrl')}/`)
  const form = page.locator('leadline-form')
  await form.getByLabel('Ad Soyad').fill('Deniz Arslan')
  const shownAt = Date.now()
  await form.getByRole('textbox', { name: 'E-posta' }).fill(email)
  await form.getByRole('checkbox', { name: 'E-posta' }).check()
  await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
}

const status = (page: Page) => page.locator('leadline-form').getByRole('status').last()

/** Waits for the thank-you, then counts this visitor's leads in D1. */
async function expectOneLead(page: Page, email: string) {
  await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toContain('Teşekkürler')
  // Time for a second submission to land, were there one.
  await page.waitForTimeout(500)
  const rows = await d1<{ leads: number }>(
    `SELECT COUNT(l.id) AS leads FROM contacts c JOIN leads l ON l.contact_id = c.id
     WHERE c.email = ${sqlText(email)} AND l.site_id = ${sqlText(inject('siteId'))}`,
  )
  expect(rows).toEqual([{ leads: 1 }])
}

describe('the demo form submitted any way', () => {
  it("stores one lead when the store's script calls form.requestSubmit() twice", async () => {
    const { page, problems } = await open()
    const email = uniqueEmail('requestsubmit')
    await fill(page, email)
    await page.locator('leadline-form form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit()
      form.requestSubmit()
    })
    await expectOneLead(page, email)
    expect(problems.errors).toEqual([])
  })

  it("stores one lead when the store's script clicks the submit button", async () => {
    const { page, problems } = await open()
    const email = uniqueEmail('scriptclick')
    await fill(page, email)
    await page
      .locator('leadline-form [part="submit-button"]')
      .evaluate((button: HTMLButtonElement) => button.click())
    await expectOneLead(page, email)
    expect(problems.errors).toEqual([])
  })

  it('stores one lead when the visitor presses Enter in the e-mail field', async () => {
    const { page, problems } = await open()
    const email = uniqueEmail('enter')
    await fill(page, email)
    await page.locator('leadline-form').getByRole('textbox', { name: 'E-posta' }).press('Enter')
    await expectOneLead(page, email)
    expect(problems.errors).toEqual([])
  })

  it('stores one lead when the visitor submits while the validation chunk is held back', async () => {
    const { page, problems } = await open()
    const email = uniqueEmail('slowchunk')
    const served: number[] = []
    const posted: number[] = []
    // A slow phone network: the chunk arrives 4 s after it is asked for (on the first focus).
    await page.route('**/chunks/validation-*.js', async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 4000))
      served.push(Date.now())
      await route.continue()
    })
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/leads')) posted.push(Date.now())
    })
    await fill(page, email)
    expect(served, 'the chunk is still on its way at the submit').toEqual([])
    // A visitor who taps Send twice, impatient.
    await page.locator('leadline-form').getByRole('button', { name: 'Gönder' }).click()
    await page.locator('leadline-form form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit()
    })
    await expect.poll(() => status(page).textContent()).toContain('Gönderiliyor')
    await expectOneLead(page, email)
    expect(served).toHaveLength(1)
    expect(posted).toHaveLength(1)
    // Validated with the chunk once it came, not sent past it.
    expect(posted[0]!).toBeGreaterThanOrEqual(served[0]!)
    expect(problems.errors).toEqual([])
  })

  it('queues one lead offline and stores it once when the visitor is back online', async () => {
    const { page, problems } = await open()
    const email = uniqueEmail('offline')
    // The network goes while the visitor fills the form: the validation chunk, asked for on the
    // first focus, is still on its way at the submit and never arrives.
    await page.route('**/chunks/validation-*.js', async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 4000))
      await route.abort('internetdisconnected')
    })
    await fill(page, email)
    await context!.setOffline(true)
    await page.locator('leadline-form').getByRole('button', { name: 'Gönder' }).click()
    await expect
      .poll(() => status(page).textContent(), { timeout: 10_000 })
      .toContain('bağlantı bekleniyor')
    // Another try while offline (a script, or the visitor) adds nothing to the queue.
    await page.locator('leadline-form form').evaluate((form: HTMLFormElement) => {
      form.requestSubmit()
    })
    const queued = await page.evaluate(() =>
      (JSON.parse(localStorage.getItem('leadline:outbox:v1') ?? '[]') as { url: string }[]).filter(
        (s) => s.url.endsWith('/v1/leads'),
      ),
    )
    expect(queued).toHaveLength(1)
    expect(await d1(`SELECT id FROM contacts WHERE email = ${sqlText(email)}`)).toEqual([])

    await context!.setOffline(false)
    await expectOneLead(page, email)
    // Requests made while offline fail as such; nothing else may go wrong.
    expect(problems.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([])
  })
})
