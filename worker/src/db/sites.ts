/** Stores (sites) and the origins allowed to call their public API. */
import type { Locale, SiteAdmin, SiteUpdate } from '../../../contract'
import { readSettings } from '../sites/settings'

export interface SiteRow {
  id: string
  public_key: string
  name: string
  locale: Locale
  currency: string
  time_zone: string
  default_region: string
  settings: string
  /** Origins whose pages may call the public API for this store. */
  origins: string[]
  /** Goes up with every change saved through the admin API (`PUT /admin/api/site`). */
  version: number
  updated_at: string
  /** The consent versions whose wording is kept (`consent_texts`), any order. */
  consent_versions: string[]
}

const SITE_SELECT = `SELECT s.id, s.public_key, s.name, s.locale, s.currency, s.time_zone, s.default_region,
  s.settings, s.version, COALESCE(s.updated_at, s.created_at) AS updated_at, (SELECT json_group_array(o.origin) FROM site_origins o WHERE o.site_id = s.id) AS origins,
  (SELECT json_group_array(DISTINCT t.version) FROM consent_texts t WHERE t.site_id = s.id AND t.kind = 'marketing') AS consent_versions
  FROM sites s`

async function firstSite(stmt: D1PreparedStatement): Promise<SiteRow | null> {
  const row = await stmt.first<
    Omit<SiteRow, 'origins' | 'consent_versions'> & { origins: string; consent_versions: string }
  >()
  return row
    ? {
        ...row,
        origins: JSON.parse(row.origins) as string[],
        consent_versions: JSON.parse(row.consent_versions) as string[],
      }
    : null
}

export const getSiteById = (db: D1Database, id: string) =>
  firstSite(db.prepare(`${SITE_SELECT} WHERE s.id = ?1`).bind(id))

export const getSiteByKey = (db: D1Database, publicKey: string) =>
  firstSite(db.prepare(`${SITE_SELECT} WHERE s.public_key = ?1`).bind(publicKey))

/**
 * How long an isolate reuses a store it has read. Every capture needs the store; reading it once
 * per isolate and half-minute keeps capture at one D1 round trip. A change to a store's settings
 * or origins reaches every isolate within this time.
 */
export const SITE_CACHE_MS = 30_000
const SITE_CACHE_MAX = 500
const siteCache = new Map<string, { site: SiteRow; until: number }>()

/** `getSiteByKey` through the per-isolate cache; unknown keys are not cached. */
export async function getSiteByKeyCached(
  db: D1Database,
  publicKey: string,
  nowMs: number,
): Promise<SiteRow | null> {
  const hit = siteCache.get(publicKey)
  if (hit && hit.until > nowMs) return hit.site
  const site = await getSiteByKey(db, publicKey)
  siteCache.delete(publicKey)
  if (site) {
    if (siteCache.size >= SITE_CACHE_MAX) siteCache.delete(siteCache.keys().next().value!)
    siteCache.set(publicKey, { site, until: nowMs + SITE_CACHE_MS })
  }
  return site
}

/**
 * Drops a store from this isolate's cache after a change, so this isolate answers the new
 * settings at once; other isolates pick them up within `SITE_CACHE_MS`.
 */
export const forgetSite = (publicKey: string) => siteCache.delete(publicKey)

/** What a save of the store's settings writes (`PUT /admin/api/site`). */
export interface SiteWrite {
  name: string
  locale: Locale
  currency: string
  timeZone: string
  defaultRegion: string
  origins: string[]
  /** The settings JSON. */
  settings: string
}

/**
 * The statements of a save, for one batch: the origins replaced (`origins`), then the site row
 * with its version bumped (`row`, last), each only while the site is still at
 * `expectedVersion`: a stale save writes nothing, and the row update answers 0 changes. The row
 * update is the guard (usecases/save-site-settings.ts); the audit statement goes right after it,
 * as it checks `changes()` of the row update.
 */
export function siteUpdateStatements(
  db: D1Database,
  siteId: string,
  write: SiteWrite,
  expectedVersion: number,
  at: string,
): { origins: D1PreparedStatement[]; row: D1PreparedStatement } {
  const current = '(SELECT version FROM sites WHERE id = ?1) = ?2'
  return {
    origins: [
      db
        .prepare(`DELETE FROM site_origins WHERE site_id = ?1 AND ${current}`)
        .bind(siteId, expectedVersion),
      db
        .prepare(
          `INSERT INTO site_origins (site_id, origin)
           SELECT ?1, value FROM json_each(?3) WHERE ${current}`,
        )
        .bind(siteId, expectedVersion, JSON.stringify(write.origins)),
    ],
    row: db
      .prepare(
        `UPDATE sites SET name = ?3, locale = ?4, currency = ?5, time_zone = ?6,
           default_region = ?7, settings = ?8, version = version + 1, updated_at = ?9
         WHERE id = ?1 AND version = ?2`,
      )
      .bind(
        siteId,
        expectedVersion,
        write.name,
        write.locale,
        write.currency,
        write.timeZone,
        write.defaultRegion,
        write.settings,
        at,
      ),
  }
}

/** For CORS preflights, which carry no site key: is the origin registered by any store? */
export async function isOriginKnown(db: D1Database, origin: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS ok FROM site_origins WHERE origin = ?1 LIMIT 1')
    .bind(origin)
    .first()
  return row !== null
}

/** Store ids after `after`, in id order, `limit` at a time (jobs that visit every store). */
export async function siteIdsAfter(db: D1Database, after: string, limit: number) {
  const { results } = await db
    .prepare('SELECT id FROM sites WHERE id > ?1 ORDER BY id LIMIT ?2')
    .bind(after, limit)
    .all<{ id: string }>()
  return results.map((r) => r.id)
}

/** The store as its owner edits it; the settings with the defaults filled in, origins sorted. */
export const siteAdminFromRow = (row: SiteRow): SiteAdmin => ({
  siteKey: row.public_key,
  name: row.name,
  locale: row.locale,
  currency: row.currency,
  timeZone: row.time_zone,
  defaultRegion: row.default_region,
  origins: [...row.origins].sort(),
  settings: readSettings(row.settings),
  version: row.version,
  updatedAt: row.updated_at,
})

/** What a save stores: the update without its version guard, the settings as JSON. */
export function siteWrite(update: SiteUpdate): SiteWrite {
  const { expectedVersion: _, settings, ...profile } = update
  return { ...profile, settings: JSON.stringify(settings) }
}
