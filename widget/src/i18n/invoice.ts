/**
 * `<leadline-invoice>`'s own strings, Turkish and English (a key missing from `en` is a type
 * error). The table and totals strings are the quote's (`quoteMessages`), so both documents read
 * the same; only the items caption differs.
 */
import type { Locale } from '../../../contract'

const tr = {
  invoiceLoading: 'Fatura yükleniyor…',
  invoiceLoadFailed: 'Fatura yüklenemedi. Lütfen daha sonra tekrar deneyin.',
  invoice: (n: string) => `Fatura ${n}`,
  itemsCaption: (currency: string) => `Fatura kalemleri (${currency})`,
  issueDate: 'Düzenleme tarihi',
  dueDate: 'Son ödeme tarihi',
  status: 'Durum',
  unpaid: 'Ödenmedi',
  paid: (date?: string) => (date ? `Ödendi (${date})` : 'Ödendi'),
  cancelled: 'İptal edildi',
  creditNote: (n: string) => `İptal edildi: ${n} numaralı iade faturası ile`,
}

const en: typeof tr = {
  invoiceLoading: 'Loading the invoice…',
  invoiceLoadFailed: 'The invoice could not be loaded. Please try again later.',
  invoice: (n: string) => `Invoice ${n}`,
  itemsCaption: (currency: string) => `Invoice items (${currency})`,
  issueDate: 'Issue date',
  dueDate: 'Due date',
  status: 'Status',
  unpaid: 'Unpaid',
  paid: (date?: string) => (date ? `Paid (${date})` : 'Paid'),
  cancelled: 'Cancelled',
  creditNote: (n: string) => `Cancelled by credit note ${n}`,
}

export type InvoiceMessages = typeof tr

export const invoiceMessages = (locale: Locale): InvoiceMessages => (locale === 'en' ? en : tr)
