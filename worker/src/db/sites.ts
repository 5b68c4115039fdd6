/** Stores (sites) and the origins allowed to call their public API. */
import type { Locale } from '../../../contract'

export interface SiteRow {
  id: string
  public_key: string
  name: string
  locale: Locale
  currency: string
  time_zone: string
  default_region: string
  settings: string
}

export const getSiteByKey = (db: D1Database, publicKey: string) =>
  db
    .prepare(
      'SELECT id, public_key, name, locale, currency, time_zone, default_region, settings FROM sites WHERE public_key = ?1',
    )
    .bind(publicKey)
    .first<SiteRow>()

export const getSiteById = (db: D1Database, id: string) =>
  db
    .prepare(
      'SELECT id, public_key, name, locale, currency, time_zone, default_region, settings FROM sites WHERE id = ?1',
    )
    .bind(id)
    .first<SiteRow>()

export async function isOriginAllowed(db: D1Database, siteId: string, origin: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS ok FROM site_origins WHERE site_id = ?1 AND origin = ?2')
    .bind(siteId, origin)
    .first()
  return row !== null
}

/** For CORS preflights, which carry no site key: is the origin registered by any store? */
export async function isOriginKnown(db: D1Database, origin: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS ok FROM site_origins WHERE origin = ?1 LIMIT 1').bind(origin).first()
  return row !== null
}
