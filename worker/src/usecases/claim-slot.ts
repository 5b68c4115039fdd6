/**
 * Claim a slot: a visitor books a meeting in the widget, or a rep books one for a lead in the
 * console. One batch holds the atomic claim (db/booking.ts), the rep by the store's rule, the
 * lead's owner when it has none, the move to `meeting`, the timeline, and the confirmation,
 * reminders and webhooks.
 */
import { DAY_MS, type BookingSettings, type Stage } from '../../../contract'
import { assignmentOrder, cellsOf } from '../booking/assign'
import { meetingType } from '../booking/calendars'
import { manageLink } from '../booking/links'
import { freeSlots, isFreeSlot, type Interval, type RepCalendar } from '../booking/slots'
import { isValidTimeZone, localDate } from '../booking/time'
import { insertBookingStatements, isSlotConflict, repLoads, type BookingRow } from '../db/booking'
import { bookingSettings, repCalendars } from '../db/calendars'
import { activityStatement, claimOwnerStatement, moveStatements } from '../db/leads'
import type { SiteRow } from '../db/sites'
import { DomainError } from '../lib/errors'
import { newId, randomToken, sha256Hex } from '../lib/ids'
import { bookingNoticeStatements } from '../notices/booking'
import { applyAutomatic } from '../pipeline'
import { runBatch, type IdempotencyKey, type LinkDeps } from './batch'
import type { NewLead } from './capture-lead'

/** 422 `validation_failed` on one field of a booking request. */
export const invalidBooking = (path: string, message: string) =>
  new DomainError('validation_failed', 'The booking request is not valid.', [{ path, message }])

export const isoSlot = (s: Interval) => ({
  start: new Date(s.start).toISOString(),
  end: new Date(s.end).toISOString(),
})

/** The free slots nearest to `around`, for a visitor whose choice was just taken. */
export function nearestSlots(
  calendars: RepCalendar[],
  durationMin: number,
  around: number,
  now: number,
) {
  return freeSlots(calendars, {
    durationMin,
    from: around - 3 * DAY_MS,
    to: around + 7 * DAY_MS,
    now,
  })
    .sort((a, b) => Math.abs(a.start - around) - Math.abs(b.start - around))
    .slice(0, 5)
    .sort((a, b) => a.start - b.start)
    .map(isoSlot)
}

/** 409 `slot_taken` with the nearest free slots; thrown, so a replayed request still replays. */
export const slotTaken = (slots: { start: string; end: string }[]) =>
  new DomainError(
    'slot_taken',
    'That time was just taken; here are the nearest free ones.',
    undefined,
    { slots },
  )

/** A slot to book for a lead. */
export interface SlotClaim {
  site: SiteRow
  /** The meeting type's id. */
  type: string
  /** The UTC instant the meeting starts. */
  start: string
  /** The person's zone, for their confirmation and calendar file. */
  timeZone: string
  note: string | null
  pageUrl: string | null
  lead: { id: string; stage: Stage; ownerId: string | null }
  /** A lead made by this booking (usecases/capture-lead.ts). */
  capture?: NewLead
  /** Who books: the visitor, or a rep in the console (who takes an unowned lead first). */
  by: { type: 'visitor'; id: null } | { type: 'user'; id: string }
}

/** A booked slot: its row, its management token and the settings it was booked under. */
export interface ClaimedSlot {
  row: BookingRow
  token: string
  settings: BookingSettings
}

/**
 * Books a slot for a lead in one batch; throws 409 `slot_taken` with the nearest free slots
 * when it was taken, 422 when the request names no bookable time. `answer.body` makes the
 * answer from the booking before the batch runs, so that with `answer.key` (the request's
 * `Idempotency-Key`) it is stored in the same batch.
 */
