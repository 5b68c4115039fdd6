/** Routes of the delivery area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const DELIVERY_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const DELIVERY_ROUTES: RouteDoc[] = []
