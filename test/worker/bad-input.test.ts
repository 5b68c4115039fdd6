/**
 * Bad input on every route: each gets the error envelope with the right status, leaks no
 * internals, answers as JSON (never HTML) and writes nothing.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../contract'
import {
  admin,
  call,
  captureLead,
  chunkedBody,
  count,
  idemKey,
  leadBody,
  postChunked,
  postLead,
  seedStore,
  type TestStore,
} from './helpers'
import { areaJsonRoutes } from './areas'

const BASE = 'https://leadline.test'
const TABLES = [
  'leads',
  'contacts',
  'activities',
  'stage_events',
  'consents',
  'idempotency_keys',
  'audit_log',
  'quizzes',
  'quiz_responses',
  'quiz_step_events',
  'bookings',
  'rep_availability',
  'booking_settings',
  'calendar_feeds',
  'quotes',
  'quote_views',
  'quote_events',
  'invoices',
  'events',
  'webhooks',
  'outbox',
  'delivery_attempts',
  'message_templates',
  'sequences',
  'enrollments',
  'tasks',
  'messaging_settings',
  'pipelines',
  'contact_tags',
  'contact_merges',
  'privacy_settings',
  'forecast_snapshots',
  'users',
  'api_keys',
] as const

/** Row counts of one store in every table a request could write. */
async function rowCounts(siteId: string): Promise<Record<string, number>> {
  const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t} WHERE site_id = ?1) AS ${t}`).join(', ')}`
  return (await env.DB.prepare(sql).bind(siteId).first<Record<string, number>>())!
}

/** Runs `act` and asserts that the store's row counts are the same afterwards. */
async function writesNothing(store: TestStore, act: () => Promise<void>) {
  const before = await rowCounts(store.siteId)
  await act()
  expect(await rowCounts(store.siteId)).toEqual(before)
}

const INTERNALS =
  /SQLITE|D1_|no such (table|column)|syntax error|constraint failed|\n\s+at |\.ts:\d+|stack/i

/** Asserts the error envelope, its status and code, and that it is inert JSON without internals. */
async function expectError(res: Response, status: number, code: string) {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(text).not.toMatch(INTERNALS)
  const body = JSON.parse(text) as {
    error: { code: string; message: string; issues?: { path?: string; message: string }[] }
  }
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  if (body.error.issues !== undefined) {
    for (const issue of body.error.issues) expect(typeof issue.message).toBe('string')
  }
  return body.error
}

interface Sent {
  method?: string
  headers?: Record<string, string>
  body?: BodyInit
}

