/** What the scheduled handler runs: every minute the messaging jobs, once a day housekeeping. */
import { purgeIdempotencyKeys } from './db/idempotency'
import { deliverDue } from './delivery'
import type { Env } from './env'
import { raiseQuoteExpiries } from './jobs/quotes'
import { runSequences } from './jobs/sequences'

/** How long a stored answer can be replayed: longer than any client keeps retrying. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** The cron of the daily run (wrangler.toml); every other trigger is the minute's. */
export const DAILY_CRON = '17 3 * * *'

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

/**
 * Sequence steps that are due (they queue messages), events the clock raises, then delivery of
 * everything due, in that order so a step's message goes out in the same run.
 */
export async function runEveryMinute(env: Env, now: Date) {
  const sequences = await runSequences(env, now)
  const quotesExpired = await raiseQuoteExpiries(env.DB, now)
  const delivery = await deliverDue(env, now)
  return { sequences, quotesExpired, delivery }
}
