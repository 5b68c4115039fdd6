import { describe, expect, it } from 'vitest'
import { formatMoney } from '../localize'
import { formatScaled, parseScaled } from './money'

describe('parseScaled', () => {
  it.each([
    ['tr', '1.234,56', 2, 123_456],
    ['en', '1,234.56', 2, 123_456],
    ['tr', '1234,5', 2, 123_450],
    ['en', '89.9', 2, 8_990],
    ['tr', '2,5', 3, 2_500],
    ['tr', '800', 3, 800_000],
    ['en', '12.5', 2, 1_250],
    ['tr', ' 1 234,56 ', 2, 123_456],
    ['tr', '1.000.000', 2, 100_000_000],
    ['tr', ',5', 2, 50],
  ] as const)('reads %s %j with %i decimals as %i', (locale, text, digits, value) => {
    expect(parseScaled(locale, text, digits)).toBe(value)
  })

  it.each([
    ['tr', '12.5', 2],
    ['en', '1,23', 2],
    ['tr', '1,234', 2],
    ['tr', '-5', 2],
    ['en', '5e3', 2],
    ['tr', '', 2],
    ['tr', '1,2,3', 2],
    ['en', 'abc', 2],
    ['tr', '1.', 2],
    ['en', '99999999999999999', 2],
  ] as const)('refuses %s %j rather than guess', (locale, text, digits) => {
    expect(parseScaled(locale, text, digits)).toBeNull()
  })

  it('reads back what formatScaled writes', () => {
    for (const locale of ['tr', 'en'] as const) {
      for (const value of [0, 5, 8_990, 123_456, 100_000_000_07]) {
        expect(parseScaled(locale, formatScaled(locale, value, 2, 2), 2)).toBe(value)
      }
    }
  })
})

describe('formatMoney, exact', () => {
  it('writes money to the last minor unit', () => {
    expect(formatMoney('tr', 123_456, 'TRY', { exact: true })).toBe('₺1.234,56')
    expect(formatMoney('en', 123_456, 'EUR', { exact: true })).toBe('€1,234.56')
  })
})
