/** Admin API for deals: the ranking by impact, deal fields, pipelines. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const adminDeals = new Hono<AppEnv>()
