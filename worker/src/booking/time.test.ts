import { describe, expect, it } from 'vitest'
import {
  addDays,
  isValidTimeZone,
  localClock,
  localDate,
  monthSpan,
  offsetMinutes,
  wallToInstant,
  wallToInstantOrAfterGap,
  weekdayOf,
} from './time'

const at = (iso: string) => Date.parse(iso)

// 2026 transitions, from the zones' rules:
// Berlin      29 Mar 02:00 CET → 03:00 CEST (01:00Z) · 25 Oct 03:00 CEST → 02:00 CET (01:00Z)
// New York     8 Mar 02:00 EST → 03:00 EDT (07:00Z) ·  1 Nov 02:00 EDT → 01:00 EST (06:00Z)
// Sydney       5 Apr 03:00 AEDT → 02:00 AEST (4 Apr 16:00Z) · 4 Oct 02:00 AEST → 03:00 AEDT (3 Oct 16:00Z)
// Istanbul    UTC+3 all year.

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Istanbul', true],
    ['America/New_York', true],
    ['Australia/Sydney', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['Europe/Istanbull', false],
    ['', false],
  ])('says %j is %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid)
  })
})

describe('offsetMinutes', () => {
  it.each([
    ['Europe/Istanbul', '2026-01-15T12:00:00Z', 180],
    ['Europe/Istanbul', '2026-07-15T12:00:00Z', 180],
    ['UTC', '2026-07-15T12:00:00Z', 0],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 345],
    ['Europe/Berlin', '2026-03-29T00:59:59Z', 60],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 120],
    ['Europe/Berlin', '2026-10-25T00:59:59Z', 120],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', 60],
    ['America/New_York', '2026-03-08T06:59:00Z', -300],
    ['America/New_York', '2026-03-08T07:00:00Z', -240],
    ['America/New_York', '2026-11-01T05:59:00Z', -240],
    ['America/New_York', '2026-11-01T06:00:00Z', -300],
    ['Australia/Sydney', '2026-04-04T15:59:00Z', 660],
    ['Australia/Sydney', '2026-04-04T16:00:00Z', 600],
    ['Australia/Sydney', '2026-10-03T15:59:00Z', 600],
    ['Australia/Sydney', '2026-10-03T16:00:00Z', 660],
  ])('gives %s at %s an offset of %i minutes', (zone, iso, offset) => {
    expect(offsetMinutes(at(iso), zone)).toBe(offset)
  })
})

