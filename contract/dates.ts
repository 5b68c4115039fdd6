/**
 * Dates and instants on the wire, checked to exist: `2027-02-30` and `2026-02-29T10:00:00Z` are
 * refused (422), `2028-02-29` is a day. Every date and date-time field of the contract is one of
 * these two schemas. Leap years follow the Gregorian rule (ISO 8601): every fourth year, but not
 * centuries, except every fourth century.
 */
import * as v from 'valibot'

/** Whether `year` has a 29 February. */
export const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})/

/**
 * Whether `s` starts with a `YYYY-MM-DD` that is a day of the calendar.
 *
 * @example isRealDate('2027-02-30') // false
 * @example isRealDate('2028-02-29') // true
 */
export function isRealDate(s: string): boolean {
  const match = YMD.exec(s)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

const NO_SUCH_DAY = 'no such day in that month'

/** A calendar day `YYYY-MM-DD` that exists. */
export const isoDate = (message = 'a date like 2026-12-08') =>
  v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, message), v.check(isRealDate, NO_SUCH_DAY))

/**
 * An ISO 8601 instant with seconds and a zone (`2026-12-08T11:30:00Z`, `…T14:30:00.000+03:00`)
 * whose day exists.
 */
export const isoDateTime = (message = 'a UTC time like 2026-12-08T11:30:00Z') =>
  v.pipe(v.string(), v.isoTimestamp(message), v.check(isRealDate, NO_SUCH_DAY))

// Marked pure so that a bundle importing contract/ for other schemas (the widget's validation
// chunk) leaves these out when it does not use them.
/** `YYYY-MM-DD`, checked to exist. */
export const IsoDateSchema = /* @__PURE__ */ isoDate()
/** An instant, its day checked to exist. */
export const IsoDateTimeSchema = /* @__PURE__ */ isoDateTime()
/** A local time of day `HH:MM` (a sequence's `wait_until`, quiet hours). */
export const TimeOfDaySchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time looks like 09:30'),
)
