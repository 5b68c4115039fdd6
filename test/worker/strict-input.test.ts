/**
 * Text and dates that are not what they claim are refused, on public and admin routes alike:
 * impossible calendar days, control characters and lone surrogates (422 naming the field),
 * bodies that are not UTF-8 (400), and bodies sent to routes that take none (415). Accepted text
 * is stored in NFC.
 */
import type * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { MultiLineSchema, SingleLineSchema } from '../../contract'
import { createApp } from '../../worker/src/app'
import { documentedRoutes } from '../../worker/src/openapi'
import {
  admin,
  call,
  captureLead,
  count,
  idemKey,
  leadBody,
  postLead,
  seedStore,
  type TestStore,
} from './helpers'
import { oneClickUnsubscribe } from './areas/messages'

const BASE = 'https://leadline.test'

const quoteDraft = (validUntil: string) => ({
  title: 'Teklif',
  currency: 'TRY',
  validUntil,
  sections: { problems: [], solutions: [], timeline: [], faq: [] },
  lines: [
    { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 100, taxRateBps: 2000 },
  ],
})

/** What the store holds that a refused request could have written. */
const footprint = async (store: TestStore) => ({
  leads: await count('SELECT count(*) AS n FROM leads WHERE site_id = ?1', store.siteId),
  contacts: await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId),
  quotes: await count('SELECT count(*) AS n FROM quotes WHERE site_id = ?1', store.siteId),
  activities: await count('SELECT count(*) AS n FROM activities WHERE site_id = ?1', store.siteId),
  feeds: await count('SELECT count(*) AS n FROM calendar_feeds WHERE site_id = ?1', store.siteId),
})

async function issuesOf(res: Response, status = 422) {
  const body = (await res.json()) as {
    error: { code: string; issues?: { path?: string; message: string }[] }
  }
  expect(res.status, JSON.stringify(body)).toBe(status)
  return body.error
}

