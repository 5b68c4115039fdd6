/** What the quotes panel shows and offers for each quote and invoice, as plain data. */
import type { Invoice } from '../../../contract'
import type { AdminQuote } from './draft'

export interface QuoteViews {
  count: number
  lastAt: string | null
  sections: string[]
  byReps: number
}

/** `GET /admin/api/quotes/:id`: the quote with its visitors' views and its invoice. */
export interface QuoteDetail {
  quote: AdminQuote
  views: QuoteViews
  invoice: Invoice | null
}

export type QuoteAction = 'edit' | 'send' | 'revoke' | 'revise' | 'issueInvoice'
export type InvoiceAction = 'markPaid' | 'cancel' | 'export'

/**
 * What a rep may do with a quote, in the order the buttons appear: a draft is edited or sent; a
 * sent one can lose its link; any sent quote not accepted gets a next revision; an accepted one
 * without an invoice gets one by hand (stores that do not invoice on acceptance).
 */
export function quoteActions(detail: Pick<QuoteDetail, 'quote' | 'invoice'>): QuoteAction[] {
  switch (detail.quote.status) {
    case 'draft':
      return ['edit', 'send']
    case 'sent':
    case 'viewed':
      return ['revoke', 'revise']
    case 'accepted':
      return detail.invoice ? [] : ['issueInvoice']
    case 'replaced':
      return []
    default:
      return ['revise']
  }
}

/** An unpaid invoice is paid or cancelled; every invoice can be exported. */
export const invoiceActions = (invoice: Invoice): InvoiceAction[] =>
  invoice.status === 'unpaid' ? ['markPaid', 'cancel', 'export'] : ['export']

/** The name an exported invoice is saved under. */
export const exportName = (invoice: Pick<Invoice, 'number'>): string =>
  `invoice-${invoice.number.replace(/[^\w-]/g, '_')}.json`
