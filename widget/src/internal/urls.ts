/**
 * Request URLs the loader and the components both build: the loader starts them the moment it
 * sees a tag, and a component takes the answer on its way only when it asks for the very same URL
 * (see `getJson`), so the two must agree to the byte.
 */

/** Every zone is within 14 hours of UTC: a month fetched with this margin is whole in any zone. */
const MARGIN = 504e5

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * `from=…&to=…`: the month that starts at `month` (the epoch ms of its 1st, UTC midnight) with
 * the margin on both sides, the range the booking asks slots for. It does not depend on the clock
 * (the server leaves out what has passed), so the loader's URL and the booking's are the same.
 *
 * @example monthRange(Date.UTC(2026, 11)) // 'from=2026-11-30T10:00:00.000Z&to=2027-01-01T14:00:00.000Z'
 */
export function monthRange(month: number): string {
  const d = new Date(month)
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1)
  return `from=${iso(month - MARGIN)}&to=${iso(next + MARGIN)}`
}

/**
 * The month it is now in `timeZone` (the browser's when missing), as the epoch ms of its 1st: the
 * booking's first month. Throws a RangeError for a zone the browser does not know. The browser's
 * zone is read from `Date` (the same zone `Intl` defaults to): the loader calls this before
 * anything on the page has used `Intl`, whose first date format costs a page milliseconds of
 * locale and zone data, on a slow phone a hundred or more.
 */
export function monthIn(timeZone?: string): number {
  const now = new Date()
  if (!timeZone) return Date.UTC(now.getFullYear(), now.getMonth())
  const [m, y] = now
    .toLocaleDateString('en-US', { timeZone, year: 'numeric', month: 'numeric' })
    .split('/')
  return Date.UTC(+y!, +m! - 1)
}
