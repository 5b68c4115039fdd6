/** Admin API for a rep's private calendar feeds (`/v1/calendar/<token>.ics`). */
import { Hono } from 'hono'
import * as v from 'valibot'
import { CalendarFeedListSchema, CalendarFeedSchema, IdSchema } from '../../../contract'
import { insertFeedStatement, liveFeeds, revokeFeedStatement } from '../db/booking'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { newId, randomToken, sha256Hex } from '../lib/ids'
import { noBody } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

const idParam = validate('param', v.object({ id: IdSchema }))

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
