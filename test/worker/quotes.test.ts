/**
 * Quotes and invoices through the worker: drafts priced exactly, the states a quote goes
 * through (draft, sent, viewed, accepted, declined, expired, revoked, replaced), the lead's moves
 * (proposal, deal, won), every view logged, gapless invoice numbers under concurrent
 * acceptance, credit notes, bad input that writes nothing, and tenant isolation.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { quoteTotals } from '../../contract/pricing'
import {
  acceptStatements,
  declineStatements,
  revokeStatements,
  type QuoteRow,
} from '../../worker/src/db/quotes'
import { contentText } from '../../worker/src/quotes'
import { sha256Hex } from '../../worker/src/lib/ids'
import { CONSOLE_CSP } from '../../worker/src/routes/console'
import { admin, call, captureLead, count, idemKey, seedStore, type TestStore } from './helpers'

const json = async (res: Response) => (await res.json()) as any
const BASE = 'https://leadline.test'

const istanbulToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date())
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

const para = (text: string) => [{ type: 'p', children: [{ text }] }]

const LINES = [
  {
    name: 'Kurulum',
    unit: 'saat',
    quantityMilli: 2500,
    unitPriceMinor: 100_000,
    discount: { kind: 'percent', bps: 1000 },
    taxRateBps: 2000,
  },
  { name: 'Eğitim', unit: 'adet', quantityMilli: 3000, unitPriceMinor: 33_333, taxRateBps: 1000 },
  { name: 'Lisans', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 999, taxRateBps: 0 },
]

function draftBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Mağaza entegrasyonu',
    currency: 'TRY',
    validUntil: plusDays(istanbulToday(), 30),
    sections: {
      problems: para('Sepet terk oranı yüksek.'),
      solutions: [
        {
          type: 'ul',
          items: [
            [{ text: 'Hızlı ödeme', bold: true }],
            [{ text: 'Belge', href: 'https://x.example/doc' }],
          ],
        },
      ],
      timeline: para('İki hafta kurulum, bir hafta eğitim.'),
      faq: [{ question: 'Destek var mı?', answer: para('Evet.') }],
    },
    lines: LINES,
    notes: 'KDV dahil değildir.',
    ...overrides,
  }
}

function publicCall(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { ...headers }
  if (body !== undefined) h['Content-Type'] = 'application/json'
  return call(
    new Request(`${BASE}/v1${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

const post = (store: TestStore, path: string, body: unknown, key = idemKey()) =>
  publicCall('POST', path, body, { Origin: store.origin, 'Idempotency-Key': key })

async function createQuote(store: TestStore, leadId: string, overrides = {}) {
  const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draftBody(overrides))
  expect(res.status).toBe(201)
  return json(res)
}

async function sendQuote(store: TestStore, quoteId: string) {
  const res = await admin(store.rep.key, 'POST', `/quotes/${quoteId}/send`)
  expect(res.status).toBe(200)
  const body = await json(res)
  return { ...body, token: (body.url as string).match(/[A-Za-z0-9]{32}$/)![0] } as {
    quote: any
    url: string
    token: string
  }
}

async function sentQuote(overrides = {}) {
  const store = await seedStore()
  const leadId = await captureLead(store)
  const draft = await createQuote(store, leadId, overrides)
  const sent = await sendQuote(store, draft.id)
  return { store, leadId, draft, ...sent }
}

const leadOf = async (store: TestStore, leadId: string) =>
  (await json(await admin(store.owner.key, 'GET', `/leads/${leadId}`))) as any

const accept = (store: TestStore, token: string, revision = 1, key?: string) =>
  post(
    store,
    `/quotes/${token}/accept`,
    { fullName: 'Zeynep Kaya', acceptTerms: true, revision },
    key,
  )

const written = async (siteId: string) => ({
  invoices: await count('SELECT count(*) AS n FROM invoices WHERE site_id = ?1', siteId),
  events: await count('SELECT count(*) AS n FROM quote_events WHERE site_id = ?1', siteId),
  activities: await count(
    "SELECT count(*) AS n FROM activities WHERE site_id = ?1 AND type LIKE 'quote_%'",
    siteId,
  ),
  stages: await count('SELECT count(*) AS n FROM stage_events WHERE site_id = ?1', siteId),
  counters: await count(
    'SELECT coalesce(sum(next_invoice), 0) AS n FROM invoice_counters WHERE site_id = ?1',
    siteId,
  ),
})

describe('drafts', () => {
  it('creates a draft at revision 1 with totals computed by the shared pricing module', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const quote = await createQuote(store, leadId)
    expect(quote).toMatchObject({
      leadId,
      revision: 1,
      status: 'draft',
      repId: store.rep.id,
      sentAt: null,
      contentHash: null,
      version: 1,
    })
    expect(quote.totals).toEqual(quoteTotals(LINES as any))
    // 2.5 h × 1 000,00 − 10 % = 2 250,00 + 20 % KDV; 3 × 333,33 + 10 %; 9,99 at 0 %.
    expect(quote.totals.totalMinor).toBe(270_000 + 109_999 + 999)
    const second = await createQuote(store, leadId)
    expect(second.revision).toBe(2)
    const list = await json(await admin(store.owner.key, 'GET', `/leads/${leadId}/quotes`))
    expect(list.items.map((q: any) => q.revision)).toEqual([2, 1])
  })

  it.each([
    [
      'a javascript: link',
      {
        sections: {
          ...draftBody().sections,
          problems: [{ type: 'p', children: [{ text: 'x', href: 'javascript:alert(1)' }] }],
        },
      },
    ],
    ['an unknown tax rate', { lines: [{ ...LINES[0], taxRateBps: 1800 }] }],
    ['a negative quantity', { lines: [{ ...LINES[0], quantityMilli: -1000 }] }],
    ['an absurd quantity', { lines: [{ ...LINES[0], quantityMilli: 1e13 }] }],
    ['a negative price', { lines: [{ ...LINES[1], unitPriceMinor: -5 }] }],
    ['a currency other than the lead’s', { currency: 'USD' }],
    [
      'a discount above the line',
      { lines: [{ ...LINES[1], discount: { kind: 'amount', minor: 100_000_000 } }] },
    ],
    ['a script tag as markup', { sections: '<script>alert(1)</script>' }],
    ['an over-long title', { title: 'x'.repeat(201) }],
  ])('refuses %s with 422 and writes nothing', async (_name, overrides) => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draftBody(overrides))
    expect(res.status).toBe(422)
    expect((await json(res)).error.code).toBe('validation_failed')
    expect(await count('SELECT count(*) AS n FROM quotes WHERE site_id = ?1', store.siteId)).toBe(0)
  })

  it('updates a draft only at its current version, and no longer once it is sent', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const quote = await createQuote(store, leadId)
    const body = draftBody({ title: 'Yeni başlık', lines: [LINES[2]] })
    const stale = await admin(store.rep.key, 'PUT', `/quotes/${quote.id}?expectedVersion=7`, body)
    expect(stale.status).toBe(409)
    const ok = await admin(store.rep.key, 'PUT', `/quotes/${quote.id}?expectedVersion=1`, body)
    expect(ok.status).toBe(200)
    const updated = await json(ok)
    expect(updated).toMatchObject({ title: 'Yeni başlık', version: 2 })
    expect(updated.totals).toEqual(quoteTotals([LINES[2]] as any))
    await sendQuote(store, quote.id)
    const late = await admin(store.rep.key, 'PUT', `/quotes/${quote.id}?expectedVersion=3`, body)
    expect(late.status).toBe(409)
  })
})

describe('sending and viewing', () => {
  it('sends: a link shown once, a content hash of what is shown, the lead at proposal', async () => {
    const { store, leadId, quote, url, token } = await sentQuote()
    // The store has no quote page of its own: the link opens the page this worker hosts.
    expect(url).toBe(`${BASE}/q/${token}`)
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(quote.status).toBe('sent')
    expect(quote.sentAt).not.toBeNull()
    expect(quote.contentHash).toBe(await sha256Hex(contentText(quote)))
    const lead = await leadOf(store, leadId)
    expect(lead.lead.stage).toBe('proposal')
    expect(lead.stageEvents.at(-1)).toMatchObject({ to: 'proposal', event: 'quote_sent' })
    expect(lead.timeline.map((a: any) => a.type)).toContain('quote_sent')
    expect(
      await count('SELECT count(*) AS n FROM quotes WHERE token_hash = ?1', await sha256Hex(token)),
    ).toBe(1)

    const pub = await publicCall('GET', `/quotes/${token}`)
    expect(pub.status).toBe(200)
    const view = await json(pub)
    expect(view).toMatchObject({
      status: 'sent',
      title: 'Mağaza entegrasyonu',
      storeName: 'Test Mağaza',
      repName: 'Mehmet Rep',
      revision: 1,
      replacedByUrl: null,
    })
    expect(view.totals).toEqual(quote.totals)
  })

  it('logs every view with its sections; the first moves it to viewed; reps are not counted', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    const first = await post(store, `/quotes/${token}/view`, { sections: ['problems', 'pricing'] })
    expect(first.status).toBe(201)
    expect(await json(first)).toMatchObject({ counted: true })
    await post(store, `/quotes/${token}/view`, { sections: ['faq'] })
    const byRep = await publicCall(
      'POST',
      `/quotes/${token}/view`,
      { sections: ['notes'] },
      { Authorization: `Bearer ${store.rep.key}` },
    )
    expect(byRep.status).toBe(201)
    expect(await json(byRep)).toMatchObject({ counted: false })
    const detail = await json(await admin(store.owner.key, 'GET', `/quotes/${quote.id}`))
    expect(detail.quote.status).toBe('viewed')
    expect(detail.views).toMatchObject({
      count: 2,
      byReps: 1,
      sections: ['faq', 'pricing', 'problems'],
    })
    expect(detail.views.lastAt).not.toBeNull()
    expect(await count('SELECT count(*) AS n FROM quote_views WHERE quote_id = ?1', quote.id)).toBe(
      3,
    )
    const timeline = (await leadOf(store, leadId)).timeline.map((a: any) => a.type)
    expect(timeline.filter((t: string) => t === 'quote_viewed')).toHaveLength(1)
  })

  it('refuses a view from an origin the store does not allow', async () => {
    const { token } = await sentQuote()
    const res = await publicCall(
      'POST',
      `/quotes/${token}/view`,
      { sections: [] },
      { Origin: 'https://evil.example' },
    )
    expect(res.status).toBe(403)
  })

  it('answers 404 for tampered and unknown tokens, and for another store’s quote ids', async () => {
    const { store, token, quote } = await sentQuote()
    const tampered = (token[0] === 'a' ? 'b' : 'a') + token.slice(1)
    for (const t of [tampered, 'A'.repeat(32)]) {
      expect((await publicCall('GET', `/quotes/${t}`)).status).toBe(404)
      expect((await accept(store, t)).status).toBe(404)
    }
    // A quote id is not a token.
    expect((await publicCall('GET', `/quotes/${quote.id}`)).status).toBe(422)
  })
})

describe('accepting', () => {
  it('records name, time, revision and hash; the lead moves to deal; the invoice is issued', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    const res = await accept(store, token)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toMatchObject({ status: 'accepted', acceptedName: 'Zeynep Kaya', revision: 1 })
    const row = await env.DB.prepare(
      'SELECT accepted_name, accepted_at, accepted_revision, content_hash FROM quotes WHERE id = ?1',
    )
      .bind(quote.id)
      .first<any>()
    expect(row).toMatchObject({
      accepted_name: 'Zeynep Kaya',
      accepted_revision: 1,
      content_hash: quote.contentHash,
    })
    expect(Date.parse(row.accepted_at)).toBeGreaterThan(Date.now() - 60_000)

    const lead = await leadOf(store, leadId)
    expect(lead.lead.stage).toBe('deal')
    expect(lead.stageEvents.at(-1)).toMatchObject({
      from: 'proposal',
      to: 'deal',
      event: 'quote_accepted',
    })
    const types = lead.timeline.map((a: any) => a.type)
    expect(types).toEqual(expect.arrayContaining(['quote_accepted', 'invoice_issued']))

    const detail = await json(await admin(store.rep.key, 'GET', `/quotes/${quote.id}`))
    const today = istanbulToday()
    expect(detail.invoice).toMatchObject({
      id: body.invoiceId,
      number: `${today.slice(0, 4)}-000001`,
      status: 'unpaid',
      issueDate: today,
      dueDate: plusDays(today, 14),
      currency: 'TRY',
      quoteId: quote.id,
      leadId,
    })
    expect(detail.invoice.totals).toEqual(quote.totals)
    expect(detail.invoice.lines).toEqual(quote.lines)
  })

  it('accepts, declines and revokes a quote whose first view landed after it was read', async () => {
    // The widget reports its view as soon as the visitor sees the quote; on a slow network that
    // report can reach the worker between an acceptance's read and its write. A view changes
    // nothing the visitor decides on, so the decision must still go through.
    for (const decide of ['accept', 'decline', 'revoke'] as const) {
      const { store, quote, token } = await sentQuote()
      const read = await env.DB.prepare('SELECT * FROM quotes WHERE id = ?1')
        .bind(quote.id)
        .first<QuoteRow>()
      expect((await post(store, `/quotes/${token}/view`, { sections: ['pricing'] })).status).toBe(
        201,
      )
      const at = new Date().toISOString()
      const today = istanbulToday()
      const eventId = `qe_race_${decide}`
      await env.DB.batch(
        decide === 'accept'
          ? acceptStatements(env.DB, read!, {
              issueInvoice: false,
              eventId,
              invoiceId: '',
              ettn: crypto.randomUUID(),
              fullName: 'Zeynep Kaya',
              revision: 1,
              today,
              dueDate: plusDays(today, 14),
              at,
            })
          : decide === 'decline'
            ? declineStatements(env.DB, read!, eventId, null, today, at)
            : revokeStatements(
                env.DB,
                store.siteId,
                read!,
                eventId,
                { type: 'user', id: store.rep.id },
                at,
              ),
      )
      const row = await env.DB.prepare('SELECT status FROM quotes WHERE id = ?1')
        .bind(quote.id)
        .first<{ status: string }>()
      expect(row!.status).toBe(
        { accept: 'accepted', decline: 'declined', revoke: 'revoked' }[decide],
      )
    }
  })

  it('replays an accept retried with the same key, and refuses a second acceptance', async () => {
    const { store, token } = await sentQuote()
    const key = idemKey()
    const first = await accept(store, token, 1, key)
    expect(first.status).toBe(200)
    const again = await accept(store, token, 1, key)
    expect(again.status).toBe(200)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(again)).toEqual(await json(first))
    const before = await written(store.siteId)
    const twice = await accept(store, token)
    expect(twice.status).toBe(409)
    expect(await written(store.siteId)).toEqual(before)
    expect(before.invoices).toBe(1)
  })

  it.each([
    ['a wrong revision', async (_s: TestStore, _id: string, _t: string) => {}, 2],
    [
      'after expiry',
      async (s: TestStore, id: string) => {
        await env.DB.prepare(
          "UPDATE quotes SET valid_until = '2020-01-01' WHERE site_id = ?1 AND id = ?2",
        )
          .bind(s.siteId, id)
          .run()
      },
      1,
    ],
    [
      'a revoked quote',
      async (s: TestStore, id: string) => {
        expect((await admin(s.rep.key, 'POST', `/quotes/${id}/revoke`)).status).toBe(200)
      },
      1,
    ],
    [
      'a declined quote',
      async (s: TestStore, _id: string, token: string) => {
        expect((await post(s, `/quotes/${token}/decline`, {})).status).toBe(200)
      },
      1,
    ],
  ])('refuses %s with 409 and writes nothing', async (_name, prepare, revision) => {
    const { store, quote, token } = await sentQuote()
    await prepare(store, quote.id, token)
    const before = await written(store.siteId)
    const res = await accept(store, token, revision)
    expect(res.status).toBe(409)
    expect(await written(store.siteId)).toEqual(before)
    expect(before.invoices).toBe(0)
  })

  it('shows an expired quote as expired', async () => {
    const { draft, token } = await sentQuote()
    // Time passes: its last valid day is behind us (a quote is never sent already expired).
    await env.DB.prepare('UPDATE quotes SET valid_until = ?1 WHERE id = ?2')
      .bind('2020-01-01', draft.id)
      .run()
    expect((await json(await publicCall('GET', `/quotes/${token}`))).status).toBe('expired')
  })

  it('refuses an accept without the store’s Origin or without an Idempotency-Key', async () => {
    const { store, token } = await sentQuote()
    const body = { fullName: 'Zeynep Kaya', acceptTerms: true, revision: 1 }
    const noOrigin = await publicCall('POST', `/quotes/${token}/accept`, body, {
      'Idempotency-Key': idemKey(),
    })
    expect(noOrigin.status).toBe(403)
    const noKey = await publicCall('POST', `/quotes/${token}/accept`, body, {
      Origin: store.origin,
    })
    expect(noKey.status).toBe(400)
    const noTerms = await post(store, `/quotes/${token}/accept`, { ...body, acceptTerms: false })
    expect(noTerms.status).toBe(422)
    expect(await count('SELECT count(*) AS n FROM invoices WHERE site_id = ?1', store.siteId)).toBe(
      0,
    )
  })

  it('numbers invoices 1..10 without gaps or duplicates under 10 concurrent acceptances', async () => {
    const store = await seedStore()
    const tokensOf: string[] = []
    for (let i = 0; i < 10; i++) {
      const leadId = await captureLead(store, {
        fields: { name: `Müşteri ${i}`, email: `m${i}@example.com` },
      })
      const draft = await createQuote(store, leadId)
      tokensOf.push((await sendQuote(store, draft.id)).token)
    }
    const results = await Promise.all(tokensOf.map((t) => accept(store, t)))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    const { results: rows } = await env.DB.prepare(
      'SELECT seq, number FROM invoices WHERE site_id = ?1 ORDER BY seq',
    )
      .bind(store.siteId)
      .all<{ seq: number; number: string }>()
    const year = istanbulToday().slice(0, 4)
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(rows.map((r) => r.number)).toEqual(
      rows.map((r) => `${year}-${String(r.seq).padStart(6, '0')}`),
    )
    const list = await json(await admin(store.owner.key, 'GET', '/invoices?limit=4'))
    expect(list.items.map((i: any) => i.seq)).toEqual([10, 9, 8, 7])
    expect(list.nextBefore).toBe(7)
  })
})

describe('declining, revoking, replacing', () => {
  it('declines with the optional reason, on the lead’s timeline', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    const res = await post(store, `/quotes/${token}/decline`, { reason: 'Bütçe yok' })
    expect(res.status).toBe(200)
    expect((await json(res)).status).toBe('declined')
    const detail = await json(await admin(store.rep.key, 'GET', `/quotes/${quote.id}`))
    expect(detail.quote).toMatchObject({ status: 'declined', declineReason: 'Bütçe yok' })
    expect(detail.quote.declinedAt).not.toBeNull()
    const timeline = (await leadOf(store, leadId)).timeline.map((a: any) => a.type)
    expect(timeline).toContain('quote_declined')
    expect((await post(store, `/quotes/${token}/decline`, {})).status).toBe(409)
  })

  it('revokes: the link says revoked and shows nothing of the quote', async () => {
    const { store, quote, token } = await sentQuote()
    const res = await admin(store.rep.key, 'POST', `/quotes/${quote.id}/revoke`)
    expect(res.status).toBe(200)
    expect((await json(res)).status).toBe('revoked')
    const view = await json(await publicCall('GET', `/quotes/${token}`))
    expect(view).toMatchObject({ status: 'revoked', title: '', lines: [] })
    expect(view.totals.totalMinor).toBe(0)
    expect((await admin(store.rep.key, 'POST', `/quotes/${quote.id}/revoke`)).status).toBe(409)
  })

  it('a new revision replaces the sent one: the old link says so and cannot be accepted', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    const next = await createQuote(store, leadId, { title: 'Revize teklif' })
    expect(next.revision).toBe(2)
    const sent = await sendQuote(store, next.id)
    const old = await json(await publicCall('GET', `/quotes/${token}`))
    expect(old).toMatchObject({ status: 'replaced', revision: 1, replacedByUrl: sent.url })
    const oldAdmin = await json(await admin(store.rep.key, 'GET', `/quotes/${quote.id}`))
    expect(oldAdmin.quote).toMatchObject({ status: 'replaced', replacedBy: next.id })
    const before = await written(store.siteId)
    expect((await accept(store, token, 1)).status).toBe(409)
    expect(await written(store.siteId)).toEqual(before)
    expect((await accept(store, sent.token, 2)).status).toBe(200)
    expect((await leadOf(store, leadId)).lead.stage).toBe('deal')
  })
})

describe('the quote page this worker hosts', () => {
  it("serves the quote at /q/:token with the store's script tag, never cached, framed or indexed", async () => {
    const { store, token } = await sentQuote()
    const res = await call(new Request(`${BASE}/q/${token}`))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toBe(CONSOLE_CSP)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(res.headers.get('X-Robots-Tag')).toBe('noindex')
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    const html = await res.text()
    expect(html).toContain(`<script src="/embed.js" data-site="${store.siteKey}" async></script>`)
    expect(html).toContain(`<leadline-quote token="${token}"></leadline-quote>`)
    expect(html).toMatch(/<html lang="(tr|en)">/)
  })

  it('answers 404 with a page in both languages for an unknown or tampered link', async () => {
    const { token } = await sentQuote()
    const wrong = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')
    const res = await call(new Request(`${BASE}/q/${wrong}`))
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Bu teklif bağlantısı geçerli değil.')
    expect(html).toContain('This quote link is not valid.')
    expect(html).not.toContain('leadline-quote')
  })

  it('lets the hosted page accept (its own origin) and still refuses other origins', async () => {
    const { store, leadId, token } = await sentQuote()
    const body = { fullName: 'Zeynep Kaya', acceptTerms: true, revision: 1 }
    const from = (origin: string) =>
      publicCall('POST', `/quotes/${token}/accept`, body, {
        Origin: origin,
        'Idempotency-Key': idemKey(),
      })
    expect((await from('https://evil.example')).status).toBe(403)
    expect((await from(BASE)).status).toBe(200)
    expect((await leadOf(store, leadId)).lead.stage).toBe('deal')
  })

  it("links to the store's own quote page instead when it has one, also from a replaced quote", async () => {
    const { store, leadId, token } = await sentQuote()
    const settings = await json(await admin(store.owner.key, 'GET', '/messaging/settings'))
    const page = 'https://shop.example/teklif/'
    const put = await admin(store.owner.key, 'PUT', '/messaging/settings', {
      ...settings,
      quotePageUrl: page,
    })
    expect(put.status).toBe(200)
    const second = await sendQuote(store, (await createQuote(store, leadId)).id)
    expect(second.url).toBe(`${page}?leadline_quote=${second.token}`)
    const old = await json(await publicCall('GET', `/quotes/${token}`))
    expect(old.replacedByUrl).toBe(second.url)
  })
})

describe('a replaced quote’s link', () => {
  it('opens the newer revision, through a chain of revisions, with no token stored in clear', async () => {
    const { store, leadId, token } = await sentQuote()
    const second = await sendQuote(store, (await createQuote(store, leadId, { title: 'R2' })).id)
    const old = await json(await publicCall('GET', `/quotes/${token}`))
    expect(old.replacedByUrl).toBe(second.url)
    const opened = await json(await publicCall('GET', `/quotes/${second.token}`))
    expect(opened).toMatchObject({ status: 'sent', revision: 2, title: 'R2', replacedByUrl: null })

    const third = await sendQuote(store, (await createQuote(store, leadId, { title: 'R3' })).id)
    // Revision 1 still points to 2, which now points to 3.
    expect((await json(await publicCall('GET', `/quotes/${token}`))).replacedByUrl).toBe(second.url)
    const viaTwo = await json(await publicCall('GET', `/quotes/${second.token}`))
    expect(viaTwo).toMatchObject({ status: 'replaced', replacedByUrl: third.url })

    const stored = await env.DB.prepare(
      `SELECT group_concat(coalesce(token_hash, '') || link_public_key || link_private_key ||
              coalesce(replaced_by_link, ''), ' ') AS s FROM quotes WHERE site_id = ?1`,
    )
      .bind(store.siteId)
      .first<{ s: string }>()
    for (const t of [token, second.token, third.token]) expect(stored!.s).not.toContain(t)
  })

  it('a wrong token cannot open it, nor can a sealed value moved to another quote', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    await sendQuote(store, (await createQuote(store, leadId)).id)
    // A wrong token does not find the quote at all.
    const wrong = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')
    expect((await publicCall('GET', `/quotes/${wrong}`)).status).toBe(404)
    // Another replaced quote (its own token) given this quote's sealed link opens nothing.
    const other = await sentQuote()
    await sendQuote(other.store, (await createQuote(other.store, other.leadId)).id)
    await env.DB.prepare(
      `UPDATE quotes SET replaced_by_link = (SELECT replaced_by_link FROM quotes WHERE id = ?1),
         link_public_key = (SELECT link_public_key FROM quotes WHERE id = ?1),
         link_private_key = (SELECT link_private_key FROM quotes WHERE id = ?1)
       WHERE id = ?2`,
    )
      .bind(quote.id, other.quote.id)
      .run()
    const view = await json(await publicCall('GET', `/quotes/${other.token}`))
    expect(view).toMatchObject({ status: 'replaced', replacedByUrl: null })
    expect((await json(await publicCall('GET', `/quotes/${token}`))).replacedByUrl).not.toBeNull()
  })

  it('a revoked newer revision: the old link still points to it, and it says revoked', async () => {
    const { store, leadId, token } = await sentQuote()
    const second = await sendQuote(store, (await createQuote(store, leadId)).id)
    await admin(store.rep.key, 'POST', `/quotes/${second.quote.id}/revoke`)
    const old = await json(await publicCall('GET', `/quotes/${token}`))
    expect(old.replacedByUrl).toBe(second.url)
    expect((await json(await publicCall('GET', `/quotes/${second.token}`))).status).toBe('revoked')
  })
})

describe('invoices', () => {
  it('a paid invoice closes the lead as won', async () => {
    const { store, leadId, token } = await sentQuote()
    const { invoiceId } = await json(await accept(store, token))
    const res = await admin(store.rep.key, 'POST', `/invoices/${invoiceId}/paid`)
    expect(res.status).toBe(200)
    const invoice = await json(res)
    expect(invoice.status).toBe('paid')
    expect(invoice.paidAt).not.toBeNull()
    const lead = await leadOf(store, leadId)
    expect(lead.lead.stage).toBe('won')
    expect(lead.stageEvents.at(-1)).toMatchObject({
      from: 'deal',
      to: 'won',
      event: 'invoice_issued',
    })
    expect(lead.timeline.map((a: any) => a.type)).toContain('invoice_paid')
    expect((await admin(store.rep.key, 'POST', `/invoices/${invoiceId}/paid`)).status).toBe(409)
    expect((await admin(store.rep.key, 'POST', `/invoices/${invoiceId}/cancel`)).status).toBe(409)
  })

  it('cancels with the next credit-note number and keeps the invoice', async () => {
    const store = await seedStore()
    const year = istanbulToday().slice(0, 4)
    const notes: string[] = []
    for (let i = 0; i < 2; i++) {
      const leadId = await captureLead(store, {
        fields: { name: `Alıcı ${i}`, email: `c${i}@example.com` },
      })
      const { token } = await sendQuote(store, (await createQuote(store, leadId)).id)
      const { invoiceId } = await json(await accept(store, token))
      const res = await admin(store.owner.key, 'POST', `/invoices/${invoiceId}/cancel`)
      expect(res.status).toBe(200)
      const invoice = await json(res)
      expect(invoice).toMatchObject({ status: 'cancelled', number: `${year}-00000${i + 1}` })
      expect(invoice.cancelledAt).not.toBeNull()
      notes.push(invoice.creditNoteNumber)
      const timeline = (await leadOf(store, leadId)).timeline.map((a: any) => a.type)
      expect(timeline).toContain('invoice_cancelled')
    }
    expect(notes).toEqual([`CN-${year}-000001`, `CN-${year}-000002`])
    expect(await count('SELECT count(*) AS n FROM invoices WHERE site_id = ?1', store.siteId)).toBe(
      2,
    )
  })
})

describe('the store’s own tax rates', () => {
  const EIGHT = {
    name: 'Gıda',
    unit: 'kg',
    quantityMilli: 1500,
    unitPriceMinor: 20_000,
    taxRateBps: 800,
  }

  it('reads and sets them (owners only), beside the invoice setting', async () => {
    const store = await seedStore()
    expect(await json(await admin(store.rep.key, 'GET', '/quote-settings'))).toEqual({
      invoiceOnAccept: true,
      taxRatesBps: [],
    })
    const settings = { invoiceOnAccept: false, taxRatesBps: [800, 1800] }
    const byRep = await admin(store.rep.key, 'PUT', '/quote-settings', settings)
    expect(byRep.status).toBe(403)
    const set = await admin(store.owner.key, 'PUT', '/quote-settings', settings)
    expect(set.status).toBe(200)
    expect(await json(set)).toEqual(settings)
    expect(await json(await admin(store.rep.key, 'GET', '/quote-settings'))).toEqual(settings)
    for (const taxRatesBps of [
      [800, 800],
      [10_001],
      [-1],
      [8.5],
      Array.from({ length: 11 }, (_, i) => i),
    ]) {
      const res = await admin(store.owner.key, 'PUT', '/quote-settings', {
        invoiceOnAccept: true,
        taxRatesBps,
      })
      expect(res.status, JSON.stringify(taxRatesBps)).toBe(422)
    }
    expect(await json(await admin(store.owner.key, 'GET', '/quote-settings'))).toEqual(settings)
    // Another store keeps its own settings.
    const other = await seedStore()
    expect(await json(await admin(other.owner.key, 'GET', '/quote-settings'))).toEqual({
      invoiceOnAccept: true,
      taxRatesBps: [],
    })
  })

  it('a store that adds 8 % drafts with it, totals per rate include it; others get 422', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const body = draftBody({ lines: [...LINES, EIGHT] })
    const before = await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, body)
    expect(before.status).toBe(422)
    expect((await json(before)).error.issues.map((i: any) => i.path)).toEqual([
      'lines.3.taxRateBps',
    ])

    await admin(store.owner.key, 'PUT', '/quote-settings', {
      invoiceOnAccept: true,
      taxRatesBps: [800],
    })
    const created = await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, body)
    expect(created.status).toBe(201)
    const quote = await json(created)
    expect(quote.totals).toEqual(quoteTotals([...LINES, EIGHT] as any))
    expect(quote.totals.taxes.map((t: any) => t.rateBps)).toEqual([0, 800, 1000, 2000])
    // 1.5 kg × 200,00 = 300,00 at 8 %: 24,00 tax.
    expect(quote.totals.taxes[1]).toEqual({ rateBps: 800, baseMinor: 30_000, taxMinor: 2_400 })

    const update = draftBody({ lines: [EIGHT, { ...EIGHT, taxRateBps: 1800 }] })
    const refused = await admin(
      store.rep.key,
      'PUT',
      `/quotes/${quote.id}?expectedVersion=1`,
      update,
    )
    expect(refused.status).toBe(422)
    expect((await json(refused)).error.issues.map((i: any) => i.path)).toEqual([
      'lines.1.taxRateBps',
    ])
    const updated = await admin(store.rep.key, 'PUT', `/quotes/${quote.id}?expectedVersion=1`, {
      ...update,
      lines: [EIGHT],
    })
    expect(updated.status).toBe(200)
    expect((await json(updated)).totals.taxes).toEqual([
      { rateBps: 800, baseMinor: 30_000, taxMinor: 2_400 },
    ])

    // Another store has not added 8 %.
    const other = await seedStore()
    const otherLead = await captureLead(other)
    const res = await admin(other.rep.key, 'POST', `/leads/${otherLead}/quotes`, body)
    expect(res.status).toBe(422)
    expect(await count('SELECT count(*) AS n FROM quotes WHERE site_id = ?1', other.siteId)).toBe(0)

    // Removing the rate refuses it again on the next draft.
    await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: true })
    expect((await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, body)).status).toBe(422)
  })
})

describe('invoices issued by hand', () => {
  it('a store may choose it: acceptance issues none, a rep issues it once, numbered as usual', async () => {
    const store = await seedStore()
    expect(await json(await admin(store.rep.key, 'GET', '/quote-settings'))).toEqual({
      invoiceOnAccept: true,
      taxRatesBps: [],
    })
    const byRep = await admin(store.rep.key, 'PUT', '/quote-settings', { invoiceOnAccept: false })
    expect(byRep.status).toBe(403)
    const set = await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: false })
    expect(await json(set)).toEqual({ invoiceOnAccept: false, taxRatesBps: [] })
    expect(
      (await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: 'no' })).status,
    ).toBe(422)

    const leadId = await captureLead(store)
    const { quote, token } = await sendQuote(store, (await createQuote(store, leadId)).id)
    // Not accepted yet: nothing to invoice.
    expect((await admin(store.rep.key, 'POST', `/quotes/${quote.id}/invoice`)).status).toBe(409)
    const accepted = await json(await accept(store, token))
    expect(accepted).toMatchObject({ status: 'accepted', invoiceId: null })
    expect((await leadOf(store, leadId)).lead.stage).toBe('deal')
    expect(await count('SELECT count(*) AS n FROM invoices WHERE site_id = ?1', store.siteId)).toBe(
      0,
    )
    const detail = await json(await admin(store.rep.key, 'GET', `/quotes/${quote.id}`))
    expect(detail.invoice).toBeNull()

    const issued = await admin(store.rep.key, 'POST', `/quotes/${quote.id}/invoice`)
    expect(issued.status).toBe(201)
    const invoice = await json(issued)
    expect(invoice).toMatchObject({
      quoteId: quote.id,
      leadId,
      status: 'unpaid',
      number: `${istanbulToday().slice(0, 4)}-000001`,
      issueDate: istanbulToday(),
      dueDate: plusDays(istanbulToday(), 14),
      totals: quoteTotals(LINES as any),
    })
    const exported = await json(await admin(store.rep.key, 'GET', `/invoices/${invoice.id}/export`))
    expect(exported.invoice.ettn).toMatch(/^[0-9a-f-]{36}$/)
    expect((await leadOf(store, leadId)).timeline.map((a: any) => a.type)).toContain(
      'invoice_issued',
    )

    const before = await written(store.siteId)
    expect((await admin(store.rep.key, 'POST', `/quotes/${quote.id}/invoice`)).status).toBe(409)
    expect(await written(store.siteId)).toEqual(before)
    // Another store cannot issue it.
    const other = await seedStore()
    expect((await admin(other.owner.key, 'POST', `/quotes/${quote.id}/invoice`)).status).toBe(404)
  })

  it('two concurrent issues of one quote make one invoice and one 409', async () => {
    const store = await seedStore()
    await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: false })
    const leadId = await captureLead(store)
    const { quote, token } = await sendQuote(store, (await createQuote(store, leadId)).id)
    await accept(store, token)
    const statuses = await Promise.all(
      [1, 2].map(
        async () => (await admin(store.rep.key, 'POST', `/quotes/${quote.id}/invoice`)).status,
      ),
    )
    expect(statuses.sort()).toEqual([201, 409])
    expect(await count('SELECT count(*) AS n FROM invoices WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
    expect(
      await count(
        'SELECT next_invoice AS n FROM invoice_counters WHERE site_id = ?1',
        store.siteId,
      ),
    ).toBe(2)
  })
})

describe('e-invoice export', () => {
  /** Minor units as a 2-digit decimal, independently of the worker's own conversion. */
  const dec = (minor: number) =>
    `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`

  it('has the number, a fixed v4 ETTN, buyer, lines and totals that match quoteTotals', async () => {
    const { store, token } = await sentQuote()
    const { invoiceId } = await json(await accept(store, token))
    const res = await admin(store.rep.key, 'GET', `/invoices/${invoiceId}/export`)
    expect(res.status).toBe(200)
    const out = await json(res)
    const invoice = await json(await admin(store.rep.key, 'GET', `/invoices/${invoiceId}`))
    expect(out.format).toBe('leadline.invoice-export.v1')
    expect(out.invoice).toMatchObject({
      id: invoiceId,
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      issuedAt: invoice.createdAt,
      currency: 'TRY',
      currencyDigits: 2,
      timeZone: 'Europe/Istanbul',
      utcOffset: '+03:00',
      status: 'unpaid',
    })
    expect(out.invoice.ettn).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    // The ETTN is fixed at issue: every export names the same document.
    const again = await json(await admin(store.owner.key, 'GET', `/invoices/${invoiceId}/export`))
    expect(again.invoice.ettn).toBe(out.invoice.ettn)
    expect(out.seller).toMatchObject({ name: 'Test Mağaza', taxOffice: null, taxNumber: null })
    expect(out.buyer).toMatchObject({
      name: 'Zeynep Kaya',
      company: 'Kaya Tekstil',
      email: 'zeynep.kaya@example.com',
    })
    expect(out.buyer.phone).toMatch(/5321234567/)

    const totals = quoteTotals(LINES as any)
    expect(out.lines).toEqual([
      {
        lineNo: 1,
        name: 'Kurulum',
        description: null,
        quantity: '2.5',
        unit: 'saat',
        unitCode: 'HUR',
        unitPrice: '1000.00',
        grossAmount: dec(totals.lines[0]!.grossMinor),
        discount: { kind: 'percent', rate: '10', amount: dec(totals.lines[0]!.discountMinor) },
        netAmount: dec(totals.lines[0]!.netMinor),
        kdvRate: '20',
        kdvAmount: dec(totals.lines[0]!.taxMinor),
        totalAmount: dec(totals.lines[0]!.totalMinor),
      },
      expect.objectContaining({
        lineNo: 2,
        quantity: '3',
        unitCode: 'C62',
        unitPrice: '333.33',
        discount: { kind: 'none', rate: null, amount: '0.00' },
        kdvRate: '10',
        kdvAmount: dec(totals.lines[1]!.taxMinor),
        totalAmount: dec(totals.lines[1]!.totalMinor),
      }),
      expect.objectContaining({ lineNo: 3, unitPrice: '9.99', kdvRate: '0', kdvAmount: '0.00' }),
    ])
    expect(out.totals).toEqual({
      grossAmount: dec(totals.subtotalMinor),
      discountAmount: dec(totals.discountMinor),
      netAmount: dec(totals.netMinor),
      kdv: totals.taxes.map((t) => ({
        rate: String(t.rateBps / 100),
        baseAmount: dec(t.baseMinor),
        amount: dec(t.taxMinor),
      })),
      kdvAmount: dec(totals.taxMinor),
      payableAmount: dec(totals.totalMinor),
    })
    expect(out.totals.kdv.map((k: any) => k.rate)).toEqual(['0', '10', '20'])
    // The figures add up as decimals too.
    const cents = (s: string) => Number(s.replace('.', ''))
    const sum = out.lines.reduce((n: number, l: any) => n + cents(l.totalAmount), 0)
    expect(dec(sum)).toBe(out.totals.payableAmount)
  })

  it('exports a cancelled invoice with its credit note; 404 for unknown and foreign invoices', async () => {
    const { store, token } = await sentQuote()
    const { invoiceId } = await json(await accept(store, token))
    await admin(store.owner.key, 'POST', `/invoices/${invoiceId}/cancel`)
    const out = await json(await admin(store.rep.key, 'GET', `/invoices/${invoiceId}/export`))
    expect(out.invoice.status).toBe('cancelled')
    expect(out.invoice.creditNoteNumber).toMatch(/^CN-\d{4}-000001$/)
    expect((await admin(store.rep.key, 'GET', '/invoices/in_nope/export')).status).toBe(404)
    const other = await seedStore()
    expect((await admin(other.owner.key, 'GET', `/invoices/${invoiceId}/export`)).status).toBe(404)
  })
})

