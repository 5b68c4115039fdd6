/**
 * Delivery in D1: claiming due outbox messages under a lease, finishing an attempt (guarded by
 * the claim held) with its attempt-log row, and an endpoint's run of 410s. The outbox as reps
 * see it is in outbox-admin.ts, webhook endpoints in webhooks.ts, provider reports in
 * provider-reports.ts.
 */
import type { OutboxMessage } from '../../../contract'
import type { Settlement } from '../delivery/outcome'

export interface OutboxRow {
  id: string
  site_id: string
  channel: 'webhook' | 'email' | 'sms'
  purpose: 'commercial' | 'transactional' | 'system'
  recipient: string
  payload: string
  webhook_id: string | null
  contact_id: string | null
  lead_id: string | null
  enrollment_id: string | null
  event_id: string | null
  status: OutboxMessage['status']
  attempts: number
  next_attempt_at: string
  outcome_unknown: number
  provider_message_id: string | null
}

// ------------------------------------------------------------------------------- the claim

/**
 * Claims up to `limit` due messages in one statement: pending ones whose time has come, and
 * `sending` ones whose lease expired (a run that died; their outcome is unknown now). Each gets
 * `attempts + 1` and a lease; two runs never claim the same row.
 */
export async function claimDue(
  db: D1Database,
  at: string,
  leaseUntil: string,
  limit: number,
  ids: string[] | null = null,
): Promise<OutboxRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE outbox SET status = 'sending', lease_until = ?2, attempts = attempts + 1, updated_at = ?1,
         outcome_unknown = CASE WHEN status = 'sending' THEN 1 ELSE outcome_unknown END
        WHERE id IN (
          SELECT id FROM outbox
           WHERE ((status = 'pending' AND next_attempt_at <= ?1) OR (status = 'sending' AND lease_until <= ?1))
             AND (?4 IS NULL OR id IN (SELECT value FROM json_each(?4)))
           ORDER BY next_attempt_at LIMIT ?3)
        RETURNING *`,
    )
    .bind(at, leaseUntil, limit, ids ? JSON.stringify(ids) : null)
    .all<OutboxRow>()
  return results
}

export interface WebhookTarget {
  status: 'active' | 'disabled'
  url: string
  secret: string
  goneCount: number
}

/** What decides at send time: the enrollment's status, the latest consent, the endpoint. */
export async function sendFactsOf(db: D1Database, m: OutboxRow) {
  const row = await db
    .prepare(
      `SELECT (SELECT status FROM enrollments WHERE site_id = ?1 AND id = ?2) AS enrollment_status,
              (SELECT granted FROM consents WHERE site_id = ?1 AND contact_id = ?3 AND channel = ?4
                ORDER BY created_at DESC, rowid DESC LIMIT 1) AS granted,
              (SELECT json_object('status', status, 'url', url, 'secret', secret, 'goneCount', gone_count)
                 FROM webhooks WHERE site_id = ?1 AND id = ?5) AS webhook`,
    )
    .bind(m.site_id, m.enrollment_id, m.contact_id, m.channel, m.webhook_id)
    .first<{ enrollment_status: string | null; granted: number | null; webhook: string | null }>()
  return {
    enrollmentStatus: row?.enrollment_status ?? null,
    latestConsent: row?.granted === null || !row ? null : { granted: row.granted === 1 },
    webhook: row?.webhook ? (JSON.parse(row.webhook) as WebhookTarget) : null,
  }
}

// --------------------------------------------------------------------------- finishing

/**
 * The message's new state and its attempt row. The update applies only while the claim is
 * still ours (`sending` with the attempt count we claimed); the attempt row, and everything a
 * caller chains after it with `changes() = 1`, only when the update did.
 */
export function finishStatements(
  db: D1Database,
  m: OutboxRow,
  s: Settlement,
  attemptId: string,
  durationMs: number,
  at: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE outbox SET status = ?4, outcome_unknown = ?5, last_status = ?6, last_error = ?7,
           provider_message_id = COALESCE(?8, provider_message_id), next_attempt_at = COALESCE(?9, next_attempt_at),
           delivered_at = CASE WHEN ?4 = 'delivered' THEN ?10 ELSE delivered_at END, lease_until = NULL, updated_at = ?10
          WHERE site_id = ?1 AND id = ?2 AND status = 'sending' AND attempts = ?3`,
      )
      .bind(
        m.site_id,
        m.id,
        m.attempts,
        s.status,
        s.outcomeUnknown ? 1 : 0,
        s.httpStatus,
        s.error,
        s.providerMessageId,
        s.nextAttemptAt,
        at,
      ),
    db
      .prepare(
        `INSERT INTO delivery_attempts (id, site_id, message_id, attempt, outcome, status, error, duration_ms, at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE changes() = 1`,
      )
      .bind(
        attemptId,
        m.site_id,
        m.id,
        m.attempts,
        s.outcome,
        s.httpStatus,
        s.error,
        durationMs,
        at,
      ),
  ]
}

