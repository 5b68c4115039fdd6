/**
 * Delivery in D1: claiming due outbox messages under a lease, finishing an attempt (guarded by
 * the claim held), the attempt log, the outbox and delivery-log lists, retries, webhook
 * endpoints, and what provider reports add. Every admin query is scoped by site.
 */
import type {
  DeliveryAttempt,
  OutboxListQuery,
  OutboxMessage,
  Webhook,
  WebhookInput,
  WebhookUpdate,
} from '../../../contract'
import type { Settlement } from '../delivery/outcome'
import { decodeCursor, encodeCursor } from './cursor'
import { params } from './sql'

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

// ------------------------------------------------------------------------- admin: outbox

const MESSAGE_COLUMNS = `o.id, o.channel, o.purpose, o.status, o.recipient,
  CASE WHEN o.channel = 'email' THEN json_extract(o.payload, '$.subject') END AS subject,
  o.webhook_id, o.lead_id, o.contact_id, o.event_id, o.enrollment_id, o.attempts, o.next_attempt_at,
  o.last_status, o.last_error, o.created_at, o.delivered_at`

const LAST_ATTEMPT = `(SELECT json_object('attempt', a.attempt, 'outcome', a.outcome, 'status', a.status,
    'error', a.error, 'durationMs', a.duration_ms, 'at', a.at)
   FROM delivery_attempts a WHERE a.site_id = o.site_id AND a.message_id = o.id
  ORDER BY a.at DESC, a.rowid DESC LIMIT 1) AS last_attempt`

type MessageRow = Record<string, unknown> & { created_at: string; id: string }

export function messageFromRow(r: MessageRow): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel as OutboxMessage['channel'],
    purpose: r.purpose as OutboxMessage['purpose'],
    status: r.status as OutboxMessage['status'],
    recipient: r.recipient as string,
    subject: (r.subject as string | null) ?? null,
    webhookId: r.webhook_id as string | null,
    leadId: r.lead_id as string | null,
    contactId: r.contact_id as string | null,
    eventId: r.event_id as string | null,
    enrollmentId: r.enrollment_id as string | null,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as string,
    lastStatus: r.last_status as number | null,
    lastError: r.last_error as string | null,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at as string | null,
  }
}

/** Newest first, keyset-paged by (created_at, id); filters from an allowlist of columns. */
export async function listMessages(
  db: D1Database,
  siteId: string,
  q: Pick<OutboxListQuery, 'status' | 'channel' | 'webhook' | 'contact' | 'cursor'> & {
    limit: number
  },
  withLastAttempt = false,
) {
  const p = params(siteId)
  const where = ['o.site_id = ?1']
  if (q.status) where.push(`o.status = ${p.add(q.status)}`)
  if (q.channel) where.push(`o.channel = ${p.add(q.channel)}`)
  if (q.webhook) where.push(`o.webhook_id = ${p.add(q.webhook)}`)
  if (q.contact) where.push(`o.contact_id = ${p.add(q.contact)}`)
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor)
    where.push(`(o.created_at, o.id) < (${p.add(createdAt)}, ${p.add(id)})`)
  }
  const { results } = await db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS}${withLastAttempt ? `, ${LAST_ATTEMPT}` : ''} FROM outbox o
        WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT ${p.add(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<MessageRow>()
  const page = results.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => ({
      ...messageFromRow(r),
      ...(withLastAttempt
        ? {
            lastAttempt: r.last_attempt
              ? (JSON.parse(r.last_attempt as string) as DeliveryAttempt)
              : null,
          }
        : {}),
    })),
    nextCursor: results.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  }
}

