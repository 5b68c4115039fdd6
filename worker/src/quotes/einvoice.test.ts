import { describe, expect, it } from 'vitest'
import { quoteTotals } from '../../../contract/pricing'
import type { Invoice, QuoteLine } from '../../../contract'
import { currencyDigits, invoiceExport, scaledDecimal, trimmedDecimal, unitCode } from './einvoice'

describe('decimal strings', () => {
  it.each([
    [123450, 2, '1234.50'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [7, 0, '7'],
    [1234, 3, '1.234'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('scaledDecimal(%d, %d) is %s', (value, digits, text) => {
    expect(scaledDecimal(value, digits)).toBe(text)
  })

  it.each([
    [2500, 3, '2.5'],
    [3000, 3, '3'],
    [125, 3, '0.125'],
    [2000, 2, '20'],
    [100, 2, '1'],
    [0, 2, '0'],
    [1250, 2, '12.5'],
  ])('trimmedDecimal(%d, %d) is %s', (value, digits, text) => {
    expect(trimmedDecimal(value, digits)).toBe(text)
  })

  it('refuses what is not a non-negative whole amount', () => {
    expect(() => scaledDecimal(-1, 2)).toThrow(RangeError)
    expect(() => scaledDecimal(1.5, 2)).toThrow(RangeError)
  })

  it('knows each currency’s minor digits', () => {
    expect(currencyDigits('TRY')).toBe(2)
    expect(currencyDigits('EUR')).toBe(2)
    expect(currencyDigits('JPY')).toBe(0)
    expect(currencyDigits('KWD')).toBe(3)
  })
})

describe('unit codes', () => {
  it.each([
    ['adet', 'C62'],
    ['Adet', 'C62'],
    ['saat', 'HUR'],
    ['SAAT', 'HUR'],
    ['kg', 'KGM'],
    ['m', 'MTR'],
    ['m²', 'MTK'],
    ['m2', 'MTK'],
    [' kg ', 'KGM'],
    ['paket', 'C62'],
  ])('%s → %s', (unit, code) => expect(unitCode(unit)).toBe(code))
})

describe('invoiceExport', () => {
  const lines: QuoteLine[] = [
    {
      name: 'Yen hizmet',
      unit: 'saat',
      quantityMilli: 1500,
      unitPriceMinor: 1001,
      taxRateBps: 1000,
    },
    {
      name: 'Kumaş',
      unit: 'm²',
      quantityMilli: 2250,
      unitPriceMinor: 333,
      discount: { kind: 'amount', minor: 50 },
      taxRateBps: 2000,
    },
  ]
  const invoice = (currency: string): Invoice => ({
    id: 'in_1',
    number: '2026-000001',
    quoteId: 'qt_1',
    leadId: 'ld_1',
    status: 'unpaid',
    issueDate: '2026-05-04',
    dueDate: '2026-05-18',
    currency,
    lines,
    totals: quoteTotals(lines),
    paidAt: null,
    cancelledAt: null,
    creditNoteNumber: null,
    createdAt: '2026-05-03T21:30:15.123Z',
  })
  const ettn = '2f1d7c8e-4b6a-4c1e-9a3b-5d7e8f9a0b1c'

  it('writes amounts in the currency’s minor digits (JPY has none)', () => {
    const out = invoiceExport({
      invoice: invoice('JPY'),
      ettn,
      store: { name: 'Mağaza', timeZone: 'Asia/Tokyo' },
      buyer: null,
    })
    expect(out.invoice.currencyDigits).toBe(0)
    expect(out.lines[0]).toMatchObject({ quantity: '1.5', unitCode: 'HUR', unitPrice: '1001' })
    expect(out.lines[1]).toMatchObject({
      unitCode: 'MTK',
      discount: { kind: 'amount', rate: null, amount: '50' },
    })
    expect(out.totals.payableAmount).toBe(String(quoteTotals(lines).totalMinor))
    expect(out.buyer).toEqual({
      name: null,
      company: null,
      email: null,
      phone: null,
      location: null,
    })
  })

  it('gives the issue time and offset in the store’s zone', () => {
    const out = invoiceExport({
      invoice: invoice('TRY'),
      ettn,
      store: { name: 'Mağaza', timeZone: 'Europe/Istanbul' },
      buyer: null,
    })
    // 21:30:15 UTC is 00:30:15 the next day in Istanbul (UTC+3), the stored issue date.
    expect(out.invoice).toMatchObject({
      issueDate: '2026-05-04',
      issueTime: '00:30:15',
      utcOffset: '+03:00',
      timeZone: 'Europe/Istanbul',
    })
    expect(out.seller).toMatchObject({ name: 'Mağaza', taxOffice: null, taxNumber: null })
  })
})
