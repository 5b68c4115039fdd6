/**
 * The booking's dates (dates.ts) come from its own name tables, `Date`'s local getters for the
 * browser's zone (`LOCAL`) and cached formatters for named zones: each must be what a fresh
 * `Intl.DateTimeFormat` writes, in both languages and in zones with half hours, daylight saving
 * and days that start at different instants. Each is asked for twice: the second answer may come
 * from a cache. (widget/dates.node.test.ts runs the `LOCAL` cases under other zones than this
 * browser's.)
 */
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../contract/time'
import type { Locale } from '../../../../contract'
import {
  dayOf,
  detectedZone,
  fullDate,
  isZone,
  LOCAL,
  localOffset,
  monthName,
  slotName,
  time,
  warmZone,
  weekdayNames,
} from './dates'

const TAG: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }
const ZONES = [
  'Europe/Istanbul',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'UTC',
]
/** Instants around New York's and Sydney's clock changes, midnights and the year's end. */
const INSTANTS = [
  '2026-03-08T06:59:00Z',
  '2026-03-08T07:00:00Z',
  '2026-04-04T15:30:00Z',
  '2026-10-04T16:00:00Z',
  '2026-11-01T05:30:00Z',
  '2026-11-01T06:00:00Z',
  '2026-12-07T21:00:00Z',
  '2026-12-31T23:45:00Z',
  '2027-01-01T00:15:00Z',
]

/** What dates.ts wrote before its caches: a new formatter for every call. */
const fresh = {
  day(instant: string, zone: string): number {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      })
        .formatToParts(new Date(instant))
        .map((x) => [x.type, Number(x.value)]),
    )
    return Date.UTC(p.year!, p.month! - 1, p.day!)
  },
  full: (day: number, locale: Locale) =>
    new Intl.DateTimeFormat(TAG[locale], { timeZone: 'UTC', weekday: 'long' }).format(day) +
    ', ' +
    new Intl.DateTimeFormat(TAG[locale], {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(day),
  time: (instant: string, locale: Locale, zone: string) =>
    new Intl.DateTimeFormat(TAG[locale], {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(instant)),
}

describe('booking dates, formatted once and kept', () => {
  it('gives every instant the day Intl gives it, in every zone, twice', () => {
    for (const zone of [...ZONES, LOCAL]) {
      for (const instant of INSTANTS) {
        const expected = fresh.day(instant, zone || detectedZone())
        expect(dayOf(instant, zone), `${instant} in ${zone}`).toBe(expected)
        expect(dayOf(Date.parse(instant), zone), `${instant} in ${zone}, again`).toBe(expected)
      }
    }
    // Days fall where the zone's midnight falls: 21:00 UTC is the next day in Istanbul only.
    expect(dayOf('2026-12-07T21:00:00Z', 'Europe/Istanbul')).toBe(Date.UTC(2026, 11, 8))
    expect(dayOf('2026-12-07T21:00:00Z', 'UTC')).toBe(Date.UTC(2026, 11, 7))
    expect(dayOf(Date.UTC(1969, 11, 31, 23), 'UTC')).toBe(-DAY_MS)
  })

  it('writes the same day names, dates, months and times as Intl, in Turkish and English', () => {
    // Every month, on days that fall on every weekday.
    const days = Array.from({ length: 12 }, (_, m) => Date.UTC(2026, m, 1 + m))
    for (const locale of ['tr', 'en'] as const) {
      for (let round = 0; round < 2; round++) {
        for (const day of days) {
          expect(fullDate(day, locale)).toBe(fresh.full(day, locale))
          expect(monthName(day, locale)).toBe(
            new Intl.DateTimeFormat(TAG[locale], {
              timeZone: 'UTC',
              month: 'long',
              year: 'numeric',
            }).format(day),
          )
        }
        for (const zone of [...ZONES, LOCAL]) {
          const named = zone || detectedZone()
          for (const instant of INSTANTS) {
            expect(time(instant, locale, zone)).toBe(fresh.time(instant, locale, named))
            expect(slotName(instant, locale, zone)).toBe(
              `${fresh.full(fresh.day(instant, named), locale)}, ${fresh.time(instant, locale, named)}`,
            )
          }
        }
      }
    }
    expect(fullDate(Date.UTC(2026, 11, 8), 'tr')).toBe('Salı, 8 Aralık 2026')
    expect(fullDate(Date.UTC(2026, 11, 8), 'en')).toBe('Tuesday, 8 December 2026')
    expect(monthName(Date.UTC(2026, 11, 1), 'tr')).toBe('Aralık 2026')
    expect(time('2026-12-08T11:30:00Z', 'tr', 'Asia/Kolkata')).toBe('17:00')
    expect(weekdayNames('tr', 'long')).toEqual([
      'Pazartesi',
      'Salı',
      'Çarşamba',
      'Perşembe',
      'Cuma',
      'Cumartesi',
      'Pazar',
    ])
    expect(weekdayNames('en', 'short')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
    for (const locale of ['tr', 'en'] as const) {
      for (const width of ['long', 'short'] as const) {
        // 2024-01-01 was a Monday.
        const intl = Array.from({ length: 7 }, (_, i) =>
          new Intl.DateTimeFormat(TAG[locale], { timeZone: 'UTC', weekday: width }).format(
            Date.UTC(2024, 0, 1 + i),
          ),
        )
        expect(weekdayNames(locale, width), `${locale} ${width}`).toEqual(intl)
      }
    }
  })

  it("names the browser's zone by its offset as Intl writes it", () => {
    const intl = new Intl.DateTimeFormat('en', { timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value
    expect(localOffset()).toBe(intl)
  })

  it('tells zones it knows from zones it does not, and remembers both', () => {
    for (const zone of ZONES) expect(isZone(zone)).toBe(true)
    expect(isZone('Mars/Olympus_Mons')).toBe(false)
    expect(isZone('Mars/Olympus_Mons')).toBe(false)
    expect(detectedZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it('warms a named zone once, in a task of its own, and the local zone not at all', async () => {
    const local = warmZone(LOCAL)
    let localDone = false
    void local.then(() => (localDone = true))
    await Promise.resolve()
    expect(localDone).toBe(true)
    const warm = warmZone('Asia/Tokyo')
    expect(warmZone('Asia/Tokyo')).toBe(warm)
    let settled = false
    void warm.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await warm
    expect(settled).toBe(true)
  })
})
