/**
 * Admin API for bookings: a rep books a slot for a lead (as the widget does), lists the
 * bookings, and closes or moves one (cancel, held, no-show: usecases/close-meeting.ts;
 * reschedule).
 */
import { Hono, type Context } from 'hono'
import { createFactory } from 'hono/factory'
import * as v from 'valibot'
import {
  AdminBookingCreateSchema,
  BookingListQuerySchema,
  BookingOutcomeSchema,
  BookingSchema,
  IdSchema,
  RescheduleSchema,
  SlotTakenSchema,
} from '../../../contract'
import { bookingFromRow, getBooking, listBookings, type BookingRow } from '../db/booking'
import { getSiteById } from '../db/sites'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { requireJson } from '../middleware/body'
import { idempotent } from '../middleware/idempotency'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { BookingListSchema } from '../openapi/schemas'
import { claimSlot, rescheduleBooking } from './booking-flow'
import { closeMeeting, type MeetingOutcome } from '../usecases/close-meeting'
import { findLead } from './lead-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

async function findBooking(c: Context<AppEnv>): Promise<BookingRow> {
  const booking = await getBooking(c.env.DB, c.get('auth').siteId, c.req.param('id') ?? '')
  if (!booking) throw new ApiError('not_found', 'No such booking.')
  if (booking.status !== 'confirmed')
    throw new ApiError('conflict', `This booking is ${booking.status}.`)
  return booking
}

/**
 * The route that closes a meeting one way: an optional reason in, the booking out, declared
 * once for the three outcomes.
 */
const outcome = (operationId: string, summary: string, to: MeetingOutcome) =>
  createFactory<AppEnv>().createHandlers(
    describeRoute({
      operationId,
      summary,
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', BookingOutcomeSchema),
    async (c) => {
      const b = await findBooking(c)
      const deps = { db: c.env.DB, now: new Date() }
      const reason = c.req.valid('json').reason ?? null
      return c.json(await closeMeeting(deps, b, to, reason, c.get('auth')))
    },
  )

/** A rep books a meeting for a lead, at `/admin/api/leads/:id/bookings`. */
export const leadBookings = new Hono<AppEnv>().post(
  '/:id/bookings',
  describeRoute({
    operationId: 'bookForLead',
    summary: 'Book a free slot for a lead from the console',
    description:
      'The same booking as the widget makes: the atomic claim (409 `slot_taken` with ' +
      "the nearest free slots), the rep by the store's rule (the signed-in rep first " +
      'when the lead has no owner and the rule is `owner_first`), the lead at ' +
      '`meeting`, the confirmation and reminders.',
    tag: 'Booking',
    idempotencyKey: 'optional',
    success: { status: 201, description: 'The booking.', schema: BookingSchema },
    errors: [...ERRORS.adminJson, 404, 409],
    conflict: SlotTakenSchema,
  }),
  idParam,
  requireJson(),
  validate('json', AdminBookingCreateSchema),
  async (c) => {
    const { siteId, userId } = c.get('auth')
    const lead = await findLead(c, c.req.valid('param').id)
    const site = (await getSiteById(c.env.DB, siteId))!
    const input = c.req.valid('json')
    return idempotent(c, siteId, { required: false }, (idem) =>
      claimSlot(
        c,
        idem,
        {
          ...input,
          site,
          lead,
          note: input.note ?? null,
          pageUrl: null,
          by: { type: 'user', id: userId },
        },
        async (row) => bookingFromRow(row),
      ),
    )
  },
)

/** Bookings and their outcomes, at `/admin/api/bookings`. */
export const adminBookings = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listBookings',
      summary: 'Bookings by start time',
      tag: 'Booking',
      success: { status: 200, description: 'The bookings.', schema: BookingListSchema },
      errors: ERRORS.adminQuery,
    }),
    validate('query', BookingListQuerySchema),
    async (c) =>
      c.json({ items: await listBookings(c.env.DB, c.get('auth').siteId, c.req.valid('query')) }),
  )
  .post('/:id/cancel', ...outcome('cancelBooking', 'Cancel a booking', 'cancelled'))
  .post(
    '/:id/held',
    ...outcome(
      'markBookingHeld',
      'Mark a meeting held: the lead moves from meeting to proposal',
      'held',
    ),
  )
  .post(
    '/:id/no-show',
    ...outcome(
      'markBookingNoShow',
      'Mark a meeting missed: the lead moves from meeting to nurturing',
      'no_show',
    ),
  )
  .post(
    '/:id/reschedule',
    describeRoute({
      operationId: 'rescheduleBooking',
      summary: 'Move a booking to another free slot of its rep',
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [...ERRORS.adminJson, 404, 409],
      conflict: SlotTakenSchema,
    }),
    idParam,
    requireJson(),
    validate('json', RescheduleSchema),
    async (c) => {
      const b = await findBooking(c)
      await rescheduleBooking(c, b, c.req.valid('json'), 'user')
      return c.json(bookingFromRow((await getBooking(c.env.DB, b.site_id, b.id))!))
    },
  )
