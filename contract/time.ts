/**
 * Lengths of time in milliseconds, for arithmetic on epoch milliseconds (`Date.now()`,
 * `Date.parse`), which count every day as 86,400,000 ms (ECMAScript's time value ignores leap
 * seconds: https://tc39.es/ecma262/#sec-time-values-and-time-range). A calendar day in a zone
 * with daylight saving can be 23 or 25 hours: compute those through the zone, not with `DAY_MS`.
 */

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
export const WEEK_MS = 7 * DAY_MS