/** A message with all its attempts, oldest first. */
export async function getMessage(db: D1Database, siteId: string, id: string) {
  const [message, attempts] = await db.batch([
    db
      .prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox o WHERE o.site_id = ?1 AND o.id = ?2`)
      .bind(siteId, id),
    db
      .prepare(
        `SELECT attempt, outcome, status, error, duration_ms AS durationMs, at FROM delivery_attempts
          WHERE site_id = ?1 AND message_id = ?2 ORDER BY at, rowid`,
      )
      .bind(siteId, id),
  ])
  const row = message?.results[0] as MessageRow | undefined
  if (!row) return null
  return { message: messageFromRow(row), attempts: (attempts?.results ?? []) as DeliveryAttempt[] }
}

/** A failed or cancelled message back to pending now, its attempts counted from zero again. */
export const retryStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?3, lease_until = NULL,
         last_status = NULL, last_error = NULL, updated_at = ?3
        WHERE site_id = ?1 AND id = ?2 AND status IN ('failed', 'cancelled')`,
    )
    .bind(siteId, id, at)

// ----------------------------------------------------------------------- admin: webhooks

interface WebhookRow {
  id: string
  url: string
  description: string | null
  events: string
  status: 'active' | 'disabled'
  disabled_reason: string | null
  created_at: string
  updated_at: string
}

const WEBHOOK_COLUMNS =
  'id, url, description, events, status, disabled_reason, created_at, updated_at'

const webhookFromRow = (r: WebhookRow): Webhook => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: JSON.parse(r.events) as string[],
  status: r.status,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** A store has at most this many endpoints. */
export const WEBHOOKS_MAX = 20

export async function listWebhooks(db: D1Database, siteId: string): Promise<Webhook[]> {
  const { results } = await db
    .prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE site_id = ?1 ORDER BY created_at, id`)
    .bind(siteId)
    .all<WebhookRow>()
  return results.map(webhookFromRow)
}

export async function getWebhook(db: D1Database, siteId: string, id: string) {
  const row = await db
    .prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<WebhookRow>()
  return row ? webhookFromRow(row) : null
}

/** Adds an endpoint unless the store has `WEBHOOKS_MAX` already. */
export const insertWebhookStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  input: WebhookInput,
  secret: string,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO webhooks (id, site_id, url, description, events, secret, status, gone_count, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'active', 0, ?7, ?7
        WHERE (SELECT count(*) FROM webhooks WHERE site_id = ?2) < ?8`,
    )
    .bind(
      id,
      siteId,
      input.url,
      input.description ?? null,
      JSON.stringify([...new Set(input.events)]),
      secret,
      at,
      WEBHOOKS_MAX,
    )

/** Changes what is given; enabling (or a new URL) starts the 410 count afresh. */
export const updateWebhookStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  u: WebhookUpdate,
  at: string,
) =>
  db
    .prepare(
      `UPDATE webhooks SET url = COALESCE(?3, url),
         description = CASE WHEN ?4 = 1 THEN ?5 ELSE description END,
         events = COALESCE(?6, events), status = COALESCE(?7, status),
         disabled_reason = CASE WHEN ?7 = 'active' THEN NULL
                                WHEN ?7 = 'disabled' AND status = 'active' THEN 'Disabled by the owner.'
                                ELSE disabled_reason END,
         gone_count = CASE WHEN ?7 = 'active' OR ?3 IS NOT NULL THEN 0 ELSE gone_count END,
         updated_at = ?8
        WHERE site_id = ?1 AND id = ?2`,
    )
    .bind(
      siteId,
      id,
      u.url ?? null,
      u.description === undefined ? 0 : 1,
      u.description ?? null,
      u.events ? JSON.stringify([...new Set(u.events)]) : null,
      u.status ?? null,
      at,
    )

export const deleteWebhookStatement = (db: D1Database, siteId: string, id: string) =>
  db.prepare('DELETE FROM webhooks WHERE site_id = ?1 AND id = ?2').bind(siteId, id)

/** Cancels a deleted endpoint's messages that have not gone out. */
export const cancelOrphansStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare(
      `UPDATE outbox SET status = 'cancelled', last_error = 'webhook_deleted', updated_at = ?3
        WHERE site_id = ?1 AND webhook_id = ?2 AND status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM webhooks WHERE site_id = ?1 AND id = ?2)`,
    )
    .bind(siteId, id, at)

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
      `INSERT OR IGNORE INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at)
       SELECT ?1, site_id, contact_id, lead_id, 'email', 0, ?4, ?5 FROM outbox
        WHERE site_id = ?2 AND id = ?3 AND contact_id IS NOT NULL`,
    )
    .bind(id, siteId, messageId, why, at)
