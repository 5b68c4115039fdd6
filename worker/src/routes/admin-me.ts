/** Admin API: who the admin key or session belongs to, and their store. */
import { Hono } from 'hono'
import { MeSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { getSiteById } from '../db/sites'
import { ERRORS, describeRoute } from '../openapi/describe'

export const adminMe = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    operationId: 'getMe',
    summary: 'The user and store of the admin key',
    tag: 'Admin',
    success: { status: 200, description: 'Who you are.', schema: MeSchema },
    errors: ERRORS.adminRead,
  }),
  async (c) => {
    const { siteId, userId, name, email, role } = c.get('auth')
    const site = await getSiteById(c.env.DB, siteId)
    if (!site) throw new Error('key of a missing site')
    return c.json({
      user: { id: userId, name, email, role },
      site: { id: site.id, siteKey: site.public_key, name: site.name },
    })
  },
)
