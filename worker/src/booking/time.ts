/**
 * Wall-clock time in IANA zones, with nothing but `Intl.DateTimeFormat` (Node 20 and workerd ship
 * full ICU). Dates are `YYYY-MM-DD` strings, clocks `HH:MM` strings, instants epoch milliseconds.
 *
 * Daylight-saving changes make the wall clock skip an hour (spring forward: a gap) or repeat one
 * (fall back: an overlap). `wallToInstant` answers `null` for a wall time in a gap and the earlier
 * instant for one in an overlap; `wallToInstantOrAfterGap` answers the first instant after the
 * gap instead, which is what a working-hours range starting or ending in a gap means.
 *
 * Assumed: a zone changes its offset at most once within any 24 hours (true of every rule in use;
 * Samoa skipping 30 December 2011 is a single change of 24 hours, and works).
 */
import { DAY_MS, MINUTE_MS, WEEKDAYS } from '../../../contract'

export type Weekday = (typeof WEEKDAYS)[number]

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CLOCK = /^(\d{2}):(\d{2})$/

const formatters = new Map<string, Intl.DateTimeFormat>()

/** One formatter per zone: building one costs far more than using it. */
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, f)
  }
  return f
}

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

// en-US with h23 formats as `10/25/2026, 02:30:00`; parsing that string is about 3× faster than
// formatToParts, which stays as the fallback for anything else (years before 1000, eras).
const EN_US = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/

function wallOf(instantMs: number, zone: string): Wall {
  const f = formatter(zone)
  const m = EN_US.exec(f.format(instantMs))
  if (m !== null) {
    const [, month, day, year, hour, minute, second] = m.map(Number) as number[]
    return { year, month, day, hour: hour === 24 ? 0 : hour, minute, second } as Wall
  }
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const p of f.formatToParts(instantMs)) {
    if (p.type in w) w[p.type as keyof Wall] = Number(p.value)
  }
  // Some ICU versions write midnight as 24 even with h23.
  if (w.hour === 24) w.hour = 0
  return w
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function parseDate(date: string): [number, number, number] {
  const m = DATE.exec(date)
  if (m === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

function formatUtcDate(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Whether the runtime knows `zone` as an IANA time zone (`Intl` throws RangeError otherwise). */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false
  try {
    // Not through the cache: request strings must not grow it (Intl accepts any letter case).
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * The zone's offset from UTC at an instant, in minutes (east positive: Istanbul is 180).
 *
 * @example offsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York') // -240
 */
export function offsetMinutes(instantMs: number, zone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000
  const w = wallOf(whole, zone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return (asUtc - whole) / MINUTE_MS
}

/**
 * The instant a wall-clock time has in `zone`, or `null` when that wall time does not exist there
 * (it falls in a spring-forward gap). A wall time that happens twice (fall back) gives the EARLIER
 * instant. `clock` may be `24:00`, meaning 00:00 of the next day.
 *
 * @example
 * wallToInstant('2026-03-29', '02:30', 'Europe/Berlin') // null: clocks jump 02:00 → 03:00
 * wallToInstant('2026-10-25', '02:30', 'Europe/Berlin') // 00:30Z, not 01:30Z (the CEST one)
 */
export function wallToInstant(date: string, clock: string, zone: string): number | null {
  const naive = naiveUtc(date, clock)
  // Offsets one day either side cover any single transition near this wall time.
  const offsets = new Set([
    offsetMinutes(naive - DAY_MS, zone),
    offsetMinutes(naive, zone),
    offsetMinutes(naive + DAY_MS, zone),
  ])
  let best: number | null = null
  for (const o of offsets) {
    const t = naive - o * MINUTE_MS
    if (offsetMinutes(t, zone) === o && (best === null || t < best)) best = t
  }
  return best
}

/**
 * Like `wallToInstant`, but a wall time in a spring-forward gap gives the first instant after the
 * gap (the wall time right after the jump: 02:30 on Berlin's spring day gives 03:00 CEST).
 */
export function wallToInstantOrAfterGap(date: string, clock: string, zone: string): number {
  const exact = wallToInstant(date, clock, zone)
  if (exact !== null) return exact
  const naive = naiveUtc(date, clock)
  // In a gap the offset before the jump reads the wall time as an instant after the jump, and
  // the offset after it as one before: the transition lies between. Search it to the minute.
  const a = naive - offsetMinutes(naive - DAY_MS, zone) * MINUTE_MS
  const b = naive - offsetMinutes(naive + DAY_MS, zone) * MINUTE_MS
  let lo = Math.min(a, b) // offset before the jump
  let hi = Math.max(a, b) // offset after it
  const before = offsetMinutes(lo, zone)
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS
    if (offsetMinutes(mid, zone) === before) lo = mid
    else hi = mid
  }
  return hi
}

function naiveUtc(date: string, clock: string): number {
  const [y, mo, d] = parseDate(date)
  return Date.UTC(y, mo - 1, d) + clockMinutes(clock) * MINUTE_MS
}

/** Minutes since midnight of an `HH:MM` clock, `24:00` being 1440. */
export function clockMinutes(clock: string): number {
  const m = CLOCK.exec(clock)
  const h = Number(m?.[1])
  const mi = Number(m?.[2])
  if (m === null || h > 24 || mi > 59 || (h === 24 && mi !== 0)) {
    throw new RangeError(`not an HH:MM clock: ${clock}`)
  }
  return h * 60 + mi
}

/** The date an instant falls on in `zone`, `YYYY-MM-DD`. */
export function localDate(instantMs: number, zone: string): string {
  const w = wallOf(instantMs, zone)
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
}

/** The wall-clock time an instant shows in `zone`, `HH:MM`. */
export function localClock(instantMs: number, zone: string): string {
  const w = wallOf(instantMs, zone)
  return `${pad(w.hour)}:${pad(w.minute)}`
}

/** The weekday of a calendar date (no zone involved). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = parseDate(date)
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7] as Weekday
}

/** The calendar date `n` days after `date` (negative goes back), across months and years. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parseDate(date)
  return formatUtcDate(Date.UTC(y, m - 1, d + n))
}

/** Every zone is within 14 hours of UTC. */
const ZONE_MARGIN = 14 * 60 * MINUTE_MS

/**
 * The instants a calendar month `YYYY-MM` covers in any zone: from its first day's UTC midnight
 * less 14 hours to the next month's plus 14 hours. Slots fetched for it fill the month's days in
 * every zone, so a page can name the month and leave the zone to the widget.
 *
 * @example monthSpan('2026-12') // { from: Date.parse('2026-11-30T10:00Z'), to: Date.parse('2027-01-01T14:00Z') }
 */
export function monthSpan(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return { from: Date.UTC(y, m - 1) - ZONE_MARGIN, to: Date.UTC(y, m) + ZONE_MARGIN }
}