/** A raw request to the app, for bodies and headers the helpers do not make. */
function send(path: string, init: Sent = {}) {
  return call(
    new Request(`${BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
    }),
  )
}

/** A store with one captured lead, its contact, and the routes that take a JSON body. */
async function storeWithLead() {
  const store = await seedStore()
  const leadId = await captureLead(store)
  const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as any
  const contactId: string = detail.contact.id
  const auth = { Authorization: `Bearer ${store.rep.key}` }
  const ownerAuth = { Authorization: `Bearer ${store.owner.key}` }
  const quoteDraft = {
    title: 'Teklif',
    currency: 'TRY',
    validUntil: '2030-01-01',
    sections: { problems: [], solutions: [], timeline: [], faq: [] },
    lines: [
      { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 100, taxRateBps: 2000 },
    ],
  }
  const product = {
    name: 'Havlu',
    unit: 'adet',
    unitPriceMinor: 8_990,
    currency: 'TRY',
    taxRateBps: 2000,
  }
  const faq = { question: 'Teslimat?', answer: [{ type: 'p', children: [{ text: '3 hafta' }] }] }
  // Real rows and current settings, so each route below gets a body and an id it would accept.
  const quote = (await (
    await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, quoteDraft)
  ).json()) as any
  const productId = (
    (await (await admin(store.rep.key, 'POST', '/products', product)).json()) as any
  ).id as string
  const faqId = ((await (await admin(store.rep.key, 'POST', '/faqs', faq)).json()) as any)
    .id as string
  const quiz = (await (await admin(store.owner.key, 'GET', '/quiz')).json()) as any
  const bookingSettings = await (await admin(store.owner.key, 'GET', '/booking/settings')).json()
  const quoteSettings = await (await admin(store.owner.key, 'GET', '/quote-settings')).json()
  for (const id of [quote.id, productId, faqId, quiz.definition]) expect(id).toBeTruthy()
  const publicHeaders = {
    Origin: store.origin,
    'Idempotency-Key': idemKey(),
    'CF-Connecting-IP': '10.9.9.9',
  }
  const jsonRoutes: {
    name: string
    method: string
    path: string
    headers: Record<string, string>
    valid: unknown
  }[] = [
    {
      name: 'POST /v1/leads',
      method: 'POST',
      path: '/v1/leads',
      headers: publicHeaders,
      valid: leadBody(store),
    },
    {
      name: 'POST move',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/move`,
      headers: auth,
      valid: { to: 'meeting', reason: 'called', expectedVersion: 1 },
    },
    {
      name: 'POST close',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/close`,
      headers: auth,
      valid: { outcome: 'won', reason: 'signed', expectedVersion: 1 },
    },
    {
      name: 'POST assign',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/assign`,
      headers: auth,
      valid: { ownerId: store.rep.id, expectedVersion: 1 },
    },
    {
      name: 'POST activities',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/activities`,
      headers: auth,
      valid: { type: 'note', body: 'hello' },
    },
    {
      name: 'PATCH contact',
      method: 'PATCH',
      path: `/admin/api/contacts/${contactId}`,
      headers: auth,
      valid: { name: 'Yeni Ad', expectedVersion: 1 },
    },
    ...(['start', 'events', 'responses'] as const).map((step) => ({
      name: `POST /v1/quiz/${step}`,
      method: 'POST',
      path: `/v1/quiz/${step}`,
      headers: publicHeaders,
      valid: {
        siteKey: store.siteKey,
        quizId: 'qz_placeholder',
        version: 1,
        sessionId: 'session-0123456789abcdef',
        ...(step === 'events'
          ? { events: [{ question: 'location', event: 'shown' }] }
          : { leadId }),
        ...(step === 'responses' ? { answers: { location: 'istanbul' } } : {}),
      },
    })),
    {
      name: 'POST qualification',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/qualification`,
      headers: auth,
      valid: { outcome: 'qualified', reason: 'called', expectedVersion: 1 },
    },
    {
      name: 'POST /v1/bookings',
      method: 'POST',
      path: '/v1/bookings',
      headers: publicHeaders,
      valid: {
        siteKey: store.siteKey,
        type: 'demo',
        start: '2030-01-07T09:00:00.000Z',
        timeZone: 'Europe/Istanbul',
        leadId,
      },
    },
    ...(['cancel', 'reschedule'] as const).map((action) => ({
      name: `POST booking link ${action}`,
      method: 'POST',
      path: `/v1/bookings/${'A'.repeat(32)}/${action}`,
      headers: publicHeaders,
      valid: action === 'cancel' ? {} : { start: '2030-01-07T09:00:00.000Z' },
    })),
    {
      name: 'PUT availability',
      method: 'PUT',
      path: `/admin/api/availability/${store.rep.id}`,
      headers: auth,
      valid: {
        timeZone: 'Europe/Istanbul',
        weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        overrides: [],
        bufferBeforeMin: 0,
        bufferAfterMin: 0,
        minNoticeMin: 0,
        maxDaysAhead: 30,
        maxPerDay: 5,
      },
    },
    ...(['cancel', 'held', 'no-show', 'reschedule'] as const).map((action) => ({
      name: `POST booking ${action}`,
      method: 'POST',
      path: `/admin/api/bookings/bk_placeholder/${action}`,
      headers: auth,
      valid: action === 'reschedule' ? { start: '2030-01-07T09:00:00.000Z' } : {},
    })),
    ...(['view', 'accept', 'decline'] as const).map((action) => ({
      name: `POST quote link ${action}`,
      method: 'POST',
      path: `/v1/quotes/${'B'.repeat(32)}/${action}`,
      headers: publicHeaders,
      valid:
        action === 'accept'
          ? { fullName: 'Ayşe Kaya', acceptTerms: true, revision: 1 }
          : action === 'view'
            ? { sections: ['problems'] }
            : {},
    })),
    {
      name: 'POST quote draft',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/quotes`,
      headers: auth,
      valid: quoteDraft,
    },
    {
      name: 'POST quiz preview',
      method: 'POST',
      path: '/admin/api/quiz/preview',
      headers: auth,
      valid: { answers: { location: 'istanbul' } },
    },
    {
      name: 'PUT quiz',
      method: 'PUT',
      path: '/admin/api/quiz',
      headers: ownerAuth,
      valid: quiz.definition,
    },
    {
      name: 'PUT booking settings',
      method: 'PUT',
      path: '/admin/api/booking/settings',
      headers: ownerAuth,
      valid: bookingSettings,
    },
    {
      name: 'PUT quote',
      method: 'PUT',
      path: `/admin/api/quotes/${quote.id}?expectedVersion=${quote.version}`,
      headers: auth,
      valid: { ...quoteDraft, title: 'Güncel teklif' },
    },
    {
      name: 'PUT quote settings',
      method: 'PUT',
      path: '/admin/api/quote-settings',
      headers: ownerAuth,
      valid: quoteSettings,
    },
    {
      name: 'POST product',
      method: 'POST',
      path: '/admin/api/products',
      headers: auth,
      valid: product,
    },
    {
      name: 'PUT product',
      method: 'PUT',
      path: `/admin/api/products/${productId}`,
      headers: auth,
      valid: { ...product, name: 'Bornoz' },
    },
    { name: 'POST faq', method: 'POST', path: '/admin/api/faqs', headers: auth, valid: faq },
    {
      name: 'PUT faq',
      method: 'PUT',
      path: `/admin/api/faqs/${faqId}`,
      headers: auth,
      valid: { ...faq, question: 'Kargo?' },
    },
    ...(await areaJsonRoutes({ store, leadId, contactId })),
  ]
  return { store, leadId, contactId, jsonRoutes }
}

/** The path of every string in a JSON value (not of object keys). */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at]
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...at, i]))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, item]) => stringPaths(item, [...at, k]))
  }
  return []
}

/** A copy of `value` with the string at `path` changed by `change`. */
function withString(
  value: unknown,
  path: (string | number)[],
  change: (s: string) => string,
): unknown {
  if (path.length === 0) return change(value as string)
  const [key, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[key!] = withString(copy[key!], rest, change)
  return copy
}

/** A JSON body larger than 64 KB that is otherwise a valid request. */
const oversized = (valid: unknown) => {
  const body = JSON.stringify(valid)
  return `${body.slice(0, -1)}, "padding": "${'a'.repeat(MAX_BODY_BYTES)}"}`
}

describe('bad request bodies on every JSON route', () => {
  it('answers malformed JSON with 400 invalid_json and writes nothing', async () => {
    const { store, jsonRoutes } = await storeWithLead()
    await writesNothing(store, async () => {
      for (const r of jsonRoutes) {
        for (const body of ['{"to": ', '{bad json}', "{'single': 'quotes'}", '']) {
          const res = await send(r.path, {
            method: r.method,
            headers: { ...r.headers, 'Content-Type': 'application/json' },
            body,
          })
          await expectError(res, 400, 'invalid_json')
        }
      }
    })
  })

  it('answers a body over 64 KB with 413, with or without a Content-Length', async () => {
    const { store, jsonRoutes } = await storeWithLead()
    await writesNothing(store, async () => {
      for (const r of jsonRoutes) {
        const headers = { ...r.headers, 'Content-Type': 'application/json' }
        const sized = await send(r.path, { method: r.method, headers, body: oversized(r.valid) })
        await expectError(sized, 413, 'payload_too_large')
        const request = new Request(`${BASE}${r.path}`, {
          method: r.method,
          headers,
          body: chunkedBody(MAX_BODY_BYTES + 1).stream,
        })
        expect(request.headers.get('Content-Length')).toBeNull()
        await expectError(await call(request), 413, 'payload_too_large')
      }
    })
  })

  it('accepts a chunked body under 64 KB, so the 413 above is about size', async () => {
    const { store } = await storeWithLead()
    const body = new TextEncoder().encode(JSON.stringify(leadBody(store)))
    const { response } = postChunked('/v1/leads', body, {
      Origin: store.origin,
      'Idempotency-Key': idemKey(),
    })
    expect((await response).status).toBe(201)
  })

  it('answers text/plain, form-encoded and missing content types with 415', async () => {
    const { store, jsonRoutes } = await storeWithLead()
    await writesNothing(store, async () => {
      for (const r of jsonRoutes) {
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          undefined,
        ]) {
          const headers: Record<string, string> = { ...r.headers }
          if (type) headers['Content-Type'] = type
          // Bytes, not a string: a string body would get a text/plain type by default.
          const body = new TextEncoder().encode(JSON.stringify(r.valid))
          const request = new Request(`${BASE}${r.path}`, { method: r.method, headers, body })
          expect(request.headers.get('Content-Type')).toBe(type ?? null)
          await expectError(await call(request), 415, 'unsupported_media_type')
        }
      }
    })
  })

  it('answers wrong types, unknown fields and over-long strings with 422 and their paths', async () => {
    const { store, leadId, contactId } = await storeWithLead()
    const long = (n: number) => 'ç'.repeat(n)
    // 20 000 nested arrays (40 KB): sent as text, since JSON.stringify would overflow the stack here.
    const deeplyNested = JSON.stringify(
      leadBody(store, { fields: { email: 'a@b.co', company: 0 } }),
    ).replace('"company":0', `"company":${'['.repeat(20_000)}${']'.repeat(20_000)}`)
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/leads', leadBody(store, { fields: { email: 42 } }), 'fields.email'],
      ['POST', '/v1/leads', leadBody(store, { isAdmin: true }), 'isAdmin'],
      [
        'POST',
        '/v1/leads',
        leadBody(store, { fields: { email: 'a@b.co', name: long(201) } }),
        'fields.name',
      ],
      [
        'POST',
        '/v1/leads',
        leadBody(store, { fields: { email: 'a@b.co', message: long(5001) } }),
        'fields.message',
      ],
      ['POST', '/v1/leads', leadBody(store, { custom: { 'Bad Key': 'x' } }), 'custom.Bad Key'],
      [
        'POST',
        '/v1/leads',
        leadBody(store, { consent: { version: '1', channels: { email: 'yes' } } }),
        'consent.channels.email',
      ],
      ['POST', '/v1/leads', leadBody(store, { elapsedMs: -1 }), 'elapsedMs'],
      ['POST', '/v1/leads', [leadBody(store)], ''],
      ['POST', '/v1/leads', null, ''],
      [
        'POST',
        '/v1/leads',
        { ...leadBody(store), ...JSON.parse('{"__proto__": {"isAdmin": true}}') },
        '__proto__',
      ],
      ['POST', '/v1/leads', deeplyNested, 'fields.company'],
      ['POST', `/admin/api/leads/${leadId}/move`, { to: 5, reason: 'x', expectedVersion: 1 }, 'to'],
      [
        'POST',
        `/admin/api/leads/${leadId}/move`,
        { to: 'meeting', reason: 'x', expectedVersion: 1, at: 'now' },
        'at',
      ],
      [
        'POST',
        `/admin/api/leads/${leadId}/move`,
        { to: 'meeting', reason: long(501), expectedVersion: 1 },
        'reason',
      ],
      [
        'POST',
        `/admin/api/leads/${leadId}/move`,
        { to: 'meeting', reason: 'x', expectedVersion: '1' },
        'expectedVersion',
      ],
      [
        'POST',
        `/admin/api/leads/${leadId}/close`,
        { outcome: 'maybe', reason: 'x', expectedVersion: 1 },
        'outcome',
      ],
      ['POST', `/admin/api/leads/${leadId}/assign`, { ownerId: 7, expectedVersion: 1 }, 'ownerId'],
      [
        'POST',
        `/admin/api/leads/${leadId}/assign`,
        { ownerId: 'nobody_here', expectedVersion: 1 },
        'ownerId',
      ],
      ['POST', `/admin/api/leads/${leadId}/activities`, { type: 'sms', body: 'x' }, 'type'],
      ['POST', `/admin/api/leads/${leadId}/activities`, { type: 'note', body: long(5001) }, 'body'],
      [
        'POST',
        `/admin/api/leads/${leadId}/activities`,
        { type: 'call', body: 'x', durationMinutes: 1441 },
        'durationMinutes',
      ],
      [
        'PATCH',
        `/admin/api/contacts/${contactId}`,
        { name: long(201), expectedVersion: 1 },
        'name',
      ],
      [
        'PATCH',
        `/admin/api/contacts/${contactId}`,
        { email: 'not-an-email', expectedVersion: 1 },
        'email',
      ],
      ['PATCH', `/admin/api/contacts/${contactId}`, { notes: 'x', expectedVersion: 1 }, 'notes'],
      [
        'PATCH',
        `/admin/api/contacts/${contactId}`,
        { name: { first: 'A' }, expectedVersion: 1 },
        'name',
      ],
    ]
    await writesNothing(store, async () => {
      for (const [method, path, body, issuePath] of cases) {
        const headers: Record<string, string> = path.startsWith('/v1')
          ? { Origin: store.origin, 'Idempotency-Key': idemKey(), 'CF-Connecting-IP': '10.8.8.8' }
          : { Authorization: `Bearer ${store.rep.key}` }
        const res = await send(path, {
          method,
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        })
        const error = await expectError(res, 422, 'validation_failed')
        expect(error.issues?.length, `${path} ${issuePath}`).toBeGreaterThan(0)
        if (issuePath)
          expect(
            error.issues!.map((i) => i.path),
            path,
          ).toContain(issuePath)
      }
    })
  })

  it('answers a control character or a lone surrogate in any string of any JSON body with 422 naming it', async () => {
    const { store, jsonRoutes } = await storeWithLead()
    // NUL, a lone surrogate (JSON.stringify writes it as the escape \ud800), ESC and a C1 control.
    const BAD = ['\u0000', '\ud800', '\u001b', '\u0085']
    let n = 0
    await writesNothing(store, async () => {
      for (const r of jsonRoutes) {
        for (const path of stringPaths(r.valid)) {
          const bad = BAD[n++ % BAD.length]!
          const body = withString(r.valid, path, (s) => `${s.slice(0, 1)}${bad}${s.slice(1)}`)
          const res = await send(r.path, {
            method: r.method,
            headers: {
              ...r.headers,
              'Idempotency-Key': idemKey(),
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(body),
          })
          const where = `${r.name} ${path.join('.')} ${JSON.stringify(bad)}`
          expect(res.status, where).toBe(422)
          const error = await expectError(res, 422, 'validation_failed')
          // The field itself, or, for the key that picks a shape (a quiz condition's `op`, a rich
          // text block's `type`), the union of shapes around it.
          const leaf = path.join('.')
          const named = (error.issues ?? []).some(
            (i) => i.path === leaf || (i.path && leaf.startsWith(`${i.path}.`)),
          )
          expect(named, `${where}: ${JSON.stringify(error.issues)}`).toBe(true)
        }
      }
    })
    expect(n).toBeGreaterThan(300)
  }, 60_000)

  it('refuses a move to an unknown or closed stage, a close or move without a reason, an empty update', async () => {
    const { store, leadId, contactId } = await storeWithLead()
    const cases: [string, string, unknown][] = [
      ['POST', `/leads/${leadId}/move`, { to: 'nowhere', reason: 'x', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/move`, { to: 'won', reason: 'x', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/move`, { to: 'meeting', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/move`, { to: 'meeting', reason: '   ', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/close`, { outcome: 'lost', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/close`, { outcome: 'lost', reason: '', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/move`, { to: 'meeting', reason: 'x' }],
      ['POST', `/leads/${leadId}/move`, { to: 'meeting', reason: 'x', expectedVersion: 0 }],
      ['PATCH', `/contacts/${contactId}`, { expectedVersion: 1 }],
      ['PATCH', `/contacts/${contactId}`, {}],
    ]
    await writesNothing(store, async () => {
      for (const [method, path, body] of cases) {
        await expectError(await admin(store.rep.key, method, path, body), 422, 'validation_failed')
      }
    })
    const lead = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as any
    expect(lead.lead).toMatchObject({ stage: 'lead', status: 'open', version: 1 })
  })
})

describe('injection strings', () => {
  const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>'
  const SQL = "Robert'); DROP TABLE leads; --"

  it('stores HTML and SQL text as inert data and answers it only inside JSON', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store, {
      fields: { name: HTML, email: 'inj@example.com', company: SQL, message: `${SQL}\n${HTML}` },
    })
    const res = await admin(store.rep.key, 'GET', `/leads/${leadId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    const detail = (await res.json()) as any
    expect(detail.contact.name).toBe(HTML)
    expect(detail.contact.company).toBe(SQL)
    expect(detail.lead.message).toBe(`${SQL}\n${HTML}`)
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM leads WHERE site_id = ?1')
        .bind(store.siteId)
        .first('n'),
    ).toBe(1)

    const search = await admin(
      store.rep.key,
      'GET',
      `/leads?q=${encodeURIComponent("' OR '1'='1")}`,
    )
    expect(search.status).toBe(200)
    expect(((await search.json()) as any).items).toEqual([])
    const contacts = await admin(store.rep.key, 'GET', `/contacts?q=${encodeURIComponent('%')}`)
    expect(((await contacts.json()) as any).items).toEqual([])
  })

  it('refuses SQL in sort, owner and id positions without running it', async () => {
    const store = await seedStore()
    await captureLead(store)
    await writesNothing(store, async () => {
      const paths = [
        `/leads?sort=${encodeURIComponent('created_at; DROP TABLE leads')}`,
        `/leads?order=${encodeURIComponent('desc, (SELECT 1)')}`,
        `/leads?owner=${encodeURIComponent("x' OR '1'='1")}`,
        `/contacts?owner=${encodeURIComponent("x' OR '1'='1")}`,
        `/leads/${encodeURIComponent("x' OR '1'='1")}`,
        `/contacts/${encodeURIComponent('1; DROP TABLE contacts')}`,
      ]
      for (const path of paths)
        await expectError(await admin(store.rep.key, 'GET', path), 422, 'validation_failed')
    })
    expect((await admin(store.rep.key, 'GET', '/leads')).status).toBe(200)
  })

  it('answers refused HTML as JSON, never as a page', async () => {
    const store = await seedStore()
    const res = await postLead(store, leadBody(store, { fields: { email: HTML } }))
    await expectError(res, 422, 'validation_failed')
    const notFound = await send(`/${encodeURIComponent(HTML)}`)
    await expectError(notFound, 404, 'not_found')
  })
})

describe('admin authentication', () => {
  it('answers 401 with a Bearer challenge on every admin route without a valid key, and writes nothing', async () => {
    const { store, leadId, contactId, jsonRoutes } = await storeWithLead()
    const other = await seedStore()
    const routes = [
      { method: 'GET', path: '/admin/api/me' },
      { method: 'GET', path: '/admin/api/leads' },
      { method: 'GET', path: `/admin/api/leads/${leadId}` },
      { method: 'GET', path: '/admin/api/contacts' },
      { method: 'GET', path: `/admin/api/contacts/${contactId}` },
      { method: 'POST', path: `/admin/api/leads/${leadId}/score` },
      { method: 'GET', path: '/admin/api/quiz' },
      { method: 'PUT', path: '/admin/api/quiz', body: '{}' },
      { method: 'GET', path: '/admin/api/quiz/versions' },
      { method: 'GET', path: '/admin/api/quiz/responses' },
      { method: 'GET', path: '/admin/api/quiz/funnel' },
      { method: 'GET', path: '/admin/api/booking/settings' },
      { method: 'PUT', path: '/admin/api/booking/settings', body: '{}' },
      { method: 'GET', path: `/admin/api/availability/${store.rep.id}` },
      { method: 'GET', path: '/admin/api/bookings' },
      { method: 'GET', path: `/admin/api/leads/${leadId}/quotes` },
      { method: 'GET', path: '/admin/api/quotes/qt_placeholder' },
      { method: 'PUT', path: '/admin/api/quotes/qt_placeholder?expectedVersion=1', body: '{}' },
      { method: 'POST', path: '/admin/api/quotes/qt_placeholder/send' },
      { method: 'POST', path: '/admin/api/quotes/qt_placeholder/revoke' },
      { method: 'GET', path: '/admin/api/invoices' },
      { method: 'GET', path: '/admin/api/invoices/in_placeholder' },
      { method: 'POST', path: '/admin/api/invoices/in_placeholder/paid' },
      { method: 'POST', path: '/admin/api/invoices/in_placeholder/cancel' },
      { method: 'GET', path: '/admin/api/calendar-feeds' },
      { method: 'POST', path: '/admin/api/calendar-feeds' },
      { method: 'DELETE', path: '/admin/api/calendar-feeds/cf_placeholder' },
      ...jsonRoutes
        .filter((r) => r.path.startsWith('/admin'))
        .map((r) => ({ ...r, body: JSON.stringify(r.valid) })),
    ]
    const badAuth: (string | undefined)[] = [
      undefined,
      '',
      'Bearer',
      `Bearer ${store.rep.key.slice(0, -1)}`,
      `Bearer ${store.rep.key}x`,
      `bearer ${store.rep.key}`,
      `Basic ${btoa(`rep:${store.rep.key}`)}`,
      `Bearer ${store.siteKey}`,
      `Bearer sk_${'A'.repeat(40)}`,
      `Bearer ${store.rep.key}' OR '1'='1`,
    ]
    await writesNothing(store, async () => {
      for (const r of routes) {
        for (const authorization of badAuth) {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' }
          if (authorization !== undefined) headers.Authorization = authorization
          const res = await send(r.path, {
            method: r.method,
            headers,
            body: 'body' in r ? r.body : undefined,
          })
          expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /)
          await expectError(res, 401, 'unauthorized')
        }
      }
    })
    // Another store's valid key is not a key for this store's lead.
    expect((await admin(other.owner.key, 'GET', `/leads/${leadId}`)).status).toBe(404)
  })
})

