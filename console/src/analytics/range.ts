/**
 * The analytics screen's address query: the period (a preset number of days, or custom
 * `from`/`to` UTC days) and the funnel's filters. The query keeps what a reload must keep, and
 * the API gets explicit days, so the screen and the API agree on the range. Pure.
 */
import { DEFAULT_RANGE_DAYS, rangeFault, rangeStart, type RangeFault } from '../../../contract'

export const PRESETS = [30, 90, 365] as const
export type Preset = (typeof PRESETS)[number]
/** The API's own default, so `/admin/analytics` shows what the API shows without a range. */
export const DEFAULT_PRESET: Preset = DEFAULT_RANGE_DAYS

export type Period = { preset: Preset } | { from: string; to: string }

export interface AnalyticsQuery {
  period: Period
  owner: string | null
  source: string | null
  pipeline: string | null
}

export type RangeProblem = 'missing' | RangeFault

const ID = /^[A-Za-z0-9_-]{1,64}$/

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)
const isDay = (s: string | null): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(dayMs(s)).toISOString().startsWith(s)

/** Today as a UTC day, the calendar the API counts in. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10)

/** What is wrong with a custom range, or null when the API will take it. */
export function rangeProblem(from: string, to: string): RangeProblem | null {
  if (!isDay(from) || !isDay(to)) return 'missing'
  return rangeFault(from, to)
}

/** Reads the address query; anything unusable falls back to the default, never an error. */
export function parseQuery(search: string): AnalyticsQuery {
  const p = new URLSearchParams(search)
  const days = Number(p.get('days'))
  const from = p.get('from')
  const to = p.get('to')
  const preset = PRESETS.find((d) => d === days)
  const period: Period =
    from !== null && to !== null && rangeProblem(from, to) === null
      ? { from, to }
      : { preset: preset ?? DEFAULT_PRESET }
  const id = (key: string) => {
    const value = p.get(key)
    return value && ID.test(value) ? value : null
  }
  const source = p.get('source')?.trim()
  return {
    period,
    owner: id('owner'),
    pipeline: id('pipeline'),
    source: source && source.length <= 200 ? source : null,
  }
}

/** The first and last day of a period, counting back from `today` for a preset. */
export function periodDays(period: Period, today: string): { from: string; to: string } {
  if (!('preset' in period)) return period
  return { from: rangeStart(today, period.preset), to: today }
}

function filters(q: AnalyticsQuery, params: URLSearchParams) {
  for (const key of ['owner', 'source', 'pipeline'] as const) {
    const value = q[key]
    if (value !== null) params.set(key, value)
  }
  return params
}

/** The address query for a state (empty for the default), the inverse of `parseQuery`. */
export function toSearch(q: AnalyticsQuery): string {
  const params = new URLSearchParams()
  if (!('preset' in q.period)) {
    params.set('from', q.period.from)
    params.set('to', q.period.to)
  } else if (q.period.preset !== DEFAULT_PRESET) params.set('days', String(q.period.preset))
  const s = filters(q, params).toString()
  return s ? `?${s}` : ''
}

/**
 * The query string of an analytics call: explicit days, and the filters for the funnel (the
 * only route that takes them).
 * @example apiQuery(q, '2026-05-31', true) // '?from=2026-03-03&to=2026-05-31&owner=us_1'
 */
export function apiQuery(q: AnalyticsQuery, today: string, withFilters: boolean): string {
  const params = new URLSearchParams(periodDays(q.period, today))
  return `?${(withFilters ? filters(q, params) : params).toString()}`
}
