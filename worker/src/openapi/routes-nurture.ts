/** Routes of the nurture area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const NURTURE_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const NURTURE_ROUTES: RouteDoc[] = []
