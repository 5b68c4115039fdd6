/**
 * What e-mail and SMS providers' delivery reports add: timeline rows, withdrawn consent, ended
 * enrollments. Which row a report makes is delivery/reports.ts (pure).
 */
import type { ResendEvent, VerimorReports } from '../../../contract'
import {
  isoOr,
  isTimelineEvent,
  reportRowId,
  resendActivity,
  verimorActivity,
} from '../delivery/reports'
import { exitEnrollmentsStatement } from './events'

// ---------------------------------------------------------------------- provider reports

/** The message a provider's report is about, by the id the provider gave it. */
export const reportedMessage = (
  db: D1Database,
  siteId: string,
  channel: 'email' | 'sms',
  providerId: string,
) =>
  db
    .prepare(
      `SELECT id, lead_id, contact_id FROM outbox
        WHERE provider_message_id = ?3 AND site_id = ?1 AND channel = ?2 LIMIT 1`,
    )
    .bind(siteId, channel, providerId)
    .first<{ id: string; lead_id: string | null; contact_id: string | null }>()

/**
 * Timeline rows from reports, one statement for any number of them. Ids are derived from the
 * reports, so a report delivered twice (providers retry) adds its row once; a message that is
 * not this store's, or not on `channel`, adds nothing.
 */
export const reportActivitiesStatement = (
  db: D1Database,
  siteId: string,
  channel: 'email' | 'sms',
  rows: { id: string; messageId: string; type: string; body: Record<string, unknown> }[],
  at: string,
) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT json_extract(r.value, '$.id'), o.site_id, o.lead_id, o.contact_id, json_extract(r.value, '$.type'),
              json_extract(r.value, '$.body'), 'system', NULL, ?4
         FROM json_each(?3) r
         JOIN outbox o ON o.site_id = ?1 AND o.id = json_extract(r.value, '$.messageId') AND o.channel = ?2
        WHERE o.lead_id IS NOT NULL OR o.contact_id IS NOT NULL`,
    )
    .bind(
      siteId,
      channel,
      JSON.stringify(rows.map((r) => ({ ...r, body: JSON.stringify(r.body) }))),
      at,
    )

/** A bounce or complaint ends e-mail consent: a `granted = 0` row (once per report). */
export const withdrawEmailConsentStatement = (
  db: D1Database,
  siteId: string,
  messageId: string,
  id: string,
  why: 'bounce' | 'complaint',
  at: string,
) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at, source)
       SELECT ?1, site_id, contact_id, lead_id, 'email', 0, ?4, ?5, 'provider' FROM outbox
        WHERE site_id = ?2 AND id = ?3 AND contact_id IS NOT NULL`,
    )
    .bind(id, siteId, messageId, why, at)

/** Applies one verified Resend event; how many rows it added (0 for unknown events or mail). */
export async function applyResendEvent(
  db: D1Database,
  siteId: string,
  event: ResendEvent,
  eventKey: string,
  now: Date,
): Promise<number> {
  const providerId = event.data.email_id
  if (!providerId || !isTimelineEvent(event.type)) return 0
  const message = await reportedMessage(db, siteId, 'email', providerId)
  if (!message) return 0
  const mapped = resendActivity(event, message.id)!
  const at = isoOr(event.created_at, now)
  const id = await reportRowId('ac', `resend:${eventKey}`)
  const statements = [
    reportActivitiesStatement(
      db,
      siteId,
      'email',
      [{ id, messageId: message.id, type: mapped.type, body: mapped.body }],
      at,
    ),
  ]
  if (mapped.withdraw) {
    const consentId = await reportRowId('cs', `resend:${eventKey}`)
    statements.push(
      withdrawEmailConsentStatement(db, siteId, message.id, consentId, mapped.withdraw, at),
    )
    if (message.lead_id) {
      statements.push(
        exitEnrollmentsStatement(
          db,
          siteId,
          message.lead_id,
          'consent_withdrawn',
          at,
          null,
          'email',
        ),
      )
    }
  }
  const results = await db.batch(statements)
  return results[0]?.meta.changes ?? 0
}

/** Applies Verimor's reports for this store; how many added a timeline row. */
export async function applyVerimorReports(
  db: D1Database,
  siteId: string,
  reports: VerimorReports,
  now: Date,
): Promise<number> {
  const rows: { id: string; messageId: string; type: string; body: Record<string, unknown> }[] = []
  for (const report of reports) {
    const messageId = report.campaign_custom_id
    const mapped = messageId ? verimorActivity(report, messageId) : null
    if (!messageId || !mapped) continue
    const key = `verimor:${messageId}:${report.message_id ?? report.dest ?? ''}:${mapped.body.status}`
    rows.push({ id: await reportRowId('ac', key), messageId, type: mapped.type, body: mapped.body })
  }
  if (rows.length === 0) return 0
  const result = await reportActivitiesStatement(db, siteId, 'sms', rows, now.toISOString()).run()
  return result.meta.changes
}
