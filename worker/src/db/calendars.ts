/**
 * Loading what slot computation needs: the store's booking settings, the eligible reps'
 * availability and their confirmed meetings around a window. Reads only; which reps take demos
 * and the slot rules themselves are pure (booking/calendars.ts, booking/slots.ts).
 */
import { DAY_MS, type BookingSettings } from '../../../contract'
import { eligibleReps } from '../booking/calendars'
import { DEFAULT_BOOKING_SETTINGS } from '../booking/defaults'
import type { RepCalendar } from '../booking/slots'
import { confirmedMeetings, getAvailability, getBookingSettings } from './booking'

/** The store's booking settings, or the defaults when it never saved any. */
export async function bookingSettings(db: D1Database, siteId: string): Promise<BookingSettings> {
  return (await getBookingSettings(db, siteId)) ?? DEFAULT_BOOKING_SETTINGS
}

/**
 * The calendars of the reps who take demos (`eligibleReps`), with their confirmed meetings from
 * a day before `from` to a day after `to`, so per-day limits see whole local days in any zone.
 */
export async function repCalendars(
  db: D1Database,
  siteId: string,
  settings: BookingSettings,
  from: number,
  to: number,
  exceptBookingId: string | null = null,
): Promise<RepCalendar[]> {
  const availability = await getAvailability(db, siteId)
  const reps = eligibleReps(settings, [...availability.keys()])
  const meetings = await confirmedMeetings(
    db,
    siteId,
    reps,
    from - DAY_MS,
    to + DAY_MS,
    exceptBookingId,
  )
  return reps.map((repId) => ({
    repId,
    availability: availability.get(repId)!,
    bookings: meetings.get(repId) ?? [],
  }))
}
