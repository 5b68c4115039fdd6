/**
 * The public booking API `<leadline-booking>` calls: meeting types, free slots, booking a slot,
 * and managing a booking through its unguessable token (view, calendar file, cancel,
 * reschedule). A claim is atomic in D1 (see db/booking.ts): of many requests racing for one
 * slot exactly one books it; the others get 409 `slot_taken` with the nearest free slots. What a
 * booking does is in usecases/ (claim-slot.ts, manage-booking.ts); the slots and the booking's
 * view are in booking-flow.ts, shared with admin-bookings.ts.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  BookingCreateSchema,
  CancelSchema,
  PublicBookingSchema,
  PublicBookingViewSchema,
  RescheduleSchema,
  SiteKeySchema,
  SlotTakenSchema,
  SlotsQuerySchema,
  SlotsSchema,
  DAY_MS,
} from '../../../contract'
import type { AppEnv } from '../env'
import { meetingType } from '../booking/calendars'
import { feed } from '../booking/ics'
import { bookingInvite } from '../booking/invite'
import { feedBookings, getBookingByToken, getFeedByToken, type BookingRow } from '../db/booking'
import { bookingSettings } from '../db/calendars'
import { getContact } from '../db/contacts'
import { getLead } from '../db/leads'
import { getSiteById } from '../db/sites'
import { ApiError } from '../lib/errors'
import { sha256Hex } from '../lib/ids'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { idempotent } from '../middleware/idempotency'
import { rateLimit } from '../middleware/rate-limit'
import { admitSite } from '../middleware/site'
import { getUser } from '../db/users'
import { newLead } from '../usecases/capture-lead'
import { cancelBooking } from '../usecases/manage-booking'

import {
  claimSlot,
  manageLinkOf,
  rescheduleBooking,
  slotOf,
  slotsOf,
  view,
  viewOf,
} from './booking-flow'
import { fromOwnPage } from './hosted-page'

const TokenParam = validate(
  'param',
  v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)) }),
)

/** The booking a management token points to now (an old token after a reschedule finds none). */
async function bookingOf(c: Context<AppEnv>, token: string) {
  const booking = await getBookingByToken(c.env.DB, await sha256Hex(token))
  if (!booking) throw new ApiError('not_found', 'This booking link is not valid any more.')
  return booking
}

/**
 * Management writes come from the store's pages, or the booking page this worker hosts for it:
 * the Origin must be one of the store's own, or this worker's.
 */
async function admitBookingOrigin(c: Context<AppEnv>, b: BookingRow) {
  const site = await getSiteById(c.env.DB, b.site_id)
  const origin = c.req.header('Origin')
  const allowed = fromOwnPage(c, origin) || (origin !== undefined && site?.origins.includes(origin))
  if (!site || !allowed) {
    c.set('originRefused', true)
    throw new ApiError('forbidden', 'This origin is not allowed for this store.')
  }
  c.set('site', site)
  return site
}

export const siteBookingRoutes = new Hono<AppEnv>()
  .get(
    '/:siteKey/booking',
    describeRoute({
      operationId: 'getBookingOptions',
      summary: "A store's meeting types and time zone",
      tag: 'Booking',
      success: { status: 200, description: 'The options.', schema: PublicBookingSchema },
      errors: [403, 404, 422, 500, 503],
    }),
    validate('param', v.object({ siteKey: SiteKeySchema })),
    async (c) => {
      const site = await admitSite(c, c.req.valid('param').siteKey, {
        write: false,
        ownPages: true,
      })
      const settings = await bookingSettings(c.env.DB, site.id)
      return c.json({
        meetingTypes: settings.meetingTypes.map((t) => ({
          id: t.id,
          name: t.name,
          durationMin: t.durationMin,
          locationKind: t.location.kind,
        })),
        storeTimeZone: site.time_zone,
      })
    },
  )
  .get(
    '/:siteKey/slots',
    describeRoute({
      operationId: 'listSlots',
      summary: 'Free slots of a meeting type in a range (at most 62 days)',
      description:
        'UTC starts, ascending; a slot is free when at least one rep who takes demos is ' +
        'free for the whole meeting with their buffers, within their hours (in their ' +
        'zone), after the minimum notice, within how far ahead one can book and below ' +
        "their daily maximum. Without `type`, the store's first meeting type (named in " +
        "the answer's `type`). `month=YYYY-MM` instead of `from` and `to` names the " +
        "whole month in any time zone: from the month's first day at 00:00 UTC less 14 " +
        "hours to the next month's plus 14 hours.",
      tag: 'Booking',
      success: { status: 200, description: 'The free slots.', schema: SlotsSchema },
      errors: [403, 404, 422, 500, 503],
    }),
    validate('param', v.object({ siteKey: SiteKeySchema })),
    validate('query', SlotsQuerySchema),
    async (c) => {
      const site = await admitSite(c, c.req.valid('param').siteKey, {
        write: false,
        ownPages: true,
      })
      return c.json(await slotsOf(c.env.DB, site.id, c.req.valid('query')))
    },
  )

