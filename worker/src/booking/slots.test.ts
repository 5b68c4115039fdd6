import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Availability, TimeRange } from '../../../contract'
import { addDays, localDate, wallToInstantOrAfterGap, weekdayOf } from './time'
import {
  buffered,
  freeSlots,
  isFreeSlot,
  repSlots,
  slotConflicts,
  type Interval,
  type RepCalendar,
  type SlotRequest,
} from './slots'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z')
const starts = (slots: Interval[]) => slots.map((s) => iso(s.start))

/** Wall time in a zone straight from Intl, independent of ./time. */
function wall(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(ms)
}

const NO_HOURS: Availability['weekly'] = {
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
}
const every = (ranges: TimeRange[]): Availability['weekly'] => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: ranges,
  sun: ranges,
})

function avail(over: Partial<Availability>): Availability {
  return {
    timeZone: 'UTC',
    weekly: NO_HOURS,
    overrides: [],
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    minNoticeMin: 0,
    maxDaysAhead: 365,
    maxPerDay: 50,
    ...over,
  }
}

const rep = (
  availability: Availability,
  bookings: Interval[] = [],
  repId = 'rep_a',
): RepCalendar => ({
  repId,
  availability,
  bookings,
})

const HOUR = 3_600_000

/** Table rows as [name, row], so each test is titled by its sentence. */
const named = <T extends { name: string }>(rows: T[]) => rows.map((r) => [r.name, r] as const)

/**
 * A request for [from, to) in UTC ISO: hour-long meetings on an hourly grid, asked a day before
 * `from`, unless told otherwise.
 */
function req(from: string, to: string, over: Partial<SlotRequest> = {}): SlotRequest {
  const window = { from: at(from), to: at(to) }
  return { durationMin: 60, stepMin: 60, now: window.from - 24 * HOUR, ...window, ...over }
}

