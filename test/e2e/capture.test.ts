/**
 * A visitor fills the demo store's form in Chromium; the lead then exists, at stage `lead`, with
 * its contact, consent and campaign data, both through the admin API and in D1 itself.
 */
import { describe, expect, inject, it } from 'vitest'
import {
  admin,
  d1,
  HUMAN_FILL_MS,
  useBrowser,
  sqlText,
  uniqueEmail,
  watchProblems,
  nextEvent,
} from './helpers'

const browser = useBrowser()

interface LeadDetail {
  lead: {
    id: string
    stage: string
    status: string
    spam: boolean
    message: string | null
    source: { pageUrl: string | null; utm: Record<string, string> }
  }
  contact: {
    name: string | null
    email: string | null
    phone: string | null
    company: string | null
  }
  consents: { channel: string; granted: boolean; textVersion: string }[]
  stageEvents: { from?: string | null; to: string }[]
}

describe('lead capture from the demo store', () => {
  it('stores a submitted lead at stage lead with contact, consent and UTM data', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    const email = uniqueEmail('zeynep')
    await page.goto(
      `${inject('baseUrl')}/?utm_source=newsletter&utm_medium=email&utm_campaign=bahar2026`,
    )

    await page.getByLabel('Ad Soyad').fill('Zeynep Kaya')
    const shownAt = Date.now()
    await page.getByRole('textbox', { name: 'E-posta' }).fill(email)
    await page.getByRole('textbox', { name: 'Telefon' }).fill('0532 123 45 67')
    await page.getByLabel('Şirket').fill('Kaya Otelcilik A.Ş.')
    await page.getByLabel('Mesajınız').fill('Otelimiz için 800 adet havlu numunesi istiyoruz.')
    await page.getByRole('checkbox', { name: 'E-posta' }).check()
    await page.getByRole('checkbox', { name: 'Telefon' }).check()

    const success = nextEvent<{ leadId: string; channels: string[] }>(page, 'leadline-success')
    await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
    await page.getByRole('button', { name: 'Gönder' }).click()

    const detail = await success
    await expect
      .poll(() => page.locator('leadline-form').getByRole('status').last().textContent())
      .toContain('Teşekkürler')
    expect(detail.leadId).toMatch(/\S/)
    expect(detail.channels.sort()).toEqual(['email', 'phone'])
    expect(problems.errors).toEqual([])
    await page.close()

    // The admin API: in the list, and in full with contact, consents and source.
    const list = await admin<{ items: { id: string; stage: string }[] }>(
      '/admin/api/leads?stage=lead&limit=100',
    )
    expect(list.items.map((l) => l.id)).toContain(detail.leadId)
    const full = await admin<LeadDetail>(`/admin/api/leads/${detail.leadId}`)
    expect(full.lead).toMatchObject({
      id: detail.leadId,
      stage: 'lead',
      status: 'open',
      spam: false,
    })
    expect(full.lead.message).toBe('Otelimiz için 800 adet havlu numunesi istiyoruz.')
    expect(full.lead.source.utm).toEqual({
      source: 'newsletter',
      medium: 'email',
      campaign: 'bahar2026',
    })
    expect(full.lead.source.pageUrl).toContain('utm_campaign=bahar2026')
    expect(full.contact).toMatchObject({
      name: 'Zeynep Kaya',
      email,
      phone: '+905321234567',
      company: 'Kaya Otelcilik A.Ş.',
    })
    const granted = Object.fromEntries(full.consents.map((c) => [c.channel, c.granted]))
    expect(granted).toEqual({ email: true, sms: false, phone: true })
    expect(full.consents.every((c) => c.textVersion === '2026-01')).toBe(true)
    expect(full.stageEvents.map((e) => e.to)).toEqual(['lead'])

    // D1 itself: one lead row for this person, scoped to the demo store, and its consent rows.
    const rows = await d1<{
      id: string
      stage: string
      site_id: string
      utm: string
      email: string
    }>(
      `SELECT l.id, l.stage, l.site_id, l.utm, c.email FROM leads l JOIN contacts c ON c.id = l.contact_id
       WHERE c.email = ${sqlText(email)}`,
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: detail.leadId, stage: 'lead', site_id: inject('siteId') })
    expect(JSON.parse(rows[0]!.utm)).toMatchObject({ source: 'newsletter', campaign: 'bahar2026' })
    const consentRows = await d1<{ channel: string; granted: number }>(
      `SELECT channel, granted FROM consents WHERE lead_id = ${sqlText(detail.leadId)} ORDER BY channel`,
    )
    expect(consentRows).toEqual([
      { channel: 'email', granted: 1 },
      { channel: 'phone', granted: 1 },
      { channel: 'sms', granted: 0 },
    ])
  })
})
