/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/, the scheme Svix uses):
 * `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>` with the key from a `whsec_<base64>`
 * secret. We sign our webhook deliveries with it and verify Resend's event webhooks (Svix) with it.
 */

/** How far a signed timestamp may be from now, either way: five minutes, as the spec suggests. */
export const SIGNATURE_TOLERANCE_S = 5 * 60

const encoder = new TextEncoder()

function base64ToBytes(b64: string): Uint8Array | null {
  try {
    const raw = atob(b64)
    return Uint8Array.from(raw, (ch) => ch.charCodeAt(0))
  } catch {
    return null
  }
}

const bytesToBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

/** The HMAC key of a `whsec_…` secret (the prefix is optional, as in the reference code). */
function keyBytes(secret: string): Uint8Array | null {
  const bytes = base64ToBytes(secret.startsWith('whsec_') ? secret.slice(6) : secret)
  return bytes && bytes.length > 0 ? bytes : null
}

async function hmac(key: Uint8Array, content: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(content)))
}

/** Compares in time that depends only on the length (which is public: 32 bytes). */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** A new endpoint secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(32)))}`
}

/**
 * The `webhook-signature` header value for a message.
 *
 * @example
 * await sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek',
 *   1614265330, '{"test": 2432232314}') // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export async function sign(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = keyBytes(secret)
  if (!key) throw new Error('The webhook secret is not base64.')
  return `v1,${bytesToBase64(await hmac(key, `${id}.${timestamp}.${body}`))}`
}

export interface SignedHeaders {
  id: string | null
  timestamp: string | null
  /** One or more space-separated `v1,<base64>` signatures (several during a key rotation). */
  signature: string | null
}

/** The three headers of a request, `webhook-*` (ours) or `svix-*` (Resend's). */
export function signedHeaders(headers: Headers, prefix: 'webhook' | 'svix'): SignedHeaders {
  return {
    id: headers.get(`${prefix}-id`),
    timestamp: headers.get(`${prefix}-timestamp`),
    signature: headers.get(`${prefix}-signature`),
  }
}

/**
 * Whether `body` was signed with `secret`: a `v1` signature among those given matches, and the
 * timestamp is within `toleranceS` of `now` (stops replays of old captures).
 */
export async function verify(
  secret: string,
  signed: SignedHeaders,
  body: string,
  now: Date,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Promise<boolean> {
  const { id, timestamp, signature } = signed
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceS) return false
  const key = keyBytes(secret)
  if (!key) return false
  const expected = await hmac(key, `${id}.${timestamp}.${body}`)
  let ok = false
  for (const candidate of signature.split(' ')) {
    const [version, value] = candidate.split(',', 2)
    if (version !== 'v1' || !value) continue
    const given = base64ToBytes(value)
    // Check every candidate, so the time taken does not say which one matched.
    if (given && timingSafeEqual(given, expected)) ok = true
  }
  return ok
}
