/**
 * The consent wordings a store showed (`consent_texts`): written once per version, kind and
 * language, never changed or removed (the migration's triggers refuse it).
 */
import type { ConsentWording } from '../sites/consent-texts'
import { newId } from '../lib/ids'

/**
 * The statement that keeps the wordings of `version`, for a batch; wordings already kept stay
 * as they are (with the time they first became current). With `guard`, it writes only while
 * the store is still at that version (a stale settings save writes nothing).
 */
export function keepConsentTextsStatement(
  db: D1Database,
  siteId: string,
  version: string,
  wordings: ConsentWording[],
  at: string,
  guard?: { expectedVersion: number },
): D1PreparedStatement {
  const rows = wordings.map((w) => ({ id: newId('cx'), ...w }))
  return db
    .prepare(
      `INSERT INTO consent_texts (id, site_id, kind, version, language, text, notice_url, current_from, created_at)
       SELECT json_extract(r.value, '$.id'), ?1, json_extract(r.value, '$.kind'), ?2,
              json_extract(r.value, '$.language'), json_extract(r.value, '$.text'),
              json_extract(r.value, '$.noticeUrl'), ?3, ?3
         FROM json_each(?4) r
        WHERE ?5 IS NULL OR (SELECT version FROM sites WHERE id = ?1) = ?5
       ON CONFLICT (site_id, kind, version, language) DO NOTHING`,
    )
    .bind(siteId, version, at, JSON.stringify(rows), guard?.expectedVersion ?? null)
}

/** The wordings kept under one version of a store's consent (none when it was never kept). */
export async function keptConsentWordings(
  db: D1Database,
  siteId: string,
  version: string,
): Promise<ConsentWording[]> {
  const { results } = await db
    .prepare(
      `SELECT kind, language, text, notice_url AS noticeUrl FROM consent_texts
        WHERE site_id = ?1 AND kind IN ('marketing', 'notice') AND version = ?2`,
    )
    .bind(siteId, version)
    .all<ConsentWording>()
  return results
}