describe('admin ids and queries', () => {
  it('answers malformed ids with 422 and unknown ones with 404 on every id route', async () => {
    const { store, leadId } = await storeWithLead()
    const routes: [string, string, unknown][] = [
      ['GET', '/leads/:id', undefined],
      ['GET', '/contacts/:id', undefined],
      ['POST', '/leads/:id/move', { to: 'meeting', reason: 'x', expectedVersion: 1 }],
      ['POST', '/leads/:id/close', { outcome: 'won', reason: 'x', expectedVersion: 1 }],
      ['POST', '/leads/:id/assign', { ownerId: null, expectedVersion: 1 }],
      ['POST', '/leads/:id/activities', { type: 'note', body: 'x' }],
      ['PATCH', '/contacts/:id', { name: 'x', expectedVersion: 1 }],
      ['GET', '/templates/:id', undefined],
      ['GET', '/sequences/:id', undefined],
      ['GET', '/sequences/:id/enrollments', undefined],
      ['GET', '/leads/:id/enrollments', undefined],
      ['POST', '/tasks/:id/done', undefined],
      ['GET', '/webhooks/:id', undefined],
      ['GET', '/webhooks/:id/deliveries', undefined],
      ['GET', '/outbox/:id', undefined],
      ['POST', '/outbox/:id/retry', undefined],
      ['PATCH', '/leads/:id/deal', { valueMinor: 1, expectedVersion: 1 }],
      ['POST', '/leads/:id/pipeline', { pipelineId: 'pl_x', expectedVersion: 1 }],
      ['POST', '/contacts/:id/merge', { from: 'ct_x', expectedVersion: 1 }],
      ['GET', '/contacts/:id/export', undefined],
    ]
    await writesNothing(store, async () => {
      for (const [method, path, body] of routes) {
        for (const bad of ['a'.repeat(65), 'bad id', 'ld.1', '%00', 'ş']) {
          const res = await admin(
            store.rep.key,
            method,
            path.replace(':id', encodeURIComponent(bad)),
            body,
          )
          await expectError(res, 422, 'validation_failed')
        }
        const missing = await admin(
          store.rep.key,
          method,
          path.replace(':id', 'ld_doesnotexist'),
          body,
        )
        await expectError(missing, 404, 'not_found')
      }
    })
    expect((await admin(store.rep.key, 'GET', `/leads/${leadId}`)).status).toBe(200)
  })

  it('answers bad list queries with 422 and a cursor it did not make with 400', async () => {
    const store = await seedStore()
    await captureLead(store)
    const invalid = [
      '/leads?sort=password',
      '/leads?sort=',
      '/leads?order=sideways',
      '/leads?limit=0',
      '/leads?limit=101',
      '/leads?limit=-1',
      '/leads?limit=1.5',
      '/leads?limit=abc',
      '/leads?stage=nowhere',
      '/leads?status=pending',
      '/leads?q=',
      `/leads?q=${'q'.repeat(101)}`,
      '/leads?unknown=1',
      '/leads?sort=value&sort=created_at',
      '/leads?limit=1&limit=2',
      `/leads?cursor=${'c'.repeat(501)}`,
      '/contacts?limit=0',
      '/contacts?limit=101',
      '/contacts?sort=created_at',
      '/contacts?owner=a%20b',
    ]
    const badCursors = ['garbage', btoa('{"a":1}'), btoa('[1]'), btoa('["x", 2]'), '!!!']
    await writesNothing(store, async () => {
      for (const path of invalid) {
        const error = await expectError(
          await admin(store.rep.key, 'GET', path),
          422,
          'validation_failed',
        )
        expect(error.issues?.length, path).toBeGreaterThan(0)
      }
      for (const cursor of badCursors) {
        for (const list of ['/leads', '/contacts']) {
          const res = await admin(
            store.rep.key,
            'GET',
            `${list}?cursor=${encodeURIComponent(cursor)}`,
          )
          await expectError(res, 400, 'bad_request')
        }
      }
    })
    for (const ok of ['/leads?limit=1', '/leads?limit=100', '/contacts?limit=100']) {
      expect((await admin(store.rep.key, 'GET', ok)).status, ok).toBe(200)
    }
  })
})

