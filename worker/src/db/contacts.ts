/** Contacts, their consent records and their timeline in D1. Every query is scoped by site. */
import type {
  Activity,
  ConsentRecord,
  Contact,
  ContactListQuery,
  ContactMergeRecord,
} from '../../../contract'
import { decodeCursor, encodeCursor } from './cursor'
import { likePattern, params, searchClause } from './sql'

export interface ContactRow {
  id: string
  name: string | null
  email: string | null
  phone: string | null
  company: string | null
  location: string | null
  owner_id: string | null
  tags: string
  custom: string
  time_zone: string | null
  merged_into: string | null
  erased_at: string | null
  version: number
  created_at: string
  updated_at: string
}

/** The columns of a contact row selected from `contacts` (unaliased), tags as a JSON array. */
export const CONTACT_COLUMNS = `id, name, email, phone, company, location, owner_id, custom, time_zone,
  merged_into, erased_at, version, created_at, updated_at,
  (SELECT json_group_array(tag) FROM (SELECT t.tag FROM contact_tags t
     WHERE t.site_id = contacts.site_id AND t.contact_id = contacts.id ORDER BY t.tag)) AS tags`

export const contactFromRow = (r: ContactRow): Contact => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  company: r.company,
  location: r.location,
  ownerId: r.owner_id,
  tags: JSON.parse(r.tags) as string[],
  custom: JSON.parse(r.custom) as Record<string, unknown>,
  timeZone: r.time_zone,
  mergedInto: r.merged_into,
  erasedAt: r.erased_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export async function getContact(
  db: D1Database,
  siteId: string,
  id: string,
): Promise<Contact | null> {
  const row = await db
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<ContactRow>()
  return row ? contactFromRow(row) : null
}

export async function listContacts(db: D1Database, siteId: string, q: ContactListQuery) {
  // Merged and erased contacts are not listed: their data lives on elsewhere or is gone.
  const where = ['site_id = ?1', 'merged_into IS NULL', 'erased_at IS NULL']
  const p = params(siteId)
  const param = p.add
  if (q.owner) where.push(`owner_id = ${param(q.owner)}`)
  if (q.tag) {
    where.push(
      `id IN (SELECT contact_id FROM contact_tags WHERE site_id = ?1 AND tag = ${param(q.tag)})`,
    )
  }
  if (q.q) {
    const like = param(likePattern(q.q))
    where.push(searchClause(['name', 'email', 'phone', 'company'], like))
  }
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor)
    where.push(`(created_at, id) < (${param(createdAt)}, ${param(id)})`)
  }
  const { results } = await db
    .prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT ${param(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<ContactRow>()
  const page = results.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    items: page.map(contactFromRow),
    nextCursor: results.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  }
}

export interface ContactChanges {
  name?: string | null
  email?: string | null
  phone?: string | null
  company?: string | null
  location?: string | null
  ownerId?: string | null
  custom?: Record<string, unknown>
}

const CHANGE_COLUMNS: Record<keyof ContactChanges, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  location: 'location',
  ownerId: 'owner_id',
  custom: 'custom',
}

/** The guarded update of a contact's fields: applies only while it still has `expectedVersion`. */
export function updateContactStatement(
  db: D1Database,
  siteId: string,
  id: string,
  changes: ContactChanges,
  expectedVersion: number,
  at: string,
) {
  const p = params(siteId, id, expectedVersion, at)
  const sets = Object.entries(changes).map(
    ([k, value]) =>
      `${CHANGE_COLUMNS[k as keyof ContactChanges]} = ${p.add(k === 'custom' ? JSON.stringify(value) : value)}`,
  )
  return db
    .prepare(
      `UPDATE contacts SET ${[...sets, 'updated_at = ?4'].join(', ')}, version = version + 1
        WHERE site_id = ?1 AND id = ?2 AND version = ?3 AND merged_into IS NULL AND erased_at IS NULL`,
    )
    .bind(...p.values)
}

