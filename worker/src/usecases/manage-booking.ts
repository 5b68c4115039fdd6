/**
 * Reschedule or cancel a booking: the visitor through their management link, or a rep from the
 * console (reschedule). Each is one batch guarded by the booking's sequence (db/booking.ts), with
 * the notice's event right after the guarded update and the timeline row right after the event,
 * so the moved or cancelled meeting's messages and timeline row are written only when the change
 * applied.
 */
import { DAY_MS, type BookingSettings } from '../../../contract'
import { cellsOf } from '../booking/assign'
import { meetingType } from '../booking/calendars'
import { manageLink } from '../booking/links'
import { manageRefusal } from '../booking/manage'
import { isFreeSlot } from '../booking/slots'
import { isValidTimeZone, localDate } from '../booking/time'
import {
  getBookingByToken,
  isSlotConflict,
  rescheduleStatements,
  setStatusStatements,
  type BookingRow,
} from '../db/booking'
import { bookingSettings, repCalendars } from '../db/calendars'
import { activityStatement } from '../db/leads'
import { getSiteById } from '../db/sites'
import { DomainError } from '../lib/errors'
import { randomToken, sha256Hex } from '../lib/ids'
import { bookingNoticeStatements, cancelNotices, type NoticeBooking } from '../notices/booking'
import { runBatch, type Deps, type LinkDeps } from './batch'
import { invalidBooking, nearestSlots, slotTaken } from './claim-slot'

/** Who changes the booking: the visitor through its link, or a rep. */
export type BookingActor = { type: 'visitor'; id: null } | { type: 'user'; id: string }

const changedMeanwhile = () => new DomainError('conflict', 'This booking changed meanwhile.')

/**
 * A visitor may cancel or reschedule only a confirmed booking whose meeting has not started:
 * 409 `booking_started` or `conflict` (nothing written) otherwise.
 */
export function refuseUnmanageable(b: BookingRow, now: Date) {
  const refusal = manageRefusal({ status: b.status, start: Date.parse(b.start_at) }, now.getTime())
  if (refusal === 'started') {
    throw new DomainError(
      'booking_started',
      'This meeting has already started; it can no longer be cancelled or rescheduled.',
    )
  }
  if (refusal) throw new DomainError('conflict', `This booking is ${refusal}.`)
}

/**
 * Moves a booking to a new start with the same rep and a new management token (the old one stops
 * working); answers the booking after it. 422 for a time that is not bookable, 409 `slot_taken`
 * with the nearest free slots when the time is taken, 409 `conflict` when the rep takes no
 * meetings now or the booking changed meanwhile; a visitor's booking must still be manageable.
 */
export async function rescheduleBooking(
  { db, now, publicUrl }: LinkDeps,
  b: BookingRow,
  input: { start: string; timeZone?: string | undefined },
  by: BookingActor,
): Promise<{ booking: BookingRow; token: string; settings: BookingSettings }> {
  if (by.type === 'visitor') refuseUnmanageable(b, now)
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw invalidBooking('timeZone', 'no such time zone')
  }
  const settings = await bookingSettings(db, b.site_id)
  const type = meetingType(settings, b.type)
  if (!type) throw invalidBooking('type', 'the meeting type no longer exists')
  const start = Date.parse(input.start)
  const end = start + type.durationMin * 60_000
  const calendars = await repCalendars(
    db,
    b.site_id,
    settings,
    start - DAY_MS,
    start + DAY_MS,
    b.id,
  )
  const rep = calendars.find((r) => r.repId === b.rep_id)
  if (!rep) throw new DomainError('conflict', 'The rep of this booking takes no meetings now.')
  const req = { durationMin: type.durationMin, now: now.getTime() }
  if (!isFreeSlot(rep, start, req)) {
    if (!isFreeSlot({ ...rep, bookings: [] }, start, req)) {
      throw invalidBooking(
        'start',
        'not a bookable time: past, too soon, too far ahead, outside hours or off the grid',
      )
    }
    throw slotTaken(nearestSlots([rep], type.durationMin, start, now.getTime()))
  }
  const token = randomToken(32)
  const at = now.toISOString()
  const next = {
    start,
    end,
    repDay: localDate(start, rep.availability.timeZone),
    tokenHash: await sha256Hex(token),
    visitorTz: input.timeZone ?? b.visitor_tz,
    cells: cellsOf(start, end, rep.availability),
  }
  const body = { bookingId: b.id, from: b.start_at, to: new Date(start).toISOString(), by: by.type }
  const moved: NoticeBooking = {
    ...b,
    start_at: new Date(start).toISOString(),
    end_at: new Date(end).toISOString(),
    visitor_tz: next.visitorTz,
    sequence: b.sequence + 1,
    updated_at: at,
  }
  const origin = publicUrl()
  const site = await getSiteById(db, b.site_id)
  if (!site) throw new Error('a booking of a missing site')
  const link = manageLink(origin, b.page_url, site.public_key, token)
  const notices = await bookingNoticeStatements(db, moved, 'rescheduled', link, now, {
    afterChange: true,
  })
  const [update, ...moveCells] = rescheduleStatements(db, b, next, at)
  let matched: boolean
  try {
    ;({ matched } = await runBatch(db, {
      change: [update],
      then: [
        // Right after the update: the event is written only when it changed the row, and the
        // timeline row only when the event was (the cells check the new token).
        notices.record,
        activityStatement(
          db,
          b.site_id,
          b.lead_id,
          { type: 'meeting_rescheduled', body },
          by.type,
          by.id,
          at,
          true,
        ),
        ...moveCells,
      ],
      events: notices.rest,
    }))
  } catch (err) {
    if (!isSlotConflict(err)) throw err
    throw slotTaken(nearestSlots([rep], type.durationMin, start, now.getTime()))
  }
  if (!matched) throw changedMeanwhile()
  const after = await getBookingByToken(db, next.tokenHash)
  return { booking: after!, token, settings }
}

/**
 * The visitor cancels their booking through its link, with an optional reason: the cells are
 * freed, the reminders not yet sent cancelled, the cancellation sent. 409 when it is no longer
 * manageable or changed meanwhile (nothing written).
 */
export async function cancelBooking(
  { db, now }: Deps,
  b: BookingRow,
  reason: string | null,
): Promise<void> {
  refuseUnmanageable(b, now)
  const at = now.toISOString()
  const [update, ...freeCells] = setStatusStatements(db, b, 'cancelled', reason, at)
  const notices = await cancelNotices(db, b, at)
  const { matched } = await runBatch(db, {
    change: [update],
    then: [
      // Right after the update: the event is written only when it changed the row, and the
      // timeline row only when the event was (the cells check the row the update wrote).
      notices.record,
      activityStatement(
        db,
        b.site_id,
        b.lead_id,
        { type: 'meeting_cancelled', body: { bookingId: b.id, reason, by: 'visitor' } },
        'visitor',
        null,
        at,
        true,
      ),
      ...freeCells,
    ],
    events: notices.rest,
  })
  if (!matched) throw changedMeanwhile()
}
