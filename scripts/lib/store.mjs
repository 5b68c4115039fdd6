/**
 * Creating a store: its site row, allowed origins, people and their admin keys, as SQL that
 * `wrangler d1 execute` (or a test's D1 binding) runs. Only the SHA-256 of each `sk_…` key is
 * written; the keys themselves are returned once to be shown to their owners.
 * Uses Web Crypto only, so it runs in Node and in workerd alike.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** `length` random characters from [A-Za-z0-9], without modulo bias. */
export function randomToken(length) {
  let out = ''
  const bytes = new Uint8Array(length * 2)
  while (out.length < length) {
    crypto.getRandomValues(bytes)
    for (const b of bytes) if (b < 248 && out.length < length) out += ALPHABET[b % 62]
  }
  return out
}

export async function sha256Hex(input) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A value as an SQL literal: NULL, a number as written, anything else a quoted string. */
export const lit = (v) =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : `'${String(v).replace(/'/g, "''")}'`

/**
 * @param {{ name: string, origins: string[], locale?: 'tr'|'en', currency?: string,
 *   timeZone?: string, region?: string, settings?: object, publicKey?: string,
 *   people: { name: string, email: string, role: 'owner'|'rep', key?: string,
 *     availability?: object }[] }} store
 */
export async function storeSql(store) {
  const now = new Date().toISOString()
  const siteId = `st_${randomToken(20)}`
  const publicKey = store.publicKey ?? `pk_${randomToken(24)}`
  const statements = [
    `INSERT INTO sites (id, public_key, name, locale, currency, time_zone, default_region, settings, created_at) VALUES (${[
      siteId,
      publicKey,
      store.name,
      store.locale ?? 'tr',
      store.currency ?? 'TRY',
      store.timeZone ?? 'Europe/Istanbul',
      store.region ?? 'TR',
      JSON.stringify(store.settings ?? {}),
      now,
    ]
      .map(lit)
      .join(', ')});`,
    ...store.origins.map(
      (o) => `INSERT INTO site_origins (site_id, origin) VALUES (${lit(siteId)}, ${lit(o)});`,
    ),
  ]
  const users = []
  for (const p of store.people) {
    const userId = `us_${randomToken(20)}`
    const key = p.key ?? `sk_${randomToken(40)}`
    statements.push(
      `INSERT INTO users (id, site_id, name, email, role, created_at) VALUES (${[userId, siteId, p.name, p.email, p.role, now].map(lit).join(', ')});`,
      `INSERT INTO api_keys (id, site_id, user_id, key_hash, prefix, name, created_at) VALUES (${[
        `ak_${randomToken(20)}`,
        siteId,
        userId,
        await sha256Hex(key),
        key.slice(0, 7),
        `${p.name} (initial)`,
        now,
      ]
        .map(lit)
        .join(', ')});`,
    )
    if (p.availability) {
      statements.push(
        `INSERT INTO rep_availability (site_id, user_id, rules, updated_at) VALUES (${[
          siteId,
          userId,
          JSON.stringify(p.availability),
          now,
        ]
          .map(lit)
          .join(', ')});`,
      )
    }
    users.push({ id: userId, name: p.name, email: p.email, role: p.role, key })
  }
  return { siteId, publicKey, users, sql: statements.join('\n') }
}
