/** Random identifiers and keys; all use the platform CSPRNG. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** `length` random characters from [A-Za-z0-9] (62 symbols, ~5.95 bits each). */
export function randomToken(length: number): string {
  const out: string[] = []
  const bytes = new Uint8Array(length * 2)
  while (out.length < length) {
    crypto.getRandomValues(bytes)
    for (const b of bytes) {
      // 248 = 4 × 62: rejecting larger bytes keeps every symbol equally likely.
      if (b < 248 && out.length < length) out.push(ALPHABET[b % 62]!)
    }
  }
  return out.join('')
}

/** A row id with a type prefix, e.g. `ld_…` for a lead. */
export const newId = (prefix: string): string => `${prefix}_${randomToken(20)}`

/** Hex SHA-256 of a string. */
export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