describe('tenant isolation', () => {
  it('another store’s keys reach none of this store’s quotes or invoices', async () => {
    const { store, leadId, quote, token } = await sentQuote()
    const draft = await createQuote(store, leadId)
    const { invoiceId } = await json(await accept(store, token))
    const other = await seedStore()
    const routes: [string, string, unknown?][] = [
      ['POST', `/leads/${leadId}/quotes`, draftBody()],
      ['GET', `/leads/${leadId}/quotes`],
      ['GET', `/quotes/${quote.id}`],
      ['PUT', `/quotes/${draft.id}?expectedVersion=1`, draftBody()],
      ['POST', `/quotes/${draft.id}/send`],
      ['POST', `/quotes/${quote.id}/revoke`],
      ['GET', `/invoices/${invoiceId}`],
      ['GET', `/invoices/${invoiceId}/export`],
      ['POST', `/invoices/${invoiceId}/paid`],
      ['POST', `/invoices/${invoiceId}/cancel`],
    ]
    for (const [method, path, body] of routes) {
      const res = await admin(other.owner.key, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    const list = await json(await admin(other.owner.key, 'GET', '/invoices'))
    expect(list.items).toEqual([])
    // The other store's Origin cannot act on this store's link either.
    const foreign = await post(other, `/quotes/${token}/decline`, {})
    expect(foreign.status).toBe(403)
    expect(
      (await json(await admin(store.owner.key, 'GET', `/quotes/${draft.id}`))).quote.status,
    ).toBe('draft')
  })
})
