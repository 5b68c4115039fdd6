/**
 * Helpers for worker tests: seed a store through the same SQL `npm start` uses, and call the app
 * in workerd with a D1 binding that refuses statements binding more than 100 parameters (D1's
 * production limit, which local SQLite does not enforce).
 */
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { createApp } from '../../worker/src/app'
import type { Env } from '../../worker/src/env'
import { randomToken, storeSql } from '../../scripts/lib/store.mjs'

export const D1_MAX_PARAMS = 100

/** Wraps a D1 binding so any statement with more than 100 bound values throws. */
export function guardParams(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql)
          return new Proxy(stmt, {
            get(s, p) {
              if (p === 'bind') {
                return (...values: unknown[]) => {
                  if (values.length > D1_MAX_PARAMS) {
                    throw new Error(
                      `D1 allows at most ${D1_MAX_PARAMS} bound parameters; got ${values.length}`,
                    )
                  }
                  return s.bind(...values)
                }
              }
              const value = Reflect.get(s, p, s)
              return typeof value === 'function' ? value.bind(s) : value
            },
          })
        }
      }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

const app = createApp()

/** Calls the app as the worker would, with the guarded D1 binding (or another `DB`). */
export function call(request: Request, overrides: Partial<Env> = {}): Promise<Response> {
  const testEnv: Env = { ...env, ...overrides, DB: guardParams(overrides.DB ?? env.DB) }
  return Promise.resolve(app.fetch(request, testEnv, createExecutionContext()))
}

export interface TestStore {
  siteId: string
  siteKey: string
  origin: string
  owner: { id: string; key: string }
  rep: { id: string; key: string }
}

/** Creates a store with an owner and a rep; each call makes a new, unrelated store. */
export async function seedStore(
  options: { settings?: object; region?: string } = {},
): Promise<TestStore> {
  const origin = `https://shop-${randomToken(8).toLowerCase()}.example`
  const store = await storeSql({
    name: 'Test Mağaza',
    origins: [origin],
    settings: options.settings,
    region: options.region,
    people: [
      { name: 'Ayşe Owner', email: 'owner@example.com', role: 'owner' },
      { name: 'Mehmet Rep', email: 'rep@example.com', role: 'rep' },
    ],
  })
  await env.DB.batch(store.sql.split('\n').map((s) => env.DB.prepare(s)))
  const [owner, rep] = store.users
  return {
    siteId: store.siteId,
    siteKey: store.publicKey,
    origin,
    owner: { id: owner!.id, key: owner!.key },
    rep: { id: rep!.id, key: rep!.key },
  }
}

const BASE = 'https://leadline.test'

export const idemKey = () => `idem-${randomToken(16)}`

/** A client address per call, so the per-address rate limit does not couple tests. */
const someIp = () =>
  `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`

/** A valid capture body for a store. */
export function leadBody(store: TestStore, overrides: Record<string, unknown> = {}) {
  return {
    siteKey: store.siteKey,
    fields: {
      name: 'Zeynep Kaya',
      email: 'Zeynep.Kaya@Example.com',
      phone: '0532 123 45 67',
      company: 'Kaya Tekstil',
    },
    consent: { version: '2026-01', channels: { email: true, sms: false, phone: true } },
    context: {
      pageUrl: 'https://shop.example/iletisim?utm_source=google',
      referrer: 'https://www.google.com/',
      utm: { source: 'google', medium: 'cpc', campaign: 'kis-2026' },
      locale: 'tr',
    },
    elapsedMs: 9000,
    ...overrides,
  }
}

export function postLead(
  store: TestStore,
  body: unknown,
  init: {
    key?: string | null
    origin?: string | null
    ip?: string
    headers?: Record<string, string>
  } = {},
  overrides: Partial<Env> = {},
) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'CF-Connecting-IP': init.ip ?? someIp(),
    ...init.headers,
  }
  if (init.key !== null) headers['Idempotency-Key'] = init.key ?? idemKey()
  if (init.origin !== null) headers.Origin = init.origin ?? store.origin
  return call(
    new Request(`${BASE}/v1/leads`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    overrides,
  )
}

