/** Routes of the analytics area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const ANALYTICS_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const ANALYTICS_ROUTES: RouteDoc[] = []
