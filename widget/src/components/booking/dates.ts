/**
 * Calendar arithmetic and formatting for the booking. A calendar day is a number: the epoch ms of
 * its UTC midnight, so adding days never meets a daylight-saving change. Instants become days and
 * times only through `Intl.DateTimeFormat` in the visitor's zone.
 *
 * A page's first `Intl.DateTimeFormat` loads the locale and zone data, a task of its own of tens
 * of milliseconds on a slow phone, and each further formatter costs a little: nothing here builds
 * one before it is needed, each is built once, and what the calendar shows again on every render
 * (the zone, days of instants, day names) is computed once and kept. `warmDates` builds what the
 * first month needs in tasks of their own while the booking's requests are on their way.
 */
import type { Locale } from '../../../../contract'
import { DAY_MS } from '../../../../contract/time'

/** Formatting locales: en-GB writes "Tuesday, 8 December 2026" and a 24-hour clock like tr. */
const TAG: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }

/** What a page computes once: formatters, and strings and days already worked out. */
const formats = new Map<string, Intl.DateTimeFormat>()
const zones = new Map<string, boolean>()
const days = new Map<string, number>()
const labels = new Map<string, string>()

function fmt(locale: string, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = locale + zone + JSON.stringify(options)
  let f = formats.get(key)
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })))
  return f
}

/** `make()` once per key; the key names everything the string depends on. */
function label(key: string, make: () => string): string {
  let s = labels.get(key)
  if (s === undefined) labels.set(key, (s = make()))
  return s
}

let detected: string | undefined
/** The visitor's zone as the browser knows it (read once: it is the same for the whole page). */
export const detectedZone = (): string =>
  (detected ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')

/** Whether the runtime knows the zone (a misspelt `time-zone` attribute falls back). */
export function isZone(zone: string): boolean {
  let known = zones.get(zone)
  if (known === undefined) {
    try {
      ymd(zone)
      known = true
    } catch {
      known = false
    }
    zones.set(zone, known)
  }
  return known
}

const ymd = (zone: string) =>
  fmt('en-US', zone, { year: 'numeric', month: 'numeric', day: 'numeric' })

/** The calendar day an instant falls on in `zone`. */
export function dayOf(instant: string | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant)
  // UTC needs no zone data: the day is the instant rounded down.
  if (zone === 'UTC') return Math.floor(ms / DAY_MS) * DAY_MS
  const key = zone + ' ' + ms
  let day = days.get(key)
  if (day === undefined) {
    const parts = ymd(zone)
      .formatToParts(ms)
      .reduce<Record<string, number>>((o, p) => ((o[p.type] = Number(p.value)), o), {})
    day = Date.UTC(parts.year!, parts.month! - 1, parts.day!)
    // Slots repeat on every render; a page that ran through many months starts over.
    if (days.size > 5000) days.clear()
    days.set(key, day)
  }
  return day
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
  for (let day = month; day < next; day += DAY_MS) {
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
  return label(locale + ' full ' + day, () => {
    const tag = TAG[locale]
    const name = fmt(tag, 'UTC', { weekday: 'long' }).format(day)
    return (
      name + ', ' + fmt(tag, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' }).format(day)
    )
  })
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
  label(locale + ' month ' + month, () =>
    fmt(TAG[locale], 'UTC', { month: 'long', year: 'numeric' }).format(month),
  )

/** Weekday names Monday first, `long` and `short`. 2024-01-01 was a Monday. */
export const weekdayNames = (locale: Locale, width: 'long' | 'short'): string[] =>
  Array.from({ length: 7 }, (_, i) =>
    label(locale + ' ' + width + ' ' + i, () =>
      fmt(TAG[locale], 'UTC', { weekday: width }).format(Date.UTC(2024, 0, 1 + i)),
    ),
  )

/**
 * Resolves in a task of its own. A message rather than a timer: timers in a background tab wait a
 * second or more, and the calendar waits for these.
 */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(0)
  })

const warming = new Map<string, Promise<void>>()
/**
 * Builds, a step per task, what the first month in `locale` needs: the zone data (the page's
 * first formatter, the costly one), the visitor's zone, then the day and month names. Call it
 * while waiting for the network; rendering after it builds nothing more. Once per locale.
 */
export function warmDates(locale: Locale): Promise<void> {
  let done = warming.get(locale)
  if (!done) {
    const steps = [
      () => detectedZone(),
      () => isZone(detectedZone()) && dayOf(Date.now(), detectedZone()),
      () => (weekdayNames(locale, 'long'), weekdayNames(locale, 'short')),
      () => (monthName(Date.UTC(2024, 0), locale), fullDate(Date.UTC(2024, 0), locale)),
    ]
    done = steps.reduce((p, step) => p.then(nextTask).then(() => void step()), Promise.resolve())
    warming.set(locale, done)
  }
  return done
}

/** ISO date of a calendar day, for ids and `data-day`. */
export const isoDay = (day: number): string => new Date(day).toISOString().slice(0, 10)
