/**
 * Every link in a message opens a page a person can use, followed from the message the fake
 * provider captured, in Chromium, on a store without pages of its own (no booking page, no
 * quote page): a booking made in the console is rescheduled from its confirmation's link and
 * cancelled from the calendar invite's cancel link; a booking made with the widget on the
 * hosted page is cancelled from its link; a sent quote is accepted from its e-mail; and a
 * sequence's `{{bookingLink}}`, `{{quoteLink}}` and unsubscribe link each open a working page.
 * None of them is the JSON API.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { FakeEmail, FakeInspection } from '../fakes/providers.mjs'
import { runMinuteCron } from '../../scripts/lib/dev-server.mjs'
import {
  adminCall,
  captureLead,
  d1,
  freshStore,
  nextEvent,
  openFirstFreeDay,
  sqlText,
  useBrowser,
  watchProblems,
  explained,
} from './helpers'

const browser = useBrowser()
let store: { siteKey: string; ownerKey: string }

beforeAll(async () => {
  store = await freshStore('Bağlantı Tekstil')
  // E-mail through the fake provider; no booking page and no quote page of the store's own.
  const settings = await adminCall(
    'PUT',
    '/admin/api/messaging/settings',
    {
      email: {
        provider: 'resend',
        from: 'Bağlantı Tekstil <satis@baglanti.example>',
        apiKeySecret: 'RESEND_API_KEY',
      },
      sms: null,
      quietHours: null,
      frequencyCap: { max: 10, days: 1 },
      bookingUrl: null,
      quotePageUrl: null,
      reminderOffsets: [60],
    },
    store.ownerKey,
  )
  expect(settings.status).toBe(200)
})

const as = <T>(method: string, path: string, body?: unknown) =>
  adminCall<T>(method, `/admin/api${path}`, body, store.ownerKey)

async function emailOf(leadId: string): Promise<string> {
  const [row] = await d1<{ email: string }>(
    `SELECT c.email FROM leads l JOIN contacts c ON c.site_id = l.site_id AND c.id = l.contact_id
      WHERE l.id = ${sqlText(leadId)}`,
  )
  return row!.email
}

/** The e-mails the fake provider accepted for `to` whose subject matches, once one arrived. */
async function mailsTo(to: string, subject: RegExp, n = 1): Promise<FakeEmail[]> {
  let mails: FakeEmail[] = []
  await expect
    .poll(
      async () => {
        await runMinuteCron(inject('baseUrl'))
        const seen = (await (
          await fetch(`${inject('fakesUrl')}/_inspect`)
        ).json()) as FakeInspection
        mails = seen.emails.filter((m) => m.to.includes(to) && subject.test(m.subject))
        return mails.length
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBeGreaterThanOrEqual(n)
  return mails
}

/** The href of the e-mail's link to `path` (HTML-decoded). */
function linkIn(mail: FakeEmail, path: string): string {
  const hrefs = [...(mail.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) =>
    m[1]!.replace(/&amp;/g, '&'),
  )
  const found = hrefs.find((h) => new URL(h).pathname.startsWith(path))
  if (!found) throw new Error(`no link to ${path} in: ${hrefs.join(' ')}`)
  expect(found).not.toContain('/v1/')
  return found
}

/** The calendar file's DESCRIPTION line starting with `label`, unfolded (RFC 5545 3.1). */
function inviteLink(mail: FakeEmail, label: 'Reschedule' | 'Cancel'): string {
  const attachments = mail.attachments as { filename: string; content: string }[]
  const ics = Buffer.from(attachments[0]!.content, 'base64')
    .toString('utf8')
    .replace(/\r\n[ \t]/g, '')
  const m = new RegExp(`${label}: (\\S+?)(?:\\\\n|\\r\\n)`).exec(ics)
  if (!m) throw new Error(`no ${label} link in the invite:\n${ics}`)
  expect(m[1]).not.toContain('/v1/')
  return m[1]!
}

async function firstFreeStart(): Promise<string> {
  const from = new Date().toISOString()
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString()
  const res = await as<{ slots: { start: string }[] }>(
    'GET',
    `/slots?type=demo&from=${from}&to=${to}`,
  )
  expect(res.body.slots.length).toBeGreaterThan(0)
  return res.body.slots[0]!.start
}

/** Picks the first day with free times, then its first time, in an open calendar. */
async function pickFirstSlot(page: Page) {
  const booking = page.locator('leadline-booking')
  await openFirstFreeDay(booking)
  await booking.locator('[part~="slot"]').first().click()
}

const bookingStatus = async (leadId: string) =>
  (
    await d1<{ status: string }>(
      `SELECT status FROM bookings WHERE lead_id = ${sqlText(leadId)} ORDER BY created_at`,
    )
  ).map((r) => r.status)

describe('links in messages, followed in Chromium', () => {
  it('a console booking: reschedule from the e-mail, cancel from the calendar invite', async () => {
    const leadId = await captureLead('Nazlı Aydın', 'links-console', { siteKey: store.siteKey })
    const email = await emailOf(leadId)
    const booked = await as('POST', `/leads/${leadId}/bookings`, {
      type: 'demo',
      start: await firstFreeStart(),
      timeZone: 'Europe/Istanbul',
    })
    expect(booked.status).toBe(201)
    const [confirmation] = await mailsTo(email, /onaylandı/)
    const manage = linkIn(confirmation!, `/b/${store.siteKey}`)

    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(manage)
    const booking = page.locator('leadline-booking')
    await expect.poll(() => booking.getByText('Randevunuz', { exact: true }).count()).toBe(1)
    expect(await page.title()).toBe('Görüşme — Bağlantı Tekstil')
    await booking.getByRole('link', { name: 'Saati değiştir' }).click()
    await pickFirstSlot(page)
    await booking.getByRole('button', { name: 'Saati değiştir' }).click()
    await explained(page, problems, () =>
      expect
        .poll(() => booking.getByText('Randevunuzun saati değiştirildi').count())
        .toBeGreaterThan(0),
    )
    expect(problems.errors).toEqual([])
    await page.close()

    // The move sends a new confirmation; its invite's cancel link opens the cancel form at once.
    const mails = await mailsTo(email, /onaylandı/, 2)
    const moved = mails.find((m) => linkIn(m, '/b/') !== manage)!
    const cancelLink = inviteLink(moved, 'Cancel')
    expect(cancelLink).toContain('leadline_action=cancel')
    const second = await browser().newPage()
    const secondProblems = await watchProblems(second)
    await second.goto(cancelLink)
    const again = second.locator('leadline-booking')
    const cancelled = nextEvent<{ bookingId: string }>(second, 'leadline-cancelled')
    await again.getByRole('button', { name: 'İptal et', exact: true }).click()
    await cancelled
    await expect.poll(() => again.getByText('Randevunuz iptal edildi').count()).toBeGreaterThan(0)
    expect(secondProblems.errors).toEqual([])
    await second.close()
    expect(await bookingStatus(leadId)).toEqual(['cancelled'])
    await mailsTo(email, /iptal/)

    // The first link died with the move: a page saying so in both languages, not JSON.
    const old = await fetch(manage)
    expect(old.status).toBe(404)
    expect(old.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await old.text()).toContain('This booking link is not valid.')
  })

  it('a widget booking on the hosted page: cancel from its confirmation link', async () => {
    const leadId = await captureLead('Kerem Uslu', 'links-widget', { siteKey: store.siteKey })
    const email = await emailOf(leadId)
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/b/${store.siteKey}?lead=${leadId}`)
    const booking = page.locator('leadline-booking')
    await pickFirstSlot(page)
    const booked = nextEvent<{ bookingId: string }>(page, 'leadline-booked')
    await booking.getByRole('button', { name: 'Randevuyu onayla' }).click()
    await booked
    expect(problems.errors).toEqual([])
    await page.close()
    expect(await bookingStatus(leadId)).toEqual(['confirmed'])

    const [confirmation] = await mailsTo(email, /onaylandı/)
    const manage = linkIn(confirmation!, `/b/${store.siteKey}`)
    expect(new URL(manage).searchParams.get('leadline_booking')).toMatch(/^[A-Za-z0-9]{32}$/)
    const second = await browser().newPage()
    const secondProblems = await watchProblems(second)
    await second.goto(manage)
    const view = second.locator('leadline-booking')
    await view.getByRole('link', { name: 'Randevuyu iptal et' }).click()
    await view.getByRole('button', { name: 'İptal et', exact: true }).click()
    await expect.poll(() => view.getByText('Randevunuz iptal edildi').count()).toBeGreaterThan(0)
    expect(secondProblems.errors).toEqual([])
    await second.close()
    expect(await bookingStatus(leadId)).toEqual(['cancelled'])
  })

  it("a quote's e-mail and a sequence's booking, quote and unsubscribe links", async () => {
    const leadId = await captureLead('Selin Oral', 'links-quote', { siteKey: store.siteKey })
    const email = await emailOf(leadId)
    const draft = await as<{ id: string }>('POST', `/leads/${leadId}/quotes`, {
      title: 'Otel havlusu teklifi',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sections: { problems: [], solutions: [], timeline: [], faq: [] },
      lines: [
        {
          name: 'Havlu',
          unit: 'adet',
          quantityMilli: 50_000,
          unitPriceMinor: 9_000,
          taxRateBps: 2000,
        },
      ],
    })
    expect(draft.status).toBe(201)
    expect((await as('POST', `/quotes/${draft.body.id}/send`)).status).toBe(200)

    // A sequence that cites all three links, enrolled by hand; the cron sends its e-mail.
    const template = await as<{ id: string }>('POST', '/templates', {
      name: 'Bağlantılar',
      channel: 'email',
      subject: { tr: '{{firstName}}, bağlantılarınız', en: '{{firstName}}, your links' },
      body: {
        tr: '<p><a href="{{quoteLink}}">Teklifiniz</a></p><p><a href="{{bookingLink}}">Randevu</a></p>',
        en: '<p><a href="{{quoteLink}}">Your quote</a></p><p><a href="{{bookingLink}}">Book</a></p>',
      },
    })
    const sequence = await as<{ id: string }>('POST', '/sequences', {
      name: 'Bağlantılar',
      trigger: { on: 'manual' },
      steps: [{ kind: 'send', channel: 'email', templateId: template.body.id }],
    })
    expect(sequence.status).toBe(201)
    const enrolled = await as('POST', `/sequences/${sequence.body.id}/enrollments`, { leadId })
    expect(enrolled.status).toBe(201)

    const [quoteMail] = await mailsTo(email, /Otel havlusu teklifi/)
    const quoteLink = linkIn(quoteMail!, '/q/')
    const [nurture] = await mailsTo(email, /bağlantılarınız/)
    expect(linkIn(nurture!, '/q/')).toBe(quoteLink)
    const bookingLink = linkIn(nurture!, `/b/${store.siteKey}`)
    const unsubscribe = linkIn(nurture!, '/u/')

    // The quote: read and accepted on the page this worker hosts.
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(quoteLink)
    const quote = page.locator('leadline-quote')
    await expect.poll(() => quote.getByText('Otel havlusu teklifi').count()).toBeGreaterThan(0)
    await quote.getByLabel('Adınız soyadınız').fill('Selin Oral')
    await quote
      .getByRole('checkbox', { name: 'Teklifi ve koşullarını okudum, kabul ediyorum.' })
      .check()
    await quote.getByRole('button', { name: 'Teklifi kabul et' }).click()
    await explained(page, problems, () =>
      expect.poll(() => quote.getByText('Teklif kabul edildi').count()).toBeGreaterThan(0),
    )

    // The booking link opens the calendar for this lead.
    await page.goto(bookingLink)
    const booking = page.locator('leadline-booking')
    await explained(page, problems, () =>
      expect
        .poll(() => booking.locator('[part~="day"]:not([aria-disabled="true"])').count())
        .toBeGreaterThan(0),
    )
    expect(problems.errors).toEqual([])

    // The unsubscribe link asks, and its button withdraws the e-mail consent.
    await page.goto(unsubscribe)
    await page.getByRole('button', { name: 'Aboneliğimi sonlandır' }).click()
    await expect.poll(() => page.getByText('ticari ileti göndermeyecek').count()).toBe(1)
    await page.close()
    const consent = await d1<{ granted: number }>(
      `SELECT k.granted FROM consents k JOIN leads l ON l.site_id = k.site_id AND l.contact_id = k.contact_id
        WHERE l.id = ${sqlText(leadId)} AND k.channel = 'email' ORDER BY k.created_at DESC, k.rowid DESC LIMIT 1`,
    )
    expect(consent).toEqual([{ granted: 0 }])
    const lead = await as<{ lead: { stage: string } }>('GET', `/leads/${leadId}`)
    expect(lead.body.lead.stage).toBe('deal')
  })
})
