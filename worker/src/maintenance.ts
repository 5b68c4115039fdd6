/** Housekeeping run by the scheduled handler. */
import { queueRemindersStatement } from './db/booking'
import { purgeIdempotencyKeys } from './db/idempotency'

/** How long a stored answer can be replayed: longer than any client keeps retrying. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** Meetings starting within this window get their reminders queued (the cron runs daily). */
export const REMINDER_WINDOW_MS = 26 * 60 * 60 * 1000

export async function runMaintenance(
  db: D1Database,
  now: Date,
): Promise<{ idempotencyKeysPurged: number; remindersQueued: number }> {
  const purged = await purgeIdempotencyKeys(
    db,
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
  )
  const until = new Date(now.getTime() + REMINDER_WINDOW_MS).toISOString()
  const queued = await queueRemindersStatement(db, now.toISOString(), until).run()
  return { idempotencyKeysPurged: purged, remindersQueued: queued.meta.changes }
}
