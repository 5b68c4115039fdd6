/**
 * One-click unsubscribe in D1. A message's random id is its unsubscribe token; unsubscribing
 * records a withdrawal of consent for the message's channel (kept with the person, like every
 * consent), ends the person's sequences on that channel, cancels their queued commercial
 * messages on it, and puts it on their timeline. Doing it twice changes nothing.
 */
import type { Locale } from '../../../contract'
import { newId } from '../lib/ids'

export interface UnsubscribeTarget {
  id: string
  siteId: string
  channel: 'email' | 'sms'
  contactId: string
  leadId: string | null
  locale: Locale
  store: string
}

export async function findUnsubscribeTarget(
  db: D1Database,
  messageId: string,
): Promise<UnsubscribeTarget | null> {
  const row = await db
    .prepare(
      `SELECT o.id, o.site_id AS siteId, o.channel, o.contact_id AS contactId, o.lead_id AS leadId,
              COALESCE(json_extract(o.payload, '$.locale'), s.locale) AS locale, s.name AS store
         FROM outbox o JOIN sites s ON s.id = o.site_id
        WHERE o.id = ?1 AND o.channel IN ('email', 'sms') AND o.contact_id IS NOT NULL`,
    )
    .bind(messageId)
    .first<UnsubscribeTarget>()
  return row ? { ...row, locale: row.locale === 'en' ? 'en' : 'tr' } : null
}

/**
 * The withdrawal of consent for the message's channel, then its timeline row: the first
 * statement is the guard, inserting the withdrawal only while the person's latest consent on
 * the channel is not one already (it changes one row when it withdrew now); the timeline row
 * follows only then.
 */
export function withdrawConsentStatements(
  db: D1Database,
  t: UnsubscribeTarget,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  const consentId = newId('cs')
  return [
    db
      .prepare(
        `INSERT INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at, source)
         SELECT ?1, ?2, ?3, ?4, ?5, 0, 'unsubscribe', ?6, 'unsubscribe'
          WHERE COALESCE((SELECT granted FROM consents WHERE site_id = ?2 AND contact_id = ?3 AND channel = ?5
                           ORDER BY created_at DESC, rowid DESC LIMIT 1), 1) = 1`,
      )
      .bind(consentId, t.siteId, t.contactId, t.leadId, t.channel, at),
    db
      .prepare(
        `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
         SELECT ?1, ?2, ?3, ?4, 'unsubscribed', json_object('channel', ?5, 'messageId', ?6), 'visitor', NULL, ?7
          WHERE changes() = 1`,
      )
      .bind(newId('ac'), t.siteId, t.leadId, t.contactId, t.channel, t.id, at),
  ]
}

/**
 * Ends the person's active sequences on the message's channel and cancels their pending
 * commercial messages on it; applies whether or not the consent was withdrawn now (a second
 * time finds nothing left to end).
 */
export function stopCommercialStatements(
  db: D1Database,
  t: UnsubscribeTarget,
  at: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE enrollments SET status = 'exited', exit_reason = 'unsubscribed', ended_at = ?4, updated_at = ?4,
           next_run_at = NULL
         WHERE site_id = ?1 AND contact_id = ?2 AND status = 'active'
           AND sequence_id IN (SELECT id FROM sequences
                                WHERE site_id = ?1 AND instr(',' || channels || ',', ',' || ?3 || ',') > 0)`,
      )
      .bind(t.siteId, t.contactId, t.channel, at),
    db
      .prepare(
        `UPDATE outbox SET status = 'cancelled', last_error = 'unsubscribed', updated_at = ?4
          WHERE site_id = ?1 AND contact_id = ?2 AND channel = ?3 AND purpose = 'commercial' AND status = 'pending'`,
      )
      .bind(t.siteId, t.contactId, t.channel, at),
  ]
}
