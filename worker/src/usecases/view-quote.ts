/**
 * A quote's link is opened: every view is logged with the sections seen. A view by the store's
 * own rep (their admin key) is kept but does not count; a visitor's first view moves a sent quote
 * to viewed and goes on the lead's timeline.
 */
import { activityStatement } from '../db/leads'
import { markViewedStatement, viewStatement, type QuoteRow } from '../db/quotes'
import { newId } from '../lib/ids'
import { quoteEventStatements } from '../notices/quotes'
import { runBatch, type IdempotencyKey, type Deps } from './batch'

/**
 * Logs a view of the quote; the answer is stored under the request's key in the same batch.
 * The caller refuses a revoked quote first.
 */
export async function logQuoteView(
  { db, now }: Deps,
  q: QuoteRow,
  input: { sections: string[]; byRep: boolean },
  key?: IdempotencyKey,
): Promise<{ id: string; at: string; counted: boolean }> {
  const at = now.toISOString()
  const id = newId('qv')
  const sections = [...new Set(input.sections)]
  const { byRep } = input
  const body = { id, at, counted: !byRep }
  const answer = key ? { key, status: 201 as const, body, at } : null
  const view = viewStatement(db, q, { id, sections, byRep, at })
  if (byRep) {
    await runBatch(db, { answer, change: [view] })
    return body
  }
  const viewed = { type: 'quote_viewed', body: { quoteId: q.id, revision: q.revision, sections } }
  await runBatch(db, {
    answer,
    first: [view],
    change: [markViewedStatement(db, q, at)],
    // Only the first counted view (the one that moved it from sent) goes on the timeline.
    then: [activityStatement(db, q.site_id, q.lead_id, viewed, 'visitor', null, at, true)],
    events: quoteEventStatements(db, q, 'quote.viewed', at, { sections }),
  })
  return body
}
