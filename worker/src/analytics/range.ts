/**
 * Date ranges of the analytics routes: whole UTC days `from`..`to`, both included, turned into
 * the half-open ISO interval `[fromIso, toIso)` the queries compare `at` columns with. The
 * limits and the checks are the contract's (`contract/analytics-range.ts`), which the console
 * uses too.
 */
import {
  DAY_MS,
  MAX_RANGE_DAYS,
  rangeDays,
  rangeFault,
  rangeStart,
  type AnalyticsRangeQuery,
} from '../../../contract'

export interface DayRange {
  from: string
  to: string
  /** Start of `from`, inclusive. */
  fromIso: string
  /** Start of the day after `to`, exclusive. */
  toIso: string
}

export type RangeResult =
  { ok: true; range: DayRange } | { ok: false; issues: { path: string; message: string }[] }

const dayMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`)
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Resolves `from`/`to` (already checked as calendar days) with the defaults, and refuses a
 * reversed or too long range.
 * @example resolveRange({ from: '2026-01-01' }, now) // to = today (UTC)
 */
export function resolveRange(query: AnalyticsRangeQuery, now: Date): RangeResult {
  const today = dayOf(now.getTime())
  const to = query.to ?? today
  const from = query.from ?? rangeStart(to)
  const fault = rangeFault(from, to)
  if (fault === 'order') {
    return {
      ok: false,
      issues: [{ path: 'from', message: `from (${from}) is after to (${to})` }],
    }
  }
  if (fault === 'tooLong') {
    return {
      ok: false,
      issues: [
        {
          path: 'to',
          message: `the range covers ${rangeDays(from, to)} days; at most ${MAX_RANGE_DAYS} are allowed`,
        },
      ],
    }
  }
  return {
    ok: true,
    range: {
      from,
      to,
      fromIso: new Date(dayMs(from)).toISOString(),
      toIso: new Date(dayMs(to) + DAY_MS).toISOString(),
    },
  }
}
