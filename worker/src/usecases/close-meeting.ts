/**
 * A rep closes a booked meeting from the console: held (the lead moves `meeting` → `proposal`),
 * missed (`meeting` → `nurturing`) or cancelled. One batch guarded by the booking's sequence
 * (db/booking.ts), with the timeline row, the lead's move and the notices after it.
 */
import type { Booking } from '../../../contract'
import { bookingFromRow, getBooking, setStatusStatements, type BookingRow } from '../db/booking'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import { cancelPendingStatement } from '../db/outbox'
import { DomainError } from '../lib/errors'
import { cancelNotices } from '../notices/booking'
import { applyAutomatic } from '../pipeline'
import { runBatch } from './batch'

export type MeetingOutcome = 'held' | 'no_show' | 'cancelled'

/**
 * Closes confirmed booking `b` with `outcome` and the rep's optional reason; answers the booking
 * after it. A cancellation frees its cells and tells the visitor; a meeting that took place (or
 * not) cancels its reminders not yet sent. 409 when the booking changed meanwhile.
 */
export async function closeMeeting(
  { db, now }: { db: D1Database; now: Date },
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
  // A cancellation tells the visitor; a meeting that took place (or not) needs no reminders.
  const notices =
    outcome === 'cancelled'
      ? await cancelNotices(db, b, at)
      : { record: cancelPendingStatement(db, siteId, `bk:${b.id}:`, at), rest: [] }
  const { matched } = await runBatch(db, {
    change: [update],
    then: [
      // Right after the update: a cancellation's event is written only when it changed the row.
      notices.record,
      ...freeCells,
      activityStatement(
        db,
        siteId,
        b.lead_id,
        { type, body: { bookingId: b.id, reason, by: 'user' } },
        'user',
        userId,
        at,
      ),
      ...(move?.ok
        ? moveStatements(db, siteId, b.lead_id, { ...move.plan, expectedVersion: null })
        : []),
    ],
    events: notices.rest,
  })
  if (!matched) throw new DomainError('conflict', 'This booking changed meanwhile.')
  return bookingFromRow((await getBooking(db, siteId, b.id))!)
}
