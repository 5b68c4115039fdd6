/**
 * Quote rules as pure functions: what the visitor's link shows, whether a quote may still be
 * accepted, the canonical content whose hash proves what was accepted, and invoice numbers.
 * No HTTP, no storage, no clock: callers pass today's date in the store's zone.
 */
import {
  KDV_RATES_BPS,
  type QuoteLine,
  type QuoteSections,
  type QuoteTotals,
} from '../../../contract'

export type StoredStatus =
  'draft' | 'sent' | 'viewed' | 'accepted' | 'declined' | 'replaced' | 'revoked'

/**
 * The status a quote shows: a sent or viewed quote whose validity date has passed (in the
 * store's zone) is `expired`. Expiry is computed, never stored, so it needs no scheduled job.
 *
 * @example
 * shownStatus('sent', '2026-03-01', '2026-03-02') // 'expired'
 * shownStatus('sent', '2026-03-01', '2026-03-01') // 'sent' (valid through its last day)
 */
export function shownStatus(status: StoredStatus, validUntil: string, today: string) {
  if ((status === 'sent' || status === 'viewed') && today > validUntil) return 'expired' as const
  return status
}

/** Why a quote cannot be accepted or declined now, or null when it can. */
export function refusalOf(
  q: { status: StoredStatus; validUntil: string; revision: number },
  today: string,
  revision?: number,
): string | null {
  const status = shownStatus(q.status, q.validUntil, today)
  if (status !== 'sent' && status !== 'viewed') return `This quote is ${status}.`
  if (revision !== undefined && revision !== q.revision) {
    return `This is revision ${q.revision} of the quote, not ${revision}.`
  }
  return null
}

/**
 * Why a draft cannot be sent today, as the issue on its field, or null. A quote is valid through
 * its `validUntil` day in the store's zone, so a day before `today` would open as expired.
 *
 * @example
 * sendRefusal({ validUntil: '2026-03-01' }, '2026-03-02') // { path: 'validUntil', … }
 * sendRefusal({ validUntil: '2026-03-02' }, '2026-03-02') // null
 */
export function sendRefusal(
  q: { validUntil: string },
  today: string,
): { path: 'validUntil'; message: string } | null {
  if (q.validUntil >= today) return null
  return { path: 'validUntil', message: `the quote was valid until ${q.validUntil}, before today` }
}

/** Days from an invoice's issue to its due date. */
export const INVOICE_DUE_DAYS = 14

/** The tax rates a store's quote lines and products may use: the KDV rates and its own. */
export function allowedTaxRates(own: readonly number[]): number[] {
  return [...new Set<number>([...KDV_RATES_BPS, ...own])]
}

/** Why a tax rate is refused: the rates allowed, as a validation message. */
export const taxRateMessage = (allowed: readonly number[]) =>
  `allowed tax rates are ${allowed.join(', ')} bps`

/** Lines whose tax rate is not one of `allowed` (see `allowedTaxRates`), as validation issues. */
export function unknownTaxRates(
  lines: QuoteLine[],
  allowed: readonly number[],
): { path: string; message: string }[] {
  return lines.flatMap((l, i) =>
    allowed.includes(l.taxRateBps)
      ? []
      : [{ path: `lines.${i}.taxRateBps`, message: taxRateMessage(allowed) }],
  )
}

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** What the visitor is shown, and so what a `content_hash` covers. */
export interface ShownContent {
  title: string
  sections: QuoteSections
  lines: QuoteLine[]
  totals: QuoteTotals
  currency: string
  validUntil: string
  notes: string | null
  revision: number
}

/** The canonical text hashed into `content_hash` when a quote is sent. */
export const contentText = (c: ShownContent): string =>
  canonicalJson({
    title: c.title,
    sections: c.sections,
    lines: c.lines,
    totals: c.totals,
    currency: c.currency,
    validUntil: c.validUntil,
    notes: c.notes,
    revision: c.revision,
  })

/**
 * An invoice or credit-note number: the issue year and the store's sequence number.
 *
 * @example
 * documentNumber('2026-05-04', 42) // '2026-000042'
 * documentNumber('2026-05-04', 3, 'CN') // 'CN-2026-000003'
 */
export function documentNumber(issueDate: string, seq: number, prefix = ''): string {
  const n = `${issueDate.slice(0, 4)}-${String(seq).padStart(6, '0')}`
  return prefix ? `${prefix}-${n}` : n
}
