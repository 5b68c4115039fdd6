/**
 * Every link Leadline puts into a message opens a page a person can use: booking e-mails and
 * calendar invites link to the store's page or the booking page this worker hosts (`/b/:siteKey`,
 * never the JSON API), a sent quote to the store's quote page or `/q/:token`, a sequence's
 * `{{bookingLink}}` and `{{quoteLink}}` likewise. And the worker makes no link without
 * `PUBLIC_URL`: the routes that would answer 503 `not_configured` and write nothing, the cron
 * leaves messages queued, and the log says why once.
 */
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_DELIVERY_SETTINGS,
  putDeliverySettingsStatement,
} from '../../worker/src/db/delivery-settings'
import type { Env } from '../../worker/src/env'
import { runEveryMinute } from '../../worker/src/maintenance'
import { CONSOLE_CSP } from '../../worker/src/routes/console'
import { inspectFakes, putSettings, queueEmail, resetFakes } from './areas/delivery'
import {
  admin,
  bookableStore,
  call,
  captureLead,
  count,
  idemKey,
  seedStore,
  type TestStore,
} from './helpers'

const BASE = 'https://leadline.test'
const json = async (res: Response) => (await res.json()) as any
const DAY = 86_400_000
/** What a deployment without PUBLIC_URL runs with. */
const UNCONFIGURED: Partial<Env> = { PUBLIC_URL: undefined }

const draft = {
  title: 'Otel tekstili',
  currency: 'TRY',
  validUntil: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
  sections: { problems: [], solutions: [], timeline: [], faq: [] },
  lines: [
    { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 1000, taxRateBps: 0 },
  ],
}

beforeEach(resetFakes)
afterEach(() => vi.restoreAllMocks())

/** A visitor's JSON POST to the public API from `origin`. */
function publicPost(origin: string, path: string, body: unknown, overrides: Partial<Env> = {}) {
  return call(
    new Request(`${BASE}/v1${path}`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json', 'Idempotency-Key': idemKey() },
      body: JSON.stringify(body),
    }),
    overrides,
  )
}

async function freeSlots(store: TestStore) {
  const from = new Date().toISOString()
  const to = new Date(Date.now() + 7 * DAY).toISOString()
  const res = await admin(store.rep.key, 'GET', `/slots?type=demo&from=${from}&to=${to}`)
  return (await json(res)).slots as { start: string }[]
}

const consoleBooking = (store: TestStore, leadId: string, start: string, o: Partial<Env> = {}) =>
  admin(
    store.rep.key,
    'POST',
    `/leads/${leadId}/bookings`,
    { type: 'demo', start, timeZone: 'Europe/Istanbul' },
    o,
  )

/** The HTML an e-mail template of `body`, made by the owner, previews for `leadId`. */
async function previewFor(store: TestStore, leadId: string, body: { tr: string; en: string }) {
  const template = await json(
    await admin(store.owner.key, 'POST', '/templates', {
      name: 'Links',
      channel: 'email',
      subject: { tr: 'Bağlantılar', en: 'Links' },
      body,
    }),
  )
  const preview = await json(
    await admin(store.rep.key, 'POST', `/templates/${template.id}/preview`, { leadId }),
  )
  return preview.html as string
}

interface Mail {
  key: string
  html: string
  ics: string | null
}

/** The booking e-mails queued for a store, with their calendar file unfolded (RFC 5545 3.1). */
async function bookingMails(siteId: string): Promise<Mail[]> {
  const { results } = await env.DB.prepare(
    `SELECT dedupe_key, payload FROM outbox
      WHERE site_id = ?1 AND channel = 'email' AND dedupe_key LIKE 'bk:%' ORDER BY dedupe_key`,
  )
    .bind(siteId)
    .all<{ dedupe_key: string; payload: string }>()
  return results.map((r) => {
    const p = JSON.parse(r.payload) as { html: string; attachments?: { content: string }[] }
    const file = p.attachments?.[0]?.content
    const ics = file
      ? new TextDecoder()
          .decode(Uint8Array.from(atob(file), (ch) => ch.charCodeAt(0)))
          .replace(/\r\n[ \t]/g, '')
      : null
    return { key: r.dedupe_key, html: p.html, ics }
  })
}

