/**
 * Message templates in D1, and what a template needs to be rendered for one lead. Every query
 * is scoped by site. Archiving keeps the row (sent messages and old enrollments cite it) and
 * hides it from the admin API; it is refused while an active or paused sequence sends it.
 */
import type { Locale, Template, TemplateInput } from '../../../contract'

interface TemplateRow {
  id: string
  name: string
  channel: Template['channel']
  subject: string | null
  body: string
  version: number
  created_at: string
  updated_at: string
  archived_at: string | null
}

const COLUMNS = 'id, name, channel, subject, body, version, created_at, updated_at, archived_at'

/** A template with its archive time, which the admin API does not show. */
export type StoredTemplate = Template & { archivedAt: string | null }

const fromRow = (r: TemplateRow): StoredTemplate => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  subject: r.subject === null ? null : (JSON.parse(r.subject) as Template['body']),
  body: JSON.parse(r.body) as Template['body'],
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  archivedAt: r.archived_at,
})

/** The admin view of a template (without its archive time). */
export const publicTemplate = ({ archivedAt: _, ...t }: StoredTemplate): Template => t

/** The store's live templates, oldest first. */
export async function listTemplates(db: D1Database, siteId: string): Promise<Template[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM message_templates WHERE site_id = ?1 AND archived_at IS NULL
        ORDER BY created_at, id`,
    )
    .bind(siteId)
    .all<TemplateRow>()
  return results.map((r) => publicTemplate(fromRow(r)))
}

/** A template of the store, archived or not; `null` when it has none by that id. */
export async function getTemplate(
  db: D1Database,
  siteId: string,
  id: string,
): Promise<StoredTemplate | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM message_templates WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<TemplateRow>()
  return row ? fromRow(row) : null
}

/** The store's templates among `ids` (archived ones too), by id. At most 50 ids. */
export async function getTemplates(
  db: D1Database,
  siteId: string,
  ids: readonly string[],
): Promise<Map<string, StoredTemplate>> {
  const unique = [...new Set(ids)].slice(0, 50)
  if (unique.length === 0) return new Map()
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM message_templates
        WHERE site_id = ?1 AND id IN (${unique.map((_, i) => `?${i + 2}`).join(', ')})`,
    )
    .bind(siteId, ...unique)
    .all<TemplateRow>()
  return new Map(results.map((r) => [r.id, fromRow(r)]))
}

/** Parameters ?3…?7 of the insert and the update: the template as sent, and the time. */
const templateValues = (t: TemplateInput, at: string) => [
  t.name,
  t.channel,
  t.subject ? JSON.stringify(t.subject) : null,
  JSON.stringify(t.body),
  at,
]

/** How the insert and the update are called. */
type TemplateWrite = (
  db: D1Database,
  siteId: string,
  id: string,
  t: TemplateInput,
  at: string,
) => D1PreparedStatement

export const insertTemplateStatement: TemplateWrite = (db, siteId, id, t, at) =>
  db
    .prepare(
      `INSERT INTO message_templates (id, site_id, name, channel, subject, body, version, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)`,
    )
    .bind(id, siteId, ...templateValues(t, at))

/** Whether an active or paused sequence of the store has a `send` step with template `?2`. */
const IN_USE = `EXISTS (SELECT 1 FROM sequences s, json_each(s.steps) j
   WHERE s.site_id = ?1 AND s.status IN ('active', 'paused')
     AND json_extract(j.value, '$.kind') = 'send' AND json_extract(j.value, '$.templateId') = ?2)`

/**
 * Replaces a live template and bumps its version. A template a sequence sends keeps its
 * channel (the sequence's step names the channel), so changing it then changes nothing.
 */
export const updateTemplateStatement: TemplateWrite = (db, siteId, id, t, at) =>
  db
    .prepare(
      `UPDATE message_templates SET name = ?3, channel = ?4, subject = ?5, body = ?6, updated_at = ?7,
         version = version + 1
        WHERE site_id = ?1 AND id = ?2 AND archived_at IS NULL AND (channel = ?4 OR NOT ${IN_USE})`,
    )
    .bind(siteId, id, ...templateValues(t, at))