/**
 * Replaces a contact's tags, only when the row `guardTable`/`guardId` exists (the change the
 * tags belong to applied). `guardTable` is a fixed name, never text from a request.
 */
export function replaceTagsStatements(
  db: D1Database,
  siteId: string,
  contactId: string,
  tags: string[],
  guard: { table: 'audit_log' | 'contact_merges'; id: string },
): D1PreparedStatement[] {
  const exists = `EXISTS (SELECT 1 FROM ${guard.table} WHERE site_id = ?1 AND id = ?3)`
  const statements = [
    db
      .prepare(`DELETE FROM contact_tags WHERE site_id = ?1 AND contact_id = ?2 AND ${exists}`)
      .bind(siteId, contactId, guard.id),
  ]
  // 3 fixed parameters and one per tag: at most 20 tags keeps this far under 100.
  if (tags.length > 0) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO contact_tags (site_id, contact_id, tag)
           SELECT ?1, ?2, v.column1 FROM (VALUES ${tags.map((_, i) => `(?${4 + i})`).join(', ')}) AS v
            WHERE ${exists}`,
        )
        .bind(siteId, contactId, guard.id, ...tags),
    )
  }
  return statements
}

interface ConsentRow {
  channel: ConsentRecord['channel']
  granted: number
  text_version: string
  language: ConsentRecord['language']
  source: ConsentRecord['source']
  text: string | null
  notice: string | null
  notice_url: string | null
  current_from: string | null
  lead_id: string | null
  given_by_contact_id: string | null
  created_at: string
}

/**
 * A contact's consent records, oldest first, each with the exact wording it was given under:
 * the opt-in it points at and the information notice of the same version and language.
 */
export async function listConsents(
  db: D1Database,
  siteId: string,
  contactId: string,
): Promise<ConsentRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT k.channel, k.granted, k.text_version, k.language, k.source, m.text, m.current_from,
              n.text AS notice, n.notice_url, k.lead_id, k.given_by_contact_id, k.created_at
         FROM consents k
         LEFT JOIN consent_texts m ON m.id = k.consent_text_id
         LEFT JOIN consent_texts n ON n.site_id = m.site_id AND n.kind = 'notice'
                                  AND n.version = m.version AND n.language = m.language
        WHERE k.site_id = ?1 AND k.contact_id = ?2 ORDER BY k.created_at, k.rowid`,
    )
    .bind(siteId, contactId)
    .all<ConsentRow>()
  return results.map((r) => ({
    channel: r.channel,
    granted: r.granted === 1,
    textVersion: r.text_version,
    language: r.language,
    source: r.source,
    wording:
      r.text === null
        ? null
        : {
            text: r.text,
            // A notice kept as a link alone has no words.
            notice: r.notice || null,
            noticeUrl: r.notice_url,
            currentFrom: r.current_from!,
          },
    leadId: r.lead_id,
    givenByContactId: r.given_by_contact_id,
    at: r.created_at,
  }))
}

interface ActivityRow {
  id: string
  lead_id: string | null
  contact_id: string | null
  type: string
  body: string
  actor_type: Activity['actorType']
  actor_id: string | null
  created_at: string
}

/**
 * Most recent timeline entries first, at most `limit`. A contact's timeline is one across the
 * contact and all their leads: form, quiz, booking, quote, invoice, messages, notes and calls.
 */
