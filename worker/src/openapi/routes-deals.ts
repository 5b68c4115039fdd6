/** Routes of the deals area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const DEALS_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const DEALS_ROUTES: RouteDoc[] = []