/** A visitor's bookings: book, view, reschedule, cancel, at `/v1/bookings`. */
export const bookingPublicRoutes = new Hono<AppEnv>()
  .post(
    '/',
    describeRoute({
      operationId: 'createBooking',
      summary: 'Book a slot for a lead, or with contact details',
      description:
        'The claim is atomic: of requests racing for one slot exactly one books it; the ' +
        'others get 409 `slot_taken` with the nearest free slots. The lead moves to ' +
        '`meeting` and gets the rep as owner when it has none. The answer holds the ' +
        'management links.',
      tag: 'Booking',
      idempotencyKey: 'required',
      success: { status: 201, description: 'The booking.', schema: PublicBookingViewSchema },
      errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
      conflict: SlotTakenSchema,
    }),
    requireJson(),
    validate('json', BookingCreateSchema),
    async (c) => {
      const input = c.req.valid('json')
      const site = await admitSite(c, input.siteKey, { write: true, ownPages: true })
      return idempotent(c, site.id, { required: true }, async (idem) => {
        await rateLimit(c, site.id)
        const db = c.env.DB
        if (input.leadId !== undefined) {
          const lead = await getLead(db, site.id, input.leadId)
          if (!lead) throw new ApiError('not_found', 'No such lead in this store.')
          return claimSlot(c, idem, { ...slotOf(site, input), lead }, viewOf(c))
        }
        const contact = { siteKey: input.siteKey, ...input.contact! }
        const capture = newLead({ db, now: new Date() }, site, contact, 'booking', 'contact')
        const lead = { id: capture.plan.lead.id, stage: 'lead' as const, ownerId: null }
        return claimSlot(c, idem, { ...slotOf(site, input), lead, capture }, viewOf(c))
      })
    },
  )
  .get(
    '/:token',
    describeRoute({
      operationId: 'getBookingByToken',
      summary: 'A booking through its management link',
      description: 'A token stops working when the booking is rescheduled (a new one is issued).',
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: PublicBookingViewSchema },
      errors: [404, 422, 500, 503],
    }),
    TokenParam,
    async (c) => {
      const token = c.req.valid('param').token
      const booking = await bookingOf(c, token)
      return c.json(await view(c, booking, await bookingSettings(c.env.DB, booking.site_id), token))
    },
  )
  .get(
    '/:token/ics',
    describeRoute({
      operationId: 'getBookingInvite',
      summary: 'The booking as a calendar file (METHOD:REQUEST, or CANCEL once cancelled)',
      tag: 'Booking',
      success: { status: 200, description: 'An iCalendar file.', contentType: 'text/calendar' },
      errors: [404, 422, 500, 503],
    }),
    TokenParam,
    async (c) => {
      const token = c.req.valid('param').token
      const b = await bookingOf(c, token)
      const db = c.env.DB
      const [settings, lead, rep] = await Promise.all([
        bookingSettings(db, b.site_id),
        getLead(db, b.site_id, b.lead_id),
        getUser(db, b.site_id, b.rep_id),
      ])
      const contact = lead ? await getContact(db, b.site_id, lead.contactId) : null
      const { ics, method } = bookingInvite({
        booking: b,
        type: meetingType(settings, b.type),
        rep,
        contact,
        // People manage a booking on the store's page, where <leadline-booking> opens its
        // management view from `?leadline_booking=TOKEN`; without one, on the hosted page.
        manageUrl: await manageLinkOf(c, b, token),
      })
      return c.body(ics, 200, {
        'Content-Type': `text/calendar; charset=utf-8; method=${method}`,
        'Content-Disposition': `attachment; filename="${b.id}.ics"`,
      })
    },
  )
  .post(
    '/:token/cancel',
    describeRoute({
      operationId: 'cancelBookingByToken',
      summary: 'Cancel a booking through its link',
      description:
        "Needs one of the store's origins. A cancelled booking, or one whose meeting has " +
        'started (409 `booking_started`), can no longer be changed.',
      tag: 'Booking',
      success: {
        status: 200,
        description: 'The cancelled booking.',
        schema: PublicBookingViewSchema,
      },
      errors: [403, 404, 409, 413, 415, 422, 500, 503],
    }),
    TokenParam,
    requireJson(),
    validate('json', CancelSchema),
    async (c) => {
      const token = c.req.valid('param').token
      const b = await bookingOf(c, token)
      await admitBookingOrigin(c, b)
      const db = c.env.DB
      await cancelBooking({ db, now: new Date() }, b, c.req.valid('json').reason ?? null)
      const now = await bookingOf(c, token)
      return c.json(await view(c, now, await bookingSettings(db, b.site_id), token))
    },
  )
  .post(
    '/:token/reschedule',
    describeRoute({
      operationId: 'rescheduleBookingByToken',
      summary: 'Move a booking to another free slot through its link',
      description:
        'Answers with a new management link; the old one stops working. 409 ' +
        '`booking_started` once the meeting has started.',
      tag: 'Booking',
      success: { status: 200, description: 'The moved booking.', schema: PublicBookingViewSchema },
      errors: [403, 404, 409, 413, 415, 422, 500, 503],
      conflict: SlotTakenSchema,
    }),
    TokenParam,
    requireJson(),
    validate('json', RescheduleSchema),
    async (c) => {
      const token = c.req.valid('param').token
      const b = await bookingOf(c, token)
      await admitBookingOrigin(c, b)
      return rescheduleBooking(c, b, c.req.valid('json'), 'visitor')
    },
  )

