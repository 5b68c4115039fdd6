/**
 * What the scheduled handler runs: every minute the nurture and delivery jobs; once a day
 * housekeeping, the retention setting's anonymisation and the forecast snapshots later months
 * are compared with.
 */
import { purgeIdempotencyKeys } from './db/idempotency'
import { configuredPublicUrl, reportMissingPublicUrl, type Env } from './env'
import { DEFAULT_LIMIT, deliverDue } from './jobs/delivery'
import { snapshotForecasts } from './jobs/forecast'
import { raiseQuoteExpiries } from './jobs/quotes'
import { anonymiseInactive } from './jobs/retention'
import { runNurture } from './jobs/nurture'

/** How long a stored answer can be replayed: longer than any client keeps retrying. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** The cron of the daily run (wrangler.toml); every other trigger is the minute's. */
export const DAILY_CRON = '17 3 * * *'

export async function runMaintenance(db: D1Database, now: Date) {
  const purged = await purgeIdempotencyKeys(
    db,
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
  )
  const anonymised = await anonymiseInactive(db, now)
  const forecasts = await snapshotForecasts(db, now)
  return { idempotencyKeysPurged: purged, contactsAnonymised: anonymised, forecasts }
}

/** A run takes no new batch of messages after this long (a scheduled run may last minutes). */
export const DELIVERY_BUDGET_MS = 40_000

/**
 * Sequence steps that are due (they queue messages), events the clock raises, then delivery of
 * everything due, in that order so a step's message goes out in the same run. Delivery goes
 * batch after batch while batches come back full and the budget lasts. Without `PUBLIC_URL`
 * only the clock's events are raised: sequence steps and messages wait (nothing is lost) rather
 * than go out with links nobody can open, and the log says why.
 */
export async function runEveryMinute(env: Env, now: Date, clock: () => number = Date.now) {
  const started = clock()
  if (!configuredPublicUrl(env)) {
    reportMissingPublicUrl()
    return { notConfigured: true, quotesExpired: await raiseQuoteExpiries(env.DB, now) }
  }
  const sequences = await runNurture(env, now)
  const quotesExpired = await raiseQuoteExpiries(env.DB, now)
  const delivery = { batches: 0, claimed: 0, delivered: 0, retried: 0, failed: 0, cancelled: 0 }
  for (;;) {
    const tally = await deliverDue(env, now)
    delivery.batches++
    for (const k of ['claimed', 'delivered', 'retried', 'failed', 'cancelled'] as const) {
      delivery[k] += tally[k]
    }
    if (tally.claimed < DEFAULT_LIMIT || clock() - started > DELIVERY_BUDGET_MS) break
  }
  return { sequences, quotesExpired, delivery }
}