describe('repSlots across daylight-saving changes', () => {
  it.each(
    named([
      {
        name: 'keeps 7 real hours in 00:00–06:00 on Berlin’s fall-back day',
        zone: 'Europe/Berlin',
        sun: [{ start: '00:00', end: '06:00' }],
        window: <const>['2026-10-24T12:00Z', '2026-10-25T12:00Z'],
        expected: [
          '2026-10-24T22:00Z',
          '2026-10-24T23:00Z',
          '2026-10-25T00:00Z',
          '2026-10-25T01:00Z',
          '2026-10-25T02:00Z',
          '2026-10-25T03:00Z',
          '2026-10-25T04:00Z',
        ],
        local: ['00:00', '01:00', '02:00', '02:00', '03:00', '04:00', '05:00'],
      },
      {
        name: 'keeps 5 real hours in 00:00–06:00 on Berlin’s spring-forward day',
        zone: 'Europe/Berlin',
        sun: [{ start: '00:00', end: '06:00' }],
        window: <const>['2026-03-28T12:00Z', '2026-03-29T12:00Z'],
        expected: [
          '2026-03-28T23:00Z',
          '2026-03-29T00:00Z',
          '2026-03-29T01:00Z',
          '2026-03-29T02:00Z',
          '2026-03-29T03:00Z',
        ],
        local: ['00:00', '01:00', '03:00', '04:00', '05:00'],
      },
      {
        name: 'starts a range that begins in Berlin’s gap (02:30) right after the jump',
        zone: 'Europe/Berlin',
        sun: [{ start: '02:30', end: '04:00' }],
        window: <const>['2026-03-28T12:00Z', '2026-03-29T12:00Z'],
        durationMin: 30,
        stepMin: 30,
        expected: ['2026-03-29T01:00Z', '2026-03-29T01:30Z'],
        local: ['03:00', '03:30'],
      },
      {
        name: 'steps over New York’s gap on the wall-clock grid in 01:30–04:00',
        zone: 'America/New_York',
        sun: [{ start: '01:30', end: '04:00' }],
        window: <const>['2026-03-08T00:00Z', '2026-03-09T00:00Z'],
        durationMin: 30,
        stepMin: 30,
        expected: ['2026-03-08T06:30Z', '2026-03-08T07:00Z', '2026-03-08T07:30Z'],
        local: ['01:30', '03:00', '03:30'],
      },
      {
        name: 'ends a range that ends in New York’s gap (02:30) right after the jump',
        zone: 'America/New_York',
        sun: [{ start: '00:00', end: '02:30' }],
        window: <const>['2026-03-08T00:00Z', '2026-03-09T00:00Z'],
        expected: ['2026-03-08T05:00Z', '2026-03-08T06:00Z'],
        local: ['00:00', '01:00'],
      },
      {
        name: 'offers New York’s repeated 01:00 hour twice on its fall-back day',
        zone: 'America/New_York',
        sun: [{ start: '00:30', end: '02:30' }],
        window: <const>['2026-11-01T00:00Z', '2026-11-02T00:00Z'],
        expected: ['2026-11-01T04:30Z', '2026-11-01T05:30Z', '2026-11-01T06:30Z'],
        local: ['00:30', '01:30', '01:30'],
      },
      {
        name: 'keeps 45 real minutes in 01:30–03:15 on Sydney’s spring-forward day',
        zone: 'Australia/Sydney',
        sun: [{ start: '01:30', end: '03:15' }],
        window: <const>['2026-10-03T00:00Z', '2026-10-04T00:00Z'],
        durationMin: 15,
        stepMin: 15,
        expected: ['2026-10-03T15:30Z', '2026-10-03T15:45Z', '2026-10-03T16:00Z'],
        local: ['01:30', '01:45', '03:00'],
      },
      {
        name: 'keeps 2 h 45 real minutes in 01:30–03:15 on Sydney’s fall-back day',
        zone: 'Australia/Sydney',
        sun: [{ start: '01:30', end: '03:15' }],
        window: <const>['2026-04-04T00:00Z', '2026-04-05T00:00Z'],
        durationMin: 45,
        stepMin: 30,
        expected: [
          '2026-04-04T14:30Z',
          '2026-04-04T15:00Z',
          '2026-04-04T15:30Z',
          '2026-04-04T16:00Z',
          '2026-04-04T16:30Z',
        ],
        local: ['01:30', '02:00', '02:30', '02:00', '02:30'],
      },
      {
        name: 'starts Santiago’s Sunday after its midnight gap, and ends Saturday’s 24:00 there',
        zone: 'America/Santiago',
        sat: [{ start: '23:00', end: '24:00' }],
        sun: [{ start: '00:00', end: '02:00' }],
        window: <const>['2026-09-05T12:00Z', '2026-09-07T00:00Z'],
        expected: ['2026-09-06T03:00Z', '2026-09-06T04:00Z'],
        local: ['23:00', '01:00'],
      },
      {
        name: 'keeps Santiago’s repeated 23:00 hour, a day of 25 hours, before its Sunday',
        zone: 'America/Santiago',
        sat: [{ start: '23:00', end: '24:00' }],
        sun: [{ start: '00:00', end: '02:00' }],
        window: <const>['2026-04-04T12:00Z', '2026-04-06T00:00Z'],
        expected: [
          '2026-04-05T02:00Z',
          '2026-04-05T03:00Z',
          '2026-04-05T04:00Z',
          '2026-04-05T05:00Z',
        ],
        local: ['23:00', '23:00', '00:00', '01:00'],
      },
    ]),
  )('%s', (_name, { zone, sat, sun, window, durationMin, stepMin, expected, local }) => {
    const slots = repSlots(
      rep(avail({ timeZone: zone, weekly: { ...NO_HOURS, sat: sat ?? [], sun } })),
      req(window[0], window[1], { durationMin: durationMin ?? 60, stepMin: stepMin ?? 60 }),
    )
    expect(starts(slots)).toEqual(expected)
    expect(slots.map((s) => wall(s.start, zone).slice(-5))).toEqual(local)
  })

  it.each([
    // zone, 09:00 local in UTC on the Friday before and the Monday after its change
    ['Europe/Berlin', '2026-10-23T07:00Z', '2026-10-26T08:00Z'],
    ['Europe/Berlin', '2026-03-27T08:00Z', '2026-03-30T07:00Z'],
    ['America/New_York', '2026-03-06T14:00Z', '2026-03-09T13:00Z'],
    ['America/New_York', '2026-10-30T13:00Z', '2026-11-02T14:00Z'],
    ['Australia/Sydney', '2026-04-02T22:00Z', '2026-04-05T23:00Z'],
    ['Australia/Sydney', '2026-10-01T23:00Z', '2026-10-04T22:00Z'],
    ['Europe/Istanbul', '2026-10-23T06:00Z', '2026-10-26T06:00Z'],
  ])(
    'keeps 09:00 in %s at 09:00 local: %s on the Friday before the change, %s on the Monday after',
    (zone, before, after) => {
      const nine = [{ start: '09:00', end: '10:00' }]
      const slots = repSlots(
        rep(avail({ timeZone: zone, weekly: { ...NO_HOURS, mon: nine, fri: nine } })),
        req(before, after, { from: at(before) - 12 * HOUR, to: at(after) + 12 * HOUR }),
      )
      expect(starts(slots)).toEqual([before, after])
      for (const s of slots) expect(wall(s.start, zone).slice(-5)).toBe('09:00')
    },
  )
})

