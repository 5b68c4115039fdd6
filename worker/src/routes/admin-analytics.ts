/** Admin API for analytics: funnel, time in stage, win rates, lost reasons, forecast. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const adminAnalytics = new Hono<AppEnv>()
