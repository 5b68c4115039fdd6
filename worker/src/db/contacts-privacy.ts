/**
 * Privacy (KVKK/GDPR) in D1: everything held about one person (subject access), erasing a
 * person everywhere in one batch, and each store's retention setting. Scoped by site.
 */
import type { PrivacySettings, SubjectExport } from '../../../contract'
import { newId } from '../lib/ids'
import { getContact, listActivities, listConsents, listMerges } from './contacts'
import { eventStatements } from './events'
import { listLeadsOfContact } from './leads'

type Row = Record<string, unknown>

/** Parses the JSON text columns of a row so the export reads as one JSON document. */
const withJson = (row: Row, columns: string[]): Row => {
  const out = { ...row }
  for (const c of columns) {
    if (typeof out[c] === 'string') out[c] = JSON.parse(out[c] as string) as unknown
  }
  return out
}

/**
 * Everything the store holds about a contact: the contact, consents, leads and their stage
 * history, the whole timeline, quiz responses, bookings, quotes, invoices, the e-mails and
 * SMS sent to them, and merges. Secrets (link token hashes, keys) are left out. Null when the
 * contact is not the store's.
 */
export async function subjectExport(
  db: D1Database,
  siteId: string,
  contactId: string,
  now: string,
): Promise<SubjectExport | null> {
  const contact = await getContact(db, siteId, contactId)
  if (!contact) return null
  const leadsOf = `(SELECT id FROM leads WHERE site_id = ?1 AND contact_id = ?2)`
  const all = async (sql: string) =>
    (await db.prepare(sql).bind(siteId, contactId).all<Row>()).results
  const [
    consents,
    leads,
    activities,
    merges,
    stageEvents,
    quiz,
    bookings,
    quotes,
    invoices,
    messages,
  ] = await Promise.all([
    listConsents(db, siteId, contactId),
    listLeadsOfContact(db, siteId, contactId),
    listActivities(db, siteId, { contactId }, 10_000),
    listMerges(db, siteId, contactId),
    all(
      `SELECT lead_id AS leadId, id, from_stage AS "from", to_stage AS "to", event, reason,
                actor_type AS actorType, actor_id AS actorId, at
           FROM stage_events WHERE site_id = ?1 AND lead_id IN ${leadsOf} ORDER BY at, rowid`,
    ),
    all(
      `SELECT id, lead_id AS leadId, quiz_id AS quizId, quiz_version AS quizVersion, status, answers, score,
                outcome, started_at AS startedAt, completed_at AS completedAt
           FROM quiz_responses WHERE site_id = ?1 AND lead_id IN ${leadsOf} ORDER BY started_at`,
    ),
    all(
      `SELECT id, lead_id AS leadId, rep_id AS repId, type, start_at AS startAt, end_at AS endAt,
                visitor_tz AS visitorTimeZone, status, note, page_url AS pageUrl, cancel_reason AS cancelReason,
                created_at AS createdAt
           FROM bookings WHERE site_id = ?1 AND lead_id IN ${leadsOf} ORDER BY start_at`,
    ),
    all(
      `SELECT id, lead_id AS leadId, revision, status, title, currency, valid_until AS validUntil, sections,
                lines, notes, totals, sent_at AS sentAt, viewed_at AS viewedAt, accepted_at AS acceptedAt,
                accepted_name AS acceptedName, declined_at AS declinedAt, decline_reason AS declineReason,
                created_at AS createdAt
           FROM quotes WHERE site_id = ?1 AND lead_id IN ${leadsOf} ORDER BY created_at`,
    ),
    all(
      `SELECT id, lead_id AS leadId, quote_id AS quoteId, number, status, issue_date AS issueDate,
                due_date AS dueDate, currency, lines, totals, paid_at AS paidAt, cancelled_at AS cancelledAt,
                ettn, created_at AS createdAt
           FROM invoices WHERE site_id = ?1 AND lead_id IN ${leadsOf} ORDER BY seq`,
    ),
    all(
      `SELECT id, channel, purpose, recipient, payload, status, lead_id AS leadId, created_at AS createdAt,
                delivered_at AS deliveredAt
           FROM outbox WHERE site_id = ?1 AND channel IN ('email', 'sms')
            AND (contact_id = ?2 OR lead_id IN ${leadsOf}) ORDER BY created_at`,
    ),
  ])
  return {
    exportedAt: now,
    contact,
    consents,
    leads,
    stageEvents: stageEvents as SubjectExport['stageEvents'],
    activities,
    quizResponses: quiz.map((r) => withJson(r, ['answers'])),
    bookings,
    quotes: quotes.map((r) => withJson(r, ['sections', 'lines', 'totals'])),
    invoices: invoices.map((r) => withJson(r, ['lines', 'totals'])),
    messages: messages.map((r) => withJson(r, ['payload'])),
    merges,
  }
}

