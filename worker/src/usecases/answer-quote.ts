/**
 * A visitor answers a quote through its link: accepts it (the lead moves to `deal` and, when the
 * store issues invoices at acceptance, the invoice is issued in the same batch) or declines it.
 * Both are guarded by the quote's state (sent or viewed, this revision, still valid), not its
 * version (db/quotes.ts): a view landing meanwhile does not refuse them.
 */
import { localDate, addDays } from '../booking/time'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import { acceptStatements, declineStatements, getQuoteSettings, type QuoteRow } from '../db/quotes'
import type { SiteRow } from '../db/sites'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { quoteEventStatements } from '../notices/quotes'
import { applyAutomatic } from '../pipeline'
import { INVOICE_DUE_DAYS, refusalOf } from '../quotes'
import type { IdempotencyKey, Deps } from './batch'
import { commitQuoteChange } from './quote-change'

/**
 * How the route answers: its body, made before the batch from the quote as it will be after it,
 * is stored under the request's key in the same batch.
 */
export interface QuoteAnswer<T, B> {
  key?: IdempotencyKey | undefined
  body: (answered: T) => Promise<B>
}

/** 409 `conflict` when the quote cannot be answered today (expired, revoked, another revision…). */
function refuse(q: QuoteRow, site: SiteRow, now: Date, revision?: number) {
  const day = localDate(now.getTime(), site.time_zone)
  const refusal = refusalOf(
    { status: q.status, validUntil: q.valid_until, revision: q.revision },
    day,
    revision,
  )
  if (refusal) throw new DomainError('conflict', refusal)
  return day
}

/**
 * Accepts a quote: records who, when, the revision and the content's hash, moves the lead,
 * issues the invoice when the store does so at acceptance, and raises their events. Throws 409
 * `conflict` when it cannot be accepted or changed meanwhile (nothing written).
 */
export async function acceptQuote<B>(
  { db, now }: Deps,
  q: QuoteRow,
  site: SiteRow,
  input: { fullName: string; revision: number },
  answer: QuoteAnswer<{ quote: QuoteRow; invoiceId: string | null }, B>,
): Promise<{ invoiceId: string | null; body: B }> {
  const day = refuse(q, site, now, input.revision)
  const at = now.toISOString()
  const [lead, settings] = await Promise.all([
    getLead(db, site.id, q.lead_id),
    getQuoteSettings(db, site.id),
  ])
  // A store that issues invoices by hand gets none here (a rep issues it later).
  const invoiceId = settings.invoiceOnAccept ? newId('in') : null
  const move = lead ? applyAutomatic(lead, 'quote_accepted', now) : null
  const accepted = { quoteId: q.id, revision: q.revision, fullName: input.fullName }
  const after: QuoteRow = {
    ...q,
    status: 'accepted',
    accepted_at: at,
    accepted_name: input.fullName,
    accepted_revision: q.revision,
    updated_at: at,
    version: q.version + 1,
  }
  const body = await answer.body({ quote: after, invoiceId })
  await commitQuoteChange(db, {
    answer: answer.key ? { key: answer.key, status: 200, body, at } : null,
    // The guarded update, then its event row, which fails the batch when the update missed.
    change: acceptStatements(db, q, {
      issueInvoice: invoiceId !== null,
      eventId: newId('qe'),
      invoiceId: invoiceId ?? '',
      ettn: crypto.randomUUID(),
      fullName: input.fullName,
      revision: input.revision,
      today: day,
      dueDate: addDays(day, INVOICE_DUE_DAYS),
      at,
    }),
    then: [
      activityStatement(
        db,
        site.id,
        q.lead_id,
        { type: 'quote_accepted', body: { ...accepted, contentHash: q.content_hash } },
        'visitor',
        null,
        at,
      ),
      ...(invoiceId
        ? [
            activityStatement(
              db,
              site.id,
              q.lead_id,
              { type: 'invoice_issued', body: { quoteId: q.id, invoiceId } },
              'system',
              null,
              at,
            ),
          ]
        : []),
      ...(move?.ok
        ? moveStatements(db, site.id, q.lead_id, { ...move.plan, expectedVersion: null })
        : []),
    ],
    events: [
      ...quoteEventStatements(db, q, 'quote.accepted', at, { fullName: input.fullName }),
      ...(invoiceId ? quoteEventStatements(db, q, 'invoice.issued', at, { invoiceId }) : []),
    ],
  })
  return { invoiceId, body }
}

/**
 * Declines a quote, with the visitor's reason (blank is none). Throws 409 `conflict` when it
 * cannot be declined or changed meanwhile (nothing written).
 */
export async function declineQuote<B>(
  { db, now }: Deps,
  q: QuoteRow,
  site: SiteRow,
  input: { reason?: string | undefined },
  answer: QuoteAnswer<{ quote: QuoteRow }, B>,
): Promise<{ body: B }> {
  const day = refuse(q, site, now)
  const at = now.toISOString()
  const reason = input.reason?.trim() || null
  const after: QuoteRow = {
    ...q,
    status: 'declined',
    declined_at: at,
    decline_reason: reason,
    updated_at: at,
  }
  const body = await answer.body({ quote: after })
  await commitQuoteChange(db, {
    answer: answer.key ? { key: answer.key, status: 200, body, at } : null,
    change: declineStatements(db, q, newId('qe'), reason, day, at),
    then: [
      activityStatement(
        db,
        site.id,
        q.lead_id,
        { type: 'quote_declined', body: { quoteId: q.id, revision: q.revision, reason } },
        'visitor',
        null,
        at,
      ),
    ],
    events: quoteEventStatements(db, q, 'quote.declined', at, { reason }),
  })
  return { body }
}