describe('wallToInstant', () => {
  it.each([
    // Spring forward: the skipped hour has no instant.
    ['Europe/Berlin', '2026-03-29', '01:30', '2026-03-29T00:30:00Z'],
    ['Europe/Berlin', '2026-03-29', '02:00', null],
    ['Europe/Berlin', '2026-03-29', '02:30', null],
    ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-03-29', '03:15', '2026-03-29T01:15:00Z'],
    ['America/New_York', '2026-03-08', '01:30', '2026-03-08T06:30:00Z'],
    ['America/New_York', '2026-03-08', '02:30', null],
    ['America/New_York', '2026-03-08', '03:15', '2026-03-08T07:15:00Z'],
    ['Australia/Sydney', '2026-10-04', '01:30', '2026-10-03T15:30:00Z'],
    ['Australia/Sydney', '2026-10-04', '02:30', null],
    ['Australia/Sydney', '2026-10-04', '03:15', '2026-10-03T16:15:00Z'],
    // Fall back: the repeated hour gives its earlier instant.
    ['Europe/Berlin', '2026-10-25', '01:30', '2026-10-24T23:30:00Z'],
    ['Europe/Berlin', '2026-10-25', '02:00', '2026-10-25T00:00:00Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z'],
    ['Europe/Berlin', '2026-10-25', '03:15', '2026-10-25T02:15:00Z'],
    ['America/New_York', '2026-11-01', '00:30', '2026-11-01T04:30:00Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z'],
    ['America/New_York', '2026-11-01', '02:30', '2026-11-01T07:30:00Z'],
    ['Australia/Sydney', '2026-04-05', '01:30', '2026-04-04T14:30:00Z'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00Z'],
    ['Australia/Sydney', '2026-04-05', '03:15', '2026-04-04T17:15:00Z'],
    // Santiago changes at midnight: 6 Sep has no 00:00, 4 Apr has 23:00–24:00 twice.
    ['America/Santiago', '2026-09-06', '00:00', null],
    ['America/Santiago', '2026-09-06', '00:30', null],
    ['America/Santiago', '2026-09-05', '24:00', null],
    ['America/Santiago', '2026-09-06', '01:00', '2026-09-06T04:00:00Z'],
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00Z'],
    ['America/Santiago', '2026-04-04', '24:00', '2026-04-05T04:00:00Z'],
    ['Pacific/Apia', '2011-12-30', '12:00', null],
    ['Pacific/Apia', '2011-12-31', '00:00', '2011-12-30T10:00:00Z'],
    // No DST: the same wall time every day.
    ['Europe/Istanbul', '2026-03-29', '02:30', '2026-03-28T23:30:00Z'],
    ['Europe/Istanbul', '2026-10-25', '02:30', '2026-10-24T23:30:00Z'],
    ['UTC', '2026-03-29', '02:30', '2026-03-29T02:30:00Z'],
    // 24:00 is the next day's midnight, across a year end.
    ['Europe/Berlin', '2026-12-31', '24:00', '2026-12-31T23:00:00Z'],
    ['Europe/Istanbul', '2026-12-31', '24:00', '2026-12-31T21:00:00Z'],
  ])('puts %s %s %s at %s', (zone, date, clock, iso) => {
    expect(wallToInstant(date, clock, zone)).toBe(iso === null ? null : at(iso))
  })

  it.each([
    ['2026-3-29', '02:30'],
    ['2026-03-29', '2:30'],
    ['2026-03-29', '24:30'],
    ['2026-03-29', '12:60'],
  ])('throws a RangeError for the malformed %s %s', (date, clock) => {
    expect(() => wallToInstant(date, clock, 'UTC')).toThrow(RangeError)
  })
})

describe('wallToInstantOrAfterGap', () => {
  it.each([
    ['Europe/Berlin', '2026-03-29', '02:00', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00Z'],
    ['America/New_York', '2026-03-08', '02:45', '2026-03-08T07:00:00Z'],
    ['Australia/Sydney', '2026-10-04', '02:15', '2026-10-03T16:00:00Z'],
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00Z'],
    ['America/Santiago', '2026-09-05', '24:00', '2026-09-06T04:00:00Z'],
    // Samoa skipped 30 December 2011 whole (UTC−10 → UTC+14).
    ['Pacific/Apia', '2011-12-30', '12:00', '2011-12-30T10:00:00Z'],
    // Outside a gap it is wallToInstant.
    ['Europe/Berlin', '2026-03-29', '03:15', '2026-03-29T01:15:00Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z'],
  ])('puts %s %s %s at %s', (zone, date, clock, iso) => {
    expect(wallToInstantOrAfterGap(date, clock, zone)).toBe(at(iso))
  })
})

describe('localDate and localClock', () => {
  it.each([
    // Istanbul is already in the new year while UTC and New York are not.
    ['2026-12-31T21:30:00Z', 'Europe/Istanbul', '2027-01-01', '00:30'],
    ['2026-12-31T21:30:00Z', 'UTC', '2026-12-31', '21:30'],
    ['2026-12-31T21:30:00Z', 'America/New_York', '2026-12-31', '16:30'],
    ['2026-01-31T22:00:00Z', 'Australia/Sydney', '2026-02-01', '09:00'],
    ['2026-03-01T04:00:00Z', 'America/New_York', '2026-02-28', '23:00'],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '2026-10-25', '02:30'],
    // A year Intl writes with fewer than four digits goes through formatToParts.
    ['0900-06-01T12:00:00Z', 'UTC', '0900-06-01', '12:00'],
  ])('puts %s in %s on %s at %s', (iso, zone, date, clock) => {
    expect(localDate(at(iso), zone)).toBe(date)
    expect(localClock(at(iso), zone)).toBe(clock)
  })
})

describe('weekdayOf and addDays', () => {
  it.each([
    ['2026-12-08', 'tue'],
    ['2026-03-29', 'sun'],
    ['2026-12-31', 'thu'],
    ['2027-01-01', 'fri'],
    ['2028-02-29', 'tue'],
  ])('says %s is a %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday)
  })

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-12-01', 60, '2027-01-30'],
  ])('moves %s by %i days to %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected)
  })
})

describe('monthSpan', () => {
  it.each([
    ['2026-12', '2026-11-30T10:00:00.000Z', '2027-01-01T14:00:00.000Z'],
    ['2028-02', '2028-01-31T10:00:00.000Z', '2028-03-01T14:00:00.000Z'],
    ['2027-01', '2026-12-31T10:00:00.000Z', '2027-02-01T14:00:00.000Z'],
  ])('covers %s in every zone: %s to %s', (month, from, to) => {
    const span = monthSpan(month)
    expect([new Date(span.from).toISOString(), new Date(span.to).toISOString()]).toEqual([from, to])
  })
})
