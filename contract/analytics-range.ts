/**
 * The analytics routes' date ranges: whole UTC days `from`..`to`, both included. The worker
 * refuses a range these rules refuse (422) and the console checks a custom range with the same
 * rules before it asks, so the two cannot disagree on what is too long.
 */
import { DAY_MS } from './time'

/** The range when none is given: the last 90 days up to and including today. */
export const DEFAULT_RANGE_DAYS = 90
/** The longest range accepted: two years and a leap day. */
export const MAX_RANGE_DAYS = 731

/** Why a range of real calendar days is refused, or `null` when it is accepted. */
export type RangeFault = 'order' | 'tooLong'

const dayMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`)

/**
 * How many days `from`..`to` covers, both included.
 * @example rangeDays('2026-01-01', '2026-01-31') // 31
 */
export const rangeDays = (from: string, to: string): number =>
  (dayMs(to) - dayMs(from)) / DAY_MS + 1

/**
 * The first day of the `days`-day range that ends on `to`.
 * @example rangeStart('2026-03-31', 90) // '2026-01-01'
 */
export const rangeStart = (to: string, days: number = DEFAULT_RANGE_DAYS): string =>
  new Date(dayMs(to) - (days - 1) * DAY_MS).toISOString().slice(0, 10)

/**
 * What is wrong with `from`..`to` (both `YYYY-MM-DD` days of the calendar): `order` when `from`
 * is after `to`, `tooLong` past `MAX_RANGE_DAYS`.
 * @example rangeFault('2024-01-01', '2026-01-01') // 'tooLong' (732 days)
 */
export function rangeFault(from: string, to: string): RangeFault | null {
  if (dayMs(from) > dayMs(to)) return 'order'
  return rangeDays(from, to) > MAX_RANGE_DAYS ? 'tooLong' : null
}
