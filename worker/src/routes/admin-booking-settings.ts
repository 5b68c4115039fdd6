/** Admin API for the store's booking settings: meeting types, demo reps and assignment (owners). */
import { Hono, type Context } from 'hono'
import { type BookingSettings, BookingSettingsSchema } from '../../../contract'
import { bookingSettings } from '../db/calendars'
import { putBookingSettingsStatement } from '../db/booking'
import { userExists } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', 'The settings are not valid.', [{ path, message }])

/** Meeting type ids are unique and every rep named is a user of the store. */
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

/** The booking settings, at `/admin/api/booking/settings`. */
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
