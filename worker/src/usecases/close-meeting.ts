/**
 * A rep closes a booked meeting from the console: held (the lead moves `meeting` → `proposal`),
 * missed (`meeting` → `nurturing`) or cancelled. One batch guarded by the booking's sequence
 * (db/booking.ts), with the timeline row, the lead's move and the notices after it, each applying
 * only when the guard did (chained to it with `changes() = 1`, or checking the row it wrote).
 */
import type { Booking } from '../../../contract'
import {
  bookingFromRow,
  getBooking,
  setStatusStatements,
  statusWritten,
  type BookingRow,
} from '../db/booking'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import { cancelPendingOfBookingStatement } from '../db/outbox'
import { DomainError } from '../lib/errors'
import { cancelNotices } from '../notices/booking'
import { applyAutomatic } from '../pipeline'
import { runBatch, type Deps } from './batch'

export type MeetingOutcome = 'held' | 'no_show' | 'cancelled'

/**
 * Closes confirmed booking `b` with `outcome` and the rep's optional reason; answers the booking
 * after it. A cancellation frees its cells and tells the visitor; a meeting that took place (or
 * not) cancels its reminders not yet sent. 409 when the booking changed meanwhile.
 */
export async function closeMeeting(
  { db, now }: Deps,
  b: BookingRow,
  outcome: MeetingOutcome,
  reason: string | null,
  { siteId, userId }: { siteId: string; userId: string },
): Promise<Booking> {
  const at = now.toISOString()
  const lead = await getLead(db, siteId, b.lead_id)
  const event =
    outcome === 'held' ? 'meeting_held' : outcome === 'no_show' ? 'meeting_no_show' : null
  const move = event && lead ? applyAutomatic(lead, event, now, { type: 'user', id: userId }) : null
  const type = { held: 'meeting_held', no_show: 'meeting_no_show', cancelled: 'meeting_cancelled' }[
    outcome
  ]
  const [update, ...freeCells] = setStatusStatements(db, b, outcome, reason, at)
  // Each of these applies only when the update changed the booking row: a stale row (the
  // meeting moved or closed meanwhile) answers 409 and leaves no trace.
  const timeline = activityStatement(
    db,
    siteId,
    b.lead_id,
    { type, body: { bookingId: b.id, reason, by: 'user' } },
    'user',
    userId,
    at,
    true,
  )
  let then: D1PreparedStatement[]
  let events: D1PreparedStatement[] = []
  if (outcome === 'cancelled') {
    // A cancellation tells the visitor: its event right after the update, the timeline row right
    // after the event (each written only when the statement before it changed one row); the
    // cells are freed only from the row the update wrote.
    const notices = await cancelNotices(db, b, at)
    then = [notices.record, timeline, ...freeCells]
    events = notices.rest
  } else {
    // A meeting that took place (or not): the timeline row right after the update, the lead's
    // move chained to it (and guarded by the lead's stage); its reminders not yet sent are
    // cancelled only while the booking row is as the update wrote it, since the move may not
    // apply and so ends the chain.
    then = [
      timeline,
      ...(move?.ok
        ? moveStatements(db, siteId, b.lead_id, { ...move.plan, expectedVersion: null }, true)
        : []),
      cancelPendingOfBookingStatement(db, siteId, statusWritten(b, outcome, at), at),
    ]
  }
  const { matched } = await runBatch(db, { change: [update], then, events })
  if (!matched) throw new DomainError('conflict', 'This booking changed meanwhile.')
  return bookingFromRow((await getBooking(db, siteId, b.id))!)
}