export async function claimSlot<B>(
  { db, now, publicUrl }: LinkDeps,
  claim: SlotClaim,
  answer: { key?: IdempotencyKey; body: (slot: ClaimedSlot) => Promise<B> },
): Promise<{ slot: ClaimedSlot; body: B }> {
  const { site, lead, capture } = claim
  if (!isValidTimeZone(claim.timeZone)) throw invalidBooking('timeZone', 'no such time zone')
  const settings = await bookingSettings(db, site.id)
  const type = meetingType(settings, claim.type)
  if (!type) throw invalidBooking('type', 'no such meeting type')
  const at = now.toISOString()
  const start = Date.parse(claim.start)
  const end = start + type.durationMin * 60_000

  const calendars = await repCalendars(db, site.id, settings, start - DAY_MS, start + DAY_MS)
  const req = { durationMin: type.durationMin, now: now.getTime() }
  const free = calendars.filter((r) => isFreeSlot(r, start, req))
  if (free.length === 0) {
    const bookable = calendars.some((r) => isFreeSlot({ ...r, bookings: [] }, start, req))
    if (!bookable) {
      throw invalidBooking(
        'start',
        'not a bookable time: past, too soon, too far ahead, outside hours or off the grid',
      )
    }
    throw slotTaken(nearestSlots(calendars, type.durationMin, start, now.getTime()))
  }
  const loads = await repLoads(
    db,
    site.id,
    free.map((r) => r.repId),
    new Date(now.getTime() - 30 * DAY_MS).toISOString(),
  )
  const order = assignmentOrder(
    settings,
    free.map((r) => r.repId),
    loads,
    lead.ownerId ?? claim.by.id,
  )
  const token = randomToken(32)
  const tokenHash = await sha256Hex(token)
  const move = applyAutomatic({ stage: lead.stage, version: 0 }, 'meeting_booked', now)
  // Racing requests may take a free rep between our read and our claim: try the next one.
  for (const repId of order) {
    const rep = free.find((r) => r.repId === repId)!
    const id = newId('bk')
    const a = rep.availability
    const booking = {
      id,
      leadId: lead.id,
      repId,
      type: type.id,
      start,
      end,
      repDay: localDate(start, a.timeZone),
      maxPerDay: a.maxPerDay,
      visitorTz: claim.timeZone,
      tokenHash,
      note: claim.note,
      pageUrl: claim.pageUrl,
      cells: cellsOf(start, end, a),
      at,
    }
    const row: BookingRow = {
      id,
      site_id: site.id,
      lead_id: lead.id,
      rep_id: repId,
      type: type.id,
      start_at: new Date(start).toISOString(),
      end_at: new Date(end).toISOString(),
      visitor_tz: claim.timeZone,
      status: 'confirmed',
      sequence: 0,
      max_per_day: a.maxPerDay,
      note: booking.note,
      page_url: booking.pageUrl,
      created_at: at,
      updated_at: at,
    }
    const link = manageLink(publicUrl(), row.page_url, site.public_key, token)
    const notices = await bookingNoticeStatements(db, row, 'created', link, now, {
      contact: capture?.contact,
      site,
      settings,
    })
    const activity = { type: 'meeting_booked', body: { bookingId: id, start: row.start_at, repId } }
    const slot = { row, token, settings }
    const body = await answer.body(slot)
    const { matched } = await runBatch(db, {
      answer: answer.key ? { key: answer.key, status: 201, body, at } : null,
      first: capture ? [...capture.statements.contact, ...capture.statements.lead] : [],
      // The claim fails the whole batch when another booking holds a cell or the day is full.
      change: insertBookingStatements(db, site.id, booking),
      then: [
        claimOwnerStatement(db, site.id, lead.id, repId, at),
        activityStatement(db, site.id, lead.id, activity, claim.by.type, claim.by.id, at),
        ...(move.ok
          ? moveStatements(db, site.id, lead.id, { ...move.plan, expectedVersion: null })
          : []),
      ],
      events: [notices.record, ...notices.rest],
      conflict: isSlotConflict,
    })
    if (matched) return { slot, body }
  }
  const fresh = await repCalendars(db, site.id, settings, start - DAY_MS, start + DAY_MS)
  throw slotTaken(nearestSlots(fresh, type.durationMin, start, Date.now()))
}
