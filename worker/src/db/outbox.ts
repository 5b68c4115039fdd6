/**
 * Writing to the transactional outbox. A message is queued by a statement that runs in the same
 * D1 batch as the change that causes it; `dedupe_key` (unique per store) makes queuing the same
 * cause twice a no-op. What a message holds is worker/src/delivery/types.ts; delivering it is
 * worker/src/jobs/delivery.ts.
 */
import type { NewMessage } from '../delivery/types'
import type { WrittenBooking } from './booking'
import { newId } from '../lib/ids'

export const newMessageId = () => newId('ms')

/** Queues one message; nothing when its cause already queued one. */
export function enqueueStatement(db: D1Database, m: NewMessage): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO outbox (id, site_id, channel, purpose, dedupe_key, recipient, payload, webhook_id,
         contact_id, lead_id, user_id, enrollment_id, event_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
         COALESCE(?9, (SELECT contact_id FROM leads WHERE site_id = ?2 AND id = ?10)),
         ?10, ?11, ?12, ?13, 'pending', 0, ?14, ?15, ?15
        WHERE ?16 IS NULL OR EXISTS (SELECT 1 FROM events WHERE site_id = ?2 AND id = ?16)`,
    )
    .bind(
      m.id ?? newMessageId(),
      m.siteId,
      m.channel,
      m.purpose,
      m.dedupeKey,
      m.recipient,
      JSON.stringify(m.payload),
      m.channel === 'webhook' ? m.webhookId : null,
      m.contactId ?? null,
      m.leadId ?? null,
      m.userId ?? null,
      m.enrollmentId ?? null,
      m.eventId ?? null,
      m.sendAt,
      m.at,
      m.ifEvent ?? null,
    )
}

/** The pending messages of a cause (?1 the store, ?2 the dedupe key's prefix), cancelled at ?3. */
const CANCEL_PENDING = `UPDATE outbox SET status = 'cancelled', updated_at = ?3, last_error = 'cancelled'
        WHERE site_id = ?1 AND status = 'pending' AND dedupe_key >= ?2 AND dedupe_key < ?2 || '~'`

/**
 * Cancels the queued messages of a cause that have not gone out yet (a moved meeting's
 * reminders): those whose dedupe key starts with `dedupeKeyPrefix`; with `ifEvent`, only when
 * that event row exists.
 */
export function cancelPendingStatement(
  db: D1Database,
  siteId: string,
  dedupeKeyPrefix: string,
  at: string,
  ifEvent: string | null = null,
) {
  return db
    .prepare(
      `${CANCEL_PENDING}
          AND (?4 IS NULL OR EXISTS (SELECT 1 FROM events WHERE site_id = ?1 AND id = ?4))`,
    )
    .bind(siteId, dedupeKeyPrefix, at, ifEvent)
}

/**
 * Cancels booking `written.id`'s queued messages that have not gone out yet (`bk:<id>:`), only
 * when the booking row is as this batch's guarded status change writes it (db/booking.ts
 * `statusWritten`): after a guard that missed, nothing is cancelled. For a statement that cannot
 * chain to the guard with `changes() = 1` (a lead's move comes between).
 */
export function cancelPendingOfBookingStatement(
  db: D1Database,
  siteId: string,
  written: WrittenBooking,
  at: string,
) {
  return db
    .prepare(
      `${CANCEL_PENDING}
          AND EXISTS (SELECT 1 FROM bookings
                       WHERE site_id = ?1 AND id = ?4 AND status = ?5 AND sequence = ?6 AND updated_at = ?7)`,
    )
    .bind(
      siteId,
      `bk:${written.id}:`,
      at,
      written.id,
      written.status,
      written.sequence,
      written.updatedAt,
    )
}
