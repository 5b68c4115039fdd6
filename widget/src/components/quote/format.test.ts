/**
 * The quote's formatters are built once per language and options (format.ts): the same text as a
 * fresh `Intl` formatter, in Turkish and English, and no new formatter for the next amount.
 * Formatters are counted by wrapping the `Intl` constructors, not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { day, decimal, instant, money, percent, quantity, warmFormats } from './format'

const RealNumber = Intl.NumberFormat
const RealDate = Intl.DateTimeFormat
let built = 0
const counting = <T extends object>(real: T): T =>
  new Proxy(real, {
    construct(target, args) {
      built++
      return Reflect.construct(target as never, args) as object
    },
  })

beforeAll(() => {
  Intl.NumberFormat = counting(RealNumber)
  Intl.DateTimeFormat = counting(RealDate)
})
afterAll(() => {
  Intl.NumberFormat = RealNumber
  Intl.DateTimeFormat = RealDate
})

const TAG = { tr: 'tr-TR', en: 'en-GB' } as const

describe('quote formats, built once', () => {
  it('writes what a fresh formatter writes, and builds one per language and kind', () => {
    const amounts = [0, 1, 99, 123456, -5, 899_000_00, 2 ** 40]
    for (const locale of ['tr', 'en'] as const) {
      const before = built
      for (let round = 0; round < 3; round++) {
        for (const minor of amounts) {
          expect(money(minor, 'TRY', locale)).toBe(
            new RealNumber(TAG[locale], { style: 'currency', currency: 'TRY' }).format(
              decimal(minor, 2) as never,
            ),
          )
          expect(quantity(minor, locale)).toBe(
            new RealNumber(TAG[locale], { maximumFractionDigits: 3 }).format(
              decimal(minor, 3) as never,
            ),
          )
          expect(percent(minor, locale)).toBe(
            new RealNumber(TAG[locale], { style: 'percent', maximumFractionDigits: 2 }).format(
              decimal(minor, 4) as never,
            ),
          )
        }
        expect(money(12345, 'JPY', locale)).toBe(
          new RealNumber(TAG[locale], { style: 'currency', currency: 'JPY' }).format(12345),
        )
        expect(day('2026-12-31', locale)).toBe(
          new RealDate(TAG[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
            Date.UTC(2026, 11, 31),
          ),
        )
        expect(instant('2026-12-08T11:30:00Z', locale)).toBe(
          new RealDate(TAG[locale], { dateStyle: 'long', timeStyle: 'short' }).format(
            Date.parse('2026-12-08T11:30:00Z'),
          ),
        )
      }
      // TRY, JPY, quantity, percent; the day and the instant: 6, whatever the number of amounts.
      expect(built - before).toBe(6)
    }
    expect(money(123456, 'TRY', 'tr')).toBe('₺1.234,56')
    expect(percent(2000, 'tr')).toBe('%20')
  })

  it('warms a language once, in tasks of its own, and builds nothing more after', async () => {
    const warm = warmFormats('en')
    expect(warmFormats('en')).toBe(warm)
    let settled = false
    void warm.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await warm
    const before = built
    quantity(2500, 'en')
    day('2027-01-01', 'en')
    expect(built).toBe(before)
  })
})
