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
import { captureLead, count, idemKey, leadBody, postChunked, postLead, seedStore } from './helpers'

const MB = 1024 * 1024

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
      const { response } = postChunked(
        '/v1/leads',
        bytes,
        { Origin: store.origin, 'Idempotency-Key': idemKey() },
        1024,
      )
      const res = await response
      expect(res.status, await res.clone().text()).toBe(status)
    }
  })
})
