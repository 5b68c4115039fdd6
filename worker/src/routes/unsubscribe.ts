/** One-click unsubscribe links of e-mail and SMS messages. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const unsubscribeRoutes = new Hono<AppEnv>()
