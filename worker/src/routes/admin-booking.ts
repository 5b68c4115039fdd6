/**
 * Admin API for booking: the store's booking settings and meeting types (owners), each rep's
 * availability (owners for anyone, reps for themselves), free slots and booking one for a lead
 * (as the widget does), the bookings with the rep's actions (cancel, reschedule, held,
 * no-show), and reps' private calendar feeds.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  AdminBookingCreateSchema,
  type Availability,
  AvailabilitySchema,
  BookingListQuerySchema,
  BookingOutcomeSchema,
  BookingSchema,
  type BookingSettings,
  BookingSettingsSchema,
  CalendarFeedListSchema,
  CalendarFeedSchema,
  IdSchema,
  RescheduleSchema,
  SlotTakenSchema,
  SlotsQuerySchema,
  SlotsSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { isValidTimeZone } from '../booking/time'
import {
  bookingFromRow,
  getAvailability,
  getBooking,
  insertFeedStatement,
  liveFeeds,
  listBookings,
  putAvailabilityStatement,
  putBookingSettingsStatement,
  revokeFeedStatement,
  setStatusStatements,
  type BookingRow,
} from '../db/booking'
import { bookingSettings } from '../db/calendars'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import { cancelPendingStatement } from '../db/outbox'
import { getSiteById } from '../db/sites'
import { userExists } from '../db/users'
import { cancelNotices } from '../notices/booking'
import { ApiError } from '../lib/errors'
import { newId, randomToken, sha256Hex } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { idempotent } from '../middleware/idempotency'
import { applyAutomatic } from '../pipeline'
import { claimSlot, rescheduleBooking, slotsOf } from './booking-flow'
import { findLead } from './lead-lookup'
import { BookingListSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', 'The settings are not valid.', [{ path, message }])

async function checkSettings(c: Context<AppEnv>, s: BookingSettings) {
  const ids = s.meetingTypes.map((t) => t.id)
  if (new Set(ids).size !== ids.length)
    throw invalid('meetingTypes', 'meeting type ids must be unique')
  const { siteId } = c.get('auth')
  const people = [...s.reps, ...(s.fixedRep ? [s.fixedRep] : [])]
  for (const [i, id] of people.entries()) {
    if (!(await userExists(c.env.DB, siteId, id))) {
      throw invalid(i < s.reps.length ? `reps.${i}` : 'fixedRep', 'no such user in this store')
    }
  }
}

function checkAvailability(a: Availability) {
  if (!isValidTimeZone(a.timeZone)) throw invalid('timeZone', 'no such time zone')
  const dates = a.overrides.map((o) => o.date)
  if (new Set(dates).size !== dates.length) throw invalid('overrides', 'one override per date')
}

async function findBooking(c: Context<AppEnv>): Promise<BookingRow> {
  const booking = await getBooking(c.env.DB, c.get('auth').siteId, c.req.param('id') ?? '')
  if (!booking) throw new ApiError('not_found', 'No such booking.')
  if (booking.status !== 'confirmed')
    throw new ApiError('conflict', `This booking is ${booking.status}.`)
  return booking
}

/**
 * Marks a meeting held (the lead moves `meeting` → `proposal`) or missed (`meeting` →
 * `nurturing`), or cancels it; recorded on the lead's timeline.
 */
async function closeMeeting(
  c: Context<AppEnv>,
  outcome: 'held' | 'no_show' | 'cancelled',
  reason: string | null,
) {
  const { userId, siteId } = c.get('auth')
  const b = await findBooking(c)
  const db = c.env.DB
  const now = new Date()
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
  const [updated] = await db.batch([
    update!,
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
    ...notices.rest,
  ])
  if (updated?.meta.changes !== 1) throw new ApiError('conflict', 'This booking changed meanwhile.')
  return c.json(bookingFromRow((await getBooking(db, siteId, b.id))!))
}