const manageLinkIn = (store: TestStore, text: string) => {
  const m = new RegExp(`${BASE}/b/${store.siteKey}\\?leadline_booking=([A-Za-z0-9]{32})`).exec(text)
  return m ? { url: m[0], token: m[1]! } : null
}

describe('booking messages link to a page a person can use', () => {
  it('a console booking: confirmation, reminders and invite open the hosted booking page', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await freeSlots(store)
    expect((await consoleBooking(store, leadId, slot!.start)).status).toBe(201)
    const mails = await bookingMails(store.siteId)
    expect(mails.map((m) => m.key.split(':').slice(3).join(':'))).toEqual(
      expect.arrayContaining(['confirm']),
    )
    const link = manageLinkIn(store, mails.find((m) => m.key.endsWith(':confirm'))!.html)
    expect(link).not.toBeNull()
    for (const mail of mails) {
      expect(mail.html, mail.key).not.toContain('/v1/bookings/')
      expect(mail.html, mail.key).toContain(link!.url.replace(/&/g, '&amp;'))
    }
    const ics = mails.find((m) => m.key.endsWith(':confirm'))!.ics!
    expect(ics).not.toContain('/v1/bookings/')
    expect(ics).toContain(`Reschedule: ${link!.url}&leadline_action=reschedule`)
    expect(ics).toContain(`Cancel: ${link!.url}&leadline_action=cancel`)
    // The link's token opens the booking (the page's element reads it from the address).
    expect((await call(new Request(`${BASE}/v1/bookings/${link!.token}`))).status).toBe(200)
    const page = await call(new Request(link!.url))
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('<leadline-booking></leadline-booking>')
  })

  it('a console reschedule sends the new link; the old one opens the 404 page', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const free = await freeSlots(store)
    const booking = await json(await consoleBooking(store, leadId, free[0]!.start))
    const first = manageLinkIn(store, (await bookingMails(store.siteId))[0]!.html)!
    const moved = await admin(store.rep.key, 'POST', `/bookings/${booking.id}/reschedule`, {
      start: free[3]!.start,
    })
    expect(moved.status).toBe(200)
    const confirm = (await bookingMails(store.siteId)).find((m) => m.key.endsWith(':1:confirm'))!
    const second = manageLinkIn(store, confirm.html)!
    expect(second.token).not.toBe(first.token)
    expect(confirm.ics).toContain(`${second.url}&leadline_action=cancel`)
    expect((await call(new Request(second.url))).status).toBe(200)
    const old = await call(new Request(first.url))
    expect(old.status).toBe(404)
    const html = await old.text()
    expect(html).toContain('Bu randevu bağlantısı geçerli değil.')
    expect(html).toContain('This booking link is not valid.')
    expect(html).not.toContain('leadline-booking')
  })

  it('a widget booking without a page of the store links to the hosted page too', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await freeSlots(store)
    const res = await publicPost(store.origin, '/bookings', {
      siteKey: store.siteKey,
      type: 'demo',
      start: slot!.start,
      timeZone: 'Europe/Istanbul',
      leadId,
    })
    expect(res.status).toBe(201)
    const confirm = (await bookingMails(store.siteId)).find((m) => m.key.endsWith(':confirm'))!
    expect(manageLinkIn(store, confirm.html)).not.toBeNull()
    expect(confirm.html).not.toContain('/v1/bookings/')
  })
})

