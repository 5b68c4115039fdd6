/**
 * Oversized bodies sent in chunks, without a Content-Length: each is answered 413 only once it
 * has been read to its end (an answer sent while such a body is still arriving breaks the request
 * after it under `wrangler dev`, cloudflare/workerd#1741), none is ever kept whole, and the
 * captures between them are stored as usual. test/e2e/chunked-bodies.test.ts sends the same
 * through a real `wrangler dev`.
 */
import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../contract'
import { DRAIN_MAX_BYTES } from '../../worker/src/middleware/body'
import { HOOK_MAX_BYTES } from '../../worker/src/routes/provider-hooks'
import { call, captureLead, count, idemKey, leadBody, postLead, seedStore } from './helpers'

const BASE = 'https://leadline.test'
const MB = 1024 * 1024

/** A chunked body of `bytes` bytes in 16 KB pieces, and how much of it was pulled. */
function chunkedBody(bytes: number) {
  const pulled = { bytes: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= bytes) return controller.close()
      const size = Math.min(16 * 1024, bytes - pulled.bytes)
      controller.enqueue(new Uint8Array(size).fill(0x61))
      pulled.bytes += size
    },
    cancel() {
      pulled.cancelled = true
    },
  })
  return { stream, pulled }
}

/** A chunked POST of `bytes` bytes to `path`; the request has no Content-Length. */
function postChunked(path: string, bytes: number, headers: Record<string, string>) {
  const { stream, pulled } = chunkedBody(bytes)
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: stream,
  })
  expect(request.headers.get('Content-Length')).toBeNull()
  return { response: call(request), pulled }
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413)
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
}

describe('oversized chunked bodies', () => {
  it('answers 20 chunked 2 MB captures 413 after reading each to its end, between 20 stored captures', async () => {
    const store = await seedStore()
    for (let round = 0; round < 20; round++) {
      const { response, pulled } = postChunked('/v1/leads', 2 * MB, {
        Origin: store.origin,
        'Idempotency-Key': idemKey(),
      })
      await expectTooLarge(await response)
      expect(pulled).toEqual({ bytes: 2 * MB, cancelled: false })

      const fields = { ...leadBody(store).fields, email: `round.${round}@musteri.example` }
      const res = await postLead(store, leadBody(store, { fields }))
      expect(res.status, await res.clone().text()).toBe(201)
    }
    expect(await count('SELECT count(*) AS n FROM leads WHERE site_id = ?1', store.siteId)).toBe(20)
  })

  it('reads admin and provider-hook bodies to their end before the 413 too', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const admin = postChunked(`/admin/api/leads/${leadId}/activities`, MAX_BODY_BYTES + 1, {
      Authorization: `Bearer ${store.owner.key}`,
    })
    await expectTooLarge(await admin.response)
    expect(admin.pulled.bytes).toBe(MAX_BODY_BYTES + 1)

    const hook = postChunked(`/hooks/resend/${store.siteKey}`, 2 * HOOK_MAX_BYTES, {})
    await expectTooLarge(await hook.response)
    expect(hook.pulled).toEqual({ bytes: 2 * HOOK_MAX_BYTES, cancelled: false })
  })

  it('stops reading past DRAIN_MAX_BYTES and still answers 413', async () => {
    const store = await seedStore()
    const { response, pulled } = postChunked('/v1/leads', DRAIN_MAX_BYTES + 4 * MB, {
      Origin: store.origin,
      'Idempotency-Key': idemKey(),
    })
    await expectTooLarge(await response)
    expect(pulled.cancelled).toBe(true)
    expect(pulled.bytes).toBeLessThan(DRAIN_MAX_BYTES + MB)
  })

  it('takes a chunked capture of exactly 64 KB and refuses one of a byte more', async () => {
    const store = await seedStore()
    for (const [size, status] of [
      [MAX_BODY_BYTES, 201],
      [MAX_BODY_BYTES + 1, 413],
    ] as const) {
      // JSON may end in whitespace: a valid capture padded to `size` bytes, sent in 1 KB pieces.
      const bytes = new Uint8Array(size).fill(0x20)
      bytes.set(new TextEncoder().encode(JSON.stringify(leadBody(store))))
      const request = new Request(`${BASE}/v1/leads`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: store.origin,
          'Idempotency-Key': idemKey(),
        },
        body: new ReadableStream({
          start(controller) {
            for (let at = 0; at < size; at += 1024) controller.enqueue(bytes.slice(at, at + 1024))
            controller.close()
          },
        }),
      })
      const res = await call(request)
      expect(res.status, await res.clone().text()).toBe(status)
    }
  })
})
