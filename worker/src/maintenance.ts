/** Housekeeping run by the scheduled handler. */
import { purgeIdempotencyKeys } from './db/idempotency'

/** How long a stored answer can be replayed: longer than any client keeps retrying. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000

export async function runMaintenance(
  db: D1Database,
  now: Date,
): Promise<{ idempotencyKeysPurged: number }> {
  const purged = await purgeIdempotencyKeys(
    db,
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
  )
  return { idempotencyKeysPurged: purged }
}
