/**
 * Request URLs the loader and the components both build: the loader starts them the moment it
 * sees a tag, and a component takes the answer on its way only when it asks for the very same URL
 * (see `getJson`), so the two must agree to the byte.
 */

/**
 * `month=YYYY-MM`: the month that starts at `month` (the epoch ms of its 1st, UTC midnight), the
 * query the booking asks slots with. The server answers the month's days in any zone (from its
 * 1st at UTC midnight less 14 hours to the next month's plus 14 hours), and leaves out what has
 * passed, so the URL depends on the month alone: the loader asks for the browser's month the
 * same way, and the booking takes that answer when its first month is the same.
 *
 * @example monthQuery(Date.UTC(2026, 11)) // 'month=2026-12'
 */
export const monthQuery = (month: number): string =>
  'month=' + new Date(month).toISOString().slice(0, 7)

/**
 * The month it is now in `timeZone` (the browser's when missing), as the epoch ms of its 1st: the
 * booking's first month. Throws a RangeError for a zone the browser does not know. The browser's
 * zone is read from `Date` (the same zone `Intl` defaults to, and how the loader reads it): the
 * first date format on a page costs it milliseconds of locale and zone data, on a slow phone a
 * hundred or more.
 */
export function monthIn(timeZone?: string): number {
  const now = new Date()
  if (!timeZone) return Date.UTC(now.getFullYear(), now.getMonth())
  const [m, y] = now
    .toLocaleDateString('en-US', { timeZone, year: 'numeric', month: 'numeric' })
    .split('/')
  return Date.UTC(+y!, +m! - 1)
}
