/** Delivery reports from the e-mail and SMS providers. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const providerHooks = new Hono<AppEnv>()