describe('repSlots against a day-by-day reference', () => {
  /** Rules 1, 2 and 4 spelled out with nothing but wallToInstantOrAfterGap, date by date. */
  function reference(a: Availability, r: SlotRequest): string[] {
    const out = new Set<number>()
    const last = localDate(r.to - 1, a.timeZone)
    for (let d = addDays(localDate(r.from, a.timeZone), -1); d <= last; d = addDays(d, 1)) {
      const o = a.overrides.find((x) => x.date === d)
      for (const range of o ? o.ranges : a.weekly[weekdayOf(d)]) {
        const end = wallToInstantOrAfterGap(d, range.end, a.timeZone)
        let s = wallToInstantOrAfterGap(d, range.start, a.timeZone)
        for (; s + r.durationMin * 60_000 <= end; s += (r.stepMin ?? 15) * 60_000) {
          if (s >= r.from && s < r.to) out.add(s)
        }
      }
    }
    return [...out].sort((x, y) => x - y).map(iso)
  }

  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'America/Santiago',
    'America/Havana',
    'Europe/Istanbul',
    'Asia/Kathmandu',
    'UTC',
  ]
  const clock = fc
    .integer({ min: 0, max: 24 * 12 })
    .map(
      (n) =>
        `${String(Math.floor(n / 12)).padStart(2, '0')}:${String((n % 12) * 5).padStart(2, '0')}`,
    )
  const range = fc
    .tuple(clock, clock)
    .filter(([x, y]) => x < y)
    .map(([start, end]) => ({ start, end }))
  const day = fc.array(range, { maxLength: 3 })

  it('matches it over 60 days in zones with changes at 01:00, 02:00, 03:00 and midnight', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 364 }),
        fc.tuple(day, day, day, day, day, day, day),
        fc.constantFrom(15, 30, 60),
        (zone, offsetDays, week, durationMin) => {
          const [mon, tue, wed, thu, fri, sat, sun] = week
          const a = avail({ timeZone: zone, weekly: { mon, tue, wed, thu, fri, sat, sun } })
          const from = at('2026-01-01T00:00Z') + offsetDays * 24 * HOUR
          const r = { durationMin, stepMin: 15, from, to: from + 60 * 24 * HOUR, now: from }
          expect(starts(repSlots(rep(a), r))).toEqual(reference(a, r))
        },
      ),
      { numRuns: 150 },
    )
    // 150 runs of 60 days take 2–8 s on a loaded 2-core machine: past vitest's default 5 s.
  }, 30_000)
})