describe('the booking page this worker hosts', () => {
  async function booked() {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const free = await freeSlots(store)
    await consoleBooking(store, leadId, free[0]!.start)
    const link = manageLinkIn(store, (await bookingMails(store.siteId))[0]!.html)!
    return { store, leadId, free, ...link }
  }

  it("serves <leadline-booking> with the store's script tag, never cached, framed or indexed", async () => {
    const { store, url } = await booked()
    const res = await call(new Request(url))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Security-Policy')).toBe(CONSOLE_CSP)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(res.headers.get('X-Robots-Tag')).toBe('noindex')
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    const html = await res.text()
    expect(html).toContain(`<script src="/embed.js" data-site="${store.siteKey}" async></script>`)
    expect(html).toContain('<leadline-booking></leadline-booking>')
    expect(html).toMatch(/<html lang="(tr|en)">/)
  })

  it('answers the 404 page for an unknown store, a tampered token or another store’s booking', async () => {
    const { store, token } = await booked()
    const other = await seedStore()
    const wrong = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')
    for (const path of [
      `/b/pk_doesNotExist123`,
      `/b/not-a-key`,
      `/b/${store.siteKey}?leadline_booking=${wrong}`,
      `/b/${store.siteKey}?leadline_booking=short`,
      `/b/${other.siteKey}?leadline_booking=${token}`,
    ]) {
      const res = await call(new Request(`${BASE}${path}`))
      expect(res.status, path).toBe(404)
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/)
      expect(await res.text(), path).not.toContain('leadline-booking')
    }
  })

  it('books for the lead of ?lead= only when the lead is the store’s', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const leadId = await captureLead(store)
    const otherLead = await captureLead(other)
    const own = await (await call(new Request(`${BASE}/b/${store.siteKey}?lead=${leadId}`))).text()
    expect(own).toContain(`<leadline-booking lead-id="${leadId}"></leadline-booking>`)
    const foreign = await call(new Request(`${BASE}/b/${store.siteKey}?lead=${otherLead}`))
    expect(foreign.status).toBe(200)
    expect(await foreign.text()).toContain('<leadline-booking></leadline-booking>')
  })

  it('lets its own origin book, reschedule and cancel, and still refuses other origins', async () => {
    const { store, free, token } = await booked()
    const evil = 'https://evil.example'
    const move = { start: free[2]!.start }
    expect((await publicPost(evil, `/bookings/${token}/reschedule`, move)).status).toBe(403)
    expect((await publicPost(evil, `/bookings/${token}/cancel`, {})).status).toBe(403)
    const moved = await publicPost(BASE, `/bookings/${token}/reschedule`, move)
    expect(moved.status).toBe(200)
    const next = String((await json(moved)).manageUrl)
      .split('/')
      .pop()!
    expect((await publicPost(BASE, `/bookings/${next}/cancel`, {})).status).toBe(200)
    const lead = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    const book = (origin: string) =>
      publicPost(origin, '/bookings', {
        siteKey: store.siteKey,
        type: 'demo',
        start: free[4]!.start,
        timeZone: 'Europe/Istanbul',
        leadId: lead,
      })
    expect((await book(evil)).status).toBe(403)
    expect((await book(BASE)).status).toBe(201)
  })
})

