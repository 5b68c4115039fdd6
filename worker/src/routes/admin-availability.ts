/** Admin API for each rep's weekly availability and the free slots it gives. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  type Availability,
  AvailabilitySchema,
  IdSchema,
  SlotsQuerySchema,
  SlotsSchema,
} from '../../../contract'
import { isValidTimeZone } from '../booking/time'
import { getAvailability, putAvailabilityStatement } from '../db/booking'
import { userExists } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { slotsOf } from './booking-flow'

const idParam = validate('param', v.object({ id: IdSchema }))

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', 'The settings are not valid.', [{ path, message }])

/** A time zone the runtime knows, and at most one override per date. */
function checkAvailability(a: Availability) {
  if (!isValidTimeZone(a.timeZone)) throw invalid('timeZone', 'no such time zone')
  const dates = a.overrides.map((o) => o.date)
  if (new Set(dates).size !== dates.length) throw invalid('overrides', 'one override per date')
}

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
