/**
 * Calendar arithmetic and formatting for the booking. A calendar day is a number: the epoch ms of
 * its UTC midnight, so adding days never meets a daylight-saving change. Instants become days and
 * times only through `Intl.DateTimeFormat` in the visitor's zone.
 */
import type { Locale } from '../../../../contract'

export const DAY = 86_400_000

/** Formatting locales: en-GB writes "Tuesday, 8 December 2026" and a 24-hour clock like tr. */
const TAG: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }

const formats = new Map<string, Intl.DateTimeFormat>()
function fmt(locale: string, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = locale + zone + JSON.stringify(options)
  let f = formats.get(key)
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })))
  return f
}

/** The visitor's zone as the browser knows it. */
export const detectedZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** Whether the runtime knows the zone (a misspelt `time-zone` attribute falls back). */
export function isZone(zone: string): boolean {
  try {
    fmt('en', zone, {})
    return true
  } catch {
    return false
  }
}

/** The calendar day an instant falls on in `zone`. */
export function dayOf(instant: string | number, zone: string): number {
  const parts = fmt('en-US', zone, { year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(instant))
    .reduce<Record<string, number>>((o, p) => ((o[p.type] = Number(p.value)), o), {})
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!)
}

/** The first day of the month `day` is in. */
export const monthOf = (day: number): number => {
  const d = new Date(day)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

/** The same day of the month `by` months away, clamped to that month's last day. */
export function addMonths(day: number, by: number): number {
  const d = new Date(day)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + by
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last))
}

/** 0 for Monday … 6 for Sunday: weeks start on Monday in both languages. */
export const weekday = (day: number): number => (new Date(day).getUTCDay() + 6) % 7

/** The month's weeks, Monday first; days outside the month are `undefined`. */
export function weeks(month: number): (number | undefined)[][] {
  const rows: (number | undefined)[][] = []
  const next = addMonths(month, 1)
  let row: (number | undefined)[] = Array.from({ length: weekday(month) }, () => undefined)
  for (let day = month; day < next; day += DAY) {
    row.push(day)
    if (row.length === 7) {
      rows.push(row)
      row = []
    }
  }
  if (row.length) rows.push([...row, ...Array.from({ length: 7 - row.length }, () => undefined)])
  return rows
}

/** "Salı, 8 Aralık 2026" / "Tuesday, 8 December 2026". */
export function fullDate(day: number, locale: Locale): string {
  const tag = TAG[locale]
  const name = fmt(tag, 'UTC', { weekday: 'long' }).format(day)
  return (
    name + ', ' + fmt(tag, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' }).format(day)
  )
}

/** "14:30" in `zone`. */
export const time = (instant: string, locale: Locale, zone: string): string =>
  fmt(TAG[locale], zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  )

/** "Salı, 8 Aralık 2026, 14:30": what a slot button is called. */
export const slotName = (start: string, locale: Locale, zone: string): string =>
  fullDate(dayOf(start, zone), locale) + ', ' + time(start, locale, zone)

/** "Aralık 2026". */
export const monthName = (month: number, locale: Locale): string =>
  fmt(TAG[locale], 'UTC', { month: 'long', year: 'numeric' }).format(month)

/** Weekday names Monday first, `long` and `short`. 2024-01-01 was a Monday. */
export const weekdayNames = (locale: Locale, width: 'long' | 'short'): string[] =>
  Array.from({ length: 7 }, (_, i) =>
    fmt(TAG[locale], 'UTC', { weekday: width }).format(Date.UTC(2024, 0, 1 + i)),
  )

/** ISO date of a calendar day, for ids and `data-day`. */
export const isoDay = (day: number): string => new Date(day).toISOString().slice(0, 10)