/** `YYYY-MM-DD` in `zone`, `days` from now. */
function dayIn(zone: string, days = 0): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date())
  const d = new Date(`${local}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A valibot schema seen as data, to walk it. */
type Node = v.GenericSchema & {
  type: string
  pipe?: Node[]
  entries?: Record<string, Node>
  item?: Node
  items?: Node[]
  options?: unknown[]
  wrapped?: Node
  key?: Node
  value?: unknown
  getter?: (input: unknown) => Node
}

/** Actions after which a string cannot hold a control character or a lone surrogate. */
const GUARDS = new Set(['regex', 'email', 'uuid', 'iso_timestamp', 'iso_date'])

const isGuarded = (s: Node): boolean =>
  s === (SingleLineSchema as unknown) ||
  s === (MultiLineSchema as unknown) ||
  (s.pipe !== undefined &&
    (s.pipe.slice(1).some((a) => GUARDS.has(a.type)) || (s.pipe[0] !== s && isGuarded(s.pipe[0]!))))

/** Where a schema reads a string that nothing keeps free of controls and lone surrogates. */
function unguardedStrings(s: Node, at: string, out: Set<string>, lazy = new Set<unknown>()) {
  if (s.type === 'string') {
    if (!isGuarded(s)) out.add(at)
    return
  }
  if (s.pipe) unguardedStrings(s.pipe[0]!, at, out, lazy)
  for (const [k, e] of Object.entries(s.entries ?? {})) unguardedStrings(e, `${at}.${k}`, out, lazy)
  if (s.item) unguardedStrings(s.item, `${at}[]`, out, lazy)
  s.items?.forEach((e, i) => unguardedStrings(e, `${at}.${i}`, out, lazy))
  if (s.type === 'union' || s.type === 'variant' || s.type === 'intersect') {
    for (const o of s.options as Node[]) unguardedStrings(o, at, out, lazy)
  }
  if (s.wrapped) unguardedStrings(s.wrapped, at, out, lazy)
  if (s.type === 'record') {
    unguardedStrings(s.key!, `${at}.<key>`, out, lazy)
    unguardedStrings(s.value as Node, `${at}.<value>`, out, lazy)
  }
  if (s.getter && !lazy.has(s)) {
    lazy.add(s)
    unguardedStrings(s.getter(undefined), at, out, lazy)
  }
}

/** Every route the app answers, as it documents itself. */
const ROUTES = documentedRoutes(createApp().routes)

describe('every string a route reads', () => {
  it('is free text under the contract rule, or an identifier, key, e-mail, date or URL with its own pattern', () => {
    const found = new Set<string>()
    for (const r of ROUTES) {
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = r[part]
        if (schema) unguardedStrings(schema as Node, `${r.path} ${part}`, found)
      }
    }
    const allowed = [...found].filter(
      (at) =>
        // Opaque page cursors: decoded and checked by the worker (400 for one it did not make).
        / query\.cursor$/.test(at) ||
        // The honeypot: never stored, and a refusal would tell a bot it was caught.
        /\.leadline_hp_7q$/.test(at) ||
        // Provider reports, signed by the provider: a refusal would only make it retry.
        at.startsWith('/hooks/'),
    )
    expect([...found].filter((at) => !allowed.includes(at))).toEqual([])
    expect(allowed.length).toBeGreaterThan(0)
  })
})

describe('dates that do not exist', () => {
  it('refuses a quote valid until 30 February and stores nothing; 29 February of a leap year is a day', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const before = await footprint(store)
    for (const day of ['2027-02-30', '2027-02-29', '2100-02-29', '2027-04-31', '2027-13-01']) {
      const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, quoteDraft(day))
      const error = await issuesOf(res)
      expect(error.code).toBe('validation_failed')
      expect(error.issues?.map((i) => i.path)).toEqual(['validUntil'])
    }
    expect(await footprint(store)).toEqual(before)
    const leap = await admin(
      store.rep.key,
      'POST',
      `/leads/${leadId}/quotes`,
      quoteDraft('2028-02-29'),
    )
    expect(leap.status).toBe(201)
    expect(((await leap.json()) as { validUntil: string }).validUntil).toBe('2028-02-29')
  })

  it('refuses impossible days in a deal, an availability override, an analytics range and a slot query', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const deal = await admin(store.rep.key, 'PATCH', `/leads/${leadId}/deal`, {
      expectedClose: '2027-02-29',
      expectedVersion: 1,
    })
    expect((await issuesOf(deal)).issues?.map((i) => i.path)).toEqual(['expectedClose'])
    const availability = await admin(store.rep.key, 'PUT', `/availability/${store.rep.id}`, {
      timeZone: 'Europe/Istanbul',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      overrides: [{ date: '2027-02-30', ranges: [] }],
      bufferBeforeMin: 0,
      bufferAfterMin: 0,
      minNoticeMin: 0,
      maxDaysAhead: 30,
      maxPerDay: 5,
    })
    expect((await issuesOf(availability)).issues?.map((i) => i.path)).toEqual(['overrides.0.date'])
    const funnel = await admin(store.rep.key, 'GET', '/analytics/funnel?from=2027-02-30')
    expect((await issuesOf(funnel)).issues?.map((i) => i.path)).toEqual(['from'])
    const slots = await admin(
      store.rep.key,
      'GET',
      '/slots?type=demo&from=2027-02-29T00:00:00Z&to=2027-03-02T00:00:00Z',
    )
    expect((await issuesOf(slots)).issues?.map((i) => i.path)).toEqual(['from'])
  })

  it('refuses to send a quote whose validity day has passed, naming validUntil, and sends one valid through today', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const site = (await (await admin(store.owner.key, 'GET', '/site')).json()) as {
      timeZone: string
    }
    const draft = async (validUntil: string) =>
      (await (
        await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, quoteDraft(validUntil))
      ).json()) as { id: string }
    const stale = await draft(dayIn(site.timeZone, -1))
    const error = await issuesOf(await admin(store.rep.key, 'POST', `/quotes/${stale.id}/send`))
    expect(error.code).toBe('validation_failed')
    expect(error.issues?.map((i) => i.path)).toEqual(['validUntil'])
    const after = (await (await admin(store.rep.key, 'GET', `/quotes/${stale.id}`)).json()) as {
      quote: { status: string; sentAt: string | null }
    }
    expect(after.quote).toMatchObject({ status: 'draft', sentAt: null })
    const lead = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as {
      lead: { stage: string }
    }
    expect(lead.lead.stage).toBe('lead')

    const fresh = await draft(dayIn(site.timeZone))
    expect((await admin(store.rep.key, 'POST', `/quotes/${fresh.id}/send`)).status).toBe(200)
  })
})

describe('text with control characters or broken characters', () => {
  it('refuses a lead named "Ali\\u0000Veli\\ud800" with 422 naming fields.name, and stores nothing', async () => {
    const store = await seedStore()
    const before = await footprint(store)
    for (const name of ['Ali\u0000Veli\ud800', 'Ali\u0000Veli', 'AliVeli\ud800', 'Ali\u0085Veli']) {
      const body = leadBody(store, { fields: { name, email: 'ali@example.com' } })
      // JSON.stringify writes the lone surrogate as the escape \ud800: valid JSON, valid UTF-8.
      expect(JSON.stringify(body)).not.toContain('\ud800')
      const error = await issuesOf(await postLead(store, body))
      expect(error.code).toBe('validation_failed')
      expect(error.issues?.map((i) => i.path)).toEqual(['fields.name'])
    }
    expect(await footprint(store)).toEqual(before)
  })

  it('stores a name typed with combining marks in NFC, and reads it back so', async () => {
    const store = await seedStore()
    const decomposed = 'Se\u0301bastien O\u0308zgu\u0308r'
    const leadId = await captureLead(store, {
      fields: { name: decomposed, email: 'seb@example.com' },
    })
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as {
      contact: { name: string }
    }
    expect(detail.contact.name).toBe('Sébastien Özgür')
    expect(detail.contact.name).not.toBe(decomposed)
  })

  it('keeps tabs and line breaks in a note, and refuses a bell in it naming body', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const body = 'Aradım.\r\nTekrar ara:\tyarın\nsabah'
    const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/activities`, {
      type: 'note',
      body,
    })
    expect(res.status).toBe(201)
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as {
      timeline: { type: string; body: { body?: string } }[]
    }
    expect(detail.timeline.find((a) => a.type === 'note')?.body.body).toBe(body)
    const before = await footprint(store)
    const bell = await admin(store.rep.key, 'POST', `/leads/${leadId}/activities`, {
      type: 'note',
      body: 'ding\u0007',
    })
    expect((await issuesOf(bell)).issues?.map((i) => i.path)).toEqual(['body'])
    expect(await footprint(store)).toEqual(before)
  })

  it('refuses control characters in admin text: a quote title, a tag, a template body', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as {
      contact: { id: string; version: number }
    }
    const cases: [string, string, unknown, string][] = [
      [
        'POST',
        `/leads/${leadId}/quotes`,
        { ...quoteDraft('2030-01-01'), title: 'T\u0000' },
        'title',
      ],
      [
        'PATCH',
        `/contacts/${detail.contact.id}`,
        { tags: ['vip', 'a\u001bb'], expectedVersion: detail.contact.version },
        'tags.1',
      ],
      [
        'POST',
        '/templates',
        { name: 'Hoş geldin', channel: 'sms', body: { tr: 'Merhaba\ud83d', en: 'Hello' } },
        'body.tr',
      ],
    ]
    for (const [method, path, body, field] of cases) {
      const res = await admin(store.owner.key, method, path, body)
      expect(
        (await issuesOf(res)).issues?.map((i) => i.path),
        path,
      ).toContain(field)
    }
  })

  it('answers 400 invalid_json to a body that is not UTF-8 and stores nothing', async () => {
    const store = await seedStore()
    const before = await footprint(store)
    const json = JSON.stringify(leadBody(store, { fields: { name: 'NAME', email: 'a@b.co' } }))
    const [head, tail] = json.split('NAME') as [string, string]
    const enc = new TextEncoder()
    // A stray byte, and a surrogate encoded in UTF-8 form (CESU-8), which UTF-8 forbids.
    for (const bad of [[0xff], [0xed, 0xa0, 0x80]]) {
      const bytes = new Uint8Array([...enc.encode(`${head}Ali`), ...bad, ...enc.encode(tail)])
      const res = await call(
        new Request(`${BASE}/v1/leads`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Origin: store.origin,
            'Idempotency-Key': idemKey(),
          },
          body: bytes,
        }),
      )
      expect((await issuesOf(res, 400)).code).toBe('invalid_json')
    }
    expect(await footprint(store)).toEqual(before)
  })
})

