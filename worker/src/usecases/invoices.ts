/**
 * What a rep does with an invoice: issue the invoice of an accepted quote by hand, mark an
 * invoice paid (the lead closes as won) or cancel it with a credit note. Each state change is
 * guarded by the row's state, and its event row fails the whole batch when the guard missed
 * (db/quotes.ts, db/invoices.ts): a lost race writes nothing and answers 409.
 */
import type { Invoice } from '../../../contract'
import { addDays, localDate } from '../booking/time'
import {
  countersStatement,
  cancelStatements,
  getInvoiceOfQuote,
  paidStatements,
} from '../db/invoices'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import { manualInvoiceStatements, type QuoteRow } from '../db/quotes'
import { getSiteById } from '../db/sites'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { quoteEventStatements } from '../notices/quotes'
import { applyAutomatic } from '../pipeline'
import { INVOICE_DUE_DAYS } from '../quotes'
import { commitQuoteChange, statusRefusal } from './quote-change'
import type { Deps } from './batch'

/** Who acts: the rep, in their store. */
export interface Rep {
  siteId: string
  userId: string
}

/**
 * Issues the invoice of an accepted quote by hand, numbered like any other; answers its id. 409
 * when the quote is not accepted or already has its invoice.
 */
export async function issueInvoice(
  { db, now }: Deps,
  q: QuoteRow,
  { siteId, userId }: Rep,
): Promise<{ invoiceId: string }> {
  if (q.status !== 'accepted') throw statusRefusal('quote', q.status)
  if (await getInvoiceOfQuote(db, siteId, q.id)) {
    throw new DomainError('conflict', 'This quote already has its invoice.')
  }
  const site = await getSiteById(db, siteId)
  const at = now.toISOString()
  const today = localDate(now.getTime(), site?.time_zone ?? 'UTC')
  const invoiceId = newId('in')
  const issue = {
    eventId: newId('qe'),
    invoiceId,
    ettn: crypto.randomUUID(),
    today,
    dueDate: addDays(today, INVOICE_DUE_DAYS),
    at,
  }
  const issued = { type: 'invoice_issued', body: { quoteId: q.id, invoiceId } }
  await commitQuoteChange(db, {
    change: manualInvoiceStatements(db, q, issue, userId),
    then: [activityStatement(db, siteId, q.lead_id, issued, 'user', userId, at)],
    events: quoteEventStatements(db, q, 'invoice.issued', at, { invoiceId }),
  })
  return { invoiceId }
}

/**
 * Marks an unpaid invoice paid; the lead at `deal` closes as `won` (the pipeline's
 * `invoice_issued` event: a paid invoice is when the sale is real). 409 unless unpaid.
 */
export async function markInvoicePaid({ db, now }: Deps, invoice: Invoice, by: Rep) {
  const { siteId, userId } = by
  if (invoice.status !== 'unpaid') throw statusRefusal('invoice', invoice.status)
  const at = now.toISOString()
  const lead = await getLead(db, siteId, invoice.leadId)
  const move = lead
    ? applyAutomatic(lead, 'invoice_issued', now, { type: 'user', id: userId })
    : null
  const paid = { type: 'invoice_paid', body: { invoiceId: invoice.id, number: invoice.number } }
  await commitQuoteChange(db, {
    change: paidStatements(db, siteId, invoice.id, newId('qe'), userId, at),
    then: [activityStatement(db, siteId, invoice.leadId, paid, 'user', userId, at)],
    events: [
      ...quoteEventStatements(
        db,
        { id: invoice.quoteId, site_id: siteId, lead_id: invoice.leadId },
        'invoice.paid',
        at,
        { invoiceId: invoice.id, number: invoice.number },
      ),
      // After the event (as before this layer): the move's own guard is the lead's stage.
      ...(move?.ok
        ? moveStatements(db, siteId, invoice.leadId, { ...move.plan, expectedVersion: null })
        : []),
    ],
  })
}

/** Cancels an unpaid invoice with the store's next credit-note number. 409 unless unpaid. */
export async function cancelInvoice({ db, now }: Deps, invoice: Invoice, by: Rep) {
  const { siteId, userId } = by
  if (invoice.status !== 'unpaid') throw statusRefusal('invoice', invoice.status)
  const site = await getSiteById(db, siteId)
  const at = now.toISOString()
  const year = localDate(now.getTime(), site?.time_zone ?? 'UTC').slice(0, 4)
  const cancelled = {
    type: 'invoice_cancelled',
    body: { invoiceId: invoice.id, number: invoice.number },
  }
  await commitQuoteChange(db, {
    first: [countersStatement(db, siteId)],
    change: cancelStatements(db, siteId, invoice.id, newId('qe'), userId, year, at),
    then: [activityStatement(db, siteId, invoice.leadId, cancelled, 'user', userId, at)],
  })
}