/** A timeline row of a contact without a lead, written only after a one-row change. */
export const contactActivityStatement = (
  db: D1Database,
  siteId: string,
  contactId: string,
  id: string,
  activity: { type: string; body: Record<string, unknown> },
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT ?1, site_id, NULL, id, ?4, ?5, 'system', NULL, ?6 FROM contacts
        WHERE site_id = ?2 AND id = ?3 AND changes() = 1`,
    )
    .bind(id, siteId, contactId, activity.type, JSON.stringify(activity.body), at)

const IF_ATTEMPT = 'EXISTS (SELECT 1 FROM delivery_attempts WHERE id = ?3)'

/** A 2xx from an endpoint ends its run of 410s. */
export const webhookAliveStatement = (
  db: D1Database,
  siteId: string,
  webhookId: string,
  attemptId: string,
) =>
  db
    .prepare(
      `UPDATE webhooks SET gone_count = 0 WHERE site_id = ?1 AND id = ?2 AND gone_count > 0 AND ${IF_ATTEMPT}`,
    )
    .bind(siteId, webhookId, attemptId)

/** Endpoints are disabled after this many 410 Gone answers in a row. */
export const GONE_LIMIT = 3

/**
 * A 410 from an endpoint: one more in its run; at `GONE_LIMIT` it is disabled, an audit row
 * `auditId` is written and its pending event messages are cancelled. All only when the attempt
 * row `attemptId` was written.
 */
export function webhookGoneStatements(
  db: D1Database,
  siteId: string,
  webhookId: string,
  attemptId: string,
  auditId: string,
  at: string,
): D1PreparedStatement[] {
  const reason = `The endpoint answered 410 Gone ${GONE_LIMIT} times in a row.`
  return [
    db
      .prepare(
        `UPDATE webhooks SET gone_count = gone_count + 1, updated_at = ?4 WHERE site_id = ?1 AND id = ?2 AND ${IF_ATTEMPT}`,
      )
      .bind(siteId, webhookId, attemptId, at),
    db
      .prepare(
        `UPDATE webhooks SET status = 'disabled', disabled_reason = ?5, updated_at = ?4
          WHERE site_id = ?1 AND id = ?2 AND status = 'active' AND gone_count >= ?6 AND ${IF_ATTEMPT}`,
      )
      .bind(siteId, webhookId, attemptId, at, reason, GONE_LIMIT),
    db
      .prepare(
        `INSERT INTO audit_log (id, site_id, actor_type, actor_id, action, target_type, target_id, detail, at)
         SELECT ?1, ?2, 'system', NULL, 'webhook.disabled', 'webhook', ?3, ?4, ?5 WHERE changes() = 1`,
      )
      .bind(auditId, siteId, webhookId, JSON.stringify({ reason, goneCount: GONE_LIMIT }), at),
    db
      .prepare(
        `UPDATE outbox SET status = 'cancelled', last_error = 'webhook_disabled', updated_at = ?4
          WHERE site_id = ?1 AND webhook_id = ?2 AND status = 'pending' AND event_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM audit_log WHERE id = ?3)`,
      )
      .bind(siteId, webhookId, auditId, at),
  ]
}

/** Takes back messages queued in the same batch unless the audit row `auditId` was written. */
export const unlessAuditedStatement = (
  db: D1Database,
  siteId: string,
  messageIds: string[],
  auditId: string,
) =>
  db
    .prepare(
      `DELETE FROM outbox WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))
          AND NOT EXISTS (SELECT 1 FROM audit_log WHERE id = ?3)`,
    )
    .bind(siteId, JSON.stringify(messageIds), auditId)

/** The store's locale and its owners, to tell them about a disabled endpoint. */
export async function ownersOf(db: D1Database, siteId: string) {
  const { results } = await db
    .prepare(
      `SELECT s.locale, u.id, u.email FROM sites s JOIN users u ON u.site_id = s.id AND u.role = 'owner'
        WHERE s.id = ?1 ORDER BY u.created_at, u.id`,
    )
    .bind(siteId)
    .all<{ locale: 'tr' | 'en'; id: string; email: string }>()
  return results
}