describe('repSlots across month and year ends', () => {
  it('offers nothing on a date the zone skipped (Samoa, 30 December 2011)', () => {
    const a = avail({ timeZone: 'Pacific/Apia', weekly: every([{ start: '09:00', end: '10:00' }]) })
    const slots = repSlots(rep(a), req('2011-12-29T00:00Z', '2011-12-31T00:00Z'))
    expect(slots.map((s) => wall(s.start, 'Pacific/Apia'))).toEqual([
      '2011-12-29 09:00',
      '2011-12-31 09:00',
    ])
  })

  const newYear = {
    timeZone: 'Europe/Istanbul',
    weekly: {
      ...NO_HOURS,
      thu: [{ start: '22:00', end: '24:00' }],
      fri: [{ start: '00:00', end: '02:00' }],
    },
  }
  it.each(
    named([
      {
        name: 'works 31 Dec 22:00 to 1 Jan 02:00 Istanbul time inside UTC’s 31 December',
        overrides: [],
        expected: [
          '2026-12-31T19:00Z',
          '2026-12-31T20:00Z',
          '2026-12-31T21:00Z',
          '2026-12-31T22:00Z',
        ],
      },
      {
        name: 'applies a 1 January holiday by the rep’s date although UTC still says 31 December',
        overrides: [{ date: '2027-01-01', ranges: [], note: 'Yılbaşı' }],
        expected: ['2026-12-31T19:00Z', '2026-12-31T20:00Z'],
      },
    ]),
  )('%s', (_name, { overrides, expected }) => {
    const slots = repSlots(
      rep(avail({ ...newYear, overrides })),
      req('2026-12-31T00:00Z', '2027-01-01T00:00Z'),
    )
    expect(starts(slots)).toEqual(expected)
  })

  it('uses Sunday 1 February’s hours for a Sydney rep while UTC is on Saturday 31 January', () => {
    const a = avail({
      timeZone: 'Australia/Sydney',
      weekly: { ...NO_HOURS, sun: [{ start: '09:00', end: '10:00' }] },
    })
    const slots = repSlots(rep(a), req('2026-01-31T00:00Z', '2026-02-01T00:00Z'))
    expect(starts(slots)).toEqual(['2026-01-31T22:00Z'])
  })

  it('runs a 10-day window over the year end in New York without losing or repeating a day', () => {
    const a = avail({
      timeZone: 'America/New_York',
      weekly: every([{ start: '10:00', end: '11:00' }]),
    })
    const slots = repSlots(rep(a), req('2026-12-27T00:00Z', '2027-01-06T00:00Z'))
    expect(slots.map((s) => wall(s.start, 'America/New_York'))).toEqual(
      [
        '2026-12-27',
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-01',
        '2027-01-02',
        '2027-01-03',
        '2027-01-04',
        '2027-01-05',
      ].map((d) => `${d} 10:00`),
    )
  })
})

