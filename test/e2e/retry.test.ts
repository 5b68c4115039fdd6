/**
 * A visitor on a flaky network: the first two attempts of `POST /v1/leads` never reach the
 * server. The form shows that it is still sending, retries with the same Idempotency-Key, and the
 * store ends up with exactly one lead.
 */
import type { Browser, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  admin,
  d1,
  HUMAN_FILL_MS,
  launchChromium,
  sqlText,
  uniqueEmail,
  watchProblems,
} from './helpers'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe('capture on a flaky network', () => {
  it('keeps retrying after two dropped attempts and stores the lead once', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    const attempts: { key: string | undefined; body: string | null; dropped: boolean }[] = []
    await page.route('**/v1/leads', async (route: Route) => {
      const request = route.request()
      if (request.method() !== 'POST') return route.continue()
      const dropped = attempts.filter((a) => a.dropped).length < 2
      attempts.push({
        key: request.headers()['idempotency-key'],
        body: request.postData(),
        dropped,
      })
      return dropped ? route.abort('internetdisconnected') : route.continue()
    })
    const email = uniqueEmail('murat')
    await page.goto(`${inject('baseUrl')}/`)

    await page.getByLabel('Ad Soyad').fill('Murat Şahin')
    const shownAt = Date.now()
    await page.getByRole('textbox', { name: 'E-posta' }).fill(email)
    await page.getByLabel('Şirket').fill('Şahin Butik')
    await page.getByRole('checkbox', { name: 'E-posta' }).check()
    const success = page.evaluate(
      () =>
        new Promise<{ leadId: string }>((resolve) =>
          document.addEventListener('leadline-success', (e) => resolve((e as CustomEvent).detail), {
            once: true,
          }),
        ),
    )
    await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
    await page.getByRole('button', { name: 'Gönder' }).click()

    // The visitor sees that the submission is waiting for the network, not an error.
    const status = page.locator('leadline-form').getByRole('status').last()
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toContain('bağlantı bekleniyor')
    // Backoff after two failures is at most 1 s + 2 s (plus jitter); 20 s is ample.
    const succeeded = await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toContain('Teşekkürler')
      .then(
        () => true,
        () => false,
      )
    // Without success the event never comes; do not wait for it, and let close() end it quietly.
    success.catch(() => undefined)
    const detail = succeeded ? await success : undefined
    await page.close()

    // Three attempts of one submission: same key, same bytes (the server hashes the body).
    expect(
      attempts.map((a) => a.dropped),
      'POST /v1/leads attempts (true = dropped)',
    ).toEqual([true, true, false])
    expect(succeeded, 'the visitor saw the success message').toBe(true)
    const leadId = detail?.leadId
    expect(new Set(attempts.map((a) => a.key)).size).toBe(1)
    expect(attempts[0]!.key).toMatch(/^[\x21-\x7e]{8,255}$/)
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1)
    // A network failure must not read as a broken page.
    expect(problems.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([])

    const found = await admin<{ items: { id: string }[] }>(
      `/admin/api/leads?q=${encodeURIComponent(email)}&limit=100`,
    )
    expect(found.items.map((l) => l.id)).toEqual([leadId])
    const [row] = await d1<{ leads: number; contacts: number }>(
      `SELECT COUNT(DISTINCT l.id) AS leads, COUNT(DISTINCT c.id) AS contacts
       FROM contacts c LEFT JOIN leads l ON l.contact_id = c.id WHERE c.email = ${sqlText(email)}`,
    )
    expect(row).toEqual({ leads: 1, contacts: 1 })
  })
})
