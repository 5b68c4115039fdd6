/**
 * The admin console's accessibility audit (issue 8): axe-core in Chromium against the real
 * `wrangler dev`, on the sign-in screen, the pipeline board after signing in with the owner's key
 * (with a lead captured first, so there is a card) and the board's reason dialog opened by
 * keyboard. No violation may be serious or critical. Axe reads open shadow roots by default, so
 * it sees inside the console's Lit elements.
 */
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { audit, expectNoBlocking } from './axe'
import { captureLead, useBrowser } from './helpers'

const browser = useBrowser()
describe('the admin console accessibility audit', () => {
  let context: BrowserContext
  beforeAll(async () => {
    // bypassCSP for this test only: the console's CSP (script-src 'self') would block the axe
    // script that addScriptTag injects inline. The CSP itself is checked in console.test.ts.
    context = await browser().newContext({ bypassCSP: true })
  })
  afterAll(async () => {
    await context?.close()
  })

  it('has no serious or critical violations on the sign-in, the board and the reason dialog', async () => {
    const name = `Erişilebilir Deniz ${Date.now().toString(36)}`
    await captureLead(name, 'a11y')
    const page = await context.newPage()
    await page.goto(`${inject('baseUrl')}/admin`)

    const keyInput = page.getByLabel('Yönetim anahtarı')
    await keyInput.waitFor()
    expectNoBlocking(await audit(page), 'the sign-in screen', 'leadline-sign-in')

    await keyInput.fill(inject('ownerKey'))
    await page.getByRole('button', { name: 'Giriş yap' }).click()
    const card = page.locator('section[data-stage="lead"] [data-lead]', { hasText: name })
    await card.waitFor()
    await expect.poll(() => page.locator('leadline-board [role="status"]').textContent()).toBe('')
    expectNoBlocking(await audit(page), 'the pipeline board', 'leadline-board')

    await card.focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.locator('leadline-board dialog[open]').waitFor()
    expectNoBlocking(await audit(page), 'the reason dialog', '#reason')
    await page.close()
  })
})
