/** Contacts, their consent records and their timeline in D1. Every query is scoped by site. */
import type { Activity, ConsentRecord, Contact, ContactListQuery } from '../../../contract'
import { decodeCursor, encodeCursor } from './cursor'
import { likePattern, params, searchClause } from './sql'

interface ContactRow {
  id: string
  name: string | null
  email: string | null
  phone: string | null
  company: string | null
  location: string | null
  owner_id: string | null
  version: number
  created_at: string
  updated_at: string
}

const CONTACT_COLUMNS =
  'id, name, email, phone, company, location, owner_id, version, created_at, updated_at'

const contactFromRow = (r: ContactRow): Contact => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  company: r.company,
  location: r.location,
  ownerId: r.owner_id,
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
  const where = ['site_id = ?1']
  const p = params(siteId)
  const param = p.add
  if (q.owner) where.push(`owner_id = ${param(q.owner)}`)
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
}

const CHANGE_COLUMNS: Record<keyof ContactChanges, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  location: 'location',
  ownerId: 'owner_id',
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
    ([k, value]) => `${CHANGE_COLUMNS[k as keyof ContactChanges]} = ${p.add(value)}`,
  )
  return db
    .prepare(
      `UPDATE contacts SET ${sets.join(', ')}, updated_at = ?4, version = version + 1
        WHERE site_id = ?1 AND id = ?2 AND version = ?3`,
    )
    .bind(...p.values)
}

interface ConsentRow {
  channel: ConsentRecord['channel']
  granted: number
  text_version: string
  lead_id: string | null
  created_at: string
}

export async function listConsents(
  db: D1Database,
  siteId: string,
  contactId: string,
): Promise<ConsentRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT channel, granted, text_version, lead_id, created_at FROM consents
        WHERE site_id = ?1 AND contact_id = ?2 ORDER BY created_at, rowid`,
    )
    .bind(siteId, contactId)
    .all<ConsentRow>()
  return results.map((r) => ({
    channel: r.channel,
    granted: r.granted === 1,
    textVersion: r.text_version,
    leadId: r.lead_id,
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

/** Most recent timeline entries first, at most `limit`. */
export async function listActivities(
  db: D1Database,
  siteId: string,
  by: { leadId: string } | { contactId: string },
  limit = 500,
): Promise<Activity[]> {
  const [column, value] = 'leadId' in by ? ['lead_id', by.leadId] : ['contact_id', by.contactId]
  const { results } = await db
    .prepare(
      `SELECT id, lead_id, contact_id, type, body, actor_type, actor_id, created_at FROM activities
        WHERE site_id = ?1 AND ${column} = ?2 ORDER BY created_at DESC, rowid DESC LIMIT ?3`,
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