export async function listActivities(
  db: D1Database,
  siteId: string,
  by: { leadId: string } | { contactId: string },
  limit = 500,
): Promise<Activity[]> {
  const [where, value] =
    'leadId' in by
      ? ['lead_id = ?2', by.leadId]
      : [
          `(contact_id = ?2 OR lead_id IN (SELECT id FROM leads WHERE site_id = ?1 AND contact_id = ?2))`,
          by.contactId,
        ]
  const { results } = await db
    .prepare(
      `SELECT id, lead_id, contact_id, type, body, actor_type, actor_id, created_at FROM activities
        WHERE site_id = ?1 AND ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?3`,
    )
    .bind(siteId, value, limit)
    .all<ActivityRow>()
  return results.map((r) => ({
    id: r.id,
    leadId: r.lead_id,
    contactId: r.contact_id,
    type: r.type,
    body: JSON.parse(r.body) as Record<string, unknown>,
    actorType: r.actor_type,
    actorId: r.actor_id,
    createdAt: r.created_at,
  }))
}

/** An audit row, written only when the statement before it in the batch changed one row. */
export const auditStatement = (
  db: D1Database,
  siteId: string,
  actorId: string,
  action: string,
  target: { type: string; id: string },
  detail: unknown,
  at: string,
  id: string,
) =>
  db
    .prepare(
      `INSERT INTO audit_log (id, site_id, actor_type, actor_id, action, target_type, target_id, detail, at)
       SELECT ?1, ?2, 'user', ?3, ?4, ?5, ?6, ?7, ?8 WHERE changes() = 1`,
    )
    .bind(id, siteId, actorId, action, target.type, target.id, JSON.stringify(detail), at)

interface MergeRow {
  id: string
  into_id: string
  from_id: string
  from_snapshot: string
  moved: string
  actor_id: string | null
  at: string
}

/** The merges into or out of a contact, newest first. */
export async function listMerges(
  db: D1Database,
  siteId: string,
  contactId: string,
): Promise<ContactMergeRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT id, into_id, from_id, from_snapshot, moved, actor_id, at FROM contact_merges
        WHERE site_id = ?1 AND (into_id = ?2 OR from_id = ?2) ORDER BY at DESC, rowid DESC LIMIT 100`,
    )
    .bind(siteId, contactId)
    .all<MergeRow>()
  return results.map((r) => ({
    id: r.id,
    intoId: r.into_id,
    fromId: r.from_id,
    from: JSON.parse(r.from_snapshot) as Record<string, unknown>,
    moved: JSON.parse(r.moved) as Record<string, unknown>,
    actorId: r.actor_id,
    at: r.at,
  }))
}

/** The person a booking is for, as the store knows them when it is made. */
export interface NoticeContact {
  name: string | null
  email: string | null
  phone: string | null
  locale: string | null
  smsConsent: boolean
}

/** The lead's contact, its language and whether its latest SMS consent is a yes. */
export async function noticeContact(
  db: D1Database,
  siteId: string,
  leadId: string,
): Promise<NoticeContact | null> {
  return db
    .prepare(
      `SELECT c.name, c.email, c.phone, l.locale,
              COALESCE((SELECT granted FROM consents s WHERE s.site_id = ?1 AND s.contact_id = c.id AND s.channel = 'sms'
                         ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1), 0) = 1 AS smsConsent
         FROM leads l JOIN contacts c ON c.site_id = l.site_id AND c.id = l.contact_id
        WHERE l.site_id = ?1 AND l.id = ?2`,
    )
    .bind(siteId, leadId)
    .first<NoticeContact>()
}

/**
 * The contact of `leadId` takes `timeZone` as theirs (the zone a visitor booked in: sequence
 * waits and quiet hours use it), only when the event `ifEvent` was written in the same batch.
 */
export const adoptTimeZoneStatement = (
  db: D1Database,
  siteId: string,
  leadId: string,
  timeZone: string,
  ifEvent: string,
) =>
  db
    .prepare(
      `UPDATE contacts SET time_zone = ?3
        WHERE site_id = ?1 AND id = (SELECT contact_id FROM leads WHERE site_id = ?1 AND id = ?2)
          AND EXISTS (SELECT 1 FROM events WHERE site_id = ?1 AND id = ?4)`,
    )
    .bind(siteId, leadId, timeZone, ifEvent)
