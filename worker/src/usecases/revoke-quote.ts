/**
 * A rep revokes a sent quote's link: the link then only says so, and messages no longer cite
 * it. Guarded by the quote's state (sent or viewed), not its version: a view landing meanwhile
 * does not refuse it (db/quotes.ts).
 */
import { activityStatement } from '../db/leads'
import { forgetLinksStatement, revokeStatements, type QuoteRow } from '../db/quotes'
import { newId } from '../lib/ids'
import type { Rep } from './invoices'
import { commitQuoteChange, statusRefusal } from './quote-change'
import type { Deps } from './batch'

/** Revokes a sent or viewed quote; 409 for any other, or when it changed meanwhile. */
export async function revokeQuote({ db, now }: Deps, q: QuoteRow, { siteId, userId }: Rep) {
  if (q.status !== 'sent' && q.status !== 'viewed') throw statusRefusal('quote', q.status)
  const at = now.toISOString()
  const revoked = { type: 'quote_revoked', body: { quoteId: q.id, revision: q.revision } }
  await commitQuoteChange(db, {
    change: revokeStatements(db, siteId, q, newId('qe'), { type: 'user', id: userId }, at),
    then: [
      activityStatement(db, siteId, q.lead_id, revoked, 'user', userId, at),
      forgetLinksStatement(db, siteId, q.lead_id),
    ],
  })
}
