/**
 * Free meeting slots from a rep's availability and bookings. Pure: `now` and the window come in,
 * instants (epoch ms, UTC) go out; the widget shows them in the visitor's zone.
 *
 * Rules:
 * 1. For every local date (in the REP's zone) that overlaps [from, to), the day's ranges are the
 *    override for that date when there is one (the first, if a date is listed twice; an override
 *    with `ranges: []` is a day off or holiday), else `weekly[weekday]`.
 * 2. Each range becomes instants: its start is the instant of the wall time on that date in the
 *    rep's zone; a wall time in a daylight-saving gap becomes the first instant after the gap (the
 *    wall time right after the jump); a wall time that happens twice (fall back) is the earlier
 *    one. The end likewise (`24:00` is the next day's 00:00). Candidate starts step from the
 *    range's start by `stepMin` (default 15) REAL minutes while start + duration <= end. So a range
 *    keeps its real length across a change (00:00–06:00 on a fall-back day holds 7 hours of
 *    slots), and starts stay on the wall-clock grid because offsets change by whole quarter hours.
 * 3. A candidate is dropped when: it starts before now + minNoticeMin; it starts after now +
 *    maxDaysAhead × 24 hours; it starts before `from` or at/after `to`; its buffered interval
 *    [start − bufferBefore, end + bufferAfter) overlaps the buffered interval of any booking
 *    (buffers apply on both sides, so two meetings need a gap of at least bufferAfter +
 *    bufferBefore; with no buffers, back-to-back meetings are fine); or the rep already has
 *    `maxPerDay` bookings starting on that local date (rep's zone).
 * 4. Output is ascending, without duplicates (overlapping ranges give each start once).
 *
 * `freeSlots` is the union over reps: a start is listed once with the ids of the reps free then.
 */
import { type Availability, DAY_MS, MINUTE_MS, type TimeRange } from '../../../contract'
import {
  addDays,
  clockMinutes,
  localDate,
  offsetMinutes,
  wallToInstant,
  wallToInstantOrAfterGap,
  weekdayOf,
} from './time'

/** A half-open span of time, [start, end), in epoch milliseconds. */
export interface Interval {
  start: number
  end: number
}

/** A rep's rules and confirmed meetings (without buffers). */
export interface RepCalendar {
  repId: string
  availability: Availability
  bookings: Interval[]
}

export interface SlotRequest {
  durationMin: number
  /** The window, [from, to), epoch ms. */
  from: number
  to: number
  now: number
  /** Minutes between candidate starts; 15 by default. */
  stepMin?: number
}

export interface FreeSlot extends Interval {
  /** The reps free for the whole slot, in the order they were given. */
  repIds: string[]
}

/** A meeting with the rep's buffers around it: [start − bufferBefore, end + bufferAfter). */
export function buffered(meeting: Interval, a: Availability): Interval {
  return {
    start: meeting.start - a.bufferBeforeMin * MINUTE_MS,
    end: meeting.end + a.bufferAfterMin * MINUTE_MS,
  }
}

/**
 * Whether `candidate` collides with a booking once both carry the rep's buffers (rule 3).
 *
 * @example
 * // bufferAfter 10, bufferBefore 5: a meeting ending 10:00 blocks starts before 10:15.
 * slotConflicts({ start: t('10:10'), end: t('10:40') }, [{ start: t('09:30'), end: t('10:00') }], a) // true
 */
export function slotConflicts(candidate: Interval, bookings: Interval[], a: Availability): boolean {
  const c = buffered(candidate, a)
  return bookings.some((booking) => {
    const b = buffered(booking, a)
    return b.start < c.end && c.start < b.end
  })
}

/** The index of the first element of ascending `xs` that is >= `x`. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] ?? Infinity) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

function rangesFor(a: Availability, date: string, overrides: Map<string, TimeRange[]>) {
  return overrides.get(date) ?? a.weekly[weekdayOf(date)]
}

function checkRequest(req: Omit<SlotRequest, 'from' | 'to'>): { step: number; length: number } {
  const stepMin = req.stepMin ?? 15
  if (!(stepMin > 0) || !(req.durationMin > 0)) {
    throw new RangeError('durationMin and stepMin must be positive')
  }
  return { step: stepMin * MINUTE_MS, length: req.durationMin * MINUTE_MS }
}

/**
 * The starts at which `rep` can take a meeting of `req.durationMin` minutes within
 * [req.from, req.to), by the rules in this module's header.
 *
 * @example
 * repSlots(rep, { durationMin: 30, from: Date.parse('2026-12-07T00:00Z'),
 *   to: Date.parse('2026-12-14T00:00Z'), now: Date.parse('2026-12-06T12:00Z') })
 */