export const adminBookingSettings = new Hono<AppEnv>()
  .get(
    '/settings',
    describeRoute({
      operationId: 'getBookingSettings',
      summary: "The store's meeting types, demo reps and assignment",
      tag: 'Booking',
      success: { status: 200, description: 'The settings.', schema: BookingSettingsSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json(await bookingSettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/settings',
    describeRoute({
      operationId: 'putBookingSettings',
      summary: 'Set the meeting types, demo reps and assignment (owners)',
      tag: 'Booking',
      success: { status: 200, description: 'The settings.', schema: BookingSettingsSchema },
      errors: [...ERRORS.adminJson, 403],
    }),
    requireJson(),
    validate('json', BookingSettingsSchema),
    async (c) => {
      requireOwner(c)
      const settings = c.req.valid('json')
      await checkSettings(c, settings)
      await putBookingSettingsStatement(
        c.env.DB,
        c.get('auth').siteId,
        settings,
        new Date().toISOString(),
      ).run()
      return c.json(settings)
    },
  )

/** Weekly availability per rep, at `/admin/api/availability`. */
export const adminAvailability = new Hono<AppEnv>()
  .get(
    '/:id',
    describeRoute({
      operationId: 'getAvailability',
      summary: "A rep's availability",
      tag: 'Booking',
      success: { status: 200, description: 'The rules.', schema: AvailabilitySchema },
      errors: ERRORS.adminReadById,
    }),
    idParam,
    async (c) => {
      const rules = (await getAvailability(c.env.DB, c.get('auth').siteId)).get(
        c.req.valid('param').id,
      )
      if (!rules) throw new ApiError('not_found', 'This user has no availability yet.')
      return c.json(rules)
    },
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'putAvailability',
      summary: "Set a rep's availability (owners for anyone, reps for themselves)",
      tag: 'Booking',
      success: { status: 200, description: 'The rules.', schema: AvailabilitySchema },
      errors: [...ERRORS.adminJson, 403, 404],
    }),
    idParam,
    requireJson(),
    validate('json', AvailabilitySchema),
    async (c) => {
      const { siteId, userId, role } = c.get('auth')
      const id = c.req.valid('param').id
      if (role !== 'owner' && id !== userId) {
        throw new ApiError('forbidden', 'Reps can change only their own availability.')
      }
      if (!(await userExists(c.env.DB, siteId, id)))
        throw new ApiError('not_found', 'No such user.')
      const rules = c.req.valid('json')
      checkAvailability(rules)
      await putAvailabilityStatement(c.env.DB, siteId, id, rules, new Date().toISOString()).run()
      return c.json(rules)
    },
  )

/** Free slots as a rep books them, at `/admin/api/slots`. */
export const adminSlots = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    operationId: 'listAdminSlots',
    summary:
      'Free slots of a meeting type in a range (at most 62 days), as the widget gets ' + 'them',
    tag: 'Booking',
    success: { status: 200, description: 'The free slots.', schema: SlotsSchema },
    errors: ERRORS.adminQuery,
  }),
  validate('query', SlotsQuerySchema),
  async (c) => c.json(await slotsOf(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
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
  .post(
    '/:id/cancel',
    describeRoute({
      operationId: 'cancelBooking',
      summary: 'Cancel a booking',
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', BookingOutcomeSchema),
    (c) => closeMeeting(c, 'cancelled', c.req.valid('json').reason ?? null),
  )
  .post(
    '/:id/held',
    describeRoute({
      operationId: 'markBookingHeld',
      summary: 'Mark a meeting held: the lead moves from meeting to proposal',
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', BookingOutcomeSchema),
    (c) => closeMeeting(c, 'held', c.req.valid('json').reason ?? null),
  )
  .post(
    '/:id/no-show',
    describeRoute({
      operationId: 'markBookingNoShow',
      summary: 'Mark a meeting missed: the lead moves from meeting to nurturing',
      tag: 'Booking',
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', BookingOutcomeSchema),
    (c) => closeMeeting(c, 'no_show', c.req.valid('json').reason ?? null),
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

/** Private calendar feeds, at `/admin/api/calendar-feeds`. */
export const adminCalendarFeeds = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listCalendarFeeds',
      summary: 'Your live calendar feeds (without their URLs, which were shown once)',
      tag: 'Booking',
      success: {
        status: 200,
        description: 'The feeds, newest first.',
        schema: CalendarFeedListSchema,
      },
      errors: ERRORS.adminRead,
    }),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      return c.json({ items: await liveFeeds(c.env.DB, siteId, userId) })
    },
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createCalendarFeed',
      summary: 'A private calendar feed of your meetings; its URL is shown once',
      tag: 'Booking',
      success: { status: 201, description: 'The feed.', schema: CalendarFeedSchema },
      errors: [401, 415, ...ERRORS.server],
    }),
    noBody(),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const token = randomToken(32)
      const id = newId('cf')
      const at = new Date().toISOString()
      await insertFeedStatement(c.env.DB, {
        id,
        siteId,
        userId,
        tokenHash: await sha256Hex(token),
        at,
      }).run()
      return c.json({ id, url: `${new URL(c.req.url).origin}/v1/calendar/${token}.ics` }, 201)
    },
  )
  .delete(
    '/:id',
    describeRoute({
      operationId: 'revokeCalendarFeed',
      summary: 'Revoke one of your calendar feeds',
      tag: 'Booking',
      success: { status: 204, description: 'Revoked.' },
      errors: ERRORS.adminAction,
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const at = new Date().toISOString()
      const result = await revokeFeedStatement(
        c.env.DB,
        siteId,
        userId,
        c.req.valid('param').id,
        at,
      ).run()
      if (result.meta.changes !== 1) throw new ApiError('not_found', 'No such live feed of yours.')
      return c.body(null, 204)
    },
  )
