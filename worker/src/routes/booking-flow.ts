/**
 * What the public booking routes and the admin booking routes share: the free slots of a meeting
 * type, the booking as its links show it, and the HTTP side of claiming a slot and moving a
 * booking (the use cases themselves are usecases/claim-slot.ts and usecases/manage-booking.ts).
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
import { meetingType } from '../booking/calendars'
import { manageLink } from '../booking/links'
import { isManageable } from '../booking/manage'
import { freeSlots } from '../booking/slots'
import { monthSpan } from '../booking/time'
import type { BookingRow } from '../db/booking'
import { bookingSettings, repCalendars } from '../db/calendars'
import { getSiteById, type SiteRow } from '../db/sites'
import { getUser } from '../db/users'
import type { IdempotencyState } from '../middleware/idempotency'
import {
  claimSlot as claimSlotFor,
  invalidBooking,
  isoSlot,
  type SlotClaim,
} from '../usecases/claim-slot'
import { rescheduleBooking as reschedule } from '../usecases/manage-booking'

const MAX_RANGE_DAYS = 62

/** What the booking use cases depend on: the database, the clock, the public origin. */
const deps = (c: Context<AppEnv>) => ({
  db: c.env.DB,
  now: new Date(),
  publicUrl: () => publicUrl(c.env),
})

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
const stateOf = (b: BookingRow) => ({ status: b.status, start: Date.parse(b.start_at) })

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
  const { body } = await claimSlotFor(deps(c), claim, {
    key: idem,
    body: ({ row, token, settings }) => answer(row, token, settings),
  })
  return c.json(body, 201)
}

/**
 * Moves a booking to a new start for the same rep, with a new management token
 * (usecases/manage-booking.ts), and answers the booking's view. Shared by the visitor's link
 * and the rep's admin route.
 */
export async function rescheduleBooking(
  c: Context<AppEnv>,
  b: BookingRow,
  input: { start: string; timeZone?: string },
  by: 'visitor' | 'user',
) {
  const actor = by === 'user' ? { type: by, id: c.get('auth').userId } : { type: by, id: null }
  const { booking, token, settings } = await reschedule(deps(c), b, input, actor)
  return c.json(await view(c, booking, settings, token))
}