export function repSlots(rep: RepCalendar, req: SlotRequest): Interval[] {
  const { step, length } = checkRequest(req)
  const a = rep.availability
  const zone = a.timeZone
  const earliest = Math.max(req.from, req.now + a.minNoticeMin * MINUTE_MS)
  const latest = Math.min(req.to - 1, req.now + a.maxDaysAhead * DAY_MS) // inclusive
  if (!(earliest <= latest)) return []

  const overrides = new Map<string, TimeRange[]>()
  for (const o of a.overrides) if (!overrides.has(o.date)) overrides.set(o.date, o.ranges)

  const bookingStarts = rep.bookings.map((b) => b.start).sort((x, y) => x - y)

  // A start is blocked by a booking when it lies in (b.start − gap − length, b.end + gap), where
  // gap = bufferBefore + bufferAfter (rule 3). Sort those spans once, then walk them in order.
  const gap = (a.bufferBeforeMin + a.bufferAfterMin) * MINUTE_MS
  const blocked = rep.bookings
    .map((b) => ({ start: b.start - gap - length, end: b.end + gap }))
    .sort((x, y) => x.start - y.start)

  const starts: number[] = []
  // A date's candidates start on that date: its ranges end by its 24:00, which is the next date's
  // first instant even when a gap swallows midnight. So only the dates of the window matter.
  const last = localDate(latest, zone)
  let date = localDate(earliest, zone)
  let midnight = wallToInstant(date, '00:00', zone) // null when midnight falls in a gap
  let dayStart = midnight ?? wallToInstantOrAfterGap(date, '00:00', zone)
  let offset = offsetMinutes(dayStart, zone)
  while (date <= last) {
    const next = addDays(date, 1)
    // When this day began at 00:00 and the offset 24 hours on is the same, the next midnight is
    // 24 hours on: one Intl call a day instead of four or more.
    let nextStart = dayStart + DAY_MS
    if (midnight === null || offsetMinutes(nextStart, zone) !== offset) {
      midnight = wallToInstant(next, '00:00', zone)
      nextStart = midnight ?? wallToInstantOrAfterGap(next, '00:00', zone)
      offset = offsetMinutes(nextStart, zone)
    }
    // The local date runs [dayStart, nextStart): count the bookings starting in it.
    const booked = lowerBound(bookingStarts, nextStart) - lowerBound(bookingStarts, dayStart)
    if (booked < a.maxPerDay) {
      // A day of exactly 24 hours has no offset change (a zone changes at most once a day), so
      // its wall times are plain arithmetic; only a day with a change asks Intl (the slow part).
      const steady = nextStart - dayStart === DAY_MS
      const instant = (clock: string) =>
        steady
          ? dayStart + clockMinutes(clock) * MINUTE_MS
          : wallToInstantOrAfterGap(date, clock, zone)
      for (const r of rangesFor(a, date, overrides)) {
        const end = instant(r.end)
        for (let s = instant(r.start); s + length <= end; s += step) {
          if (s >= earliest && s <= latest) starts.push(s)
        }
      }
    }
    date = next
    dayStart = nextStart
  }
  starts.sort((x, y) => x - y)

  const out: Interval[] = []
  let i = 0
  let prev = NaN
  for (const s of starts) {
    if (s === prev) continue
    prev = s
    while ((blocked[i]?.end ?? Infinity) <= s) i++
    // Spans are sorted by start, not end: look past the first one still open.
    let free = true
    for (let j = i, span = blocked[j]; span !== undefined && span.start < s; span = blocked[++j]) {
      if (s < span.end) {
        free = false
        break
      }
    }
    if (free) out.push({ start: s, end: s + length })
  }
  return out
}

/**
 * Free slots over several reps: every start at which at least one rep is free, ascending, with
 * the ids of the reps free then (in the order `reps` lists them).
 */
export function freeSlots(reps: RepCalendar[], req: SlotRequest): FreeSlot[] {
  const byStart = new Map<number, FreeSlot>()
  for (const rep of reps) {
    for (const slot of repSlots(rep, req)) {
      const seen = byStart.get(slot.start)
      if (seen === undefined) byStart.set(slot.start, { ...slot, repIds: [rep.repId] })
      else seen.repIds.push(rep.repId)
    }
  }
  return [...byStart.values()].sort((x, y) => x.start - y.start)
}

/**
 * Whether `start` is exactly one of the rep's free slots: refuses starts in the past or too far
 * ahead, outside the rep's hours, off the grid of the range they fall in, or taken.
 */
export function isFreeSlot(
  rep: RepCalendar,
  start: number,
  req: Omit<SlotRequest, 'from' | 'to'>,
): boolean {
  if (!Number.isFinite(start)) return false
  // The grid is anchored at each range's start, not at `from`, so a one-millisecond window works.
  const slots = repSlots(rep, { ...req, from: start, to: start + 1 })
  return slots.length === 1 && slots[0]?.start === start
}
