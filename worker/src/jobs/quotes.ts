/**
 * Raises `quote.expired` once for each sent or viewed quote whose validity date has passed in
 * its store's zone, so webhooks hear of it (a quote's expiry is computed, never stored).
 */
import { localDate } from '../booking/time'
import { sentQuotesDueBy } from '../db/quotes'
import { quoteEventStatements } from '../notices/quotes'
import { shownStatus } from '../quotes'

export async function raiseQuoteExpiries(db: D1Database, now: Date, limit = 100): Promise<number> {
  // Every zone's date is within a day of UTC's: the SQL takes a superset, the zone decides.
  const utcTomorrow = localDate(now.getTime() + 86_400_000, 'UTC')
  const results = await sentQuotesDueBy(db, utcTomorrow, limit)
  const expired = results.filter(
    (q) =>
      shownStatus(q.status, q.valid_until, localDate(now.getTime(), q.time_zone)) === 'expired',
  )
  if (expired.length === 0) return 0
  const at = now.toISOString()
  await db.batch(
    expired.flatMap((q) =>
      quoteEventStatements(
        db,
        q,
        'quote.expired',
        at,
        { validUntil: q.valid_until },
        `quote.expired:${q.id}`,
      ),
    ),
  )
  return expired.length
}