/** Timeline body keys that carry no personal data; every other key is dropped on erasure. */
const KEEP_KEYS = [
  'from',
  'to',
  'event',
  'channel',
  'leadId',
  'quoteId',
  'bookingId',
  'invoiceId',
  'messageId',
  'mergeId',
  'intoId',
  'fromId',
  'sequenceId',
  'enrollmentId',
  'templateId',
  'step',
  'revision',
  'outcome',
  'score',
  'status',
  'ownerId',
  'direction',
  'durationMinutes',
  'type',
  'start',
  'end',
  'number',
  'currency',
  'valueMinor',
  'totalMinor',
  'line',
]
const KEEP_SQL = KEEP_KEYS.map((k) => `'${k}'`).join(', ')
/** A JSON object column with only `KEEP_KEYS`, marked redacted. */
const redactedJson = (column: string) =>
  `json_set((SELECT json_group_object(key, CASE WHEN type IN ('object', 'array') THEN json(value) ELSE value END)
              FROM json_each(${column}) WHERE key IN (${KEEP_SQL})), '$.redacted', json('true'))`

export interface EraseInput {
  siteId: string
  contactId: string
  actor: { type: 'user'; id: string } | { type: 'system' }
  reason: string
  at: string
}

/**
 * The statements that erase a person, for one batch. `change` clears the contact and marks it
 * erased only while it is live, then writes the audit row only when it did; `then` starts with
 * the `contact.erased` event (written only when the audit row was), and every later statement
 * applies only when that audit row exists; `events` queue what the event causes (webhooks). What is cleared: the contact's (and the
 * contacts merged into it) fields, tags and custom fields; their leads' message, custom
 * fields, source and score breakdown; personal keys of timeline bodies, pipeline events and
 * quote events; free-text quiz answers; booking notes; the name a quote was accepted with;
 * the recipient and content of e-mails and SMS to them (pending ones are cancelled); merge
 * snapshots; audit details of contact changes. Kept: ids, stages, history, amounts, consent
 * records (channel, granted, text version, time) as proof.
 */
