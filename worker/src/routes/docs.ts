/** `/openapi.json` and the readable API reference at `/docs`. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const docsRoutes = new Hono<AppEnv>()
