import { describe, expect, it } from 'vitest'
import { newWebhookSecret, sign, signedHeaders, verify } from './sign'

// The published Standard Webhooks (and Svix) test vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
const at = (unixSeconds: number) => new Date(unixSeconds * 1000)
const headersOf = (signature: string, timestamp = VECTOR.timestamp, id = VECTOR.id) => ({
  id,
  timestamp: String(timestamp),
  signature,
})

describe('sign', () => {
  it('reproduces the Standard Webhooks test vector exactly', async () => {
    expect(await sign(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(
      VECTOR.signature,
    )
  })

  it('accepts the secret without its whsec_ prefix, like the reference libraries', async () => {
    const bare = VECTOR.secret.slice('whsec_'.length)
    expect(await sign(bare, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature)
  })

  it('refuses a secret that is not base64', async () => {
    await expect(sign('whsec_not base64!', 'id', 1, '{}')).rejects.toThrow(/base64/)
  })
})

describe('verify', () => {
  it('accepts the test vector within five minutes of its timestamp', async () => {
    for (const skew of [0, 299, -299]) {
      const ok = await verify(
        VECTOR.secret,
        headersOf(VECTOR.signature),
        VECTOR.body,
        at(VECTOR.timestamp + skew),
      )
      expect(ok, `skew ${skew}`).toBe(true)
    }
  })

  it('refuses a timestamp more than five minutes old or ahead', async () => {
    for (const skew of [301, -301, 86_400]) {
      const ok = await verify(
        VECTOR.secret,
        headersOf(VECTOR.signature),
        VECTOR.body,
        at(VECTOR.timestamp + skew),
      )
      expect(ok, `skew ${skew}`).toBe(false)
    }
  })

  it('refuses a tampered body, id or timestamp, and another secret', async () => {
    const now = at(VECTOR.timestamp)
    const h = headersOf(VECTOR.signature)
    expect(await verify(VECTOR.secret, h, '{"test": 2432232315}', now)).toBe(false)
    expect(await verify(VECTOR.secret, { ...h, id: 'msg_other' }, VECTOR.body, now)).toBe(false)
    expect(
      await verify(
        VECTOR.secret,
        { ...h, timestamp: String(VECTOR.timestamp + 1) },
        VECTOR.body,
        now,
      ),
    ).toBe(false)
    expect(await verify(newWebhookSecret(), h, VECTOR.body, now)).toBe(false)
  })

  it('accepts one matching signature among several, as during a key rotation', async () => {
    const now = at(VECTOR.timestamp)
    const several = `v1,bm9wZQ== v2,${VECTOR.signature.slice(3)} ${VECTOR.signature}`
    expect(await verify(VECTOR.secret, headersOf(several), VECTOR.body, now)).toBe(true)
    const none = `v1,bm9wZQ== v2,${VECTOR.signature.slice(3)} v1,!!!`
    expect(await verify(VECTOR.secret, headersOf(none), VECTOR.body, now)).toBe(false)
  })

  it('refuses missing headers and malformed timestamps', async () => {
    const now = at(VECTOR.timestamp)
    const h = headersOf(VECTOR.signature)
    for (const bad of [
      { ...h, id: null },
      { ...h, signature: null },
      { ...h, timestamp: null },
      { ...h, timestamp: '1614265330.5' },
      { ...h, timestamp: '-1' },
      { ...h, signature: '' },
    ]) {
      expect(await verify(VECTOR.secret, bad, VECTOR.body, now)).toBe(false)
    }
  })

  it('round-trips a fresh secret and reads the headers by prefix', async () => {
    const secret = newWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const ts = 1_750_000_000
    const body = JSON.stringify({ id: 'ev_1', type: 'lead.created', data: { ş: 'ğ' } })
    const signature = await sign(secret, 'ms_1', ts, body)
    const headers = new Headers({
      'svix-id': 'ms_1',
      'svix-timestamp': String(ts),
      'svix-signature': signature,
    })
    expect(await verify(secret, signedHeaders(headers, 'svix'), body, at(ts))).toBe(true)
    expect(await verify(secret, signedHeaders(headers, 'webhook'), body, at(ts))).toBe(false)
  })
})
