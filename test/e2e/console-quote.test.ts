/**
 * The quote editor and the quotes panel of the admin console (issue 8) against the real
 * `wrangler dev`: on a captured lead's page a rep builds a two-line quote by keyboard, the live
 * total is the one the API stores, sending shows the link once and moves the lead to `proposal`;
 * the visitor accepts through the public API, the invoice appears in the panel, and marking it
 * paid closes the lead `won`. Axe audits the panel and the open editor.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { audit, expectNoBlocking } from './axe'
import { admin, captureLead, openConsole, useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

interface AdminQuote {
  id: string
  status: string
  totals: { totalMinor: number }
}

/** The lead's page, waiting until the quotes panel has loaded. */
async function openLead(page: Page, leadId: string) {
  await openConsole(page, `/admin/leads/${leadId}`)
  const panel = page.locator('leadline-lead-quotes')
  await panel.getByText('Bu adayın henüz teklifi yok.').waitFor()
  return panel
}

/** Focuses a field by its label and types into it, as a person with a keyboard would. */
async function type(page: Page, scope: ReturnType<Page['locator']>, label: string, text: string) {
  await scope.getByLabel(label, { exact: true }).focus()
  await page.keyboard.type(text)
}

describe('quotes in the admin console', () => {
  it('builds, sends and invoices a quote on the lead page', async () => {
    const leadId = await captureLead(`Teklifli Deniz ${Date.now().toString(36)}`, 'cquote')
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    const panel = await openLead(page, leadId)

    await panel.getByRole('button', { name: 'Yeni teklif' }).focus()
    await page.keyboard.press('Enter')
    const editor = panel.locator('leadline-quote-editor')
    await expect
      .poll(() =>
        editor
          .locator('#title')
          .evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement),
      )
      .toBe(true)
    await page.keyboard.type('Otel havlusu teklifi')
    await type(page, editor, 'Müşterinin sorunlarının özeti', 'Havlular **6 ayda** yıpranıyor.')
    const line1 = editor.locator('fieldset.line').nth(0)
    await type(page, line1, 'Ürün / hizmet', 'Otel havlusu 50×90')
    await type(page, line1, 'Miktar', '800')
    await type(page, line1, 'Birim', 'adet')
    await type(page, line1, 'Birim fiyat', '89,90')

    await editor.getByRole('button', { name: 'Kalem ekle' }).focus()
    await page.keyboard.press('Enter')
    // Focus is on the new line's first field: typing goes there.
    await page.keyboard.type('Logo nakışı')
    const line2 = editor.locator('fieldset.line').nth(1)
    await type(page, line2, 'Miktar', '800')
    await type(page, line2, 'Birim', 'adet')
    await type(page, line2, 'Birim fiyat', '12,50')
    await line2.getByLabel('İndirim türü').selectOption('percent')
    await type(page, line2, 'İndirim', '10')
    await line2.getByLabel('Vergi oranı').selectOption('1000')
    const liveTotal = await editor.locator('[data-total="total"]').textContent()

    await editor.getByRole('button', { name: 'Taslağı kaydet' }).focus()
    await page.keyboard.press('Enter')
    await panel.locator('[data-status]', { hasText: 'Taslak' }).waitFor()
    const { items } = await admin<{ items: AdminQuote[] }>(`/admin/api/leads/${leadId}/quotes`)
    expect(items).toHaveLength(1)
    const stored = items[0]!
    // 800 × 89,90 at KDV 20 % + 800 × 12,50 − 10 % at KDV 10 %, as the worker priced it.
    const storedTotal = await page.evaluate(
      (minor) =>
        new Intl.NumberFormat('tr', { style: 'currency', currency: 'TRY' }).format(minor / 100),
      stored.totals.totalMinor,
    )
    expect(liveTotal).toBe(storedTotal)
    expect(stored.totals.totalMinor).toBe(8_630_400 + 990_000)

    await panel.getByRole('button', { name: 'Gönder' }).focus()
    await page.keyboard.press('Enter')
    const link = panel.getByLabel('Teklif bağlantısı')
    await link.waitFor()
    const url = await link.inputValue()
    // The demo store's own quote page, with the link's token.
    expect(url).toMatch(/\/teklif\/\?leadline_quote=[A-Za-z0-9]{32}$/)
    await expect
      .poll(
        async () =>
          (await admin<{ quote: AdminQuote }>(`/admin/api/quotes/${stored.id}`)).quote.status,
      )
      .toBe('sent')
    const lead = await admin<{ lead: { stage: string } }>(`/admin/api/leads/${leadId}`)
    expect(lead.lead.stage).toBe('proposal')
    await panel.getByRole('button', { name: 'Tamam' }).click()
    expect(await panel.getByText(url).count()).toBe(0)

    const base = inject('baseUrl')
    const accepted = await fetch(`${base}/v1/quotes/${url.match(/[A-Za-z0-9]{32}$/)![0]}/accept`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: new URL(base).origin,
        'Idempotency-Key': `cquote-${Date.now()}`,
      },
      body: JSON.stringify({ fullName: 'Deniz Kaya', acceptTerms: true, revision: 1 }),
    })
    expect(accepted.status).toBe(200)

    await panel.getByRole('button', { name: 'Yenile' }).click()
    const invoiceStatus = panel.locator('[data-invoice-status]')
    await expect.poll(() => invoiceStatus.textContent()).toBe('Ödenmedi')
    await panel.getByRole('button', { name: 'Ödendi olarak işaretle' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => invoiceStatus.textContent()).toBe('Ödendi')
    const won = await admin<{ lead: { status: string } }>(`/admin/api/leads/${leadId}`)
    expect(won.lead.status).toBe('won')
    expect(problems.errors).toEqual([])
    await page.close()
  })

  describe('accessibility', () => {
    let page: Page
    beforeAll(async () => {
      // bypassCSP: the console's CSP would block the axe script injected inline.
      page = await (await browser().newContext({ bypassCSP: true })).newPage()
    })
    afterAll(async () => {
      await page?.context().close()
    })

    it('has no serious or critical violations on the editor, the panel and the link dialog', async () => {
      const leadId = await captureLead(`Erişilebilir Teklif ${Date.now().toString(36)}`, 'cqa11y')
      const panel = await openLead(page, leadId)
      await panel.getByRole('button', { name: 'Yeni teklif' }).click()
      const editor = panel.locator('leadline-quote-editor')
      await editor.locator('#lines-0-name').waitFor()
      await type(page, editor, 'Başlık', 'Erişilebilir teklif')
      await type(page, editor, 'Ürün / hizmet', 'Kurulum')
      await type(page, editor, 'Miktar', '2')
      await type(page, editor, 'Birim', 'saat')
      await type(page, editor, 'Birim fiyat', '1.500')
      expectNoBlocking(await audit(page), 'the quote editor', '#title')

      // The panel with the draft listed, and the dialog that shows the sent link once.
      await editor.getByRole('button', { name: 'Kaydet ve gönder' }).click()
      await panel.getByLabel('Teklif bağlantısı').waitFor()
      await expect.poll(() => panel.locator('[data-status]').textContent()).toBe('Gönderildi')
      expectNoBlocking(await audit(page), 'the quotes panel and its link dialog', '#link')
    })
  })
})
