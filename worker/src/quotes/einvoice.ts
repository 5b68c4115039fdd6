/**
 * The JSON export a Turkish e-Arşiv/e-Fatura integration takes an invoice over from: pure, no
 * storage, no clock. Every amount is the invoice's own stored integer (minor units, computed by
 * the shared pricing module when the quote was priced) written as an exact decimal string, so
 * the export can never disagree with the invoice.
 */
import type { Contact, Invoice, InvoiceExport } from '../../../contract'
import { offsetMinutes } from '../booking/time'

/**
 * Minor digits of a currency (TRY 2, JPY 0, KWD 3), from the platform's ISO 4217 data; 2 for
 * a code it does not know.
 */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/**
 * An integer scaled by 10^digits as an exact decimal string, with exactly `digits` decimals.
 *
 * @example
 * scaledDecimal(123450, 2) // '1234.50'
 * scaledDecimal(5, 2) // '0.05'
 * scaledDecimal(7, 0) // '7'
 */
export function scaledDecimal(value: number, digits: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an amount: ${value}`)
  if (digits === 0) return String(value)
  const s = String(value).padStart(digits + 1, '0')
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`
}

/**
 * Like `scaledDecimal`, without trailing zeros (quantities and rates).
 *
 * @example
 * trimmedDecimal(2500, 3) // '2.5'
 * trimmedDecimal(2000, 2) // '20'
 * trimmedDecimal(1250, 2) // '12.5'
 */
export const trimmedDecimal = (value: number, digits: number): string =>
  scaledDecimal(value, digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')

/** UN/ECE Recommendation 20 codes of the units reps type; anything else is C62 ("one"). */
const UNIT_CODES: Record<string, string> = {
  adet: 'C62',
  saat: 'HUR',
  kg: 'KGM',
  m: 'MTR',
  'm²': 'MTK',
  m2: 'MTK',
}

/**
 * @example
 * unitCode('Saat') // 'HUR'
 * unitCode('paket') // 'C62'
 */
export const unitCode = (unit: string): string =>
  UNIT_CODES[unit.trim().toLocaleLowerCase('tr-TR')] ?? 'C62'

/** `+03:00` for 180 minutes east of UTC. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`
}

/** The wall-clock time of an instant in a zone with seconds, `HH:MM:SS`. */
function localTime(instantMs: number, zone: string): string {
  const shifted = new Date(instantMs + offsetMinutes(instantMs, zone) * 60_000)
  return shifted.toISOString().slice(11, 19)
}

export const SELLER_TAX_NOTE =
  'Leadline keeps no tax office or tax number (VKN/TCKN) for the store yet: the integration ' +
  'fills them from the seller’s own records.'

export interface ExportInput {
  invoice: Invoice
  ettn: string
  store: { name: string; timeZone: string }
  buyer: Pick<Contact, 'name' | 'company' | 'email' | 'phone' | 'location'> | null
}

/** The export of an invoice (see `InvoiceExportSchema`). */
export function invoiceExport({ invoice, ettn, store, buyer }: ExportInput): InvoiceExport {
  const digits = currencyDigits(invoice.currency)
  const money = (minor: number) => scaledDecimal(minor, digits)
  const rate = (bps: number) => trimmedDecimal(bps, 2)
  const issuedMs = Date.parse(invoice.createdAt)
  const t = invoice.totals
  return {
    format: 'leadline.invoice-export.v1',
    invoice: {
      id: invoice.id,
      number: invoice.number,
      ettn,
      status: invoice.status,
      issueDate: invoice.issueDate,
      issueTime: localTime(issuedMs, store.timeZone),
      timeZone: store.timeZone,
      utcOffset: offsetText(offsetMinutes(issuedMs, store.timeZone)),
      issuedAt: invoice.createdAt,
      dueDate: invoice.dueDate,
      currency: invoice.currency,
      currencyDigits: digits,
      quoteId: invoice.quoteId,
      creditNoteNumber: invoice.creditNoteNumber,
    },
    seller: { name: store.name, taxOffice: null, taxNumber: null, note: SELLER_TAX_NOTE },
    buyer: {
      name: buyer?.name ?? null,
      company: buyer?.company ?? null,
      email: buyer?.email ?? null,
      phone: buyer?.phone ?? null,
      location: buyer?.location ?? null,
    },
    lines: invoice.lines.map((line, i) => {
      const lt = t.lines[i]
      if (!lt) throw new RangeError(`invoice ${invoice.id} has no totals for line ${i + 1}`)
      return {
        lineNo: i + 1,
        name: line.name,
        description: line.description ?? null,
        quantity: trimmedDecimal(line.quantityMilli, 3),
        unit: line.unit,
        unitCode: unitCode(line.unit),
        unitPrice: money(line.unitPriceMinor),
        grossAmount: money(lt.grossMinor),
        discount: {
          kind: line.discount?.kind ?? 'none',
          rate: line.discount?.kind === 'percent' ? rate(line.discount.bps) : null,
          amount: money(lt.discountMinor),
        },
        netAmount: money(lt.netMinor),
        kdvRate: rate(line.taxRateBps),
        kdvAmount: money(lt.taxMinor),
        totalAmount: money(lt.totalMinor),
      }
    }),
    totals: {
      grossAmount: money(t.subtotalMinor),
      discountAmount: money(t.discountMinor),
      netAmount: money(t.netMinor),
      kdv: t.taxes.map((x) => ({
        rate: rate(x.rateBps),
        baseAmount: money(x.baseMinor),
        amount: money(x.taxMinor),
      })),
      kdvAmount: money(t.taxMinor),
      payableAmount: money(t.totalMinor),
    },
  }
}
