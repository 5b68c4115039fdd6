/**
 * The booking's `LOCAL` zone (src/components/booking/dates.ts) and the quote's instants
 * (src/components/quote/format.ts) read days and times with `Date`'s local getters instead of
 * `Intl`. The browser tests run in this machine's zone only, so this
 * runs the same code in Node under zones with daylight saving, half and quarter hours and a date
 * line, setting `TZ` (Node re-reads it on assignment), against what `Intl` says for that zone.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { dayOf, LOCAL, localOffset, time } from './src/components/booking/dates'
import { instant } from './src/components/quote/format'

const ZONES = [
  'Europe/Istanbul',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'America/St_Johns',
]
/** Every half hour around both of New York's and Lord Howe's 2026 clock changes and a year's end. */
const INSTANTS = [
  ['2026-03-07T20:00:00Z', '2026-03-08T12:00:00Z'],
  ['2026-04-04T10:00:00Z', '2026-04-05T02:00:00Z'],
  ['2026-10-03T10:00:00Z', '2026-10-04T02:00:00Z'],
  ['2026-10-31T20:00:00Z', '2026-11-01T12:00:00Z'],
  ['2026-12-31T08:00:00Z', '2027-01-01T12:00:00Z'],
].flatMap(([from, to]) => {
  const out: string[] = []
  for (let t = Date.parse(from!); t <= Date.parse(to!); t += 30 * 60_000) {
    out.push(new Date(t).toISOString())
  }
  return out
})

const before = process.env.TZ
afterAll(() => {
  if (before === undefined) delete process.env.TZ
  else process.env.TZ = before
})

describe("the booking's and the quote's local times, without Intl", () => {
  for (const zone of ZONES) {
    it(`gives the days, times and offset Intl gives in ${zone}`, () => {
      process.env.TZ = zone
      const clock = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
      const ymd = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      })
      for (const at of INSTANTS) {
        const p = Object.fromEntries(
          ymd.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]),
        )
        expect(dayOf(at, LOCAL), `${at} in ${zone}`).toBe(Date.UTC(p.year!, p.month! - 1, p.day!))
        expect(time(at, 'tr', LOCAL), `${at} in ${zone}`).toBe(clock.format(new Date(at)))
        for (const [locale, tag] of [
          ['tr', 'tr-TR'],
          ['en', 'en-GB'],
        ] as const) {
          const long = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' })
          expect(instant(at, locale), `${at} in ${zone}, ${locale}`).toBe(long.format(new Date(at)))
        }
      }
      const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(new Date())
        .find((x) => x.type === 'timeZoneName')?.value
      expect(localOffset()).toBe(offset)
    })
  }
})
