/**
 * Raises `quote.expired` once for each sent or viewed quote whose validity date has passed in
 * its store's zone, so webhooks hear of it (a quote's expiry is computed, never stored).
 */
import { localDate } from '../booking/time'
import { quoteEventStatements } from '../db/quote-notices'
import { shownStatus } from '../quotes'

interface Candidate {
  id: string
  site_id: string
  lead_id: string
  revision: number
  status: 'sent' | 'viewed'
  valid_until: string
  time_zone: string
}

export async function raiseQuoteExpiries(db: D1Database, now: Date, limit = 100): Promise<number> {
  // Every zone's date is within a day of UTC's: the SQL takes a superset, the zone decides.
  const utcTomorrow = localDate(now.getTime() + 86_400_000, 'UTC')
  const { results } = await db
    .prepare(
      `SELECT q.id, q.site_id, q.lead_id, q.revision, q.status, q.valid_until, s.time_zone
         FROM quotes q JOIN sites s ON s.id = q.site_id
        WHERE q.status IN ('sent', 'viewed') AND q.valid_until < ?1
          AND NOT EXISTS (SELECT 1 FROM events e
                           WHERE e.site_id = q.site_id AND e.dedupe_key = 'quote.expired:' || q.id)
        ORDER BY q.valid_until LIMIT ?2`,
    )
    .bind(utcTomorrow, limit)
    .all<Candidate>()
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