describe('repSlots with overrides and several ranges', () => {
  const weekdays = {
    ...NO_HOURS,
    mon: [{ start: '09:00', end: '12:00' }],
    tue: [{ start: '09:00', end: '12:00' }],
  }
  it.each(
    named([
      {
        name: 'adds hours on a Saturday the week leaves empty',
        overrides: [{ date: '2026-12-12', ranges: [{ start: '10:00', end: '12:00' }] }],
        window: <const>['2026-12-12T00:00Z', '2026-12-13T00:00Z'],
        expected: ['2026-12-12T10:00Z', '2026-12-12T11:00Z'],
      },
      {
        name: 'takes a Monday off with an empty override',
        overrides: [{ date: '2026-12-14', ranges: [] }],
        window: <const>['2026-12-14T00:00Z', '2026-12-16T00:00Z'],
        expected: ['2026-12-15T09:00Z', '2026-12-15T10:00Z', '2026-12-15T11:00Z'],
      },
      {
        name: 'replaces the weekly hours rather than adding to them',
        overrides: [{ date: '2026-12-14', ranges: [{ start: '14:00', end: '15:00' }] }],
        window: <const>['2026-12-14T00:00Z', '2026-12-15T00:00Z'],
        expected: ['2026-12-14T14:00Z'],
      },
      {
        name: 'offers each of several ranges in a day, skipping one too short for the meeting',
        overrides: [
          {
            date: '2026-12-14',
            ranges: [
              { start: '16:00', end: '16:45' },
              { start: '08:00', end: '09:00' },
              { start: '13:00', end: '15:00' },
            ],
          },
        ],
        window: <const>['2026-12-14T00:00Z', '2026-12-15T00:00Z'],
        expected: ['2026-12-14T08:00Z', '2026-12-14T13:00Z', '2026-12-14T14:00Z'],
      },
      {
        name: 'takes the first override when a date is listed twice',
        overrides: [
          { date: '2026-12-14', ranges: [{ start: '14:00', end: '15:00' }] },
          { date: '2026-12-14', ranges: [] },
        ],
        window: <const>['2026-12-14T00:00Z', '2026-12-15T00:00Z'],
        expected: ['2026-12-14T14:00Z'],
      },
      {
        name: 'lists a start once when two ranges overlap',
        overrides: [
          {
            date: '2026-12-14',
            ranges: [
              { start: '09:00', end: '11:00' },
              { start: '10:00', end: '12:00' },
            ],
          },
        ],
        window: <const>['2026-12-14T00:00Z', '2026-12-15T00:00Z'],
        expected: ['2026-12-14T09:00Z', '2026-12-14T10:00Z', '2026-12-14T11:00Z'],
      },
    ]),
  )('%s', (_name, { overrides, window, expected }) => {
    const slots = repSlots(rep(avail({ weekly: weekdays, overrides })), req(window[0], window[1]))
    expect(starts(slots)).toEqual(expected)
  })

  it('steps by 15 minutes by default', () => {
    const a = avail({ weekly: every([{ start: '09:00', end: '10:00' }]) })
    const slots = repSlots(rep(a), {
      durationMin: 30,
      from: at('2026-12-14T00:00Z'),
      to: at('2026-12-15T00:00Z'),
      now: at('2026-12-13T00:00Z'),
    })
    expect(starts(slots)).toEqual(['2026-12-14T09:00Z', '2026-12-14T09:15Z', '2026-12-14T09:30Z'])
    expect(slots.every((s) => s.end - s.start === 30 * 60_000)).toBe(true)
  })
})

