/**
 * D1 fails now and then in production (overload, lost connections). These tests inject such
 * errors into the D1 binding: a transient error answers 503 with Retry-After, never 500, and a
 * retry with the same Idempotency-Key never stores a submission twice, also when the first
 * write committed and only its answer was lost.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, count, idemKey, leadBody, postLead, seedStore } from './helpers'

type Fault = 'before' | 'after'

/** A D1 binding whose next `batch` fails before running or after committing. */
function flakyBatch(
  faults: Fault[],
  message = 'D1_ERROR: Network connection lost.',
  db: D1Database = env.DB,
): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const fault = faults.shift()
          if (fault === 'before') throw new Error(message)
          const result = await target.batch(statements)
          if (fault === 'after') throw new Error(message)
          return result
        }
      }
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A D1 binding whose reads fail with the given message. */
function failingReads(message: string): D1Database {
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql)
          const fail = async () => {
            throw new Error(message)
          }
          return new Proxy(stmt, {
            get(s, p) {
              if (p === 'bind')
                return (...args: unknown[]) =>
                  new Proxy(s.bind(...args), {
                    get: (b, q) =>
                      q === 'first' || q === 'all' || q === 'run' ? fail : Reflect.get(b, q, b),
                  })
              return Reflect.get(s, p, s)
            },
          })
        }
      }
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

const leadsOf = (siteId: string) =>
  count('SELECT count(*) AS n FROM leads WHERE site_id = ?1', siteId)

describe('transient D1 errors', () => {
  it('answers 503 with Retry-After and writes nothing when the batch fails', async () => {
    const store = await seedStore()
    const res = await postLead(store, leadBody(store), {}, { DB: flakyBatch(['before']) })
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('1')
    const body = (await res.json()) as any
    expect(body.error.code).toBe('unavailable')
    expect(JSON.stringify(body)).not.toMatch(/D1|SQL|Network connection/i)
    expect(await leadsOf(store.siteId)).toBe(0)
  })

  it('stores the submission once when retried with the same key after a failure', async () => {
    const store = await seedStore()
    const key = idemKey()
    const body = leadBody(store)
    const first = await postLead(store, body, { key }, { DB: flakyBatch(['before']) })
    expect(first.status).toBe(503)
    const retry = await postLead(store, body, { key })
    expect(retry.status).toBe(201)
    expect(await leadsOf(store.siteId)).toBe(1)
  })

  it('answers with the stored response when a write committed but its answer was lost', async () => {
    const store = await seedStore()
    const res = await postLead(store, leadBody(store), {}, { DB: flakyBatch(['after']) })
    expect(res.status).toBe(201)
    expect(res.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await leadsOf(store.siteId)).toBe(1)
  })

  it('does not store twice a write whose answer was lost while the database was down', async () => {
    const store = await seedStore()
    const key = idemKey()
    const body = leadBody(store)
    // The store is read once while the database is up (and cached); then the batch commits,
    // its answer is lost and the database stays down for the key lookup too.
    await call(new Request(`https://leadline.test/v1/sites/${store.siteKey}/config`))
    const down = flakyBatch(
      ['after'],
      undefined,
      failingReads('D1_ERROR: Network connection lost.'),
    )
    const lost = await postLead(store, body, { key }, { DB: down })
    expect(lost.status).toBe(503)
    expect(await leadsOf(store.siteId)).toBe(1)
    const retry = await postLead(store, body, { key })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    const again = await postLead(store, body, { key })
    expect(await again.json()).toEqual(await retry.json())
    expect(await leadsOf(store.siteId)).toBe(1)
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
    expect(
      await count(
        'SELECT count(*) AS n FROM stage_events s JOIN leads l ON l.id = s.lead_id WHERE l.site_id = ?1',
        store.siteId,
      ),
    ).toBe(1)
  })

  it.each([
    'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
    'D1_ERROR: Network connection lost.',
    'D1_ERROR: internal error; reference = abc123',
    'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
  ])('maps "%s" on a read to 503', async (message) => {
    const store = await seedStore()
    const res = await postLead(store, leadBody(store), {}, { DB: failingReads(message) })
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('1')
  })

  it('answers a non-transient database error with a bare 500 that leaks nothing', async () => {
    const store = await seedStore()
    const res = await postLead(
      store,
      leadBody(store),
      {},
      { DB: failingReads('D1_ERROR: no such table: leads: SQLITE_ERROR') },
    )
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side.' },
    })
  })

  it('never lets two concurrent requests with one key store two leads', async () => {
    const store = await seedStore()
    const key = idemKey()
    const body = leadBody(store)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => postLead(store, body, { key })),
    )
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201])
    const ids = new Set(
      await Promise.all(results.map(async (r) => ((await r.json()) as any).leadId)),
    )
    expect(ids.size).toBe(1)
    expect(await leadsOf(store.siteId)).toBe(1)
  })
})

describe('the D1 parameter guard', () => {
  it('refuses a statement that binds more than 100 values', async () => {
    const { guardParams } = await import('./helpers')
    const db = guardParams(env.DB)
    const sql = `SELECT ${Array.from({ length: 101 }, (_, i) => `?${i + 1}`).join(', ')}`
    expect(() => db.prepare(sql).bind(...Array.from({ length: 101 }, () => 1))).toThrow(
      /at most 100/,
    )
    expect(() => db.prepare('SELECT ?1').bind(1)).not.toThrow()
  })
})