describe('quote and sequence links', () => {
  it('a store without a quote page: the quote e-mail and {{quoteLink}} open /q/:token', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const quote = await json(await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draft))
    const sent = await json(await admin(store.rep.key, 'POST', `/quotes/${quote.id}/send`))
    const token = String(sent.url).match(/[A-Za-z0-9]{32}$/)![0]
    const link = `${BASE}/q/${token}`
    expect(sent.url).toBe(link)
    const row = await env.DB.prepare('SELECT message_link FROM quotes WHERE id = ?1')
      .bind(quote.id)
      .first<{ message_link: string }>()
    expect(row!.message_link).toBe(link)
    const mail = await env.DB.prepare(
      "SELECT payload FROM outbox WHERE site_id = ?1 AND dedupe_key = ?2 AND channel = 'email'",
    )
      .bind(store.siteId, `qt:${quote.id}:sent`)
      .first<{ payload: string }>()
    expect(JSON.parse(mail!.payload).html).toContain(`href="${link}"`)
    expect((await call(new Request(link))).status).toBe(200)

    // A sequence's template cites the same page, and the hosted booking page for this lead.
    const html = await previewFor(store, leadId, {
      tr: '<p><a href="{{quoteLink}}">Teklif</a> <a href="{{bookingLink}}">Randevu</a></p>',
      en: '<p><a href="{{quoteLink}}">Quote</a> <a href="{{bookingLink}}">Book</a></p>',
    })
    expect(html).toContain(`href="${link}"`)
    const booking = `${BASE}/b/${store.siteKey}?lead=${leadId}`
    expect(html).toContain(`href="${booking}"`)
    expect(await (await call(new Request(booking))).text()).toContain(`lead-id="${leadId}"`)
  })

  it('a store with pages of its own: {{bookingLink}} is its booking page', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    await putDeliverySettingsStatement(
      env.DB,
      store.siteId,
      { ...DEFAULT_DELIVERY_SETTINGS, bookingUrl: 'https://shop.example/randevu' },
      new Date().toISOString(),
    ).run()
    const html = await previewFor(store, leadId, {
      tr: '<p><a href="{{bookingLink}}">R</a></p>',
      en: '<p><a href="{{bookingLink}}">B</a></p>',
    })
    expect(html).toContain('href="https://shop.example/randevu"')
  })
})

describe('without PUBLIC_URL', () => {
  it('answers 503 not_configured where links are made, writes nothing and logs why once', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const free = await freeSlots(store)
    const before = await count('SELECT count(*) AS n FROM outbox WHERE site_id = ?1', store.siteId)

    const answers = [
      await consoleBooking(store, leadId, free[0]!.start, UNCONFIGURED),
      await publicPost(
        store.origin,
        '/bookings',
        {
          siteKey: store.siteKey,
          type: 'demo',
          start: free[1]!.start,
          timeZone: 'Europe/Istanbul',
          leadId,
        },
        UNCONFIGURED,
      ),
    ]
    const quote = await json(await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draft))
    answers.push(
      await admin(store.rep.key, 'POST', `/quotes/${quote.id}/send`, undefined, UNCONFIGURED),
    )
    for (const res of answers) {
      expect(res.status).toBe(503)
      expect(await json(res)).toEqual({
        error: { code: 'not_configured', message: expect.any(String) },
      })
    }
    expect(await count('SELECT count(*) AS n FROM bookings WHERE site_id = ?1', store.siteId)).toBe(
      0,
    )
    expect(
      await count("SELECT count(*) AS n FROM quotes WHERE id = ?1 AND status = 'draft'", quote.id),
    ).toBe(1)
    expect(await count('SELECT count(*) AS n FROM outbox WHERE site_id = ?1', store.siteId)).toBe(
      before,
    )
    const reports = logged.mock.calls.filter((args) => String(args[0]).includes('PUBLIC_URL'))
    expect(reports).toHaveLength(1)

    // With it, the same booking goes through.
    expect((await consoleBooking(store, leadId, free[0]!.start)).status).toBe(201)
  })

  it('the cron sends nothing and keeps the messages queued until PUBLIC_URL is set', async () => {
    const store = await seedStore()
    await putSettings(store.siteId)
    const id = await queueEmail(store, 'kuyruk@example.com')
    const status = async () =>
      (await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1')
        .bind(id)
        .first<{ status: string }>())!.status
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await runEveryMinute({ ...env, ...UNCONFIGURED } as Env, new Date())
    expect(result).toMatchObject({ notConfigured: true })
    expect(await status()).toBe('pending')
    expect((await inspectFakes()).emails).toHaveLength(0)

    await runEveryMinute(env, new Date())
    expect(await status()).toBe('delivered')
    expect((await inspectFakes()).emails.map((e) => e.to)).toContainEqual(['kuyruk@example.com'])
  })
})
