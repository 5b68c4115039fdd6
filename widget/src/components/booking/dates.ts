/**
 * Calendar arithmetic and formatting for the booking. A calendar day is a number: the epoch ms of
 * its UTC midnight, so adding days never meets a daylight-saving change.
 *
 * A page's first `Intl` formatter of any kind loads ICU's locale and zone data: one call, a task
 * of ~40 ms at full speed here and ~150 ms with the CPU slowed 4× (`npm run bench:render`),
 * which cannot be split. So the booking starts without `Intl`: the zone `LOCAL` (`''`) is the
 * browser's own, which `Date`'s local getters know; day, month and weekday names come from the
 * tables in internal/names.ts (dates.test.ts checks them against `Intl`); the zone is shown as
 * its offset from GMT. `Intl` is used only for a zone the store or the visitor names (`time-zone`, the select),
 * and for the browser's zone's name when a booking is sent. Formatters are built once.
 */
import type { Locale } from '../../../../contract'
import { DAY_MS } from '../../../../contract/time'
import { longDate, NAMES, pad } from '../../internal/names'

/** The browser's own zone, as `Date`'s local getters know it: no `Intl` needed. */
export const LOCAL = ''

/** Formatting locales: en-GB writes "Tuesday, 8 December 2026" and a 24-hour clock like tr. */
const TAG: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }

/** Formatters built so far, by locale, zone and options. */
const formats = new Map<string, Intl.DateTimeFormat>()
const zones = new Map<string, boolean>()
const days = new Map<string, number>()

function fmt(locale: string, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = locale + zone + JSON.stringify(options)
  let f = formats.get(key)
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })))
  return f
}

let detected: string | undefined
/** The visitor's zone as the browser knows it (read once: it is the same for the whole page). */
export const detectedZone = (): string =>
  (detected ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')

/** Whether the runtime knows the zone (a misspelt `time-zone` attribute falls back). */
export function isZone(zone: string): boolean {
  if (zone === LOCAL) return true
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
  if (zone === LOCAL) {
    const d = new Date(ms)
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())
  }
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
export const fullDate = (day: number, locale: Locale): string =>
  NAMES[locale].long[weekday(day)] + ', ' + longDate(new Date(day), locale)

/** "14:30" in `zone`. */
export function time(instant: string, locale: Locale, zone: string): string {
  const d = new Date(instant)
  if (zone === LOCAL) return pad(d.getHours()) + ':' + pad(d.getMinutes())
  return fmt(TAG[locale], zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
}

/** "Salı, 8 Aralık 2026, 14:30": what a slot button is called. */
export const slotName = (start: string, locale: Locale, zone: string): string =>
  fullDate(dayOf(start, zone), locale) + ', ' + time(start, locale, zone)

/** "Aralık 2026". */
export function monthName(month: number, locale: Locale): string {
  const d = new Date(month)
  return NAMES[locale].months[d.getUTCMonth()] + ' ' + d.getUTCFullYear()
}

/** Weekday names Monday first, `long` and `short`. */
export const weekdayNames = (locale: Locale, width: 'long' | 'short'): string[] =>
  NAMES[locale][width]

/** "GMT+3", "GMT+5:30", "GMT+0": the browser's offset now, as `Intl` writes `shortOffset`. */
export function localOffset(): string {
  const minutes = -new Date().getTimezoneOffset()
  const abs = Math.abs(minutes)
  return `GMT${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? ':' + pad(abs % 60) : ''}`
}

/** How a zone is named to the visitor: the browser's own by its offset ("Yerel saat, GMT+3"). */
export const zoneLabel = (t: { localZone(offset: string): string }, zone: string): string =>
  zone === LOCAL ? t.localZone(localOffset()) : zone

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
 * Builds, in a task of its own, the formatters a named zone's days and times need (the first is
 * the page's costly one). Call it while waiting for the network; rendering after it builds
 * nothing more. Nothing to build for `LOCAL`. Once per zone.
 */
export function warmZone(zone: string): Promise<void> {
  if (zone === LOCAL) return Promise.resolve()
  let done = warming.get(zone)
  if (!done) {
    done = nextTask().then(() => void (isZone(zone) && time(new Date().toISOString(), 'tr', zone)))
    warming.set(zone, done)
  }
  return done
}

/** ISO date of a calendar day, for ids and `data-day`. */
export const isoDay = (day: number): string => new Date(day).toISOString().slice(0, 10)
