/**
 * The booking's dates are formatted once and kept (dates.ts): what the cache gives back must be
 * what a fresh `Intl.DateTimeFormat` writes, in both languages and in zones with half hours,
 * daylight saving and days that start at different instants. Each label is asked for twice: the
 * second answer comes from the cache.
 */
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../contract/time'
import type { Locale } from '../../../../contract'
import {
  dayOf,
  detectedZone,
  fullDate,
  isZone,
  monthName,
  slotName,
  time,
  warmDates,
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
    for (const zone of ZONES) {
      for (const instant of INSTANTS) {
        const expected = fresh.day(instant, zone)
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
    const days = [Date.UTC(2026, 11, 8), Date.UTC(2027, 0, 1), Date.UTC(2026, 2, 29)]
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
        for (const zone of ZONES) {
          for (const instant of INSTANTS) {
            expect(time(instant, locale, zone)).toBe(fresh.time(instant, locale, zone))
            expect(slotName(instant, locale, zone)).toBe(
              `${fresh.full(fresh.day(instant, zone), locale)}, ${fresh.time(instant, locale, zone)}`,
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
    expect(weekdayNames('tr', 'short')).toEqual(weekdayNames('tr', 'short'))
    expect(weekdayNames('en', 'short')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
  })

  it('tells zones it knows from zones it does not, and remembers both', () => {
    for (const zone of ZONES) expect(isZone(zone)).toBe(true)
    expect(isZone('Mars/Olympus_Mons')).toBe(false)
    expect(isZone('Mars/Olympus_Mons')).toBe(false)
    expect(detectedZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it('warms a language once: the same promise, resolved after tasks of its own', async () => {
    const warm = warmDates('en')
    expect(warmDates('en')).toBe(warm)
    let settled = false
    void warm.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await warm
    expect(settled).toBe(true)
  })
})