describe('routes that take no body', () => {
  /** Documented as `RFC 8058` one-click unsubscribe: mail clients post a form body it ignores. */
  const IGNORES_BODY = new Set(['unsubscribe'])
  const NO_BODY = ROUTES.filter(
    (r) => r.method !== 'get' && !r.body && !IGNORES_BODY.has(r.operationId),
  )
  const pathOf = (path: string) => `${BASE}${path.replace(/:[A-Za-z]+/g, 'xx_placeholder')}`

  it('finds the no-body routes in the route table', () => {
    expect(NO_BODY.map((r) => r.operationId)).toEqual(
      expect.arrayContaining(['createCalendarFeed', 'sendQuote', 'revokeApiKey']),
    )
    expect(NO_BODY.length).toBeGreaterThanOrEqual(18)
    for (const r of NO_BODY) expect(r.auth, r.operationId).toBe('admin')
  })

  it('refuses invalid JSON, a JSON object and plain text on every one with 415, writing nothing', async () => {
    const store = await seedStore()
    const before = await footprint(store)
    const sent: [string | undefined, string][] = [
      ['application/json', '{not json'],
      ['application/json', '{}'],
      ['text/plain', 'x'],
      [undefined, ' '],
    ]
    for (const r of NO_BODY) {
      for (const [type, body] of sent) {
        const headers: Record<string, string> = { Authorization: `Bearer ${store.owner.key}` }
        if (type) headers['Content-Type'] = type
        const res = await call(
          new Request(pathOf(r.path), {
            method: r.method.toUpperCase(),
            headers,
            body: new TextEncoder().encode(body),
          }),
        )
        const where = `${r.method} ${r.path} ${type} ${JSON.stringify(body)}`
        expect(res.status, where).toBe(415)
        expect(((await res.json()) as { error: { code: string } }).error.code, where).toBe(
          'unsupported_media_type',
        )
      }
    }
    expect(await footprint(store)).toEqual(before)
  })

  it('passes a request without a body, or with an empty one, on to the route', async () => {
    const store = await seedStore()
    for (const r of NO_BODY) {
      for (const body of [undefined, new Uint8Array()]) {
        const res = await call(
          new Request(pathOf(r.path), {
            method: r.method.toUpperCase(),
            headers: { Authorization: `Bearer ${store.owner.key}` },
            body,
          }),
        )
        expect(res.status, `${r.method} ${r.path}`).not.toBe(415)
      }
    }
  })

  it('makes a calendar feed without a body and refuses one with invalid JSON', async () => {
    const store = await seedStore()
    const bad = await call(
      new Request(`${BASE}/admin/api/calendar-feeds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${store.rep.key}`, 'Content-Type': 'application/json' },
        body: '{"oops": ',
      }),
    )
    expect((await issuesOf(bad, 415)).code).toBe('unsupported_media_type')
    expect(
      await count('SELECT count(*) AS n FROM calendar_feeds WHERE site_id = ?1', store.siteId),
    ).toBe(0)
    expect((await admin(store.rep.key, 'POST', '/calendar-feeds')).status).toBe(201)
  })

  it('lets the one-click unsubscribe post its form body (RFC 8058), which it ignores', async () => {
    expect((await oneClickUnsubscribe('ms_unknown')).status).toBe(404)
  })
})