/** Archives a live template unless a sequence still sends it (then it changes nothing). */
export const archiveTemplateStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare(
      `UPDATE message_templates SET archived_at = ?3, updated_at = ?3
        WHERE site_id = ?1 AND id = ?2 AND archived_at IS NULL AND NOT ${IN_USE}`,
    )
    .bind(siteId, id, at)

/** Names of the store's active or paused sequences that send the template. */
export async function sequencesSending(
  db: D1Database,
  siteId: string,
  templateId: string,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT s.name FROM sequences s, json_each(s.steps) j
        WHERE s.site_id = ?1 AND s.status IN ('active', 'paused')
          AND json_extract(j.value, '$.kind') = 'send' AND json_extract(j.value, '$.templateId') = ?2
        ORDER BY s.name LIMIT 10`,
    )
    .bind(siteId, templateId)
    .all<{ name: string }>()
  return results.map((r) => r.name)
}

/** A lead as the messages to it see it: its contact, owner, latest quote link and consents. */
export interface Recipient {
  leadId: string
  contactId: string
  stage: string
  ownerId: string | null
  ownerName: string | null
  /** The lead's own locale when the capture told it. */
  locale: Locale | null
  name: string | null
  email: string | null
  phone: string | null
  company: string | null
  timeZone: string | null
  /** The link of the lead's latest sent or viewed quote. */
  quoteLink: string | null
  /** The latest consent per channel: true given, false withdrawn, null never asked. */
  consent: { email: boolean | null; sms: boolean | null }
}

const latestConsent = (channel: 'email' | 'sms') =>
  `(SELECT granted FROM consents k WHERE k.site_id = l.site_id AND k.contact_id = l.contact_id
     AND k.channel = '${channel}' ORDER BY k.created_at DESC, k.rowid DESC LIMIT 1)`

export async function getRecipient(
  db: D1Database,
  siteId: string,
  leadId: string,
): Promise<Recipient | null> {
  const r = await db
    .prepare(
      `SELECT l.id, l.contact_id, l.stage, l.owner_id, l.locale, u.name AS owner_name, c.name, c.email,
              c.phone, c.company, c.time_zone,
              (SELECT q.message_link FROM quotes q
                WHERE q.site_id = l.site_id AND q.lead_id = l.id AND q.status IN ('sent', 'viewed')
                  AND q.message_link IS NOT NULL
                ORDER BY q.sent_at DESC, q.revision DESC LIMIT 1) AS quote_link,
              ${latestConsent('email')} AS email_consent, ${latestConsent('sms')} AS sms_consent
         FROM leads l
         JOIN contacts c ON c.site_id = l.site_id AND c.id = l.contact_id
         LEFT JOIN users u ON u.site_id = l.site_id AND u.id = l.owner_id
        WHERE l.site_id = ?1 AND l.id = ?2`,
    )
    .bind(siteId, leadId)
    .first<{
      id: string
      contact_id: string
      stage: string
      owner_id: string | null
      locale: string | null
      owner_name: string | null
      name: string | null
      email: string | null
      phone: string | null
      company: string | null
      time_zone: string | null
      quote_link: string | null
      email_consent: number | null
      sms_consent: number | null
    }>()
  if (!r) return null
  const consent = (n: number | null) => (n === null ? null : n === 1)
  return {
    leadId: r.id,
    contactId: r.contact_id,
    stage: r.stage,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    locale: r.locale === 'tr' || r.locale === 'en' ? r.locale : null,
    name: r.name,
    email: r.email,
    phone: r.phone,
    company: r.company,
    timeZone: r.time_zone,
    quoteLink: r.quote_link,
    consent: { email: consent(r.email_consent), sms: consent(r.sms_consent) },
  }
}
