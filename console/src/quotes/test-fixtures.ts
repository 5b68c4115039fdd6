/** Quotes and invoices as the admin API answers them, for the quotes panel's browser tests. */
import type { Invoice, QuoteLine } from '../../../contract'
import { quoteTotals } from '../../../contract/pricing'
import { AdminApi } from '../api'
import { KEY, ME } from '../test-helpers'
import type { AdminQuote } from './draft'
import type { LeadlineLeadQuotes } from './lead-quotes'
import type { QuoteDetail } from './panel-data'

export const LEAD_ID = 'ld_1'
const AT = '2026-03-01T09:30:00.000Z'

const LINES: QuoteLine[] = [
  {
    name: 'Otel havlusu',
    unit: 'adet',
    quantityMilli: 800_000,
    unitPriceMinor: 8_990,
    taxRateBps: 2000,
  },
]

export function quote(extra: Partial<AdminQuote> = {}): AdminQuote {
  const lines = extra.lines ?? LINES
  return {
    id: 'qt_1',
    leadId: LEAD_ID,
    revision: 1,
    status: 'draft',
    title: 'Havlu teklifi',
    currency: 'TRY',
    validUntil: '2026-03-31',
    sections: { problems: [], solutions: [], timeline: [], faq: [] },
    lines,
    notes: null,
    totals: quoteTotals(lines),
    repId: 'us_1',
    sentAt: null,
    acceptedAt: null,
    acceptedName: null,
    contentHash: null,
    declinedAt: null,
    declineReason: null,
    replacedBy: null,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...extra,
  }
}

export function invoice(extra: Partial<Invoice> = {}): Invoice {
  return {
    id: 'in_1',
    number: '2026-000007',
    quoteId: 'qt_1',
    leadId: LEAD_ID,
    status: 'unpaid',
    issueDate: '2026-03-02',
    dueDate: '2026-03-16',
    currency: 'TRY',
    lines: LINES,
    totals: quoteTotals(LINES),
    paidAt: null,
    cancelledAt: null,
    creditNoteNumber: null,
    createdAt: AT,
    ...extra,
  }
}

export const detail = (q: AdminQuote, inv: Invoice | null = null): QuoteDetail => ({
  quote: q,
  views: { count: 0, lastAt: null, sections: [], byReps: 0 },
  invoice: inv,
})

export const LEAD = { lead: { id: LEAD_ID, currency: 'TRY' } }

/** The panel for lead `LEAD_ID`, signed in as `me`, in `locale`. */
export async function mountPanel(me = ME, locale: 'tr' | 'en' = 'tr') {
  const el = document.createElement('leadline-lead-quotes') as LeadlineLeadQuotes
  el.api = new AdminApi(KEY)
  el.me = me
  el.locale = locale
  el.leadId = LEAD_ID
  document.body.append(el)
  await el.updateComplete
  return el
}