describe('repSlots limits', () => {
  const daily = avail({ weekly: every([{ start: '09:00', end: '12:00' }]) })

  it.each([
    [
      'keeps a start exactly at `from` and drops one exactly at `to`',
      '2026-12-14T09:00Z',
      '2026-12-14T11:00Z',
      ['2026-12-14T09:00Z', '2026-12-14T10:00Z'],
    ],
    [
      'drops starts before `from` even when the meeting would still run',
      '2026-12-14T09:30Z',
      '2026-12-15T00:00Z',
      ['2026-12-14T10:00Z', '2026-12-14T11:00Z'],
    ],
    ['returns nothing for an empty window', '2026-12-14T10:00Z', '2026-12-14T10:00Z', []],
  ])('%s', (_name, from, to, expected) => {
    expect(starts(repSlots(rep(daily), req(from, to)))).toEqual(expected)
  })

  it.each([
    [0, '2026-12-14T08:50Z', ['2026-12-14T09:00Z', '2026-12-14T10:00Z', '2026-12-14T11:00Z']],
    [60, '2026-12-14T08:50Z', ['2026-12-14T10:00Z', '2026-12-14T11:00Z']],
    [60, '2026-12-14T09:00Z', ['2026-12-14T10:00Z', '2026-12-14T11:00Z']],
    [60, '2026-12-14T09:05Z', ['2026-12-14T11:00Z']],
    [24 * 60, '2026-12-13T10:00Z', ['2026-12-14T10:00Z', '2026-12-14T11:00Z']],
  ])('with %i minutes of notice at %s offers %j', (minNoticeMin, now, expected) => {
    const slots = repSlots(
      rep({ ...daily, minNoticeMin }),
      req('2026-12-14T00:00Z', '2026-12-15T00:00Z', { now: at(now) }),
    )
    expect(starts(slots)).toEqual(expected)
  })

  it.each([
    [
      1,
      '2026-12-14T09:00Z',
      ['2026-12-14T09:00Z', '2026-12-14T10:00Z', '2026-12-14T11:00Z', '2026-12-15T09:00Z'],
    ],
    [1, '2026-12-14T08:59Z', ['2026-12-14T09:00Z', '2026-12-14T10:00Z', '2026-12-14T11:00Z']],
    [
      2,
      '2026-12-14T00:00Z',
      [
        '2026-12-14T09:00Z',
        '2026-12-14T10:00Z',
        '2026-12-14T11:00Z',
        '2026-12-15T09:00Z',
        '2026-12-15T10:00Z',
        '2026-12-15T11:00Z',
      ],
    ],
  ])('with %i days ahead at %s offers %j', (maxDaysAhead, now, expected) => {
    const slots = repSlots(
      rep({ ...daily, maxDaysAhead }),
      req('2026-12-14T00:00Z', '2026-12-24T00:00Z', { now: at(now) }),
    )
    expect(starts(slots)).toEqual(expected)
  })

  it.each(
    named([
      {
        name: 'closes a day that already has maxPerDay bookings',
        maxPerDay: 2,
        expected: ['2026-12-15T09:00Z', '2026-12-15T10:00Z', '2026-12-15T11:00Z'],
      },
      {
        name: 'keeps a day open below maxPerDay (only the booked hours go)',
        maxPerDay: 3,
        expected: [
          '2026-12-14T11:00Z',
          '2026-12-15T09:00Z',
          '2026-12-15T10:00Z',
          '2026-12-15T11:00Z',
        ],
      },
    ]),
  )('%s', (_name, { maxPerDay, expected }) => {
    const bookings = [
      { start: at('2026-12-14T09:00Z'), end: at('2026-12-14T10:00Z') },
      { start: at('2026-12-14T10:00Z'), end: at('2026-12-14T11:00Z') },
    ]
    const slots = repSlots(
      rep({ ...daily, maxPerDay }, bookings),
      req('2026-12-14T00:00Z', '2026-12-16T00:00Z'),
    )
    expect(starts(slots)).toEqual(expected)
  })

  it('counts bookings per day by the rep’s date, not the UTC date', () => {
    // 22:30Z on 14 December is 01:30 on 15 December in Istanbul.
    const a = avail({
      timeZone: 'Europe/Istanbul',
      weekly: every([{ start: '09:00', end: '10:00' }]),
      maxPerDay: 1,
    })
    const booking = { start: at('2026-12-14T22:30Z'), end: at('2026-12-14T23:00Z') }
    const slots = repSlots(rep(a, [booking]), req('2026-12-14T00:00Z', '2026-12-16T00:00Z'))
    expect(starts(slots)).toEqual(['2026-12-14T06:00Z'])
  })

  it.each([[{ durationMin: 0 }], [{ stepMin: 0 }], [{ durationMin: Number.NaN }]])(
    'throws a RangeError for %j rather than loop forever',
    (over) => {
      expect(() =>
        repSlots(rep(daily), req('2026-12-14T00:00Z', '2026-12-15T00:00Z', over)),
      ).toThrow(RangeError)
    },
  )
})

