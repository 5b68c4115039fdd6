/**
 * What the public booking routes and the admin booking routes share: the free slots of a meeting
 * type, claiming a slot (the atomic claim, the rep, the lead's move, the confirmation and
 * reminders, all in one batch), moving a booking, and the booking as its links show it.
 */
import type { Context } from 'hono'
import {
  DAY_MS,
  type BookingCreate,
  type BookingSettings,
  type PublicBookingView,
  type Slots,
} from '../../../contract'
import { publicUrl, type AppEnv } from '../env'
import { cellsOf } from '../booking/assign'
import { meetingType } from '../booking/calendars'
import { manageLink } from '../booking/links'
import { isManageable } from '../booking/manage'
import { freeSlots, isFreeSlot } from '../booking/slots'
import { isValidTimeZone, localDate, monthSpan } from '../booking/time'
import {
  getBookingByToken,
  isSlotConflict,
  rescheduleStatements,
  type BookingRow,
} from '../db/booking'
import { bookingSettings, repCalendars } from '../db/calendars'
import { activityStatement } from '../db/leads'
import { getSiteById, type SiteRow } from '../db/sites'
import { bookingNoticeStatements, type NoticeBooking } from '../notices/booking'
import { ApiError } from '../lib/errors'
import { randomToken, sha256Hex } from '../lib/ids'
import type { IdempotencyState } from '../middleware/idempotency'
import {
  claimSlot as claimSlotFor,
  invalidBooking,
  isoSlot,
  nearestSlots,
  slotTaken,
  type SlotClaim,
} from '../usecases/claim-slot'
import { getUser } from '../db/users'

const MAX_RANGE_DAYS = 62

/**
 * Where a person manages a booking (booking/links.ts): the store's page it was booked on, else
 * the booking page this worker hosts. 503 `not_configured` without `PUBLIC_URL`.
 */
export async function manageLinkOf(
  c: Context<AppEnv>,
  b: { site_id: string; page_url: string | null },
  token: string,
  site?: SiteRow,
): Promise<string> {
  const origin = publicUrl(c.env)
  const store = site ?? (await getSiteById(c.env.DB, b.site_id))
  if (!store) throw new Error('a booking of a missing site')
  return manageLink(origin, b.page_url, store.public_key, token)
}

/** The API links of a booking the widget calls: its view and its calendar file. */
const links = (c: Context<AppEnv>, token: string) => {
  const manageUrl = `${new URL(c.req.url).origin}/v1/bookings/${token}`
  return { manageUrl, icsUrl: `${manageUrl}/ics` }
}

/** What a booking's manage page and the calendar need of its state. */
export const stateOf = (b: BookingRow) => ({ status: b.status, start: Date.parse(b.start_at) })

export async function view(
  c: Context<AppEnv>,
  b: BookingRow,
  settings: BookingSettings,
  token: string,
): Promise<PublicBookingView> {
  const type = meetingType(settings, b.type)
  const rep = await getUser(c.env.DB, b.site_id, b.rep_id)
  return {
    bookingId: b.id,
    status: b.status,
    type: b.type,
    typeName: type?.name ?? { tr: b.type, en: b.type },
    start: b.start_at,
    end: b.end_at,
    timeZone: b.visitor_tz,
    repName: rep?.name ?? '',
    location: type
      ? { kind: type.location.kind, value: type.location.value }
      : { kind: 'video', value: '' },
    ...links(c, token),
    sequence: b.sequence,
    manageable: isManageable(stateOf(b), Date.now()),
  }
}

/**
 * The instants a slots query names: `month`, or `from` and `to` (one or the other, 422 `month`
 * otherwise).
 */
function rangeOf(q: { month?: string; from?: string; to?: string }): { from: number; to: number } {
  if (q.month !== undefined && q.from === undefined && q.to === undefined) return monthSpan(q.month)
  if (q.month === undefined && q.from !== undefined && q.to !== undefined) {
    return { from: Date.parse(q.from), to: Date.parse(q.to) }
  }
  throw invalidBooking('month', 'either a month, or from and to')
}

/**
 * The free slots of a meeting type in [from, to) (at most 62 days) or in a month (see
 * `monthSpan`), as the widget gets them; without a type, of the store's first.
 */
export async function slotsOf(
  db: D1Database,
  siteId: string,
  q: { type?: string; month?: string; from?: string; to?: string },
): Promise<Slots> {
  const { from, to } = rangeOf(q)
  if (!(to > from)) throw invalidBooking('to', 'the range ends after it starts')
  if (to - from > MAX_RANGE_DAYS * DAY_MS)
    throw invalidBooking('to', `at most ${MAX_RANGE_DAYS} days`)
  const settings = await bookingSettings(db, siteId)
  const type = q.type === undefined ? settings.meetingTypes[0] : meetingType(settings, q.type)
  if (!type) throw invalidBooking('type', 'no such meeting type')
  const calendars = await repCalendars(db, siteId, settings, from, to)
  const slots = freeSlots(calendars, { durationMin: type.durationMin, from, to, now: Date.now() })
  return {
    type: type.id,
    durationMin: type.durationMin,
    slots: slots.map(isoSlot),
    timeZone: 'UTC',
  }
}

