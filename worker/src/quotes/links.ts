/**
 * How a replaced quote's link finds the newer revision without any link token stored in clear.
 *
 * Only a hash of each link token is kept, and when revision 2 is sent the worker no longer has
 * revision 1's token, so it cannot encrypt "the link to revision 2" under a key derived from it.
 * Public-key encryption closes that gap:
 *
 * 1. Sending a quote makes an ECDH P-256 key pair for it. The public key is stored as is; the
 *    private key is stored sealed (AES-256-GCM) under a key derived (HKDF-SHA-256) from the
 *    quote's own link token, so only someone holding that link can unseal it.
 * 2. Sending a newer revision seals its link token to each replaced quote's public key (ECIES:
 *    an ephemeral ECDH key, HKDF, AES-256-GCM) and stores that on the replaced quote.
 * 3. Opening the old link unseals the private key with the token in the URL, then the newer
 *    token with it. Without the old token (the database alone, or a wrong token) neither opens.
 *
 * The quote id is the additional authenticated data of both seals, so a sealed value moved to
 * another row does not open. Values are base64url text.
 */
import { withParam } from '../lib/url'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const HKDF_SALT = encoder.encode('leadline quote links v1')
const PRIVATE_KEY_INFO = encoder.encode('private key sealed by the link token')
const TOKEN_INFO = encoder.encode('newer link token sealed to the old quote')
const EC = { name: 'ECDH', namedCurve: 'P-256' } as const
/** An uncompressed P-256 public key: 0x04 ‖ x ‖ y. */
const RAW_PUBLIC_LENGTH = 65
const IV_LENGTH = 12

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** An AES-256-GCM key derived with HKDF-SHA-256 from secret bytes. */
/**
 * ECDH parameters. Web Crypto names the peer key `public`; the Workers types spell it `$public`
 * (a C++ keyword workaround that workerd maps back to `public`), hence the cast.
 */
const ecdhWith = (peer: CryptoKey) =>
  ({ name: 'ECDH', public: peer }) as unknown as SubtleCryptoDeriveKeyAlgorithm

async function aesKey(secret: Uint8Array | ArrayBuffer, info: Uint8Array) {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

async function seal(key: CryptoKey, plain: Uint8Array, quoteId: string) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_LENGTH))
  const additionalData = encoder.encode(quoteId)
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plain)
  return concat(iv, new Uint8Array(cipher))
}

async function unseal(key: CryptoKey, sealed: Uint8Array, quoteId: string) {
  const additionalData = encoder.encode(quoteId)
  const iv = sealed.slice(0, IV_LENGTH)
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData },
      key,
      sealed.slice(IV_LENGTH),
    ),
  )
}

export interface LinkKeys {
  /** The quote's public key, stored as is. */
  publicKey: string
  /** Its private key, sealed under a key derived from the quote's link token. */
  sealedPrivateKey: string
}

/** A new quote's key pair, its private half sealed by the quote's own link token. */
export async function linkKeys(quoteId: string, token: string): Promise<LinkKeys> {
  const pair = (await crypto.subtle.generateKey(EC, true, ['deriveBits'])) as CryptoKeyPair
  const [publicRaw, privatePkcs8] = await Promise.all([
    crypto.subtle.exportKey('raw', pair.publicKey) as Promise<ArrayBuffer>,
    crypto.subtle.exportKey('pkcs8', pair.privateKey) as Promise<ArrayBuffer>,
  ])
  const key = await aesKey(encoder.encode(token), PRIVATE_KEY_INFO)
  return {
    publicKey: toBase64Url(new Uint8Array(publicRaw)),
    sealedPrivateKey: toBase64Url(await seal(key, new Uint8Array(privatePkcs8), quoteId)),
  }
}

/** The newer revision's link token sealed to a replaced quote's public key. */
export async function sealNewerToken(
  oldQuoteId: string,
  oldPublicKey: string,
  newerToken: string,
): Promise<string> {
  const recipient = await crypto.subtle.importKey('raw', fromBase64Url(oldPublicKey), EC, false, [])
  const ephemeral = (await crypto.subtle.generateKey(EC, true, ['deriveBits'])) as CryptoKeyPair
  const shared = await crypto.subtle.deriveBits(ecdhWith(recipient), ephemeral.privateKey, 256)
  const ephemeralRaw = new Uint8Array(
    (await crypto.subtle.exportKey('raw', ephemeral.publicKey)) as ArrayBuffer,
  )
  const key = await aesKey(shared, concat(TOKEN_INFO, ephemeralRaw))
  return toBase64Url(concat(ephemeralRaw, await seal(key, encoder.encode(newerToken), oldQuoteId)))
}

/**
 * The newer revision's link token, opened with the old quote's own token; null when anything
 * does not open (a wrong token, a value from another row, a tampered value).
 */
export async function openNewerToken(
  oldQuoteId: string,
  oldToken: string,
  sealedPrivateKey: string,
  sealedToken: string,
): Promise<string | null> {
  try {
    const pkcs8 = await unseal(
      await aesKey(encoder.encode(oldToken), PRIVATE_KEY_INFO),
      fromBase64Url(sealedPrivateKey),
      oldQuoteId,
    )
    const own = await crypto.subtle.importKey('pkcs8', pkcs8, EC, false, ['deriveBits'])
    const bytes = fromBase64Url(sealedToken)
    const ephemeralRaw = bytes.slice(0, RAW_PUBLIC_LENGTH)
    const ephemeral = await crypto.subtle.importKey('raw', ephemeralRaw, EC, false, [])
    const shared = await crypto.subtle.deriveBits(ecdhWith(ephemeral), own, 256)
    const key = await aesKey(shared, concat(TOKEN_INFO, ephemeralRaw))
    return decoder.decode(await unseal(key, bytes.slice(RAW_PUBLIC_LENGTH), oldQuoteId))
  } catch {
    return null
  }
}

/**
 * Where a person reads a sent quote: the store's own quote page (`quotePageUrl` in its delivery
 * settings, with `<leadline-quote>` on it) with the token as `?leadline_quote=`, else the page
 * this worker hosts at `/q/:token` with the same component.
 */
export const quotePageLink = (origin: string, quotePageUrl: string | null, token: string) =>
  quotePageUrl ? withParam(quotePageUrl, 'leadline_quote', token) : `${origin}/q/${token}`
