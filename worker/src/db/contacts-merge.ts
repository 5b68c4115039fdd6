/**
 * Duplicate contacts in D1: the contacts dedupe looks at, and merging one contact into another
 * in a single batch. Every query is scoped by site.
 */
import type { Contact } from '../../../contract'
import { findDuplicateGroups, type DuplicateGroupPlan } from '../contacts/dedupe'
import { newId } from '../lib/ids'
import { CONTACT_COLUMNS, contactFromRow, type ContactRow } from './contacts'

/** How many of a store's newest contacts dedupe compares. */
export const DEDUPE_SCAN_LIMIT = 2000

/**
 * Groups of live contacts that look like one person (see contacts/dedupe.ts), with the
 * contacts themselves. Looks at the newest `DEDUPE_SCAN_LIMIT` contacts of the store.
 */
export async function duplicateGroups(
  db: D1Database,
  siteId: string,
  limit = 50,
): Promise<{ plan: DuplicateGroupPlan; contacts: Contact[] }[]> {
  const { results } = await db
    .prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts
        WHERE site_id = ?1 AND merged_into IS NULL AND erased_at IS NULL
        ORDER BY created_at DESC, id DESC LIMIT ?2`,
    )
    .bind(siteId, DEDUPE_SCAN_LIMIT)
    .all<ContactRow>()
  const byId = new Map(results.map((r) => [r.id, contactFromRow(r)]))
  return findDuplicateGroups(
    results.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      company: r.company,
    })),
    limit,
  ).map((plan) => ({ plan, contacts: plan.ids.map((id) => byId.get(id)!) }))
}

export interface MergeInput {
  siteId: string
  intoId: string
  fromId: string
  /** The version `intoId` must still have. */
  expectedVersion: number
  actorId: string
  at: string
  mergeId?: string
}

/**
 * The statements that merge `fromId` into `intoId`, for one batch. The first writes the
 * `contact_merges` row only while both contacts are live and `intoId` has `expectedVersion`;
 * every later statement applies only when that row exists, so a refused merge writes nothing.
 * The merged contact's fields are kept in the merge row and cleared on it (so its e-mail can
 * move), the surviving contact's empty fields are filled from them, and its leads, timeline,
 * consents (marked with the contact of the person who gave them), messages, enrollments,
 * events and tags move over. Both contacts get a timeline row; the audit log gets one.
 *
 * `change` is the guard (the merge row); every statement of `then` is guarded by that row.
 */
export function mergeStatements(
  db: D1Database,
  m: MergeInput,
): {
  id: string
  change: readonly [D1PreparedStatement]
  then: D1PreparedStatement[]
} {
  const id = m.mergeId ?? newId('mg')
  const guard = `EXISTS (SELECT 1 FROM contact_merges WHERE site_id = ?1 AND id = ?2)`
  // Every statement binds ?1 site, ?2 merge id, ?3 into, ?4 from, ?5 at.
  const base = [m.siteId, id, m.intoId, m.fromId, m.at] as const
  const stmt = (sql: string, ...extra: unknown[]) => db.prepare(sql).bind(...base, ...extra)
  const leadsOfFrom = `(SELECT id FROM leads WHERE site_id = ?1 AND contact_id = ?4)`
  const timeline = (contactId: '?3' | '?4') =>
    stmt(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT ?6, ?1, NULL, ${contactId}, 'contact_merged', json_object('mergeId', ?2, 'intoId', ?3, 'fromId', ?4),
              'user', ?7, ?5 WHERE ${guard}`,
      newId('ac'),
      m.actorId,
    )
  return {
    id,
    change: [
      stmt(
        `INSERT INTO contact_merges (id, site_id, into_id, from_id, from_snapshot, moved, actor_id, at)
         SELECT ?2, ?1, ?3, ?4,
                json_object('name', f.name, 'email', f.email, 'phone', f.phone, 'company', f.company,
                  'location', f.location, 'ownerId', f.owner_id, 'timeZone', f.time_zone,
                  'custom', json(f.custom), 'createdAt', f.created_at,
                  'tags', (SELECT json_group_array(tag) FROM contact_tags WHERE site_id = ?1 AND contact_id = ?4)),
                json_object(
                  'leads', (SELECT count(*) FROM leads WHERE site_id = ?1 AND contact_id = ?4),
                  'activities', (SELECT count(*) FROM activities WHERE site_id = ?1
                                  AND (contact_id = ?4 OR lead_id IN ${leadsOfFrom})),
                  'consents', (SELECT json_group_array(id) FROM consents WHERE site_id = ?1 AND contact_id = ?4),
                  'messages', (SELECT count(*) FROM outbox WHERE site_id = ?1 AND contact_id = ?4 AND channel <> 'webhook')),
                ?6, ?5
           FROM contacts f
          WHERE f.site_id = ?1 AND f.id = ?4 AND f.merged_into IS NULL AND f.erased_at IS NULL AND ?4 <> ?3
            AND EXISTS (SELECT 1 FROM contacts i WHERE i.site_id = ?1 AND i.id = ?3 AND i.version = ?7
                          AND i.merged_into IS NULL AND i.erased_at IS NULL)`,
        m.actorId,
        m.expectedVersion,
      ),
    ],
    then: [
      stmt(
        `UPDATE contacts SET merged_into = ?3, name = NULL, email = NULL, phone = NULL, company = NULL,
           location = NULL, custom = '{}', time_zone = NULL, updated_at = ?5, version = version + 1
         WHERE site_id = ?1 AND id = ?4 AND ?2 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE contacts SET
           name = COALESCE(name, (SELECT json_extract(from_snapshot, '$.name') FROM contact_merges WHERE id = ?2)),
           email = COALESCE(email, (SELECT json_extract(from_snapshot, '$.email') FROM contact_merges WHERE id = ?2)),
           phone = COALESCE(phone, (SELECT json_extract(from_snapshot, '$.phone') FROM contact_merges WHERE id = ?2)),
           company = COALESCE(company, (SELECT json_extract(from_snapshot, '$.company') FROM contact_merges WHERE id = ?2)),
           location = COALESCE(location, (SELECT json_extract(from_snapshot, '$.location') FROM contact_merges WHERE id = ?2)),
           owner_id = COALESCE(owner_id, (SELECT json_extract(from_snapshot, '$.ownerId') FROM contact_merges WHERE id = ?2)),
           time_zone = COALESCE(time_zone, (SELECT json_extract(from_snapshot, '$.timeZone') FROM contact_merges WHERE id = ?2)),
           custom = json_patch((SELECT json_extract(from_snapshot, '$.custom') FROM contact_merges WHERE id = ?2), custom),
           updated_at = ?5, version = version + 1
         WHERE site_id = ?1 AND id = ?3 AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `INSERT OR IGNORE INTO contact_tags (site_id, contact_id, tag)
         SELECT site_id, ?3, tag FROM contact_tags WHERE site_id = ?1 AND contact_id = ?4 AND ?2 IS NOT NULL AND ?5 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `DELETE FROM contact_tags WHERE site_id = ?1 AND contact_id = ?4 AND ?3 IS NOT NULL AND ?5 IS NOT NULL AND ${guard}`,
      ),
      // The timeline first: activities of the merged contact's leads are found through them.
      stmt(
        `UPDATE activities SET contact_id = ?3 WHERE site_id = ?1 AND contact_id = ?4 AND ?5 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE leads SET contact_id = ?3, updated_at = ?5, version = version + 1
          WHERE site_id = ?1 AND contact_id = ?4 AND ${guard}`,
      ),
      stmt(
        `UPDATE consents SET contact_id = ?3, given_by_contact_id = COALESCE(given_by_contact_id, ?4)
          WHERE site_id = ?1 AND contact_id = ?4 AND ?5 IS NOT NULL AND ${guard}`,
      ),
      ...['outbox', 'enrollments', 'events'].map((table) =>
        stmt(
          `UPDATE ${table} SET contact_id = ?3 WHERE site_id = ?1 AND contact_id = ?4 AND ?5 IS NOT NULL AND ${guard}`,
        ),
      ),
      // Contacts merged into the merged one earlier now point at the survivor.
      stmt(
        `UPDATE contacts SET merged_into = ?3 WHERE site_id = ?1 AND merged_into = ?4 AND ?5 IS NOT NULL AND ${guard}`,
      ),
      timeline('?3'),
      timeline('?4'),
      stmt(
        `INSERT INTO audit_log (id, site_id, actor_type, actor_id, action, target_type, target_id, detail, at)
         SELECT ?6, ?1, 'user', ?7, 'contact_merged', 'contact', ?3, json_object('mergeId', ?2, 'fromId', ?4), ?5
          WHERE ${guard}`,
        newId('au'),
        m.actorId,
      ),
    ],
  }
}
