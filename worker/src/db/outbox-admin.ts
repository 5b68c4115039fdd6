/** The outbox as reps see it: lists, one message with its attempts, a retry. Scoped by site. */
import type { DeliveryAttempt, OutboxListQuery, OutboxMessage } from '../../../contract'
import { decodeCursor, encodeCursor } from './cursor'
import { params } from './sql'

// ------------------------------------------------------------------------- admin: outbox

const MESSAGE_COLUMNS = `o.id, o.channel, o.purpose, o.status, o.recipient,
  CASE WHEN o.channel = 'email' THEN json_extract(o.payload, '$.subject') END AS subject,
  CASE WHEN o.channel = 'webhook' THEN json_extract(o.payload, '$.type') END AS event_type,
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
    eventType: (r.event_type as string | null) ?? null,
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