/** A rep's private calendar feed, at `/v1/calendar`. */
export const calendarFeedRoutes = new Hono<AppEnv>().get(
  '/:file',
  describeRoute({
    operationId: 'getCalendarFeed',
    summary: "A rep's private calendar feed (/v1/calendar/{token}.ics)",
    tag: 'Booking',
    success: { status: 200, description: 'An iCalendar feed.', contentType: 'text/calendar' },
    errors: [404, 422, 500, 503],
  }),
  validate('param', v.object({ file: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}\.ics$/)) })),
  async (c) => {
    const token = c.req.valid('param').file.slice(0, -4)
    const db = c.env.DB
    const owner = await getFeedByToken(db, await sha256Hex(token))
    if (!owner) throw new ApiError('not_found', 'This calendar feed does not exist or was revoked.')
    const since = new Date(Date.now() - 30 * DAY_MS).toISOString()
    const [rows, settings] = await Promise.all([
      feedBookings(db, owner.site_id, owner.user_id, since),
      bookingSettings(db, owner.site_id),
    ])
    // A published feed has no attendees (RFC 5546 3.2.1): who the meeting is with goes in the text.
    const events = rows.map((b) => {
      const who = b.contact_name ?? b.contact_email ?? ''
      return {
        uid: `${b.id}@leadline`,
        sequence: b.sequence,
        dtstamp: Date.parse(b.updated_at),
        start: Date.parse(b.start_at),
        end: Date.parse(b.end_at),
        summary: `${meetingType(settings, b.type)?.name.tr ?? b.type} — ${who}`,
        description: [who, b.contact_email, b.contact_phone, b.note].filter(Boolean).join('\n'),
        organizer: { name: owner.name, email: owner.email },
        attendee: { name: who, email: b.contact_email ?? owner.email },
        status: b.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      }
    })
    return c.body(feed(`Leadline — ${owner.name}`, events, Date.now()), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=300',
    })
  },
)
