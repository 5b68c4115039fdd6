import { describe, expect, it } from 'vitest'
import {
  allowedTaxRates,
  canonicalJson,
  documentNumber,
  refusalOf,
  sendRefusal,
  shownStatus,
  unknownTaxRates,
} from '.'

describe('quote rules', () => {
  it.each([
    ['sent', '2026-03-01', '2026-03-01', 'sent'],
    ['sent', '2026-03-01', '2026-03-02', 'expired'],
    ['viewed', '2026-03-01', '2026-03-02', 'expired'],
    ['accepted', '2026-03-01', '2026-03-02', 'accepted'],
    ['draft', '2026-03-01', '2026-03-02', 'draft'],
  ] as const)('shows a %s quote valid until %s as of %s as %s', (status, until, today, shown) => {
    expect(shownStatus(status, until, today)).toBe(shown)
  })

  it('refuses acceptance of anything but a live sent or viewed revision', () => {
    const q = { status: 'viewed' as const, validUntil: '2026-03-01', revision: 2 }
    expect(refusalOf(q, '2026-03-01', 2)).toBeNull()
    expect(refusalOf(q, '2026-03-01', 1)).toMatch(/revision 2/)
    expect(refusalOf(q, '2026-03-02', 2)).toMatch(/expired/)
    expect(refusalOf({ ...q, status: 'revoked' }, '2026-03-01', 2)).toMatch(/revoked/)
  })

  it('writes the same canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }], e: undefined })).toBe(
      '{"a":[{"c":"x","d":2}],"b":1}',
    )
  })

  it('numbers documents by issue year and a six-digit sequence', () => {
    expect(documentNumber('2026-05-04', 42)).toBe('2026-000042')
    expect(documentNumber('2027-01-01', 3, 'CN')).toBe('CN-2027-000003')
  })

  it('names the lines whose tax rate is neither a KDV rate nor one of the store’s own', () => {
    const line = { name: 'x', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 1 }
    const lines = [
      { ...line, taxRateBps: 2000 },
      { ...line, taxRateBps: 1800 },
      { ...line, taxRateBps: 800 },
    ]
    expect(unknownTaxRates(lines, allowedTaxRates([]))).toEqual([
      { path: 'lines.1.taxRateBps', message: 'allowed tax rates are 2000, 1000, 100, 0 bps' },
      { path: 'lines.2.taxRateBps', message: 'allowed tax rates are 2000, 1000, 100, 0 bps' },
    ])
    expect(unknownTaxRates(lines, allowedTaxRates([800, 2000]))).toEqual([
      { path: 'lines.1.taxRateBps', message: 'allowed tax rates are 2000, 1000, 100, 0, 800 bps' },
    ])
  })
})

describe('sending a quote', () => {
  it.each([
    ['2026-03-02', '2026-03-02', null],
    ['2026-03-03', '2026-03-02', null],
    ['2026-03-01', '2026-03-02', 'validUntil'],
    ['2025-12-31', '2026-01-01', 'validUntil'],
  ])('refuses one valid until %s when today is %s: %s', (validUntil, today, path) => {
    expect(sendRefusal({ validUntil }, today)?.path ?? null).toBe(path)
  })
})