export function eraseStatements(
  db: D1Database,
  e: EraseInput,
): {
  auditId: string
  change: readonly [D1PreparedStatement, D1PreparedStatement]
  then: D1PreparedStatement[]
  events: D1PreparedStatement[]
} {
  const auditId = newId('au')
  const guard = `EXISTS (SELECT 1 FROM audit_log WHERE site_id = ?1 AND id = ?3)`
  // Every statement binds ?1 site, ?2 contact, ?3 audit id, ?4 at.
  const stmt = (sql: string, ...extra: unknown[]) =>
    db.prepare(sql).bind(e.siteId, e.contactId, auditId, e.at, ...extra)
  const people = `(SELECT ?2 UNION SELECT id FROM contacts WHERE site_id = ?1 AND merged_into = ?2)`
  const leads = `(SELECT id FROM leads WHERE site_id = ?1 AND contact_id IN ${people})`
  const actorType = e.actor.type
  const actorId = e.actor.type === 'user' ? e.actor.id : null
  const event = eventStatements(
    db,
    {
      siteId: e.siteId,
      type: 'contact.erased',
      contactId: e.contactId,
      data: { contactId: e.contactId, erasedAt: e.at, by: actorType },
      at: e.at,
    },
    { afterChange: true },
  )
  return {
    auditId,
    change: [
      stmt(
        `UPDATE contacts SET name = NULL, email = NULL, phone = NULL, company = NULL, location = NULL,
           custom = '{}', time_zone = NULL, erased_at = ?4, updated_at = ?4, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND erased_at IS NULL AND merged_into IS NULL AND ?3 IS NOT NULL`,
      ),
      stmt(
        `INSERT INTO audit_log (id, site_id, actor_type, actor_id, action, target_type, target_id, detail, at)
         SELECT ?3, ?1, ?5, ?6, 'contact_erased', 'contact', ?2, json_object('reason', ?7), ?4
          WHERE changes() = 1`,
        actorType,
        actorId,
        e.reason,
      ),
    ],
    then: [
      event.record,
      stmt(
        `UPDATE contacts SET name = NULL, email = NULL, phone = NULL, company = NULL, location = NULL,
           custom = '{}', time_zone = NULL, erased_at = ?4, updated_at = ?4
         WHERE site_id = ?1 AND merged_into = ?2 AND ?3 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `DELETE FROM contact_tags WHERE site_id = ?1 AND contact_id IN ${people} AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE leads SET message = NULL, custom = '{}', page_url = NULL, referrer = NULL, utm = '{}',
           score_breakdown = NULL, updated_at = ?4
         WHERE site_id = ?1 AND contact_id IN ${people} AND ${guard}`,
      ),
      stmt(
        `UPDATE activities SET body = ${redactedJson('body')}
          WHERE site_id = ?1 AND (contact_id IN ${people} OR lead_id IN ${leads}) AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE events SET data = ${redactedJson('data')}
          WHERE site_id = ?1 AND (contact_id IN ${people} OR lead_id IN ${leads}) AND type <> 'contact.erased'
            AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE quiz_responses SET answers = (
           SELECT json_group_object(key, CASE
             WHEN type IN ('object', 'array') THEN json(value)
             WHEN type = 'text' AND (length(value) > 40 OR value NOT GLOB '[a-z]*' OR value GLOB '*[^a-z0-9_]*')
               THEN '[erased]'
             ELSE value END) FROM json_each(answers))
         WHERE site_id = ?1 AND lead_id IN ${leads} AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE bookings SET note = NULL, page_url = NULL, cancel_reason = NULL, updated_at = ?4
          WHERE site_id = ?1 AND lead_id IN ${leads} AND ${guard}`,
      ),
      stmt(
        `UPDATE quotes SET accepted_name = NULL, decline_reason = NULL
          WHERE site_id = ?1 AND lead_id IN ${leads} AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE quote_events SET detail = ${redactedJson('detail')}
          WHERE site_id = ?1 AND quote_id IN (SELECT id FROM quotes WHERE site_id = ?1 AND lead_id IN ${leads})
            AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE outbox SET recipient = 'erased', payload = '{}', updated_at = ?4,
           status = CASE WHEN status IN ('pending', 'sending') THEN 'cancelled' ELSE status END,
           last_error = CASE WHEN status IN ('pending', 'sending') THEN 'erased' ELSE last_error END
         WHERE site_id = ?1 AND channel IN ('email', 'sms')
           AND (contact_id IN ${people} OR lead_id IN ${leads}) AND ${guard}`,
      ),
      stmt(
        `UPDATE outbox SET payload = json_set(payload, '$.data', ${redactedJson("json_extract(payload, '$.data')")})
          WHERE site_id = ?1 AND channel = 'webhook' AND json_extract(payload, '$.type') <> 'contact.erased'
            AND (contact_id IN ${people} OR lead_id IN ${leads}) AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE enrollments SET status = 'exited', exit_reason = 'erased', ended_at = ?4, updated_at = ?4,
           next_run_at = NULL
         WHERE site_id = ?1 AND contact_id IN ${people} AND status = 'active' AND ${guard}`,
      ),
      stmt(
        `UPDATE contact_merges SET from_snapshot = '{}'
          WHERE site_id = ?1 AND (into_id IN ${people} OR from_id IN ${people}) AND ?4 IS NOT NULL AND ${guard}`,
      ),
      stmt(
        `UPDATE audit_log SET detail = '{}'
          WHERE site_id = ?1 AND target_type = 'contact' AND target_id IN ${people}
            AND action = 'contact_updated' AND ?4 IS NOT NULL AND ${guard}`,
      ),
    ],
    // Webhooks of the event: after the redactions, which leave `contact.erased` messages alone.
    events: event.effects,
  }
}

export async function getPrivacySettings(db: D1Database, siteId: string): Promise<PrivacySettings> {
  const row = await db
    .prepare('SELECT retention_months, updated_at FROM privacy_settings WHERE site_id = ?1')
    .bind(siteId)
    .first<{ retention_months: number | null; updated_at: string }>()
  return { retentionMonths: row?.retention_months ?? null, updatedAt: row?.updated_at ?? null }
}

export const putPrivacySettingsStatement = (
  db: D1Database,
  siteId: string,
  retentionMonths: number | null,
  userId: string,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO privacy_settings (site_id, retention_months, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (site_id) DO UPDATE SET retention_months = ?2, updated_by = ?3, updated_at = ?4`,
    )
    .bind(siteId, retentionMonths, userId, at)

/** Stores with retention on: their id and period. */
export async function sitesWithRetention(db: D1Database) {
  const { results } = await db
    .prepare(
      'SELECT site_id, retention_months FROM privacy_settings WHERE retention_months IS NOT NULL ORDER BY site_id',
    )
    .all<{ site_id: string; retention_months: number }>()
  return results
}

/**
 * Live contacts of a store with no change, lead change or timeline row since `cutoff`, oldest
 * first, at most `limit`.
 */
export async function inactiveContacts(
  db: D1Database,
  siteId: string,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id FROM contacts c
        WHERE c.site_id = ?1 AND c.erased_at IS NULL AND c.merged_into IS NULL AND c.updated_at < ?2
          AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.site_id = ?1 AND l.contact_id = c.id AND l.updated_at >= ?2)
          AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.site_id = ?1 AND a.contact_id = c.id AND a.created_at >= ?2)
          AND NOT EXISTS (SELECT 1 FROM activities a JOIN leads l ON l.site_id = a.site_id AND l.id = a.lead_id
                           WHERE a.site_id = ?1 AND l.contact_id = c.id AND a.created_at >= ?2)
        ORDER BY c.updated_at, c.id LIMIT ?3`,
    )
    .bind(siteId, cutoff, limit)
    .all<{ id: string }>()
  return results.map((r) => r.id)
}

/** An audit row saying who exported a person's data, and when. */
export const subjectAccessAuditStatement = (
  db: D1Database,
  siteId: string,
  userId: string,
  contactId: string,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO audit_log (id, site_id, actor_type, actor_id, action, target_type, target_id, detail, at)
       VALUES (?1, ?2, 'user', ?3, 'contact_exported', 'contact', ?4, '{}', ?5)`,
    )
    .bind(newId('au'), siteId, userId, contactId, at)
