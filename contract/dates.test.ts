import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { DaySchema } from './analytics'
import { DateSchema, InstantSchema } from './booking'
import { CloseDateSchema } from './deals'
import { IsoDateSchema, IsoDateTimeSchema, daysInMonth, isLeapYear, isRealDate } from './dates'
import { QuoteDraftSchema } from './quote'

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`

describe('dates (contract/dates.ts)', () => {
  it.each([
    ['2027-02-28', true],
    ['2027-02-29', false],
    ['2027-02-30', false],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2400-02-29', true],
    ['2027-04-30', true],
    ['2027-04-31', false],
    ['2027-06-31', false],
    ['2027-09-31', false],
    ['2027-11-31', false],
    ['2027-12-31', true],
    ['2027-01-31', true],
    ['2027-00-10', false],
    ['2027-13-01', false],
    ['2027-01-00', false],
    ['2027-01-32', false],
  ])('%s is a day: %s', (date, real) => {
    expect(isRealDate(date)).toBe(real)
    for (const schema of [IsoDateSchema, DateSchema, DaySchema]) {
      expect(v.safeParse(schema, date).success).toBe(real)
    }
    expect(v.safeParse(IsoDateTimeSchema, `${date}T10:00:00Z`).success).toBe(real)
    expect(v.safeParse(InstantSchema, `${date}T23:59:59.999+03:00`).success).toBe(real)
  })

  it('agrees with the Gregorian calendar for every year, month and day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const t = new Date(Date.UTC(y, m - 1, d))
          const exists = m >= 1 && m <= 12 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1
          expect(isRealDate(ymd(y, m, d))).toBe(exists && t.getUTCDate() === d)
          if (m >= 1 && m <= 12) {
            expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate())
          }
          expect(isLeapYear(y)).toBe(new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('refuses what is not a date or an instant', () => {
    for (const s of ['2027-2-3', '27-02-03', '2027-02-03 ', '2027/02/03', '2027-02-03T00:00']) {
      expect(v.safeParse(IsoDateSchema, s).success, s).toBe(false)
    }
    for (const s of [
      '2027-02-03',
      '2027-02-03T10:00Z',
      '2027-02-03T24:00:00Z',
      '2027-02-03T10:00:00',
    ]) {
      expect(v.safeParse(IsoDateTimeSchema, s).success, s).toBe(false)
    }
    expect(v.safeParse(IsoDateTimeSchema, '2027-02-03T10:00:00.123Z').success).toBe(true)
  })

  it('checks the day of every date field: a quote is valid until a real day, a deal closes on one', () => {
    expect(v.safeParse(QuoteDraftSchema.entries.validUntil, '2027-02-30').success).toBe(false)
    expect(v.safeParse(QuoteDraftSchema.entries.validUntil, '2028-02-29').success).toBe(true)
    expect(v.safeParse(CloseDateSchema, '2027-02-29').success).toBe(false)
    expect(v.safeParse(CloseDateSchema, '2028-02-29').success).toBe(true)
    expect(v.safeParse(CloseDateSchema, '1999-12-31').success).toBe(false)
    const issue = v.safeParse(IsoDateSchema, '2027-02-30').issues?.[0]
    expect(issue?.message).toBe('no such day in that month')
  })
})