describe('public API guards', () => {
  it('answers a capture without an Idempotency-Key, or with a malformed one, with 400', async () => {
    const store = await seedStore()
    await writesNothing(store, async () => {
      await expectError(await postLead(store, leadBody(store), { key: null }), 400, 'bad_request')
      for (const key of ['short', 'a'.repeat(256), 'has space in it']) {
        await expectError(await postLead(store, leadBody(store), { key }), 400, 'bad_request')
      }
    })
  })

  it('answers the same Idempotency-Key with another body with 422, storing only the first', async () => {
    const store = await seedStore()
    const key = idemKey()
    const first = await postLead(store, leadBody(store), { key })
    expect(first.status).toBe(201)
    await writesNothing(store, async () => {
      const other = leadBody(store, { fields: { email: 'someone.else@example.com' } })
      await expectError(await postLead(store, other, { key }), 422, 'idempotency_key_reused')
      const replay = await postLead(store, leadBody(store), { key })
      expect(replay.status).toBe(201)
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    })
  })

  it('scopes Idempotency-Keys by store: the same key creates a lead in each of two stores', async () => {
    const [a, b] = [await seedStore(), await seedStore()]
    const key = idemKey()
    const first = await postLead(a, leadBody(a), { key })
    const second = await postLead(b, leadBody(b), { key })
    expect([first.status, second.status]).toEqual([201, 201])
    expect(second.headers.get('Idempotent-Replayed')).toBeNull()
    const [leadA, leadB] = [
      ((await first.json()) as { leadId: string }).leadId,
      ((await second.json()) as { leadId: string }).leadId,
    ]
    expect(leadA).not.toBe(leadB)
    for (const [store, leadId] of [
      [a, leadA],
      [b, leadB],
    ] as const) {
      expect((await admin(store.rep.key, 'GET', `/leads/${leadId}`)).status).toBe(200)
      expect(await count('SELECT count(*) AS n FROM leads WHERE site_id = ?1', store.siteId)).toBe(
        1,
      )
    }
    expect((await admin(a.rep.key, 'GET', `/leads/${leadB}`)).status).toBe(404)
  })

  it('answers the same Idempotency-Key with another note on a lead with 422', async () => {
    const { store, leadId } = await storeWithLead()
    const key = idemKey()
    const send = (body: string) =>
      call(
        new Request(`${BASE}/admin/api/leads/${leadId}/activities`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${store.rep.key}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': key,
          },
          body: JSON.stringify({ type: 'note', body }),
        }),
      )
    expect((await send('first')).status).toBe(201)
    await writesNothing(store, async () => {
      await expectError(await send('second'), 422, 'idempotency_key_reused')
    })
  })

  it('refuses unknown, forged and other stores origins with 403, no CORS grant, nothing written', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const host = new URL(store.origin).host
    const origins = [
      'https://evil.example',
      'null',
      `${store.origin}.evil.example`,
      `http://${host}`,
      `https://evil.example/${host}`,
      `${store.origin}:8443`,
      other.origin,
    ]
    await writesNothing(store, async () => {
      for (const origin of origins) {
        const res = await postLead(store, leadBody(store), { origin })
        expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBeNull()
        await expectError(res, 403, 'forbidden')
        const config = await send(`/v1/sites/${store.siteKey}/config`, {
          headers: { Origin: origin },
        })
        expect(config.headers.get('Access-Control-Allow-Origin'), origin).toBeNull()
        await expectError(config, 403, 'forbidden')
      }
      const noOrigin = await postLead(store, leadBody(store), { origin: null })
      expect(noOrigin.headers.get('Access-Control-Allow-Origin')).toBeNull()
      await expectError(noOrigin, 403, 'forbidden')
    })
    expect(await rowCounts(other.siteId)).toMatchObject({ leads: 0, contacts: 0 })
  })

  it('grants a preflight from an allowed origin and refuses one from an unknown origin', async () => {
    const store = await seedStore()
    const preflight = (origin: string | undefined) =>
      send('/v1/leads', {
        method: 'OPTIONS',
        headers: {
          ...(origin ? { Origin: origin } : {}),
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      })
    const granted = await preflight(store.origin)
    expect(granted.status).toBe(204)
    expect(granted.headers.get('Access-Control-Allow-Origin')).toBe(store.origin)
    expect(granted.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(granted.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
      'idempotency-key',
    )

    for (const origin of [
      'https://evil.example',
      `${store.origin}.evil.example`,
      'null',
      undefined,
    ]) {
      const refused = await preflight(origin)
      expect(refused.headers.get('Access-Control-Allow-Origin'), origin).toBeNull()
      await expectError(refused, 403, 'forbidden')
    }
  })

  it('answers the 21st capture in a minute from one address with 429 and Retry-After', async () => {
    const store = await seedStore()
    const person = (email: string) => leadBody(store, { fields: { name: 'Ali Veli', email } })
    const ip = '203.0.113.77'
    for (let i = 0; i < 20; i++) {
      const res = await postLead(store, person(`p${i}@example.com`), { ip })
      expect(res.status, `capture ${i + 1}`).toBe(201)
    }
    await writesNothing(store, async () => {
      const limited = await postLead(store, person('p21@example.com'), { ip })
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect(limited.headers.get('Access-Control-Allow-Origin')).toBe(store.origin)
      await expectError(limited, 429, 'rate_limited')
    })
    expect(await rowCounts(store.siteId)).toMatchObject({ leads: 20 })
    expect((await postLead(store, leadBody(store), { ip: '203.0.113.78' })).status).toBe(201)
    const elsewhere = await seedStore()
    expect((await postLead(elsewhere, leadBody(elsewhere), { ip })).status).toBe(201)
  })

  it('replays a retried capture even after its address reached the rate limit', async () => {
    const store = await seedStore()
    const ip = '203.0.113.90'
    const key = idemKey()
    const first = await postLead(store, leadBody(store), { ip, key })
    expect(first.status).toBe(201)
    const created = await first.json()
    for (let i = 1; i < 20; i++) {
      const body = leadBody(store, { fields: { name: 'Ali Veli', email: `r${i}@example.com` } })
      expect((await postLead(store, body, { ip })).status).toBe(201)
    }
    const limited = await postLead(
      store,
      leadBody(store, { fields: { name: 'A', email: 'x@example.com' } }),
      { ip },
    )
    await expectError(limited, 429, 'rate_limited')
    await writesNothing(store, async () => {
      const retry = await postLead(store, leadBody(store), { ip, key })
      expect(retry.status).toBe(201)
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
      expect(await retry.json()).toEqual(created)
    })
  })

  it('answers a config request with a malformed or unknown site key with 422 or 404', async () => {
    const store = await seedStore()
    await expectError(
      await send('/v1/sites/not-a-key/config', { headers: { Origin: store.origin } }),
      422,
      'validation_failed',
    )
    await expectError(
      await send(`/v1/sites/pk_${'Z'.repeat(20)}/config`, { headers: { Origin: store.origin } }),
      404,
      'not_found',
    )
    await writesNothing(store, async () => {
      const unknown = leadBody(store, { siteKey: `pk_${'Z'.repeat(20)}` })
      await expectError(await postLead(store, unknown), 404, 'not_found')
    })
  })
})