describe('buffers', () => {
  // One booking 10:00–11:00; 30-minute meetings every 15 minutes in 09:00–12:00.
  const booking = { start: at('2026-12-14T10:00Z'), end: at('2026-12-14T11:00Z') }
  it.each([
    [0, 0, ['09:00', '09:15', '09:30', '11:00', '11:15', '11:30']],
    [0, 15, ['09:00', '09:15', '11:15', '11:30']],
    [10, 5, ['09:00', '09:15', '11:15', '11:30']],
    [15, 0, ['09:00', '09:15', '11:15', '11:30']],
    [15, 15, ['09:00', '11:30']],
    [30, 30, []],
  ])(
    'with %i min before and %i min after leaves %j',
    (bufferBeforeMin, bufferAfterMin, expected) => {
      const a = avail({
        weekly: every([{ start: '09:00', end: '12:00' }]),
        bufferBeforeMin,
        bufferAfterMin,
      })
      const slots = repSlots(
        rep(a, [booking]),
        req('2026-12-14T00:00Z', '2026-12-15T00:00Z', { durationMin: 30, stepMin: 15 }),
      )
      expect(slots.map((s) => iso(s.start).slice(11, 16))).toEqual(expected)
    },
  )

  it('widens a meeting by the buffers', () => {
    const a = avail({ bufferBeforeMin: 10, bufferAfterMin: 5 })
    expect(buffered(booking, a)).toEqual({
      start: at('2026-12-14T09:50Z'),
      end: at('2026-12-14T11:05Z'),
    })
  })

  it.each([
    ['allows a slot right after the booking without buffers', 0, 0, '11:00', false],
    ['refuses a slot overlapping it by a minute without buffers', 0, 0, '10:59', true],
    ['allows a slot ending as the booking starts without buffers', 0, 0, '09:30', false],
    ['allows a gap of exactly after + before (5 + 10) after it', 10, 5, '11:15', false],
    ['refuses a gap one minute short of after + before after it', 10, 5, '11:14', true],
    ['allows a gap of exactly after + before before it', 10, 5, '09:15', false],
    ['refuses a gap one minute short of after + before before it', 10, 5, '09:16', true],
  ])('%s', (_name, before, after, start, conflicts) => {
    const s = at(`2026-12-14T${start}Z`)
    const a = avail({ bufferBeforeMin: before, bufferAfterMin: after })
    expect(slotConflicts({ start: s, end: s + 30 * 60_000 }, [booking], a)).toBe(conflicts)
  })

  it('agrees with slotConflicts for any bookings and buffers', () => {
    const day = at('2026-12-14T00:00Z')
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 24 * 12 }), fc.integer({ min: 1, max: 36 })), {
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 24 }),
        (raw, before, after, duration) => {
          const bookings = raw.map(([s, len]) => ({
            start: day + s * 5 * 60_000,
            end: day + (s + len) * 5 * 60_000,
          }))
          const a = avail({
            weekly: every([
              { start: '00:00', end: '11:00' },
              { start: '12:00', end: '24:00' },
            ]),
            bufferBeforeMin: before * 5,
            bufferAfterMin: after * 5,
          })
          const r = req('2026-12-14T00:00Z', '2026-12-15T00:00Z', {
            durationMin: duration * 5,
            stepMin: 5,
          })
          const all = repSlots(rep(a), r)
          const expected = all.filter((s) => !slotConflicts(s, bookings, a))
          expect(repSlots(rep(a, bookings), r)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('freeSlots', () => {
  it('unites reps in different zones, listing who is free at each start', () => {
    const ayse = rep(
      avail({ timeZone: 'Europe/Istanbul', weekly: every([{ start: '09:00', end: '11:00' }]) }),
      [],
      'rep_ayse',
    )
    const jonas = rep(
      avail({
        timeZone: 'Europe/Berlin',
        weekly: every([
          { start: '07:00', end: '09:00' },
          { start: '09:00', end: '10:00' },
        ]),
      }),
      [{ start: at('2026-12-14T06:00Z'), end: at('2026-12-14T07:00Z') }],
      'rep_jonas',
    )
    const slots = freeSlots([ayse, jonas], req('2026-12-14T00:00Z', '2026-12-15T00:00Z'))
    expect(slots.map((s) => [iso(s.start), iso(s.end), s.repIds])).toEqual([
      ['2026-12-14T06:00Z', '2026-12-14T07:00Z', ['rep_ayse']],
      ['2026-12-14T07:00Z', '2026-12-14T08:00Z', ['rep_ayse', 'rep_jonas']],
      ['2026-12-14T08:00Z', '2026-12-14T09:00Z', ['rep_jonas']],
    ])
  })

  it('returns nothing when no rep is given', () => {
    expect(freeSlots([], req('2026-12-14T00:00Z', '2026-12-15T00:00Z'))).toEqual([])
  })
})

describe('the visitor’s side', () => {
  it('shows an Istanbul rep’s 10:00 at 02:00 then 03:00 in New York across the US change', () => {
    const a = avail({
      timeZone: 'Europe/Istanbul',
      weekly: { ...every([{ start: '10:00', end: '11:00' }]), sat: [], sun: [] },
    })
    const slots = repSlots(rep(a), req('2026-03-05T12:00Z', '2026-03-10T12:00Z'))
    expect(
      slots.map((s) => [wall(s.start, 'Europe/Istanbul'), wall(s.start, 'America/New_York')]),
    ).toEqual([
      ['2026-03-06 10:00', '2026-03-06 02:00'],
      ['2026-03-09 10:00', '2026-03-09 03:00'],
      ['2026-03-10 10:00', '2026-03-10 03:00'],
    ])
  })

  it('shows a New York rep’s 09:00 at 15:00 then 14:00 in Berlin between the two changes', () => {
    // The US moves on 8 March, Europe on 29 March: for three weeks the gap is 5 hours, not 6.
    const a = avail({
      timeZone: 'America/New_York',
      weekly: { ...NO_HOURS, mon: [{ start: '09:00', end: '10:00' }] },
    })
    const slots = repSlots(rep(a), req('2026-03-02T00:00Z', '2026-03-31T00:00Z'))
    expect(slots.map((s) => wall(s.start, 'Europe/Berlin'))).toEqual([
      '2026-03-02 15:00',
      '2026-03-09 14:00',
      '2026-03-16 14:00',
      '2026-03-23 14:00',
      '2026-03-30 15:00',
    ])
  })
})

describe('isFreeSlot', () => {
  const a = avail({
    timeZone: 'Europe/Berlin',
    weekly: every([{ start: '00:00', end: '06:00' }]),
    minNoticeMin: 60,
    maxDaysAhead: 30,
  })
  const taken = { start: at('2026-10-25T02:00Z'), end: at('2026-10-25T03:00Z') }
  const calendar = rep(a, [taken])
  const base = { durationMin: 60, stepMin: 30, now: at('2026-10-20T00:00Z') }
  // On 25 October Berlin's 00:00–06:00 runs 22:00Z–05:00Z; 03:00–04:00 CET (02:00Z) is booked.
  it.each([
    ['accepts a free start on the grid (02:00 CEST)', '2026-10-25T00:00Z', true],
    ['accepts the second 02:00 (CET), ending as the booking starts', '2026-10-25T01:00Z', true],
    ['refuses the second 02:30, whose meeting overlaps the booking', '2026-10-25T01:30Z', false],
    ['accepts the start the booking ends at', '2026-10-25T03:00Z', true],
    ['refuses a start off the grid', '2026-10-25T00:10Z', false],
    ['refuses a start outside hours', '2026-10-25T08:00Z', false],
    ['refuses a start whose meeting would end after hours', '2026-10-26T04:30Z', false],
    ['refuses a start in the past', '2026-10-19T00:00Z', false],
    ['refuses a start within the notice', '2026-10-20T00:30Z', false],
    ['accepts a start exactly at the notice', '2026-10-20T01:00Z', true],
    ['refuses a start beyond the days ahead', '2026-11-20T00:00Z', false],
  ])('%s', (_name, start, free) => {
    expect(isFreeSlot(calendar, at(start), base)).toBe(free)
  })

  it('refuses a start that is not a number', () => {
    expect(isFreeSlot(calendar, Number.NaN, base)).toBe(false)
  })

  it('accepts the second 02:30 of the fall-back night when nothing is booked', () => {
    expect(isFreeSlot(rep(a), at('2026-10-25T01:30Z'), base)).toBe(true)
  })
})
