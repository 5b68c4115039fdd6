/**
 * The quote's numbers, money and dates (format.ts) are written without `Intl` for the languages
 * and the currencies a Turkish store uses: the same text as a fresh `Intl` formatter, in Turkish
 * and English, over many amounts, and no formatter built for them. Other currencies go through
 * `Intl`, one formatter per language and currency. Formatters are counted by wrapping the `Intl`
 * constructors, not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { day, decimal, instant, money, percent, quantity } from './format'

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
/** What `Intl` writes (built outside the count). */
const intl = (locale: 'tr' | 'en', options: Intl.NumberFormatOptions, value: string) =>
  (new RealNumber(TAG[locale], options) as unknown as { format(v: string): string }).format(value)

/** Zero, one to eight digits, both signs, round and odd: 1, 12, 123, …, 12345678 and 10^k. */
const AMOUNTS = [0, 1, 5, 99, 100, 1000, 123456, -5, -1000, -123456789, 899_000_00, 2 ** 40]
for (let k = 1, n = 1; k <= 9; k++, n = n * 10 + (k % 10)) AMOUNTS.push(n, -n, 10 ** k)

describe('quote formats, written without Intl', () => {
  it('writes what a fresh formatter writes for TRY, USD, EUR and GBP, quantities and rates', () => {
    const before = built
    for (const locale of ['tr', 'en'] as const) {
      for (const minor of AMOUNTS) {
        for (const currency of ['TRY', 'USD', 'EUR', 'GBP']) {
          expect(money(minor, currency, locale), `${minor} ${currency} ${locale}`).toBe(
            intl(locale, { style: 'currency', currency }, decimal(minor, 2)),
          )
        }
        expect(quantity(minor, locale), `quantity ${minor} ${locale}`).toBe(
          intl(locale, { maximumFractionDigits: 3 }, decimal(minor, 3)),
        )
        expect(percent(minor, locale), `percent ${minor} ${locale}`).toBe(
          intl(locale, { style: 'percent', maximumFractionDigits: 2 }, decimal(minor, 4)),
        )
      }
      for (let m = 0; m < 12; m++) {
        const iso = new Date(Date.UTC(2026, m, 1 + 2 * m, 5 * m, 7 * m)).toISOString()
        expect(day(iso.slice(0, 10), locale)).toBe(
          new RealDate(TAG[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(iso)),
        )
        expect(instant(iso, locale)).toBe(
          new RealDate(TAG[locale], { dateStyle: 'long', timeStyle: 'short' }).format(
            Date.parse(iso),
          ),
        )
      }
    }
    expect(built - before, 'formatters built').toBe(0)
    expect(money(123456, 'TRY', 'tr')).toBe('₺1.234,56')
    expect(percent(2000, 'tr')).toBe('%20')
  })

  it('formats other currencies through Intl, in their own digits, one formatter each', () => {
    const before = built
    for (let round = 0; round < 3; round++) {
      for (const locale of ['tr', 'en'] as const) {
        expect(money(12345, 'JPY', locale)).toBe(
          new RealNumber(TAG[locale], { style: 'currency', currency: 'JPY' }).format(12345),
        )
        expect(money(12345, 'KWD', locale)).toBe(
          intl(locale, { style: 'currency', currency: 'KWD' }, '12.345'),
        )
      }
    }
    expect(built - before).toBe(4)
  })
})
