/**
 * Slot computation cost: `npm run bench:slots`.
 * One busy rep over 60 days (Berlin, across the October fall-back): three ranges a weekday and a
 * Saturday morning, 12 overrides, 10 + 5 minutes of buffers, 8 meetings every weekday.
 */
import { test } from 'vitest'
import type { Availability } from '../../../contract'
import { freeSlots, isFreeSlot, repSlots, type Interval, type RepCalendar } from './slots'
import { addDays, wallToInstant, weekdayOf } from './time'

const zone = 'Europe/Berlin'
const workday = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:30' },
  { start: '18:00', end: '19:00' },
]
const first = '2026-10-01'
const days = Array.from({ length: 60 }, (_, i) => addDays(first, i))

const availability: Availability = {
  timeZone: zone,
  weekly: {
    mon: workday,
    tue: workday,
    wed: workday,
    thu: workday,
    fri: workday,
    sat: [{ start: '10:00', end: '13:00' }],
    sun: [],
  },
  overrides: days
    .filter((_, i) => i % 5 === 2)
    .map((date, i) => ({
      date,
      ranges: i % 3 === 0 ? [] : [{ start: '08:00', end: '20:00' }],
      note: i % 3 === 0 ? 'holiday' : 'long day',
    })),
  bufferBeforeMin: 10,
  bufferAfterMin: 5,
  minNoticeMin: 120,
  maxDaysAhead: 90,
  maxPerDay: 10,
}

const bookings: Interval[] = days
  .filter((date) => !['sat', 'sun'].includes(weekdayOf(date)))
  .flatMap((date) =>
    ['09:00', '10:00', '11:00', '13:30', '14:30', '15:30', '16:30', '18:00'].map((clock) => {
      const start = wallToInstant(date, clock, zone) ?? 0
      return { start, end: start + 30 * 60_000 }
    }),
  )

const rep: RepCalendar = { repId: 'rep_busy', availability, bookings }
const request = {
  durationMin: 30,
  stepMin: 15,
  from: Date.parse(`${first}T00:00:00Z`),
  to: Date.parse(`${addDays(first, 60)}T00:00:00Z`),
  now: Date.parse('2026-09-30T12:00:00Z'),
}
const five = Array.from({ length: 5 }, (_, i) => ({ ...rep, repId: `rep_${i}` }))
const slots = repSlots(rep, request)
if (slots.length < 100)
  throw new Error(`the bench calendar should leave many slots: ${slots.length}`)
const someSlot = slots[Math.floor(slots.length / 2)]?.start ?? 0

test('slots', async ({ bench }) => {
  await bench.compare(
    bench(`repSlots, 60 days, ${bookings.length} bookings → ${slots.length} slots`, () => {
      repSlots(rep, request)
    }),
    bench('freeSlots, 5 such reps, 60 days', () => {
      freeSlots(five, request)
    }),
    bench('isFreeSlot, one start', () => {
      isFreeSlot(rep, someSlot, request)
    }),
  )
})
