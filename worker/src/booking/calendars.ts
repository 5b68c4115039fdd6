/**
 * Loading what slot computation needs: the store's booking settings, the eligible reps'
 * availability and their confirmed meetings around a window. Reads only; the slot rules
 * themselves are pure (./slots.ts).
 */
import type { BookingSettings, MeetingType } from '../../../contract'
import { confirmedMeetings, getAvailability, getBookingSettings } from '../db/booking'
import { DEFAULT_BOOKING_SETTINGS } from './defaults'
import type { RepCalendar } from './slots'

const DAY_MS = 86_400_000

export async function bookingSettings(db: D1Database, siteId: string): Promise<BookingSettings> {
  return (await getBookingSettings(db, siteId)) ?? DEFAULT_BOOKING_SETTINGS
}

export const meetingType = (settings: BookingSettings, id: string): MeetingType | undefined =>
  settings.meetingTypes.find((t) => t.id === id)

/**
 * The calendars of the reps who take demos (the fixed rep; else the settings' list, or every
 * rep with availability when the list is empty), with their confirmed meetings from a day before `from` to a day after
 * `to`, so per-day limits see whole local days in any zone.
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
  const eligible =
    settings.assignment === 'fixed' && settings.fixedRep
      ? [settings.fixedRep]
      : settings.reps.length > 0
        ? settings.reps
        : [...availability.keys()]
  const reps = eligible.filter((id) => availability.has(id))
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
