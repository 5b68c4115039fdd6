/** Admin API for delivery: webhooks, the outbox and its delivery log. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const adminDelivery = new Hono<AppEnv>()
