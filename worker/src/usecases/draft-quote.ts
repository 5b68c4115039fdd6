/**
 * A rep drafts a quote for a lead (the lead's next revision) or changes a draft. The totals are
 * computed here with the shared pricing module, from tax rates the store allows (the KDV rates
 * and its own) and in the lead's currency.
 */
import type { Lead, QuoteDraft } from '../../../contract'
import { PricingError, quoteTotals } from '../../../contract/pricing'
import { getLead } from '../db/leads'
import {
  getQuoteSettings,
  insertQuoteStatement,
  isQuoteConflict,
  quoteFromRow,
  updateDraftStatement,
  type QuoteRow,
} from '../db/quotes'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { allowedTaxRates, unknownTaxRates } from '../quotes'
import { runBatch, type Deps } from './batch'
import { commitQuoteChange, statusRefusal } from './quote-change'

const invalid = (issues: { path: string; message: string }[]) =>
  new DomainError('validation_failed', 'The quote is not valid.', issues)

const changedMeanwhile = () => new DomainError('conflict', 'This quote changed meanwhile.')

/** 422 for what the schema cannot check (the store's tax rates, the lead's currency); the totals. */
async function priced(db: D1Database, siteId: string, draft: QuoteDraft, lead: Lead) {
  const settings = await getQuoteSettings(db, siteId)
  const issues = unknownTaxRates(draft.lines, allowedTaxRates(settings.taxRatesBps))
  if (draft.currency !== lead.currency) {
    issues.push({ path: 'currency', message: `the lead's currency is ${lead.currency}` })
  }
  if (issues.length > 0) throw invalid(issues)
  try {
    return quoteTotals(draft.lines)
  } catch (err) {
    if (err instanceof PricingError) throw invalid([{ path: 'lines', message: err.message }])
    throw err
  }
}

/** Drafts the lead's next revision; answers its id. 409 when another draft took the revision. */
export async function createDraft(
  { db, now }: Deps,
  lead: Lead,
  draft: QuoteDraft,
  { siteId, userId }: { siteId: string; userId: string },
): Promise<{ id: string }> {
  const totals = await priced(db, siteId, draft, lead)
  const id = newId('qt')
  const at = now.toISOString()
  const quote = { id, leadId: lead.id, repId: userId, draft, totals, at }
  await commitQuoteChange(db, { change: [insertQuoteStatement(db, siteId, quote)] })
  return { id }
}

/**
 * Replaces a draft, guarded by the version the rep last read: 409 (with the quote as it is when
 * that is already known to be stale) when it changed since or is no longer a draft.
 */
export async function updateDraft(
  { db, now }: Deps,
  q: QuoteRow,
  draft: QuoteDraft,
  expectedVersion: number,
  siteId: string,
): Promise<void> {
  if (q.status !== 'draft') throw statusRefusal('quote', q.status)
  if (q.version !== expectedVersion) {
    throw new DomainError('conflict', 'Someone changed this quote first.', undefined, {
      current: quoteFromRow(q),
    })
  }
  const lead = await getLead(db, siteId, q.lead_id)
  if (!lead) throw new DomainError('not_found', 'No such lead.')
  const totals = await priced(db, siteId, draft, lead)
  const at = now.toISOString()
  let matched: boolean
  try {
    ;({ matched } = await runBatch(db, {
      change: [updateDraftStatement(db, siteId, q.id, draft, totals, expectedVersion, at)],
    }))
  } catch (err) {
    if (isQuoteConflict(err)) throw changedMeanwhile()
    throw err
  }
  if (!matched) throw new DomainError('conflict', 'Someone changed this quote first.')
}