/** Calls the admin API with a Bearer key (in an environment changed by `overrides`). */
export function admin(
  key: string,
  method: string,
  path: string,
  body?: unknown,
  overrides: Partial<Env> = {},
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  return call(
    new Request(`${BASE}/admin/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    overrides,
  )
}

/** Captures a lead and returns its id. */
export async function captureLead(
  store: TestStore,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await postLead(store, leadBody(store, overrides))
  if (res.status !== 201) throw new Error(`capture failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { leadId: string }).leadId
}

export const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n

/**
 * A visitor's request from the store's page: its Origin and a client address of its own, and
 * with a body, JSON with an Idempotency-Key.
 */
export function visitor(
  store: TestStore,
  method: string,
  path: string,
  body?: unknown,
  key = idemKey(),
) {
  const headers: Record<string, string> = { Origin: store.origin, 'CF-Connecting-IP': someIp() }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    headers['Idempotency-Key'] = key
  }
  return call(
    new Request(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

/**
 * A request body streamed in `piece`-byte chunks, pulled as it is read (a Request with it has no
 * Content-Length): `bytes` itself, or as many bytes of filler; `pulled` says how much was read
 * and whether the reader cancelled it.
 */
export function chunkedBody(bytes: Uint8Array | number, piece = 16 * 1024) {
  const total = typeof bytes === 'number' ? bytes : bytes.length
  const pulled = { bytes: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close()
      const size = Math.min(piece, total - pulled.bytes)
      controller.enqueue(
        typeof bytes === 'number'
          ? new Uint8Array(size).fill(0x61)
          : bytes.slice(pulled.bytes, pulled.bytes + size),
      )
      pulled.bytes += size
    },
    cancel() {
      pulled.cancelled = true
    },
  })
  return { stream, pulled }
}

/** A chunked JSON POST of `bytes` (see chunkedBody) to `path`, a request without Content-Length. */
export function postChunked(
  path: string,
  bytes: Uint8Array | number,
  headers: Record<string, string>,
  piece?: number,
) {
  const { stream, pulled } = chunkedBody(bytes, piece)
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: stream,
  })
  expect(request.headers.get('Content-Length')).toBeNull()
  return { response: call(request), pulled }
}

/**
 * `db` with every batch's rows read (`meta.rows_read`) recorded, to bound what a route reads
 * however large the store: a query that searches an index reads a handful of rows, one that
 * scans reads them all.
 */
export function recordRowsRead(db: D1Database): { DB: D1Database; rowsRead: number[] } {
  const rowsRead: number[] = []
  const DB = new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements)
          rowsRead.push(results.reduce((n, r) => n + r.meta.rows_read, 0))
          return results
        }
      }
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { DB, rowsRead }
}

/**
 * `n` earlier contacts of a store (`ct_bulk1` …): the even ones with an e-mail
 * (`p<i>@example.com`) and a phone, the odd ones a phone only (`+90532` and i in 7 digits).
 */
export async function seedBulkContacts(siteId: string, n: number): Promise<void> {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
     INSERT INTO contacts (id, site_id, email, phone, created_at, updated_at)
     SELECT 'ct_bulk' || i, ?1, CASE WHEN i % 2 = 0 THEN 'p' || i || '@example.com' END,
            '+90532' || printf('%07d', i), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
       FROM n`,
  )
    .bind(siteId, n)
    .run()
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** 09:00–17:00 Istanbul every day, an hour's notice, 60 days ahead, eight a day, no buffers. */
export const WORKDAY_AVAILABILITY = {
  timeZone: 'Europe/Istanbul',
  weekly: Object.fromEntries(WEEK.map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  overrides: [],
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
  minNoticeMin: 60,
  maxDaysAhead: 60,
  maxPerDay: 8,
}

/** A new store whose given people (the rep by default) take demos with `availability`. */
export async function bookableStore({
  availability = WORKDAY_AVAILABILITY as object,
  people = ['rep'] as ('owner' | 'rep')[],
} = {}): Promise<TestStore> {
  const store = await seedStore()
  for (const who of people) {
    const res = await admin(store.owner.key, 'PUT', `/availability/${store[who].id}`, availability)
    if (res.status !== 200) throw new Error(`availability answered ${res.status}`)
  }
  return store
}