/** What a public booking asks for, with only a page of the store's own origins kept. */
export const slotOf = (site: SiteRow, input: BookingCreate) => ({
  site,
  type: input.type,
  start: input.start,
  timeZone: input.timeZone,
  note: input.note ?? null,
  // Only a page of the store's own origins may appear in its calendar invites.
  pageUrl:
    input.pageUrl && site.origins.includes(new URL(input.pageUrl).origin) ? input.pageUrl : null,
  by: { type: 'visitor' as const, id: null },
})

/** The visitor's answer: the booking with its management links. */
export const viewOf =
  (c: Context<AppEnv>) => (row: BookingRow, token: string, s: BookingSettings) =>
    view(c, row, s, token)

/**
 * Books a slot for a lead (usecases/claim-slot.ts) and answers 201 with `answer`'s body, stored
 * under the request's `Idempotency-Key` in the same batch. Shared by the visitor's booking and
 * the rep's booking from the console.
 */
export async function claimSlot(
  c: Context<AppEnv>,
  idem: IdempotencyState | undefined,
  claim: SlotClaim,
  answer: (row: BookingRow, token: string, settings: BookingSettings) => Promise<unknown>,
): Promise<Response> {
  const deps = { db: c.env.DB, now: new Date(), publicUrl: () => publicUrl(c.env) }
  const { body } = await claimSlotFor(deps, claim, {
    key: idem,
    body: ({ row, token, settings }) => answer(row, token, settings),
  })
  return c.json(body, 201)
}

/**
 * Moves a booking to a new start for the same rep, with a new management token; 409
 * `slot_taken` with the nearest free slots when the new time is not free. Shared by the
 * visitor's link and the rep's admin route.
 */
export async function rescheduleBooking(
  c: Context<AppEnv>,
  b: BookingRow,
  input: { start: string; timeZone?: string },
  by: 'visitor' | 'user',
) {
  const db = c.env.DB
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw invalidBooking('timeZone', 'no such time zone')
  }
  const settings = await bookingSettings(db, b.site_id)
  const type = meetingType(settings, b.type)
  if (!type) throw invalidBooking('type', 'the meeting type no longer exists')
  const start = Date.parse(input.start)
  const end = start + type.durationMin * 60_000
  const now = Date.now()
  const calendars = await repCalendars(
    db,
    b.site_id,
    settings,
    start - DAY_MS,
    start + DAY_MS,
    b.id,
  )
  const rep = calendars.find((r) => r.repId === b.rep_id)
  if (!rep) throw new ApiError('conflict', 'The rep of this booking takes no meetings now.')
  const req = { durationMin: type.durationMin, now }
  if (!isFreeSlot(rep, start, req)) {
    if (!isFreeSlot({ ...rep, bookings: [] }, start, req)) {
      throw invalidBooking(
        'start',
        'not a bookable time: past, too soon, too far ahead, outside hours or off the grid',
      )
    }
    throw slotTaken(nearestSlots([rep], type.durationMin, start, now))
  }
  const token = randomToken(32)
  const at = new Date(now).toISOString()
  const next = {
    start,
    end,
    repDay: localDate(start, rep.availability.timeZone),
    tokenHash: await sha256Hex(token),
    visitorTz: input.timeZone ?? b.visitor_tz,
    cells: cellsOf(start, end, rep.availability),
  }
  const actorId = by === 'user' ? c.get('auth').userId : null
  const body = { bookingId: b.id, from: b.start_at, to: new Date(start).toISOString(), by }
  const [update, ...moveCells] = rescheduleStatements(db, b, next, at)
  const moved: NoticeBooking = {
    ...b,
    start_at: new Date(start).toISOString(),
    end_at: new Date(end).toISOString(),
    visitor_tz: next.visitorTz,
    sequence: b.sequence + 1,
    updated_at: at,
  }
  const notices = await bookingNoticeStatements(
    db,
    moved,
    'rescheduled',
    await manageLinkOf(c, b, token),
    new Date(now),
    { afterChange: true },
  )
  try {
    const [updated] = await db.batch([
      update!,
      notices.record,
      ...moveCells,
      activityStatement(
        db,
        b.site_id,
        b.lead_id,
        { type: 'meeting_rescheduled', body },
        by,
        actorId,
        at,
      ),
      ...notices.rest,
    ])
    if (updated?.meta.changes !== 1)
      throw new ApiError('conflict', 'This booking changed meanwhile.')
  } catch (err) {
    if (!isSlotConflict(err)) throw err
    throw slotTaken(nearestSlots([rep], type.durationMin, start, now))
  }
  const after = await getBookingByToken(db, next.tokenHash)
  return c.json(await view(c, after!, settings, token))
}
